using LocalCloud.Hosting;
using LocalCloud.Iam;
using LocalCloud.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace LocalCloud.Tests.Shared;

/// <summary>
/// The role a rule's Glue workflow target needs, made as the Glue developer guide says: it trusts
/// <c>events.amazonaws.com</c> and may call <c>glue:notifyEvent</c> on the account's workflows. Without it, LocalCloud
/// refuses delivery exactly as AWS does.
/// </summary>
public static class NotifyRole
{
    public const string Name = "eventbridge-glue-notify";

    public const string TrustPolicy =
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";

    public static string Arn(string account) => $"arn:aws:iam::{account}:role/{Name}";

    public static string PermissionPolicy(string account) =>
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"glue:notifyEvent","Resource":"arn:aws:glue:*:{{account}}:workflow/*"}]}""";

    /// <summary>Makes the role through the AWS CLI, as a user would.</summary>
    public static async Task<string> CreateAsync(AwsCli cli, string account)
    {
        await cli.RunAsync("iam", "create-role", "--role-name", Name, "--assume-role-policy-document", TrustPolicy);
        await cli.RunAsync("iam", "put-role-policy", "--role-name", Name, "--policy-name", "notify-workflows", "--policy-document", PermissionPolicy(account));
        return Arn(account);
    }

    /// <summary>Makes the role in-process, for tests that drive LocalCloud's HTTP APIs by hand.</summary>
    public static string Create(LocalCloudHost cloud, string account)
    {
        var iam = cloud.Services.GetRequiredService<IamBackend>();
        var context = new RequestContext(account, "us-east-1", "iam", Guid.NewGuid().ToString(), account);
        iam.CreateRole(context, new CreateRoleRequest(null, Name, TrustPolicy, null, null, null, null));
        iam.PutRolePolicy(context, new PutRolePolicyRequest(Name, "notify-workflows", PermissionPolicy(account)));
        return Arn(account);
    }
}
