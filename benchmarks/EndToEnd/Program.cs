using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using LocalCloud;
using LocalCloud.Glue;
using LocalCloud.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace EndToEnd;

/// <summary>
/// LocalCloud end to end: 1,000 rules and 200 event-driven workflows; PutEvents over HTTP, 10 entries a call, from
/// several concurrent clients; then every accepted event id is looked up in the runs and open batches.
/// <c>dotnet run -c Release --project benchmarks/EndToEnd -- [events] [clients]</c>.
/// </summary>
public static class Program
{
    private const int Workflows = 200;
    private const int Rules = 1_000;
    private const string Account = "424242424242";

    private static readonly JsonSerializerOptions WireOptions = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public static async Task<int> Main(string[] args)
    {
        var totalEvents = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200_000;
        var clients = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
        await using var cloud = await LocalCloudHost.StartAsync(new LocalCloudSettings { Port = 0, SeedDemo = false, MaxRulesPerBus = 2_000 }, TimeProvider.System, CancellationToken.None);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients * 2 }) { BaseAddress = cloud.Endpoint };

        Console.WriteLine($"LocalCloud on {cloud.Endpoint}; seeding {Workflows} workflows and {Rules} rules…");
        await SeedAsync(http);

        // Warm up the JIT and the connection pool, then measure.
        await SendAsync(http, 2_000, clients, recordLatency: false);
        var (accepted, latencies, elapsed) = await SendAsync(http, totalEvents, clients, recordLatency: true);

        latencies.Sort();
        double Percentile(double p) => latencies[(int)Math.Min(latencies.Count - 1, Math.Ceiling(p * latencies.Count) - 1)];
        Console.WriteLine($"events: {accepted.Count:N0} accepted in {elapsed.TotalSeconds:F2} s = {accepted.Count / elapsed.TotalSeconds:N0} events/s ({clients} clients, 10 entries a call)");
        Console.WriteLine($"PutEvents → batcher latency per call (ms): p50 {Percentile(0.50):F2}, p90 {Percentile(0.90):F2}, p99 {Percentile(0.99):F2}, max {latencies[^1]:F2}");

        var (inRuns, inBatches, duplicates, lost) = await AuditAsync(http, cloud.Services.GetRequiredService<GlueBackend>(), accepted);
        Console.WriteLine($"audit: {inRuns:N0} ids in runs + {inBatches:N0} in open batches; duplicated {duplicates}, lost {lost}");
        return duplicates == 0 && lost == 0 ? 0 : 1;
    }

    private static async Task SeedAsync(HttpClient http)
    {
        for (var i = 0; i < Workflows; i++)
        {
            var name = $"wf-{i:D3}";
            await CallAsync(http, "glue", "AWSGlue.CreateWorkflow", new { Name = name, MaxConcurrentRuns = 100_000 });
            await CallAsync(http, "glue", "AWSGlue.CreateJob", new { Name = $"{name}-job", Role = "arn:aws:iam::424242424242:role/glue", Command = new { Name = "glueetl", ScriptLocation = "s3://b/j.py" }, DefaultArguments = new Dictionary<string, string> { ["--localcloud-duration-seconds"] = "3600" }, ExecutionProperty = new { MaxConcurrentRuns = 100_000 } });
            await CallAsync(http, "glue", "AWSGlue.CreateTrigger", new { Name = $"{name}-start", WorkflowName = name, Type = "EVENT", Actions = new[] { new { JobName = $"{name}-job" } }, EventBatchingCondition = new { BatchSize = 5 + (i % 46), BatchWindow = 900 } });
        }

        // 200 rules that route to the workflows, and 800 that match nothing in this stream, of every pattern kind.
        for (var i = 0; i < Rules; i++)
        {
            string pattern;
            if (i < Workflows)
            {
                pattern = "{\"source\":[\"bench.uploads\"],\"detail\":{\"workflow\":[\"wf-" + i.ToString("D3", CultureInfo.InvariantCulture) + "\"],\"object\":{\"key\":[{\"prefix\":\"data/\"}]}}}";
            }
            else
            {
                pattern = (i % 5) switch
                {
                    0 => $$"""{"source":["other.{{i}}"]}""",
                    1 => "{\"detail\":{\"object\":{\"key\":[{\"suffix\":\".parquet-" + i.ToString(CultureInfo.InvariantCulture) + "\"}]}}}",
                    2 => "{\"detail\":{\"object\":{\"size\":[{\"numeric\":[\">\"," + (1_000_000 + i).ToString(CultureInfo.InvariantCulture) + "]}]}}}",
                    3 => "{\"source\":[\"bench.uploads\"],\"detail\":{\"workflow\":[{\"anything-but\":[\"wf-000\",\"wf-001\"]}],\"bucket\":{\"name\":[\"elsewhere-" + i.ToString(CultureInfo.InvariantCulture) + "\"]}}}",
                    _ => $$"""{"detail-type":[{"equals-ignore-case":"Never {{i}}"}]}""",
                };
            }

            await CallAsync(http, "events", "AWSEvents.PutRule", new { Name = $"rule-{i:D4}", EventPattern = pattern });
            if (i < Workflows)
            {
                await CallAsync(http, "events", "AWSEvents.PutTargets", new { Rule = $"rule-{i:D4}", Targets = new[] { new { Id = "wf", Arn = $"arn:aws:glue:us-east-1:{Account}:workflow/wf-{i:D3}", RoleArn = $"arn:aws:iam::{Account}:role/eb" } } });
            }
        }
    }

    private static async Task<(List<string> Accepted, List<double> LatenciesMs, TimeSpan Elapsed)> SendAsync(HttpClient http, int events, int clients, bool recordLatency)
    {
        var calls = events / 10;
        var next = -1;
        var accepted = new List<string>(events);
        var latencies = new List<double>(calls);
        var padding = new string('x', 420);
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            var random = new Random(client);
            var mine = new List<string>();
            var myLatencies = new List<double>();
            while (Interlocked.Increment(ref next) < calls)
            {
                var entries = Enumerable.Range(0, 10).Select(_ =>
                {
                    var workflow = $"wf-{random.Next(Workflows):D3}";
                    var detail = $$"""{"version":"0","bucket":{"name":"bench-bucket"},"object":{"key":"data/products_raw/{{Guid.NewGuid():N}}.json","size":{{random.Next(100, 100_000)}},"etag":"d41d8cd98f00b204e9800998ecf8427e"},"workflow":"{{workflow}}","request-id":"{{Guid.NewGuid():N}}","requester":"{{Account}}","reason":"PutObject","padding":"{{padding}}"}""";
                    return new { Source = "bench.uploads", DetailType = "Object Created", Detail = detail };
                }).ToArray();
                var started = Stopwatch.GetTimestamp();
                var response = await CallAsync(http, "events", "AWSEvents.PutEvents", new { Entries = entries });
                myLatencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                foreach (var entry in response.GetProperty("Entries").EnumerateArray())
                {
                    mine.Add(entry.GetProperty("EventId").GetString() ?? throw new InvalidOperationException("An entry was refused."));
                }
            }

            lock (accepted)
            {
                accepted.AddRange(mine);
                if (recordLatency)
                {
                    latencies.AddRange(myLatencies);
                }
            }
        }));
        return (accepted, latencies, watch.Elapsed);
    }

    private static async Task<(int InRuns, int InBatches, int Duplicates, int Lost)> AuditAsync(HttpClient http, GlueBackend glue, List<string> accepted)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var inRuns = 0;
        for (var i = 0; i < Workflows; i++)
        {
            string? token = null;
            do
            {
                var page = await CallAsync(http, "glue", "AWSGlue.GetWorkflowRuns", new { Name = $"wf-{i:D3}", MaxResults = 1000, IncludeGraph = false, NextToken = token });
                foreach (var run in page.GetProperty("Runs").EnumerateArray())
                {
                    var ids = JsonSerializer.Deserialize<string[]>(run.GetProperty("WorkflowRunProperties").GetProperty("aws:eventIds").GetString() ?? "[]") ?? [];
                    foreach (var id in ids)
                    {
                        seen[id] = seen.GetValueOrDefault(id) + 1;
                        inRuns++;
                    }
                }

                token = page.TryGetProperty("NextToken", out var next) ? next.GetString() : null;
            }
            while (token is not null);
        }

        // What is still buffered is read from the backend, as no AWS API exposes an open batch.
        var inBatches = 0;
        for (var i = 0; i < Workflows; i++)
        {
            foreach (var id in glue.OpenBatch(Account, "us-east-1", $"wf-{i:D3}"))
            {
                seen[id] = seen.GetValueOrDefault(id) + 1;
                inBatches++;
            }
        }

        var duplicates = seen.Values.Count(n => n > 1);
        var lost = accepted.Count(id => !seen.ContainsKey(id));
        return (inRuns, inBatches, duplicates, lost);
    }

    private static async Task<JsonElement> CallAsync(HttpClient http, string service, string target, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/")
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, WireOptions)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential={Account}/20261125/us-east-1/{service}/aws4_request, SignedHeaders=host, Signature=0");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{target} failed ({(int)response.StatusCode}): {text}");
        }

        return JsonDocument.Parse(string.IsNullOrEmpty(text) ? "{}" : text).RootElement.Clone();
    }
}
