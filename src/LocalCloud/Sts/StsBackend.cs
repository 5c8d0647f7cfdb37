using LocalCloud.Protocol;

namespace LocalCloud.Sts;

/// <summary>STS over Query: enough for the standard tools to see one account.</summary>
public sealed class StsBackend : IAwsService
{
    public StsBackend(TimeProvider time)
    {
        Operations = new OperationTable()
            .Add<GetCallerIdentityRequest, GetCallerIdentityResult>("GetCallerIdentity", (context, _) => new GetCallerIdentityResult(
                context.Account,
                $"arn:aws:iam::{context.Account}:root",
                context.AccessKeyId))
            .Add<AssumeRoleRequest, AssumeRoleResult>("AssumeRole", (context, request) =>
            {
                if (string.IsNullOrEmpty(request.RoleArn) || string.IsNullOrEmpty(request.RoleSessionName))
                {
                    throw new AwsServiceException("ValidationError", "RoleArn and RoleSessionName are required.");
                }

                var account = request.RoleArn.Split(':') is { Length: > 4 } parts ? parts[4] : context.Account;
                var roleName = request.RoleArn[(request.RoleArn.LastIndexOf('/') + 1)..];
                var expires = time.GetUtcNow().AddSeconds(request.DurationSeconds ?? 3600);
                return new AssumeRoleResult(
                    new Credentials(account, "localcloud-secret", "localcloud-session", expires),
                    new AssumedRoleUser($"AROA{account}:{request.RoleSessionName}", $"arn:aws:sts::{account}:assumed-role/{roleName}/{request.RoleSessionName}"));
            });
    }

    public string SigningName => "sts";

    public string? TargetPrefix => null;

    public string? QueryNamespace => "https://sts.amazonaws.com/doc/2011-06-15/";

    public OperationTable Operations { get; }
}

public sealed record GetCallerIdentityRequest;

public sealed record GetCallerIdentityResult(string Account, string Arn, string UserId);

public sealed record AssumeRoleRequest(string? RoleArn, string? RoleSessionName, int? DurationSeconds);

public sealed record AssumeRoleResult(Credentials Credentials, AssumedRoleUser AssumedRoleUser);

/// <summary>The access key is the role's account id, so calls made with it land in that account.</summary>
public sealed record Credentials(string AccessKeyId, string SecretAccessKey, string SessionToken, DateTimeOffset Expiration);

public sealed record AssumedRoleUser(string AssumedRoleId, string Arn);
