using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using LocalCloud.EventBridge;
using LocalCloud.Events;
using LocalCloud.Hosting;
using LocalCloud.Protocol;
using LocalCloud.S3;

namespace LocalCloud.Scenarios;

/// <summary>
/// A gentle, steady stream of uploads and application events into the seeded pipelines, healthy and broken, so that
/// batches fill, windows expire, runs start or are refused, and metrics, DLQs and history keep moving while someone
/// watches. Every upload goes through S3 like a user's, so each pipeline sees exactly what it would on AWS.
/// <c>LocalCloud:SyntheticTraffic=false</c> turns it off, for tests and benchmarks.
/// </summary>
public sealed class SyntheticTraffic : ILocalCloudStartup, IAsyncDisposable
{
    /// <summary>How often the stream looks for what is due.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(5);

    private readonly LocalCloudSettings _settings;
    private readonly DemoSeed _demo;
    private readonly BrokenPipelines _broken;
    private readonly S3Backend _s3;
    private readonly EventBridgeBackend _events;
    private readonly TimeProvider _time;
    private readonly ILogger<SyntheticTraffic> _logger;
    private readonly object _gate = new();
    private List<Stream> _streams = [];
    private ITimer? _timer;
    private Task _tick = Task.CompletedTask;
    private long _sent;

    public SyntheticTraffic(LocalCloudSettings settings, DemoSeed demo, BrokenPipelines broken, S3Backend s3, EventBridgeBackend events, TimeProvider time, ILogger<SyntheticTraffic> logger)
    {
        _settings = settings;
        _demo = demo;
        _broken = broken;
        _s3 = s3;
        _events = events;
        _time = time;
        _logger = logger;
    }

    /// <summary>How many uploads and events the stream has sent.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>The tick in progress, or a completed task: lets tests wait for the work a clock advance started.</summary>
    internal Task WhenIdle
    {
        get
        {
            lock (_gate)
            {
                return _tick;
            }
        }
    }

    public Task StartAsync(LocalCloudHost host, CancellationToken cancellationToken)
    {
        if (!_settings.SeedDemo || !_settings.SyntheticTraffic)
        {
            return Task.CompletedTask;
        }

        var now = _time.GetUtcNow();
        _streams = Streams(now);
        _timer = _time.CreateTimer(_ => OnTick(), null, Tick, Tick);
        _logger.LogInformation("Synthetic traffic is on: {Count} streams. Set LocalCloud:SyntheticTraffic=false to turn it off.", _streams.Count);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The streams and their pace. The walkthrough fills a batch of five in about seven minutes; orders close their
    /// five-minute window with a handful of files; clickstream batches outpace their one allowed run; each broken
    /// pipeline gets a file every two minutes, the concurrency case one every half minute.
    /// </summary>
    private List<Stream> Streams(DateTimeOffset now)
    {
        var products = new Stream("products", TimeSpan.FromSeconds(85), now.AddSeconds(10), (n, ct) =>
            PutAsync(_demo.BucketName, $"data/products_raw/product_live_{Stamp()}_{n:D4}.json", Product(n), ct));
        var orders = new Stream("orders", TimeSpan.FromSeconds(45), now.AddSeconds(20), (n, ct) =>
            PutAsync(_demo.OrdersBucketName, $"cdc/orders_live_{Stamp()}_{n:D4}.json", $$"""{"order_id": {{n}}, "status": "SHIPPED"}""", ct));
        var clicks = new Stream("clickstream", TimeSpan.FromSeconds(20), now.AddSeconds(5), ClickBatchAsync);
        var streams = new List<Stream> { products, orders, clicks };
        foreach (var (workflow, index) in BrokenPipelines.Workflows.Select((w, i) => (w, i)))
        {
            var every = workflow == BrokenPipelines.ConcurrencyLimited ? TimeSpan.FromSeconds(30) : TimeSpan.FromMinutes(2);
            var bucket = workflow == BrokenPipelines.Untrailed ? _broken.UntrailedBucketName : _broken.BucketName;
            var prefix = BrokenPipelines.PrefixOf(workflow);
            streams.Add(new Stream(workflow, every, now.AddSeconds(15 + (10 * index)), (n, ct) =>
                PutAsync(bucket, $"{prefix}file_{Stamp()}_{n:D4}.json", $$"""{"id": {{n}}}""", ct)));
        }

        return streams;
    }

    private void OnTick()
    {
        lock (_gate)
        {
            if (!_tick.IsCompleted)
            {
                // The last tick is still uploading: skip this one rather than pile up behind a slow disk.
                return;
            }

            _tick = RunDueAsync(CancellationToken.None);
        }
    }

    private async Task RunDueAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        foreach (var stream in _streams)
        {
            while (stream.NextDue <= now)
            {
                stream.NextDue += stream.Every;
                try
                {
                    await stream.Emit(++stream.Count, cancellationToken);
                    Interlocked.Increment(ref _sent);
                }
                catch (Exception error) when (error is AwsServiceException or S3Exception or IOException)
                {
                    // Someone may have deleted a seeded bucket or bus to see what happens: say so, and keep the other streams going.
                    _logger.LogWarning("Synthetic traffic to {Stream} failed: {Message}", stream.Name, error.Message);
                }
            }
        }
    }

    private async Task PutAsync(string bucket, string key, string body, CancellationToken cancellationToken)
    {
        var context = new RequestContext(_settings.AccountId, DemoSeed.Region, "s3", Guid.NewGuid().ToString(), _settings.AccountId);
        var caller = new S3Caller(context, "127.0.0.1", "127.0.0.1", "localcloud-synthetic-traffic");
        await _s3.PutObjectAsync(
            caller,
            new PutObjectRequest(bucket, key, ObjectBody.Of(new MemoryStream(Encoding.UTF8.GetBytes(body))), ObjectHeaders.Default with { ContentType = "application/json" }, new Dictionary<string, string>()),
            cancellationToken);
    }

    private Task ClickBatchAsync(int n, CancellationToken cancellationToken) =>
        _events.PublishAsync(
            new CloudEvent(Guid.NewGuid().ToString(), "com.example.clickstream", "Batch Landed", _time.GetUtcNow(), _settings.AccountId, DemoSeed.Region, [],
                new JsonObject { ["stream"] = "web", ["batch"] = n, ["records"] = 500 }),
            DemoSeed.AnalyticsBus,
            cancellationToken);

    private static readonly string[] ProductNames = ["Television", "USB charger", "Desk lamp", "Headphones", "Coffee grinder", "Keyboard"];

    private string Product(int n) => new JsonObject
    {
        ["product_id"] = n.ToString("D5", CultureInfo.InvariantCulture),
        ["product_name"] = ProductNames[n % ProductNames.Length],
        ["created_at"] = _time.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    }.ToJsonString();

    private string Stamp() => _time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
        }

        await WhenIdle;
    }

    private sealed class Stream(string name, TimeSpan every, DateTimeOffset firstDue, Func<int, CancellationToken, Task> emit)
    {
        public string Name { get; } = name;

        public TimeSpan Every { get; } = every;

        public DateTimeOffset NextDue { get; set; } = firstDue;

        public int Count { get; set; }

        public Func<int, CancellationToken, Task> Emit { get; } = emit;
    }
}
