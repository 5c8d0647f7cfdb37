using System.Text.Json.Nodes;
using Amazon.Runtime;
using Dashboard.Aws.Iam;
using Dashboard.Aws.Protocol;
using Dashboard.Diagnostics;
using Dashboard.Tests.Shared;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Diagnostics;

/// <summary>
/// Fakes for the wiring checks (rules, trails, buckets, jobs) and the facts of one run over them. IAM is never asked by
/// these checks: its client points at an address nothing listens on.
/// </summary>
public sealed class WiringTestBed : IDisposable
{
    public const string Workflow = "products";
    public const string Bucket = "landing-bucket";
    public const string WorkflowArn = "arn:aws:glue:eu-west-1:123456789012:workflow/products";

    private readonly ServiceProvider _services = new ServiceCollection().AddHybridCache().Services.BuildServiceProvider();
    private readonly IamClient _iam = new(new AnonymousAWSCredentials(), new AwsClientConfig(IamClient.Spec) { ServiceURL = "http://127.0.0.1:9", MaxErrorRetry = 0 });

    public FakeGlue Glue { get; } = new();

    public FakeEventBridge Events { get; } = new();

    public FakeCloudTrail CloudTrail { get; } = new();

    public FakeS3Notifications S3 { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));

    public WorkflowFacts Facts() => new(Workflow, new DiagnosticSources(
        Glue, Events, _iam, CloudTrail, new FakeCloudWatch(), S3, new FakeCloudIdentity(), _services.GetRequiredService<HybridCache>(), Time, new EmptyDeadLetterQueues()));

    public static AwsApiException Denied(string service, string operation, string action) => AwsErrors.Create(new(
        service, operation, "AccessDeniedException",
        $"User: arn:aws:iam::123456789012:user/dashboard is not authorized to perform: {action}",
        null, System.Net.HttpStatusCode.BadRequest, ErrorType.Sender));

    /// <summary>An S3 "Object Created" pattern for a bucket and one key condition.</summary>
    public static string ObjectCreated(string bucket, JsonObject key, string source = "aws.s3", string detailType = "Object Created") => new JsonObject
    {
        ["source"] = new JsonArray(source),
        ["detail-type"] = new JsonArray(detailType),
        ["detail"] = new JsonObject
        {
            ["bucket"] = new JsonObject { ["name"] = new JsonArray(bucket) },
            ["object"] = new JsonObject { ["key"] = new JsonArray(key) },
        },
    }.ToJsonString();

    /// <summary>The walkthrough's CloudTrail pattern: PutObject calls for a bucket and prefix.</summary>
    public static string CloudTrailPutObject(string bucket, string prefix, params string[] eventNames) => new JsonObject
    {
        ["source"] = new JsonArray("aws.s3"),
        ["detail-type"] = new JsonArray("AWS API Call via CloudTrail"),
        ["detail"] = new JsonObject
        {
            ["eventSource"] = new JsonArray("s3.amazonaws.com"),
            ["eventName"] = new JsonArray([.. (eventNames.Length == 0 ? ["PutObject"] : eventNames).Select(n => (JsonNode)JsonValue.Create(n))]),
            ["requestParameters"] = new JsonObject
            {
                ["bucketName"] = new JsonArray(bucket),
                ["key"] = new JsonArray(new JsonObject { ["prefix"] = prefix }),
            },
        },
    }.ToJsonString();

    public static JsonObject Prefix(string prefix) => new() { ["prefix"] = prefix };

    public void Dispose()
    {
        _iam.Dispose();
        _services.Dispose();
    }
}
