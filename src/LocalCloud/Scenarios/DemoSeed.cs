using System.Globalization;
using System.Text.Json.Nodes;
using LocalCloud.CloudTrail;
using LocalCloud.EventBridge;
using LocalCloud.Events;
using LocalCloud.Glue;
using LocalCloud.Glue.DataPlane;
using LocalCloud.Hosting;
using LocalCloud.Persistence;
using LocalCloud.Protocol;
using LocalCloud.S3;

namespace LocalCloud.Scenarios;

/// <summary>
/// The demo a newcomer sees on first start: the reference walkthrough's S3 → EventBridge → Glue pipeline, two more
/// event-driven workflows with other batching, a scheduled one, and six hours of plausible history. Resources are
/// made through the same operations the AWS APIs reach; only past runs and metrics use the history entry points,
/// because the clock cannot go back.
/// </summary>
public sealed class DemoSeed(
    LocalCloudSettings settings,
    GlueBackend glue,
    EventBridgeBackend events,
    S3Backend s3,
    CloudTrailBackend cloudTrail,
    IEnumerable<IMetricSink> metrics,
    TimeProvider time,
    ILogger<DemoSeed> logger,
    DurableStore? durable = null) : ILocalCloudStartup
{
    public const string Region = "us-east-1";
    public const string ProductsWorkflow = "products_raw_ingest";
    public const string OrdersWorkflow = "orders_cdc_merge";
    public const string ClickstreamWorkflow = "clickstream_sessionize";
    public const string NightlyWorkflow = "nightly_compaction";
    public const string ProductsRule = "s3_file_upload_trigger_rule-demo";
    public const string OrdersRule = "orders_landing_object_created";
    public const string ClickstreamRule = "clickstream_batches";
    public const string AnalyticsBus = "analytics";
    public const string TrailName = "glue-event-demo-trail";
    public const string ProductsDatabase = "products_db";
    public const string ProductsJob = "products_json_to_parquet";
    public const string ProductsCrawler = "products_parquet_crawler";

    /// <summary>The table the products crawler writes: named after the output folder, data/products/.</summary>
    public const string ProductsTable = "products";

    /// <summary>The one Parquet file that stands for the past runs' output (the clock cannot go back to write them one by one).</summary>
    public const string HistoryOutputRunId = "seed-history";

    private static readonly string[] ProductNames = ["Television", "USB charger", "Headphones", "Kettle", "Desk lamp", "Toaster", "Keyboard", "Monitor", "Blender", "Speaker"];

    public string BucketName => $"glue-event-demo-{settings.AccountId}";

    public string OrdersBucketName => $"orders-landing-{settings.AccountId}";

    /// <summary>The role EventBridge uses to call <c>glue:NotifyEvent</c> for the demo's rules.</summary>
    public string NotifyRoleArn => $"arn:aws:iam::{settings.AccountId}:role/{NotifyRoleName}";

    public const string NotifyRoleName = "EventBridgeGlueNotifyRole-demo";

    /// <summary>How many of the newest clickstream runs have their NotifyEvent calls in CloudTrail's history.</summary>
    public const int ClickstreamRunsInCloudTrail = 1;

    public async Task StartAsync(LocalCloudHost host, CancellationToken cancellationToken)
    {
        // With a data path the demo is seeded once: a restart finds it, and what happened to it since, in the store.
        if (!settings.SeedDemo || (durable?.IsEnabled == true && glue.HasWorkflow(settings.AccountId, Region, ProductsWorkflow) && s3.BucketExists(BucketName)))
        {
            return;
        }

        var context = new RequestContext(settings.AccountId, Region, "seed", "seed", settings.AccountId);
        await SeedBucketsAsync(context, cancellationToken);
        await SeedTrailAsync(context, cancellationToken);
        await SeedGlueAsync(context, cancellationToken);

        // History before rules: the past uploads are put back in the bucket without starting runs.
        var pastUploads = SeedHistory();
        await SeedProductsOutputAsync(context, pastUploads, cancellationToken);
        await SeedRulesAsync(context, cancellationToken);
        logger.LogInformation("Seeded the demo pipelines in account {Account}, {Region}.", settings.AccountId, Region);
    }

    /// <summary>
    /// The walkthrough's bucket (its uploads reach EventBridge through a CloudTrail trail) and the orders landing
    /// bucket, which sends S3's own "Object Created" events to EventBridge.
    /// </summary>
    private async Task SeedBucketsAsync(RequestContext context, CancellationToken cancellationToken)
    {
        var caller = new S3Caller(context with { Service = "s3" }, "127.0.0.1", "127.0.0.1", "localcloud-seed");
        foreach (var bucket in new[] { BucketName, OrdersBucketName })
        {
            // With a data folder the buckets survive restarts: an existing bucket is kept as it is.
            if (!s3.BucketExists(bucket))
            {
                await s3.CreateBucketAsync(caller, new CreateBucketRequest(bucket, null), cancellationToken);
            }
        }

        await s3.PutBucketNotificationConfigurationAsync(caller, new PutBucketNotificationConfigurationRequest(OrdersBucketName, NotificationConfiguration.Empty with { EventBridgeEnabled = true }, false), cancellationToken);
    }

    /// <summary>The walkthrough's trail: it logs the bucket's S3 data events, which is how uploads reach EventBridge.</summary>
    private async Task SeedTrailAsync(RequestContext context, CancellationToken cancellationToken)
    {
        async Task Trail(string operation, object input) => await cloudTrail.Operations.Get(operation).Invoke(context, input, cancellationToken);
        await Trail("CreateTrail", new CreateTrailRequest(TrailName, BucketName, "cloudtrail", null, true, true, true, null, null, null, null, null));
        await Trail("PutEventSelectors", new PutEventSelectorsRequest(TrailName, [new EventSelector("All", true, [new DataResource("AWS::S3::Object", [$"arn:aws:s3:::{BucketName}/"])], null)], null));
        await Trail("StartLogging", new StartLoggingRequest(TrailName));
    }

    private async Task SeedGlueAsync(RequestContext context, CancellationToken cancellationToken)
    {
        var role = $"arn:aws:iam::{settings.AccountId}:role/AWSGlueServiceRole-demo";
        async Task Glue(string operation, object input) => await glue.Operations.Get(operation).Invoke(context, input, cancellationToken);
        Task Job(string name, string script, Dictionary<string, string>? arguments = null) =>
            Glue("CreateJob", new CreateJobRequest(name, null, role, new ExecutionProperty(2), new JobCommand("glueetl", $"s3://{BucketName}/scripts/{script}", "3"),
                arguments ?? new() { ["--localcloud-duration-seconds"] = "75", ["--TempDir"] = $"s3://{BucketName}/temp/" }, 0, 60, 2, "G.1X", 2, "4.0", null));
        Task Crawler(string name, string path, string outcome = "SUCCEEDED") =>
            Glue("CreateCrawler", new CreateCrawlerRequest(name, role, "products_db", null, new CrawlerTargets([new S3Target(path, null)]), null,
                new() { ["localcloud:duration-seconds"] = "45", ["localcloud:outcome"] = outcome }));
        Task Action(string trigger, string workflow, string type, EventBatchingCondition? batching, GlueAction action, Predicate? predicate = null, string? schedule = null) =>
            Glue("CreateTrigger", new CreateTriggerRequest(trigger, workflow, type, schedule, predicate, [action], null, type == "CONDITIONAL" ? true : null, null, batching));
        static GlueAction RunJob(string job) => new(job, null, null, null, null, null);
        static GlueAction RunCrawler(string crawler) => new(null, null, null, null, null, crawler);
        static Predicate After(string job) => new("AND", [new Condition("EQUALS", job, "SUCCEEDED", null, null)]);

        // The reference walkthrough: uploads under data/products_raw/ become Parquet under data/products/, which the
        // crawler catalogs as products_db.products. The converter and the crawler do real work (Glue/DataPlane).
        await Glue("CreateWorkflow", new CreateWorkflowRequest(ProductsWorkflow, "Converts uploaded product JSON to Parquet and catalogs it.", null, 1, null));
        if (!glue.CatalogOf(settings.AccountId, Region).GetDatabases().Any(d => d.Name == ProductsDatabase))
        {
            await Glue("CreateDatabase", new CreateDatabaseRequest(null, new DatabaseInput(ProductsDatabase, "Products converted from the raw JSON uploads.", null, null), null));
        }

        await Job(ProductsJob, "products_json_to_parquet.py", new()
        {
            ["--localcloud-duration-seconds"] = "75",
            ["--TempDir"] = $"s3://{BucketName}/temp/",
            [JsonToParquetJobArguments.Type] = JsonToParquetJobArguments.TypeValue,
            [JsonToParquetJobArguments.Source] = $"s3://{BucketName}/data/products_raw/",
            [JsonToParquetJobArguments.Target] = $"s3://{BucketName}/data/products/",
        });
        await Crawler(ProductsCrawler, $"s3://{BucketName}/data/products/");
        await Job("products_quality_checks", "products_quality_checks.py");
        await Action($"{ProductsWorkflow}_pre_job_trigger", ProductsWorkflow, "EVENT", new EventBatchingCondition(5, 900), RunJob("products_json_to_parquet"));
        await Action($"{ProductsWorkflow}_post_job_trigger", ProductsWorkflow, "CONDITIONAL", null, RunCrawler("products_parquet_crawler"), After("products_json_to_parquet"));
        await Action($"{ProductsWorkflow}_quality_trigger", ProductsWorkflow, "CONDITIONAL", null, RunJob("products_quality_checks"), After("products_json_to_parquet"));

        // S3's own "Object Created" events, with a bigger batch and a shorter window.
        await Glue("CreateWorkflow", new CreateWorkflowRequest(OrdersWorkflow, "Merges order change files into the orders table.", null, 2, null));
        await Job("orders_merge", "orders_merge.py");
        await Action($"{OrdersWorkflow}_start", OrdersWorkflow, "EVENT", new EventBatchingCondition(10, 300), RunJob("orders_merge"));

        // Application events on a custom bus: large batches, a one-minute window, and a tight concurrency limit.
        await Glue("CreateWorkflow", new CreateWorkflowRequest(ClickstreamWorkflow, "Builds sessions from clickstream batches.", null, 1, null));
        await Job("clickstream_sessionize_job", "clickstream_sessionize.py", new() { ["--localcloud-duration-seconds"] = "240" });
        await Action($"{ClickstreamWorkflow}_start", ClickstreamWorkflow, "EVENT", new EventBatchingCondition(100, 60), RunJob("clickstream_sessionize_job"));

        // A scheduled workflow, for contrast.
        await Glue("CreateWorkflow", new CreateWorkflowRequest(NightlyWorkflow, "Compacts small Parquet files every night.", null, 1, null));
        await Job("compact_products", "compact_products.py");
        await Action($"{NightlyWorkflow}_start", NightlyWorkflow, "SCHEDULED", null, RunJob("compact_products"), schedule: "cron(0 2 * * ? *)");
    }

    private async Task SeedRulesAsync(RequestContext context, CancellationToken cancellationToken)
    {
        async Task Events(string operation, object input) => await events.Operations.Get(operation).Invoke(context, input, cancellationToken);
        string Workflow(string name) => $"arn:aws:glue:{Region}:{settings.AccountId}:workflow/{name}";
        var role = NotifyRoleArn;
        var retry = new RetryPolicy(185, 86400);

        var uploads = new JsonObject
        {
            ["source"] = new JsonArray("aws.s3"),
            ["detail-type"] = new JsonArray("AWS API Call via CloudTrail"),
            ["detail"] = new JsonObject
            {
                ["eventSource"] = new JsonArray("s3.amazonaws.com"),
                ["eventName"] = new JsonArray("PutObject"),
                ["requestParameters"] = new JsonObject
                {
                    ["bucketName"] = new JsonArray(BucketName),
                    ["key"] = new JsonArray(new JsonObject { ["prefix"] = "data/products_raw/" }),
                },
            },
        };
        await Events("PutRule", new PutRuleRequest(ProductsRule, null, uploads.ToJsonString(), "ENABLED", "Starts products_raw_ingest for each raw product upload.", null, null, null));
        await Events("PutTargets", new PutTargetsRequest(ProductsRule, null, [new Target("products-workflow", Workflow(ProductsWorkflow), role, null, null, null, null, retry)]));

        var created = new JsonObject
        {
            ["source"] = new JsonArray("aws.s3"),
            ["detail-type"] = new JsonArray("Object Created"),
            ["detail"] = new JsonObject
            {
                ["bucket"] = new JsonObject { ["name"] = new JsonArray(OrdersBucketName) },
                ["object"] = new JsonObject { ["key"] = new JsonArray(new JsonObject { ["prefix"] = "cdc/" }) },
            },
        };
        await Events("PutRule", new PutRuleRequest(OrdersRule, null, created.ToJsonString(), "ENABLED", "Starts orders_cdc_merge for new change files.", null, null, null));
        await Events("PutTargets", new PutTargetsRequest(OrdersRule, null, [new Target("orders-workflow", Workflow(OrdersWorkflow), role, null, null, null, null, retry)]));

        await Events("CreateEventBus", new CreateEventBusRequest(AnalyticsBus, "Application events."));
        var clicks = new JsonObject { ["source"] = new JsonArray("com.example.clickstream"), ["detail-type"] = new JsonArray("Batch Landed") };
        await Events("PutRule", new PutRuleRequest(ClickstreamRule, null, clicks.ToJsonString(), "ENABLED", "Starts clickstream_sessionize for each landed batch.", null, null, AnalyticsBus));
        await Events("PutTargets", new PutTargetsRequest(ClickstreamRule, AnalyticsBus, [new Target("clickstream-workflow", Workflow(ClickstreamWorkflow), role, null, null, null, null, retry)]));
    }

    /// <summary>
    /// Six hours of runs, the matching AWS/Events metrics, and CloudTrail's record of each NotifyEvent call that delivered
    /// their events, with a fixed random seed so every start looks alike.
    /// </summary>
    private List<(string Key, DateTimeOffset At)> SeedHistory()
    {
        var pastUploads = new List<(string Key, DateTimeOffset At)>();
        var random = new Random(20261125);
        var now = time.GetUtcNow();
        var start = now.AddHours(-6);
        var sink = metrics.FirstOrDefault();

        void Metrics(string bus, string rule, DateTimeOffset at, int invocations)
        {
            var dimensions = EventBridgeBackend.Dimensions(bus, rule);
            foreach (var metric in new[] { "MatchedEvents", "TriggeredRules", "Invocations", "InvocationAttempts", "SuccessfulInvocationAttempts" })
            {
                sink?.Record(settings.AccountId, Region, "AWS/Events", metric, dimensions, invocations, "Count", at);
            }
        }

        List<(string Id, DateTimeOffset At)> Events(DateTimeOffset first, int count, string bus, string rule, TimeSpan spacing)
        {
            var events = new List<(string, DateTimeOffset)>(count);
            for (var i = 0; i < count; i++)
            {
                events.Add((Guid.NewGuid().ToString(), first + (spacing * i)));
                Metrics(bus, rule, first + (spacing * i), 1);
            }

            return events;
        }

        // EventBridge delivered each event to Glue with NotifyEvent, which CloudTrail keeps in its event history.
        void Delivered(string workflow, CloudEvent cloudEvent) =>
            cloudTrail.RecordPastEvent(EventBridgeBackend.NotifyEventCall(cloudEvent, cloudEvent.ToJson().ToJsonString(), NotifyRoleArn, settings.AccountId, Region, workflow));

        static GlueBackend.PastAction Job(string name, string state, int seconds, string? error = null) => new("JOB", name, state, TimeSpan.FromSeconds(seconds), error);
        static GlueBackend.PastAction Crawl(string name, string state, int seconds, string? error = null) => new("CRAWLER", name, state, TimeSpan.FromSeconds(seconds), error);
        static List<string> Ids(List<(string Id, DateTimeOffset At)> events) => [.. events.Select(e => e.Id)];

        // Products: a batch of five uploads every half hour or so, seen through the trail's data events; one run's crawler failed.
        var product = 0;
        for (var at = start.AddMinutes(7); at < now.AddMinutes(-20); at = at.AddMinutes(random.Next(25, 45)))
        {
            var sizeReached = random.NextDouble() < 0.8;
            var count = sizeReached ? 5 : random.Next(1, 5);
            var events = Events(at.AddMinutes(-4), count, EventBridgeBackend.DefaultBus, ProductsRule, TimeSpan.FromSeconds(45));
            foreach (var (id, time) in events)
            {
                var key = $"data/products_raw/product_{++product:D5}.json";
                pastUploads.Add((key, time));
                Delivered(ProductsWorkflow, UploadSeenByCloudTrail(id, time, BucketName, key));
            }

            var crawlerFails = random.NextDouble() < 0.12;
            glue.RecordPastRun(settings.AccountId, Region, ProductsWorkflow, at, Ids(events),
                sizeReached ? new StartingEventBatchCondition(5, null) : new StartingEventBatchCondition(null, 900),
                [Job("products_json_to_parquet", "SUCCEEDED", random.Next(60, 110)), Job("products_quality_checks", "SUCCEEDED", random.Next(30, 60)),
                    Crawl("products_parquet_crawler", crawlerFails ? "FAILED" : "SUCCEEDED", random.Next(40, 70), crawlerFails ? "Insufficient Lake Formation permission(s) on products_db (simulated)" : null)]);
        }

        // Orders: S3's own "Object Created" events; windows expire more often than batches fill; a merge job fails now and then.
        for (var at = start.AddMinutes(3); at < now.AddMinutes(-10); at = at.AddMinutes(random.Next(12, 30)))
        {
            var count = random.Next(3, 11);
            var events = Events(at.AddMinutes(-5), count, EventBridgeBackend.DefaultBus, OrdersRule, TimeSpan.FromSeconds(25));
            for (var i = 0; i < events.Count; i++)
            {
                var (id, time) = events[i];
                Delivered(OrdersWorkflow, ObjectCreated(id, time, OrdersBucketName, $"cdc/orders_{time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture)}_{i + 1:D2}.json"));
            }

            var fails = random.NextDouble() < 0.15;
            glue.RecordPastRun(settings.AccountId, Region, OrdersWorkflow, at, Ids(events),
                count == 10 ? new StartingEventBatchCondition(10, null) : new StartingEventBatchCondition(null, 300),
                [Job("orders_merge", fails ? "FAILED" : "SUCCEEDED", random.Next(80, 200), fails ? "AnalysisException: cannot resolve 'order_ts' given input columns (simulated)" : null)]);
        }

        // Clickstream: full batches arrive faster than runs finish, so some are refused for concurrency. Each batch is a
        // hundred application events; only the newest batch's deliveries are kept in CloudTrail, to keep its history small.
        var busyUntil = DateTimeOffset.MinValue;
        var batches = new List<List<(string Id, DateTimeOffset At)>>();
        for (var at = start.AddMinutes(1); at < now.AddMinutes(-5); at = at.AddMinutes(random.Next(3, 9)))
        {
            var events = Events(at.AddSeconds(-50), 100, AnalyticsBus, ClickstreamRule, TimeSpan.FromMilliseconds(500));
            batches.Add(events);
            if (at < busyUntil)
            {
                glue.RecordPastRun(settings.AccountId, Region, ClickstreamWorkflow, at, Ids(events), new StartingEventBatchCondition(100, null), [],
                    status: "ERROR", errorMessage: $"Concurrent runs exceeded for workflow: {ClickstreamWorkflow}.");
                continue;
            }

            var seconds = random.Next(200, 520);
            busyUntil = at.AddSeconds(seconds);
            glue.RecordPastRun(settings.AccountId, Region, ClickstreamWorkflow, at, Ids(events), new StartingEventBatchCondition(100, null), [Job("clickstream_sessionize_job", "SUCCEEDED", seconds)]);
        }

        foreach (var (id, time) in batches.TakeLast(ClickstreamRunsInCloudTrail).SelectMany(b => b))
        {
            Delivered(ClickstreamWorkflow, new CloudEvent(id, "com.example.clickstream", "Batch Landed", time, settings.AccountId, Region, [],
                new JsonObject { ["stream"] = "web", ["records"] = 500 }));
        }

        return pastUploads;
    }

    /// <summary>
    /// What the products workflow's past runs left behind: the raw uploads under data/products_raw/, their Parquet under
    /// data/products/ (one file for the whole history), and the products_db.products table the crawler made of it.
    /// </summary>
    private async Task SeedProductsOutputAsync(RequestContext context, List<(string Key, DateTimeOffset At)> uploads, CancellationToken cancellationToken)
    {
        var caller = new S3Caller(context with { Service = "s3" }, "127.0.0.1", "127.0.0.1", "localcloud-seed");
        for (var i = 0; i < uploads.Count; i++)
        {
            var (key, at) = uploads[i];
            var product = new JsonObject
            {
                ["product_id"] = key[(key.LastIndexOf('_') + 1)..^".json".Length],
                ["product_name"] = ProductNames[i % ProductNames.Length],
                ["created_at"] = at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            };
            using var body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(product.ToJsonString()));
            await s3.PutObjectAsync(caller, new PutObjectRequest(BucketName, key, ObjectBody.Of(body), new ObjectHeaders("application/json"), new Dictionary<string, string>()), cancellationToken);
        }

        await glue.RecordPastOutputAsync(settings.AccountId, Region, ProductsJob, ProductsCrawler, HistoryOutputRunId, cancellationToken);
    }

    /// <summary>An upload as EventBridge receives it from a trail that logs the bucket's data events.</summary>
    private CloudEvent UploadSeenByCloudTrail(string eventId, DateTimeOffset time, string bucket, string key)
    {
        var putObject = new ApiCallRecord(settings.AccountId, Region, S3EventPublisher.EventSource, "PutObject", time, "root",
            new JsonObject { ["bucketName"] = bucket, ["Host"] = $"{bucket}.s3.{Region}.amazonaws.com", ["key"] = key },
            null,
            [new CloudTrailResource("AWS::S3::Object", $"{S3EventPublisher.BucketArn(bucket)}/{key}"), new CloudTrailResource("AWS::S3::Bucket", S3EventPublisher.BucketArn(bucket))],
            IsDataEvent: true,
            UserAgent: "aws-cli/2.15.0");
        var record = CloudTrailRecord.From(putObject, Guid.NewGuid().ToString(), Guid.NewGuid().ToString("N")[..16].ToUpperInvariant());
        return new CloudEvent(eventId, "aws.s3", CloudTrailBackend.DetailType, time, settings.AccountId, Region, [], record.Json);
    }

    /// <summary>S3's own "Object Created" event, from a bucket with EventBridge notifications on.</summary>
    private CloudEvent ObjectCreated(string eventId, DateTimeOffset time, string bucket, string key) =>
        new(eventId, "aws.s3", "Object Created", time, settings.AccountId, Region, [S3EventPublisher.BucketArn(bucket)], new JsonObject
        {
            ["version"] = "0",
            ["bucket"] = new JsonObject { ["name"] = bucket },
            ["object"] = new JsonObject { ["key"] = key, ["size"] = 2048, ["etag"] = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) },
            ["request-id"] = Guid.NewGuid().ToString("N")[..16].ToUpperInvariant(),
            ["requester"] = settings.AccountId,
            ["source-ip-address"] = "127.0.0.1",
            ["reason"] = "PutObject",
        });
}
