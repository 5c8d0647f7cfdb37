using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Dashboard.Configuration;
using Microsoft.Extensions.Options;

namespace Dashboard.Cloud;

/// <summary>Who the dashboard is, where: the answer of STS <c>GetCallerIdentity</c>.</summary>
public sealed record CloudIdentityInfo(CloudMode Mode, string AccountId, string Region, string Arn, Uri? Endpoint)
{
    /// <summary>The short label for the app bar: "Local", or the account and region.</summary>
    public string Label => Mode == CloudMode.Local ? "Local" : $"{AccountId} · {Region}";

    /// <summary>The ARN of a Glue workflow in this account and region, as EventBridge targets name it.</summary>
    public string WorkflowArn(string workflowName) => $"arn:{Partition}:glue:{Region}:{AccountId}:workflow/{workflowName}";

    public string Partition => Region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
        : Region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov"
        : "aws";
}

/// <summary>Who the dashboard acts as. Tests replace it with a fixed identity.</summary>
public interface ICloudIdentity
{
    CloudMode Mode { get; }

    /// <summary>The endpoint in Local mode; null in Aws mode.</summary>
    Uri? LocalEndpoint { get; }

    /// <summary>The configured region; throws when none is configured anywhere.</summary>
    string Region { get; }

    Task<CloudIdentityInfo> GetAsync(CancellationToken cancellationToken);

    /// <summary>The identity if it is already known, without asking STS; null before the first answer.</summary>
    CloudIdentityInfo? Known => null;
}

/// <summary>
/// Resolves and caches the caller identity. One per environment: every circuit that shows it shares the answer, and a failure is retried
/// on the next request rather than cached.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The gate never creates its wait handle, so it holds nothing to dispose; a disposable identity would be disposed by the circuits it is handed to.")]
public sealed class CloudIdentity(
    IAmazonSecurityTokenService sts,
    AWSOptions awsOptions,
    IOptions<CloudOptions> cloudOptions,
    EmbeddedLocalCloud localCloud,
    TimeProvider time) : ICloudIdentity
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(15);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (CloudIdentityInfo Info, DateTimeOffset Until)? _cached;

    public CloudMode Mode => cloudOptions.Value.Mode;

    public Uri? LocalEndpoint => Mode == CloudMode.Local ? localCloud.Endpoint : null;

    public string Region => awsOptions.Region?.SystemName
        ?? FallbackRegionFactory.GetRegionEndpoint()?.SystemName
        ?? throw new AmazonClientException("No AWS region is configured. Set Aws:Region, AWS_REGION or a profile region.");

    public CloudIdentityInfo? Known => _cached?.Info;

    public async Task<CloudIdentityInfo> GetAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } hit && hit.Until > time.GetUtcNow())
        {
            return hit.Info;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } again && again.Until > time.GetUtcNow())
            {
                return again.Info;
            }

            var response = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken);
            var info = new CloudIdentityInfo(Mode, response.Account, Region, response.Arn, LocalEndpoint);
            _cached = (info, time.GetUtcNow() + CacheFor);
            return info;
        }
        finally
        {
            _gate.Release();
        }
    }
}
