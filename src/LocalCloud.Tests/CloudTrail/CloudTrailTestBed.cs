using System.Text.Json.Nodes;
using LocalCloud.CloudTrail;
using LocalCloud.Events;
using LocalCloud.Protocol;
using LocalCloud.Tests.S3;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LocalCloud.Tests.CloudTrail;

/// <summary>A <see cref="CloudTrailBackend"/> on a fake clock, with a recording EventBridge and an S3 for log buckets.</summary>
public sealed class CloudTrailTestBed
{
    public CloudTrailTestBed(int historyCapacity = CloudTrailBackend.DefaultHistoryCapacity)
    {
        S3 = new S3TestBed(clock: Clock);
        var services = new ServiceCollection()
            .AddSingleton<IEventIngress>(Events)
            .AddSingleton(S3.Backend)
            .BuildServiceProvider();
        Backend = new CloudTrailBackend(Clock, services, NullLogger.Instance, historyCapacity);
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    public RecordingEventIngress Events { get; } = new();

    public S3TestBed S3 { get; }

    public CloudTrailBackend Backend { get; }

    public string Account => S3.Account;

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Calls an operation as the JSON front end does, by name, in a region.</summary>
    public async Task<TResponse> CallAsync<TResponse>(string operation, object request, string region = "us-east-1", string? account = null)
    {
        var context = new RequestContext(account ?? Account, region, "cloudtrail", "REQ", account ?? Account);
        return (TResponse)await Backend.Operations.Get(operation).Invoke(context, request, Ct);
    }

    public async Task<AwsServiceException> FailAsync(string operation, object request, string region = "us-east-1") =>
        await Assert.ThrowsAsync<AwsServiceException>(() => CallAsync<object>(operation, request, region));

    /// <summary>A trail on a new log bucket, optionally logging with the given selectors.</summary>
    public async Task<string> TrailAsync(string? name = null, bool logging = true, EventSelector[]? selectors = null, AdvancedEventSelector[]? advanced = null, string region = "us-east-1", bool multiRegion = false)
    {
        name ??= "trail-" + Guid.NewGuid().ToString("N")[..8];
        var bucket = await S3.BucketAsync();
        await CallAsync<CreateTrailResponse>("CreateTrail", Create(name, bucket) with { IsMultiRegionTrail = multiRegion }, region);
        if (selectors is not null || advanced is not null)
        {
            await CallAsync<PutEventSelectorsResponse>("PutEventSelectors", new PutEventSelectorsRequest(name, selectors, advanced), region);
        }

        if (logging)
        {
            await CallAsync<Empty>("StartLogging", new StartLoggingRequest(name), region);
        }

        return name;
    }

    public static CreateTrailRequest Create(string name, string bucket) => new(name, bucket, null, null, null, null, null, null, null, null, null, null);

    public static EventSelector[] Prefix(string arnPrefix, string readWrite = "All") =>
        [new EventSelector(readWrite, true, [new DataResource("AWS::S3::Object", [arnPrefix])], [])];

    /// <summary>An S3 object call, as S3 reports it.</summary>
    public ApiCallRecord ObjectCall(string eventName, string bucket, string key, string region = "us-east-1", string? account = null) => new(
        account ?? Account, region, "s3.amazonaws.com", eventName, Clock.GetUtcNow(), "root",
        new JsonObject { ["bucketName"] = bucket, ["Host"] = "s3.amazonaws.com", ["key"] = key }, null,
        [new("AWS::S3::Object", $"arn:aws:s3:::{bucket}/{key}"), new("AWS::S3::Bucket", $"arn:aws:s3:::{bucket}")], true, "aws-cli/2.9.19");

    /// <summary>A management call.</summary>
    public ApiCallRecord ManagementCall(string eventName, string source = "s3.amazonaws.com", string username = "root", IReadOnlyList<CloudTrailResource>? resources = null, string region = "us-east-1", string? userAgent = null) => new(
        Account, region, source, eventName, Clock.GetUtcNow(), username, new JsonObject(), null, resources ?? [], false, userAgent);
}
