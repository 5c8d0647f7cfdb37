using LocalCloud.Hosting;
using LocalCloud.Protocol;

namespace LocalCloud.Iam;

/// <summary>
/// The IAM roles the demo's pipelines name (see <c>Scenarios/DemoSeed</c>), made as the Glue developer guide tells
/// users to make them: EventBridge's role trusts <c>events.amazonaws.com</c> for this account and may call
/// <c>glue:notifyEvent</c> on the account's workflows; Glue's role trusts <c>glue.amazonaws.com</c> and has the AWS
/// managed <c>AWSGlueServiceRole</c>. Roles that already exist are left as they are.
/// </summary>
public sealed class IamDemoRoles(LocalCloudSettings settings, IamBackend iam, ILogger<IamDemoRoles> logger) : ILocalCloudStartup
{
    public const string NotifyRoleName = "EventBridgeGlueNotifyRole-demo";
    public const string GlueRoleName = "AWSGlueServiceRole-demo";

    public Task StartAsync(LocalCloudHost host, CancellationToken cancellationToken)
    {
        if (!settings.SeedDemo)
        {
            return Task.CompletedTask;
        }

        var account = settings.AccountId;
        var context = new RequestContext(account, "us-east-1", "iam", "seed", account);
        if (Create(context, NotifyRoleName, "Lets EventBridge rules start the demo's Glue workflows.", """
            {"Version":"2012-10-17","Statement":[{"Sid":"EventBridgeFromThisAccount","Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceAccount":"ACCOUNT"}}}]}
            """.Replace("ACCOUNT", account, StringComparison.Ordinal)))
        {
            iam.PutRolePolicy(context, new PutRolePolicyRequest(NotifyRoleName, "glue-notify-event", """
                {"Version":"2012-10-17","Statement":[{"Sid":"NotifyWorkflows","Effect":"Allow","Action":"glue:notifyEvent","Resource":"arn:aws:glue:*:ACCOUNT:workflow/*"}]}
                """.Replace("ACCOUNT", account, StringComparison.Ordinal).Trim()));
        }

        if (Create(context, GlueRoleName, "The demo's Glue jobs and crawlers.", """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"glue.amazonaws.com"},"Action":"sts:AssumeRole"}]}
            """))
        {
            iam.AttachRolePolicy(context, new RolePolicyArnRequest(GlueRoleName, "arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole"));
        }

        return Task.CompletedTask;
    }

    private bool Create(RequestContext context, string name, string description, string trust)
    {
        try
        {
            iam.CreateRole(context, new CreateRoleRequest(null, name, trust.Trim(), description, null, null, null));
            logger.LogInformation("Created the demo role {Role} in account {Account}.", name, context.Account);
            return true;
        }
        catch (AwsServiceException error) when (error.Code == "EntityAlreadyExists")
        {
            logger.LogInformation("The demo role {Role} already exists in account {Account}; it is kept as it is.", name, context.Account);
            return false;
        }
    }
}
