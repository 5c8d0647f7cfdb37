using System.Text;
using LocalCloud.Events;
using LocalCloud.Protocol;
using LocalCloud.S3;
using LocalCloud.S3.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LocalCloud.Tests.S3;

/// <summary>An <see cref="S3Backend"/> on a fake clock, with recording EventBridge and CloudTrail.</summary>
public sealed class S3TestBed
{
    public S3TestBed(S3Storage? storage = null, FakeTimeProvider? clock = null)
    {
        Clock = clock ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection()
            .AddSingleton<IEventIngress>(Events)
            .AddSingleton<ICloudTrailRecorder>(Trail)
            .BuildServiceProvider();
        Backend = new S3Backend(storage ?? new MemoryS3Storage(), new S3EventPublisher(services, Clock, NullLogger<S3EventPublisher>.Instance), Clock);
    }

    public FakeTimeProvider Clock { get; }

    public RecordingEventIngress Events { get; } = new();

    public RecordingCloudTrailRecorder Trail { get; } = new();

    public S3Backend Backend { get; }

    public string Account { get; } = "111122223333";

    public S3Caller Caller(string? account = null, string region = "us-east-1") =>
        new(new RequestContext(account ?? Account, region, "s3", "REQ" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant(), account ?? Account), "s3.amazonaws.com", "192.0.2.10", "test-agent");

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async Task<string> BucketAsync(string? name = null, bool eventBridge = false)
    {
        name ??= "bucket-" + Guid.NewGuid().ToString("N")[..12];
        await Backend.CreateBucketAsync(Caller(), new CreateBucketRequest(name, null), Ct);
        if (eventBridge)
        {
            await Backend.PutBucketNotificationConfigurationAsync(Caller(), new PutBucketNotificationConfigurationRequest(name, NotificationConfiguration.Empty with { EventBridgeEnabled = true }, false), Ct);
        }

        return name;
    }

    public Task<PutObjectOutput> PutAsync(string bucket, string key, string content, string contentType = "application/json") =>
        PutAsync(bucket, key, Encoding.UTF8.GetBytes(content), contentType);

    public Task<PutObjectOutput> PutAsync(string bucket, string key, byte[] content, string contentType = "application/octet-stream") =>
        Backend.PutObjectAsync(Caller(), new PutObjectRequest(bucket, key, ObjectBody.Of(new MemoryStream(content)), new ObjectHeaders(contentType), new Dictionary<string, string>()), Ct);

    public async Task<string> ReadAsync(string bucket, string key)
    {
        var output = await Backend.GetObjectAsync(Caller(), new GetObjectRequest(bucket, key), Ct);
        await using var body = output.Body;
        using var reader = new StreamReader(body);
        return await reader.ReadToEndAsync(Ct);
    }
}
