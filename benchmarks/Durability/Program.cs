using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

// Durability of LocalCloud under LocalCloud:DataPath: kill -9 mid-burst, restart, count what was lost; then the cost
// of persistence, durable against in-memory, side by side.
//   dotnet run -c Release --project benchmarks/Durability -- [uploads=10000] [killAfter=4000] [concurrency=64] [costUploads=3000]
var arguments = args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray();
var uploads = arguments.ElementAtOrDefault(0) is > 0 and var u ? u : 10_000;
var killAfter = arguments.ElementAtOrDefault(1) is > 0 and var k ? k : uploads * 2 / 5;
var concurrency = arguments.ElementAtOrDefault(2) is > 0 and var c ? c : 64;
var costUploads = arguments.ElementAtOrDefault(3) is > 0 and var n ? n : 3_000;

const string Account = "000000000000";
const string Bucket = "glue-event-demo-" + Account;
const string Prefix = "data/products_raw/";
const string Workflow = "products_raw_ingest";
var dataPath = Path.Combine(Path.GetTempPath(), "localcloud-durability-" + Guid.NewGuid().ToString("N"));
var report = new StringBuilder();
void Say(string line)
{
    Console.WriteLine(line);
    report.AppendLine(line);
}

Say($"# Durability of LocalCloud (LocalCloud:DataPath)\n\n{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {uploads} uploads, kill -9 after {killAfter} acknowledgements, {concurrency} concurrent uploaders.\n");

// ----- 1. kill -9 mid-burst -----
var port = FreePort();
var first = Start(dataPath, port);
await WaitReadyAsync(port);
var acked = new ConcurrentBag<string>();
var failed = 0;
using (var s3 = Client(port))
{
    using var stop = new CancellationTokenSource();
    var burst = Parallel.ForEachAsync(Enumerable.Range(0, uploads), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
    {
        var key = $"{Prefix}product_{i:D5}.json";
        try
        {
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = key, ContentBody = $$"""{"id":{{i}}}""" }, CancellationToken.None);
            acked.Add(key);
            if (acked.Count == killAfter)
            {
                first.Kill(entireProcessTree: true); // SIGKILL: no shutdown, no flush.
            }
        }
        catch (Exception error) when (error is AmazonServiceException or HttpRequestException or IOException or OperationCanceledException or SocketException)
        {
            // Not acknowledged: the process died under it. Such an upload may or may not be kept.
            Interlocked.Increment(ref failed);
        }
    });
    await burst;
}

await first.WaitForExitAsync();
Say($"## kill -9 mid-burst\n\n- acknowledged before the kill: **{acked.Count}**; not acknowledged (failed when the process died): {failed}");

var second = Start(dataPath, port);
await WaitReadyAsync(port);
using (var s3 = Client(port))
{
    var present = new HashSet<string>(StringComparer.Ordinal);
    string? token = null;
    do
    {
        var page = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket, Prefix = Prefix, ContinuationToken = token });
        foreach (var o in page.S3Objects ?? [])
        {
            present.Add(o.Key);
        }

        token = page.IsTruncated == true ? page.NextContinuationToken : null;
    }
    while (token is not null);

    var lostObjects = acked.Count(key => !present.Contains(key));
    var (runs, eventIds) = await EventIdsInRunsAsync(port);
    var invocations = await MetricSumAsync(port, "Invocations");
    Say($"- objects present after restart: {present.Count}; acknowledged objects missing: **{lostObjects}**");
    Say($"- workflow runs: {runs}; distinct event ids in the runs' `aws:eventIds`: {eventIds}; open batch: at most 4 (BatchSize 5); rule Invocations: {invocations}");
    var lostEvents = Math.Max(0, acked.Count - eventIds - 4);
    Say($"- acknowledged uploads whose event never reached Glue: **{lostEvents}** (acknowledged − event ids in runs − the open batch's at most 4; redelivered events carry new ids, so ids ≥ acknowledged means none lost)\n");
}

second.Kill(entireProcessTree: true);
await second.WaitForExitAsync();

// ----- 2. cost of persistence -----
Say($"## Persistence cost: {costUploads} uploads, {concurrency} concurrent, PutObject to Glue (a 200 comes after the event reached the batcher)\n");
Say("| mode | uploads/s | p50 ms | p99 ms |\n|---|---|---|---|");
foreach (var (mode, path) in new[] { ("in memory", (string?)null), ("DataPath (SQLite WAL, synchronous=FULL, group commit)", Path.Combine(dataPath, "cost")) })
{
    var costPort = FreePort();
    var process = Start(path, costPort);
    await WaitReadyAsync(costPort);
    using var s3 = Client(costPort);
    var latencies = new ConcurrentBag<double>();
    var watch = Stopwatch.StartNew();
    await Parallel.ForEachAsync(Enumerable.Range(0, costUploads), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
    {
        var one = Stopwatch.StartNew();
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = $"{Prefix}cost_{i:D5}.json", ContentBody = $$"""{"id":{{i}}}""" }, ct);
        latencies.Add(one.Elapsed.TotalMilliseconds);
    });
    var elapsed = watch.Elapsed;
    var (_, ids) = await EventIdsInRunsAsync(costPort);
    var sorted = latencies.Order().ToArray();
    Say($"| {mode} | {costUploads / elapsed.TotalSeconds:F0} | {sorted[sorted.Length / 2]:F1} | {sorted[(int)(sorted.Length * 0.99)]:F1} |");
    if (ids + 4 < costUploads)
    {
        Say($"|  | (only {ids} event ids reached runs) | | |");
    }

    process.Kill(entireProcessTree: true);
    await process.WaitForExitAsync();
}

Directory.Delete(dataPath, recursive: true);
var results = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "results");
Directory.CreateDirectory(results);
var file = Path.Combine(results, $"durability-{DateTimeOffset.UtcNow:yyyyMMdd-HHmm}.md");
await File.WriteAllTextAsync(file, report.ToString());
Console.WriteLine($"Written to {Path.GetFullPath(file)}");
return 0;

static Process Start(string? dataPath, int port)
{
    var dll = Path.Combine(AppContext.BaseDirectory, "LocalCloud.dll");
    var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
    foreach (var argument in new[] { dll, $"--LocalCloud:Port={port}", "--LocalCloud:SeedDemo=true" })
    {
        info.ArgumentList.Add(argument);
    }

    if (dataPath is not null)
    {
        info.ArgumentList.Add($"--LocalCloud:DataPath={dataPath}");
    }

    var process = Process.Start(info) ?? throw new InvalidOperationException("LocalCloud did not start.");
    process.OutputDataReceived += (_, _) => { };
    process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 }) { Console.Error.WriteLine("  localcloud: " + e.Data); } };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    return process;
}

static async Task WaitReadyAsync(int port)
{
    using var http = new HttpClient();
    for (var i = 0; i < 300; i++)
    {
        try
        {
            var body = await JsonAsync(http, port, "glue", "AWSGlue.GetWorkflow", new { Name = "products_raw_ingest" });
            if (body.TryGetProperty("Workflow", out _))
            {
                return;
            }
        }
        catch (HttpRequestException)
        {
            // Not listening yet.
        }

        await Task.Delay(100);
    }

    throw new TimeoutException($"LocalCloud on port {port} did not become ready.");
}

static AmazonS3Client Client(int port) => new(new BasicAWSCredentials("test", "test"), new AmazonS3Config
{
    ServiceURL = $"http://127.0.0.1:{port}",
    ForcePathStyle = true,
    AuthenticationRegion = "us-east-1",
    MaxErrorRetry = 0,
});

static async Task<(int Runs, int EventIds)> EventIdsInRunsAsync(int port)
{
    using var http = new HttpClient();
    var ids = new HashSet<string>(StringComparer.Ordinal);
    var runs = 0;
    string? token = null;
    do
    {
        var page = await JsonAsync(http, port, "glue", "AWSGlue.GetWorkflowRuns", new { Name = Workflow, IncludeGraph = false, MaxResults = 1000, NextToken = token });
        foreach (var run in page.GetProperty("Runs").EnumerateArray())
        {
            runs++;
            if (run.GetProperty("WorkflowRunProperties").TryGetProperty("aws:eventIds", out var value))
            {
                ids.UnionWith(JsonSerializer.Deserialize<string[]>(value.GetString() ?? "[]") ?? []);
            }
        }

        token = page.TryGetProperty("NextToken", out var next) ? next.GetString() : null;
    }
    while (token is not null);

    return (runs, ids.Count);
}

static async Task<double> MetricSumAsync(int port, string metric)
{
    using var http = new HttpClient();
    var now = DateTimeOffset.UtcNow;
    var body = await JsonAsync(http, port, "monitoring", "GraniteServiceVersion20100801.GetMetricStatistics", new
    {
        Namespace = "AWS/Events",
        MetricName = metric,
        Dimensions = new[] { new { Name = "RuleName", Value = "s3_file_upload_trigger_rule-demo" } },
        StartTime = now.AddHours(-2),
        EndTime = now.AddHours(1),
        Period = 3600 * 3,
        Statistics = new List<string> { "Sum" },
    }, "application/x-amz-json-1.0");
    return body.GetProperty("Datapoints").EnumerateArray().Sum(d => d.GetProperty("Sum").GetDouble());
}

static async Task<JsonElement> JsonAsync(HttpClient http, int port, string service, string target, object body, string contentType = "application/x-amz-json-1.1")
{
    using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/") { Content = new StringContent(JsonSerializer.Serialize(body)) };
    request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
    request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
    request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential=test/20261125/us-east-1/{service}/aws4_request, SignedHeaders=host, Signature=0");
    using var response = await http.SendAsync(request);
    var text = await response.Content.ReadAsStringAsync();
    return response.IsSuccessStatusCode ? JsonDocument.Parse(text).RootElement.Clone() : throw new HttpRequestException($"{target}: {(int)response.StatusCode} {text}");
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}
