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
using Durability;

// Durability of LocalCloud under LocalCloud:DataPath: kill -9 mid-burst, restart, count exactly what was lost (objects,
// and events that never reached Glue, from CloudTrail's NotifyEvent records); then the cost of persistence, durable
// against in-memory, side by side.
//   dotnet benchmarks/Durability/bin/Release/net10.0/Durability.dll [uploads=10000] [killAfter=4000] [concurrency=64] [costUploads=3000]
var arguments = args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray();
var uploads = arguments.ElementAtOrDefault(0) is > 0 and var u ? u : 10_000;
var killAfter = arguments.ElementAtOrDefault(1) is > 0 and var k ? k : uploads * 2 / 5;
var concurrency = arguments.ElementAtOrDefault(2) is > 0 and var c ? c : 64;
var costUploads = arguments.ElementAtOrDefault(3) is > 0 and var n ? n : 3_000;
var ct = CancellationToken.None;

const string Bucket = BenchmarkPipeline.Bucket;
const string ControlKey = "outside-the-rule/control.json";
var dataPath = Path.Combine(Path.GetTempPath(), "localcloud-durability-" + Guid.NewGuid().ToString("N"));
var report = new StringBuilder();
void Say(string line)
{
    Console.WriteLine(line);
    report.AppendLine(line);
}

Say($"# Durability of LocalCloud (LocalCloud:DataPath)\n\n{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {uploads} uploads, kill -9 after {killAfter} acknowledgements, {concurrency} concurrent uploaders; load average {LoadAverage()} at start (shared machine).");
Say($"Pipeline made by the benchmark through public APIs: bucket `{Bucket}` with EventBridge notifications on, rule `{BenchmarkPipeline.Rule}` (S3 \"Object Created\", key prefix `{BenchmarkPipeline.Prefix}`) → workflow `{BenchmarkPipeline.Workflow}` (EVENT trigger, BatchSize 5) with an IAM role that trusts events.amazonaws.com and allows glue:notifyEvent. LocalCloud runs with SeedDemo=false and SyntheticTraffic=false, on a fresh data path.\n");

// ----- 1. kill -9 mid-burst -----
var port = FreePort();
var first = Start(dataPath, port);
using (var wire = new AwsWire(port))
{
    await WaitReadyAsync(wire);
    using var s3 = Client(port);
    await BenchmarkPipeline.CreateAsync(wire, s3, ct);

    // A control: an acknowledged upload outside the rule's prefix, which must show up as "never reached Glue".
    await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = ControlKey, ContentBody = "{}" }, ct);
}

var acked = new ConcurrentBag<string>();
var failed = 0;
var acknowledgements = 0;
using (var s3 = Client(port))
{
    await Parallel.ForEachAsync(Enumerable.Range(0, uploads), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
    {
        var key = $"{BenchmarkPipeline.Prefix}product_{i:D5}.json";
        try
        {
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = key, ContentBody = $$"""{"id":{{i}}}""" }, CancellationToken.None);
            acked.Add(key);
            if (Interlocked.Increment(ref acknowledgements) == killAfter)
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
}

await first.WaitForExitAsync();
Say($"## kill -9 mid-burst\n\n- acknowledged before the kill: **{acked.Count}**; not acknowledged (failed when the process died): {failed}");

var secondWarnings = new ConcurrentQueue<string>();
var second = Start(dataPath, port, secondWarnings);
using (var wire = new AwsWire(port))
using (var s3 = Client(port))
{
    await WaitReadyAsync(wire);
    var present = await ListKeysAsync(s3, BenchmarkPipeline.Prefix);
    var ackedKeys = acked.ToHashSet(StringComparer.Ordinal);
    var lostObjects = ackedKeys.Count(key => !present.Contains(key));
    var (ledger, settle) = await SettledLedgerAsync(wire);
    var neverReached = ackedKeys.Count(key => ledger.Deliveries(key) == 0);
    var duplicatedKeys = ledger.DeliveriesByKey.Count(p => p.Value > 1);
    var extraDeliveries = ledger.DeliveriesByKey.Values.Sum(v => Math.Max(0, v - 1));
    var unackedDelivered = ledger.DeliveriesByKey.Keys.Count(key => !ackedKeys.Contains(key));
    var presentNotDelivered = present.Count(key => ledger.Deliveries(key) == 0);
    var (runs, eventIds) = await EventIdsInRunsAsync(wire);

    Say($"- objects present after restart: {present.Count}; acknowledged objects missing: **{lostObjects}**");
    Say($"- successful NotifyEvent records in CloudTrail: {ledger.DeliveriesByKey.Values.Sum()} for {ledger.DeliveriesByKey.Count} distinct keys (settled {settle.TotalSeconds:F1} s after restart); refused NotifyEvent records: {ledger.Refused}; records without an object key: {ledger.WithoutKey}");
    Say($"- acknowledged uploads whose event never reached Glue (no successful NotifyEvent for the key): **{neverReached}**");
    Say($"- duplicates (at-least-once, allowed): **{duplicatedKeys}** keys delivered more than once, {extraDeliveries} extra deliveries");
    Say($"- objects present but with no delivery: {presentNotDelivered}; unacknowledged uploads that were kept and delivered anyway: {unackedDelivered}");
    Say($"- CloudTrail event history: {ledger.HistorySize} events in the account and region, capacity {DeliveryLedger.HistoryCapacity}: {(ledger.IsComplete ? "nothing dropped, the NotifyEvent ledger is complete" : "**FULL: the oldest events may have been dropped, the ledger may be incomplete**")}");
    var redelivered = secondWarnings.Select(line => System.Text.RegularExpressions.Regex.Match(line, @"Delivered (\d+) S3 events again")).Where(m => m.Success).Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
    Say($"- S3 events LocalCloud delivered again at restart from its outbox (its start-up warning): {redelivered}");
    Say($"- control: an acknowledged upload outside the rule's prefix counts as never reached Glue: {(ledger.Deliveries(ControlKey) == 0 && (await ListKeysAsync(s3, "outside-the-rule/")).Contains(ControlKey) ? "yes (the count can see a missing delivery)" : "**NO: the ledger is wrong**")}");
    Say($"- cross-check: workflow runs {runs}, distinct event ids in their `aws:eventIds` {eventIds} (the open batch of at most 4 is not in a run)\n");
}

second.Kill(entireProcessTree: true);
await second.WaitForExitAsync();

// ----- 2. cost of persistence -----
Say($"## Persistence cost: {costUploads} uploads, {concurrency} concurrent, PutObject → S3 Object Created → rule → Glue (a 200 comes after the event reached the batcher)\n");
Say("| mode | uploads/s | p50 ms | p99 ms | uploads delivered to Glue (NotifyEvent) | load average before → after |\n|---|---|---|---|---|---|");
foreach (var (mode, path) in new[] { ("in memory", (string?)null), ("DataPath (SQLite WAL, synchronous=FULL, group commit)", Path.Combine(dataPath, "cost")) })
{
    var costPort = FreePort();
    var process = Start(path, costPort);
    using (var wire = new AwsWire(costPort))
    using (var s3 = Client(costPort))
    {
        await WaitReadyAsync(wire);
        await BenchmarkPipeline.CreateAsync(wire, s3, ct);
        var loadBefore = LoadAverage();
        var latencies = new ConcurrentBag<double>();
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, costUploads), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, token) =>
        {
            var one = Stopwatch.StartNew();
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = $"{BenchmarkPipeline.Prefix}cost_{i:D5}.json", ContentBody = $$"""{"id":{{i}}}""" }, token);
            latencies.Add(one.Elapsed.TotalMilliseconds);
        });
        var elapsed = watch.Elapsed;
        var (ledger, _) = await SettledLedgerAsync(wire);
        var sorted = latencies.Order().ToArray();
        Say($"| {mode} | {costUploads / elapsed.TotalSeconds:F0} | {sorted[sorted.Length / 2]:F1} | {sorted[(int)(sorted.Length * 0.99)]:F1} | {ledger.DeliveriesByKey.Count} of {costUploads}{(ledger.IsComplete ? "" : " (history full)")} | {loadBefore} → {LoadAverage()} |");
    }

    process.Kill(entireProcessTree: true);
    await process.WaitForExitAsync();
}

Directory.Delete(dataPath, recursive: true);
Say($"\nReproduce: `dotnet build -c Release benchmarks/Durability && dotnet benchmarks/Durability/bin/Release/net10.0/Durability.dll {uploads} {killAfter} {concurrency} {costUploads}`");
var results = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "results");
Directory.CreateDirectory(results);
var file = Path.Combine(results, $"durability-{DateTimeOffset.UtcNow:yyyyMMdd-HHmm}.md");
await File.WriteAllTextAsync(file, report.ToString());
Console.WriteLine($"Written to {Path.GetFullPath(file)}");
return 0;

static Process Start(string? dataPath, int port, ConcurrentQueue<string>? warnings = null)
{
    var dll = Path.Combine(AppContext.BaseDirectory, "LocalCloud.dll");
    var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
    foreach (var argument in new[] { dll, $"--LocalCloud:Port={port}", "--LocalCloud:SeedDemo=false", "--LocalCloud:SyntheticTraffic=false" })
    {
        info.ArgumentList.Add(argument);
    }

    if (dataPath is not null)
    {
        info.ArgumentList.Add($"--LocalCloud:DataPath={dataPath}");
    }

    var process = Process.Start(info) ?? throw new InvalidOperationException("LocalCloud did not start.");
    // LocalCloud's own warnings and errors (it logs nothing below Warning), e.g. how many acknowledged S3 events it
    // delivered again at start. The console logger writes "warn: Category[id]" and then the message, indented, on the next line.
    string? header = null;
    process.OutputDataReceived += (_, e) =>
    {
        if (e.Data is not { } line)
        {
            return;
        }

        if (line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
        {
            header = line;
            Console.Error.WriteLine("  localcloud: " + line);
        }
        else if (header is not null && line.StartsWith(' '))
        {
            warnings?.Enqueue(header + " " + line.Trim());
            Console.Error.WriteLine("  localcloud: " + line);
            header = null;
        }
    };
    process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 }) { Console.Error.WriteLine("  localcloud: " + e.Data); } };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    return process;
}

static async Task WaitReadyAsync(AwsWire wire)
{
    for (var i = 0; i < 300; i++)
    {
        try
        {
            await wire.GlueAsync("ListWorkflows", new { MaxResults = 1 }, CancellationToken.None);
            return;
        }
        catch (HttpRequestException)
        {
            // Not listening yet.
        }

        await Task.Delay(100);
    }

    throw new TimeoutException("LocalCloud did not become ready.");
}

// Deliveries after a restart (the outbox's redeliveries) and after a burst run in the background: read the ledger until
// it stops growing for two seconds, or give up after two minutes and report what is there.
static async Task<(DeliveryLedger Ledger, TimeSpan After)> SettledLedgerAsync(AwsWire wire)
{
    var watch = Stopwatch.StartNew();
    var ledger = await DeliveryLedger.ReadAsync(wire, CancellationToken.None);
    var stableSince = watch.Elapsed;
    while (watch.Elapsed - stableSince < TimeSpan.FromSeconds(2) && watch.Elapsed < TimeSpan.FromMinutes(2))
    {
        await Task.Delay(500);
        var next = await DeliveryLedger.ReadAsync(wire, CancellationToken.None);
        if (next.DeliveriesByKey.Values.Sum() + next.Refused != ledger.DeliveriesByKey.Values.Sum() + ledger.Refused)
        {
            stableSince = watch.Elapsed;
        }

        ledger = next;
    }

    return (ledger, stableSince);
}

static async Task<HashSet<string>> ListKeysAsync(IAmazonS3 s3, string prefix)
{
    var present = new HashSet<string>(StringComparer.Ordinal);
    string? token = null;
    do
    {
        var page = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket, Prefix = prefix, ContinuationToken = token });
        foreach (var o in page.S3Objects ?? [])
        {
            present.Add(o.Key);
        }

        token = page.IsTruncated == true ? page.NextContinuationToken : null;
    }
    while (token is not null);

    return present;
}

static AmazonS3Client Client(int port) => new(new BasicAWSCredentials("test", "test"), new AmazonS3Config
{
    ServiceURL = $"http://127.0.0.1:{port}",
    ForcePathStyle = true,
    AuthenticationRegion = "us-east-1",
    MaxErrorRetry = 0,
});

static async Task<(int Runs, int EventIds)> EventIdsInRunsAsync(AwsWire wire)
{
    var ids = new HashSet<string>(StringComparer.Ordinal);
    var runs = 0;
    string? token = null;
    do
    {
        var page = await wire.GlueAsync("GetWorkflowRuns", new { Name = BenchmarkPipeline.Workflow, IncludeGraph = false, MaxResults = 1000, NextToken = token }, CancellationToken.None);
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

// The machine is shared: the one-minute load average says how much else was running while a mode was measured.
static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}
