using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using DuckDB.NET.Data;
using LocalCloud.CloudTrail;
using LocalCloud.EventBridge;
using LocalCloud.Glue;
using LocalCloud.Glue.DataPlane;
using LocalCloud.Hosting;
using LocalCloud.Protocol;
using LocalCloud.S3;
using LocalCloud.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LocalCloud.Tests.Pipeline;

/// <summary>How uploads reach the workflow: CloudTrail's PutObject data events, or S3's own "Object Created" events.</summary>
public enum UploadEvents
{
    CloudTrail,
    ObjectCreated,
}

/// <summary>
/// The walkthrough's pipeline in a fresh account of a running LocalCloud: a bucket, the EVENT trigger (batch of 5) →
/// converter job → conditional trigger → crawler, the products database, and a rule on <c>data/products_raw/</c>.
/// Resources are made through the backends' operation tables; uploads and reads go over HTTP, as a user's would.
/// </summary>
public sealed class DataPipelineBed : IDisposable
{
    public const string Workflow = "products";
    public const string Job = "products-to-parquet";
    public const string Crawler = "products-crawler";
    public const string Database = "products_db";
    public const int JobSeconds = 60;
    public const int CrawlSeconds = 30;

    private static readonly XNamespace S3Xml = "http://s3.amazonaws.com/doc/2006-03-01/";
    private readonly LocalCloudHost _host;
    private readonly FakeTimeProvider _clock;
    private readonly HttpClient _http;

    /// <summary>A fresh account of an unseeded LocalCloud, for <see cref="CreateAsync"/>.</summary>
    public DataPipelineBed(LocalCloudFixture cloud)
        : this(cloud.Cloud, cloud.Clock, LocalCloudFixture.NewAccount(), null)
    {
    }

    /// <summary>An existing account and bucket, such as the seeded demo's.</summary>
    public DataPipelineBed(LocalCloudHost host, FakeTimeProvider clock, string account, string? bucket)
    {
        _host = host;
        _clock = clock;
        _http = new HttpClient { BaseAddress = host.Endpoint };
        Account = account;
        Bucket = bucket ?? $"walkthrough-{account}";
    }

    public string Account { get; }

    public string Region => "us-east-1";

    public string Bucket { get; }

    public GlueBackend Glue => _host.Services.GetRequiredService<GlueBackend>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private RequestContext Context(string service) => new(Account, Region, service, "test", Account);

    public async Task CreateAsync(UploadEvents events)
    {
        var services = _host.Services;
        var s3 = services.GetRequiredService<S3Backend>();
        var caller = new S3Caller(Context("s3"), "127.0.0.1", "127.0.0.1", "test");
        await s3.CreateBucketAsync(caller, new CreateBucketRequest(Bucket, null), Ct);
        if (events == UploadEvents.ObjectCreated)
        {
            await s3.PutBucketNotificationConfigurationAsync(caller, new PutBucketNotificationConfigurationRequest(Bucket, NotificationConfiguration.Empty with { EventBridgeEnabled = true }, false), Ct);
        }
        else
        {
            var trail = services.GetRequiredService<CloudTrailBackend>();
            async Task Trail(string operation, object input) => await trail.Operations.Get(operation).Invoke(Context("cloudtrail"), input, Ct);
            await Trail("CreateTrail", new CreateTrailRequest("products-trail", Bucket, null, null, null, null, null, null, null, null, null, null));
            await Trail("PutEventSelectors", new PutEventSelectorsRequest("products-trail", [new EventSelector("WriteOnly", true, [new DataResource("AWS::S3::Object", [$"arn:aws:s3:::{Bucket}/data/products_raw/"])], null)], null));
            await Trail("StartLogging", new StartLoggingRequest("products-trail"));
        }

        await GlueAsync("CreateDatabase", new CreateDatabaseRequest(null, new DatabaseInput(Database, null, null, null), null));
        await GlueAsync("CreateWorkflow", new CreateWorkflowRequest(Workflow, null, null, 1, null));
        var role = $"arn:aws:iam::{Account}:role/glue";
        await GlueAsync("CreateJob", new CreateJobRequest(Job, null, role, null, new JobCommand("glueetl", $"s3://{Bucket}/scripts/job.py", "3"), new()
        {
            ["--localcloud-duration-seconds"] = JobSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [JsonToParquetJobArguments.Type] = JsonToParquetJobArguments.TypeValue,
            [JsonToParquetJobArguments.Source] = $"s3://{Bucket}/data/products_raw/",
            [JsonToParquetJobArguments.Target] = $"s3://{Bucket}/data/products/",
        }, null, null, null, null, null, null, null));
        await GlueAsync("CreateCrawler", new CreateCrawlerRequest(Crawler, role, Database, null, new CrawlerTargets([new S3Target($"s3://{Bucket}/data/products/", null)]), null,
            new() { ["localcloud:duration-seconds"] = CrawlSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        await GlueAsync("CreateTrigger", new CreateTriggerRequest($"{Workflow}_pre_job_trigger", Workflow, "EVENT", null, null, [new GlueAction(Job, null, null, null, null, null)], null, null, null, new EventBatchingCondition(5, 900)));
        await GlueAsync("CreateTrigger", new CreateTriggerRequest($"{Workflow}_post_job_trigger", Workflow, "CONDITIONAL", null,
            new Predicate("AND", [new Condition("EQUALS", Job, "SUCCEEDED", null, null)]), [new GlueAction(null, null, null, null, null, Crawler)], null, true, null, null));

        var detail = events == UploadEvents.CloudTrail
            ? new JsonObject { ["eventName"] = new JsonArray("PutObject"), ["requestParameters"] = new JsonObject { ["bucketName"] = new JsonArray(Bucket), ["key"] = new JsonArray(new JsonObject { ["prefix"] = "data/products_raw/" }) } }
            : new JsonObject { ["bucket"] = new JsonObject { ["name"] = new JsonArray(Bucket) }, ["object"] = new JsonObject { ["key"] = new JsonArray(new JsonObject { ["prefix"] = "data/products_raw/" }) } };
        var pattern = new JsonObject
        {
            ["source"] = new JsonArray("aws.s3"),
            ["detail-type"] = new JsonArray(events == UploadEvents.CloudTrail ? "AWS API Call via CloudTrail" : "Object Created"),
            ["detail"] = detail,
        };
        var eventBridge = services.GetRequiredService<EventBridgeBackend>();
        await eventBridge.Operations.Get("PutRule").Invoke(Context("events"), new PutRuleRequest("s3_file_upload_trigger_rule-test", null, pattern.ToJsonString(), "ENABLED", null, null, null, null), Ct);
        await eventBridge.Operations.Get("PutTargets").Invoke(Context("events"), new PutTargetsRequest("s3_file_upload_trigger_rule-test", null,
            [new Target("products", $"arn:aws:glue:{Region}:{Account}:workflow/{Workflow}", NotifyRole.Create(_host, Account), null, null, null, null, null)]), Ct);
    }

    public Task<object> GlueAsync(string operation, object input) => Glue.Operations.Get(operation).Invoke(Context("glue"), input, Ct).AsTask();

    /// <summary>A Glue call over HTTP (AWS JSON 1.1), as the CLI and SDKs make it.</summary>
    public async Task<(int Status, JsonElement Body)> GlueHttpAsync(string operation, string json)
    {
        using var request = Signed(HttpMethod.Post, "/", "glue");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", $"AWSGlue.{operation}");
        request.Content = new StringContent(json, Encoding.UTF8);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        using var response = await _http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return ((int)response.StatusCode, JsonDocument.Parse(text.Length == 0 ? "{}" : text).RootElement.Clone());
    }

    /// <summary>The walkthrough's upload step: PutObject over S3's REST API.</summary>
    public async Task UploadAsync(string key, string content)
    {
        using var request = Signed(HttpMethod.Put, $"/{Bucket}/{key}", "s3");
        request.Content = new StringContent(content, Encoding.UTF8, "application/json");
        using var response = await _http.SendAsync(request, Ct);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>ListObjectsV2 over HTTP: the keys under a prefix.</summary>
    public async Task<List<string>> ListAsync(string prefix)
    {
        using var request = Signed(HttpMethod.Get, $"/{Bucket}?list-type=2&prefix={Uri.EscapeDataString(prefix)}", "s3");
        using var response = await _http.SendAsync(request, Ct);
        response.EnsureSuccessStatusCode();
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return [.. document.Root?.Elements(S3Xml + "Contents").Select(c => c.Element(S3Xml + "Key")?.Value ?? string.Empty) ?? []];
    }

    /// <summary>GetObject over HTTP, saved under <paramref name="folder"/>.</summary>
    public async Task DownloadAsync(string key, string folder)
    {
        using var request = Signed(HttpMethod.Get, $"/{Bucket}/{key}", "s3");
        using var response = await _http.SendAsync(request, Ct);
        response.EnsureSuccessStatusCode();
        await File.WriteAllBytesAsync(Path.Combine(folder, key[(key.LastIndexOf('/') + 1)..]), await response.Content.ReadAsByteArrayAsync(Ct), Ct);
    }

    /// <summary>Moves the fake clock past the job's or crawler's simulated time, then waits for its real work to finish.</summary>
    public async Task AdvanceAsync(int seconds)
    {
        for (var i = 0; i < seconds; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        await Glue.DataPlaneWork.WhenIdleAsync(Ct);
    }

    public async Task<WorkflowRun> SingleRunAsync() =>
        Assert.Single(((GetWorkflowRunsResponse)await GlueAsync("GetWorkflowRuns", new GetWorkflowRunsRequest(Workflow, true, null, 100))).Runs);

    /// <summary>Rows of every Parquet object under the prefix, fetched through the S3 API and queried with DuckDB.</summary>
    public async Task<List<string[]>> QueryAsync(string prefix, string select)
    {
        var folder = Directory.CreateTempSubdirectory("localcloud-parquet-");
        try
        {
            foreach (var key in (await ListAsync(prefix)).Where(k => k.EndsWith(".parquet", StringComparison.Ordinal)))
            {
                await DownloadAsync(key, folder.FullName);
            }

            using var connection = new DuckDBConnection("Data Source=:memory:");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = select.Replace("{files}", $"read_parquet('{Path.Combine(folder.FullName, "*.parquet")}')", StringComparison.Ordinal);
            using var reader = command.ExecuteReader();
            var rows = new List<string[]>();
            while (reader.Read())
            {
                rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty)]);
            }

            return rows;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    public void Dispose() => _http.Dispose();

    private HttpRequestMessage Signed(HttpMethod method, string path, string service)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential={Account}/20261125/{Region}/{service}/aws4_request, SignedHeaders=host, Signature=0");
        return request;
    }
}
