using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Amazon.Runtime;
using Dashboard.Audit;
using Dashboard.Aws.Glue;
using Dashboard.Aws.Protocol;
using Dashboard.Batching;
using Dashboard.Cloud;
using Dashboard.Security;
using LocalCloud;
using LocalCloud.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace AuditCost;

/// <summary>
/// What the audit trail costs a save. The same saves (re-read, UpdateTrigger, read back) against LocalCloud over
/// HTTP, with no audit log, with the SQLite log (WAL, synchronous=FULL) and, when DASHBOARD_BENCH_POSTGRES holds a
/// connection string, with the PostgreSQL log; then the audit append alone. Counts the HTTP requests of every save.
/// <c>dotnet run -c Release --project benchmarks/AuditCost -- [saves]</c>.
/// </summary>
public static class Program
{
    private const string Account = "424242424242";

    public static async Task<int> Main(string[] args)
    {
        var saves = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 300;
        await using var cloud = await LocalCloudHost.StartAsync(new LocalCloudSettings { Port = 0, SeedDemo = false }, TimeProvider.System, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = cloud.Endpoint };
        await SeedAsync(http);

        var requests = new Counter();
        using var factory = new CountingFactory(requests);
        using var glue = new GlueClient(new BasicAWSCredentials(Account, "secret"), new AwsClientConfig(GlueClient.Spec)
        {
            ServiceURL = cloud.Endpoint.ToString(),
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
            HttpClientFactory = factory,
        });

        var folder = Path.Combine(Path.GetTempPath(), "audit-cost-" + Guid.NewGuid().ToString("N")[..8]);
        var logs = new List<(string Name, IAuditLog Log)> { ("none", new NoAudit()), ("sqlite", new SqliteAuditLog(Path.Combine(folder, "audit.db"))) };
        if (Environment.GetEnvironmentVariable("DASHBOARD_BENCH_POSTGRES") is { Length: > 0 } postgres)
        {
            logs.Add(("postgres", new PostgresAuditLog(postgres)));
        }

        Console.WriteLine($"LocalCloud on {cloud.Endpoint}; {saves} saves per audit log, after {saves / 5} to warm up.");
        Console.WriteLine($"{"audit",-9} {"saves",6} {"req/save",9} {"mean ms",8} {"p50 ms",7} {"p95 ms",7} {"p99 ms",7}");
        try
        {
            foreach (var (name, log) in logs)
            {
                if (log is DbAuditLog database)
                {
                    await database.EnsureCreatedAsync(CancellationToken.None);
                }

                var editor = new TriggerEditor(glue, log, new CloudEnvironment("bench"), TimeProvider.System, NullLogger<TriggerEditor>.Instance);
                await RunSavesAsync(editor, requests, saves / 5);
                var (times, perSave) = await RunSavesAsync(editor, requests, saves);
                Console.WriteLine($"{name,-9} {saves,6} {perSave,9:F2} {times.Average(),8:F3} {Percentile(times, 0.50),7:F3} {Percentile(times, 0.95),7:F3} {Percentile(times, 0.99),7:F3}");
            }

            Console.WriteLine();
            Console.WriteLine($"{"append",-9} {"records",7} {"mean ms",8} {"p50 ms",7} {"p95 ms",7} {"p99 ms",7}");
            foreach (var (name, log) in logs.Skip(1))
            {
                var times = new List<double>();
                for (var i = 0; i < saves * 2; i++)
                {
                    var record = AuditRecord.Create(TimeProvider.System, "bench", "bench", AuditActions.UpdateTrigger, "trigger/wf-start", "wf", AuditResult.Pending,
                        "Sending UpdateTrigger: 5 events / 900 s → 10 events / 120 s.", """{"Name":"wf-start","Type":"EVENT"}""", """{"Name":"wf-start"}""");
                    var watch = Stopwatch.StartNew();
                    await log.AppendAsync(record, CancellationToken.None);
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }

                Console.WriteLine($"{name,-9} {times.Count,7} {times.Average(),8:F3} {Percentile(times, 0.50),7:F3} {Percentile(times, 0.95),7:F3} {Percentile(times, 0.99),7:F3}");
            }
        }
        finally
        {
            foreach (var (_, log) in logs)
            {
                if (log is IAsyncDisposable disposable)
                {
                    await disposable.DisposeAsync();
                }
            }

            Directory.Delete(folder, recursive: true);
        }

        return 0;
    }

    /// <summary>Saves alternate between two batchings, so that every save writes; the session is opened untimed.</summary>
    private static async Task<(List<double> Times, double RequestsPerSave)> RunSavesAsync(TriggerEditor editor, Counter requests, int count)
    {
        var times = new List<double>(count);
        var sent = 0;
        for (var i = 0; i < count; i++)
        {
            var session = (await editor.OpenAsync(EditTarget.Trigger("wf-start"), CancellationToken.None)).Session
                ?? throw new InvalidOperationException("The trigger did not open.");
            var change = new BatchingChange(session.Current?.BatchSize == 10 ? 20 : 10, 120);
            var before = requests.Count;
            var watch = Stopwatch.StartNew();
            var result = await editor.SaveAsync(session, change, new Actor("bench", DashboardRoles.Operator), null, CancellationToken.None);
            times.Add(watch.Elapsed.TotalMilliseconds);
            sent += requests.Count - before;
            if (result.Outcome != SaveOutcome.Saved || result.AwsRequests != requests.Count - before)
            {
                throw new InvalidOperationException($"Save {i}: {result.Outcome}, {result.AwsRequests} requests counted by the editor, {requests.Count - before} on the wire: {result.Message}");
            }
        }

        return (times, (double)sent / count);
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static async Task SeedAsync(HttpClient http)
    {
        await CallAsync(http, "CreateJob", new { Name = "wf-job", Role = $"arn:aws:iam::{Account}:role/glue", Command = new { Name = "glueetl", ScriptLocation = "s3://b/j.py" } });
        await CallAsync(http, "CreateWorkflow", new { Name = "wf" });
        await CallAsync(http, "CreateTrigger", new
        {
            Name = "wf-start",
            WorkflowName = "wf",
            Type = "EVENT",
            Description = "bench",
            Actions = new[] { new { JobName = "wf-job", Arguments = new Dictionary<string, string> { ["--mode"] = "full" }, Timeout = 30 } },
            EventBatchingCondition = new { BatchSize = 5, BatchWindow = 900 },
        });
    }

    private static async Task CallAsync(HttpClient http, string operation, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSGlue." + operation);
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential={Account}/20261125/us-east-1/glue/aws4_request, SignedHeaders=host, Signature=0");
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{operation} failed ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync()}");
        }
    }

    private sealed class NoAudit : IAuditLog
    {
        public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<AuditRecordPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken) => Task.FromResult(new AuditRecordPage([], 0, 0, query.Limit));

        public Task WriteCsvAsync(AuditFilter filter, Stream output, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class Counter
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Add() => Interlocked.Increment(ref _count);
    }

    /// <summary>One pooled handler for every request, as the SDK's own client caching gives, with a count in front.</summary>
    private sealed class CountingFactory(Counter counter) : HttpClientFactory, IDisposable
    {
        private readonly SocketsHttpHandler _sockets = new();

        public void Dispose() => _sockets.Dispose();

        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new CountingHandler(counter, _sockets), disposeHandler: false);

        private sealed class CountingHandler(Counter counter, HttpMessageHandler inner) : DelegatingHandler(inner)
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                counter.Add();
                return base.SendAsync(request, cancellationToken);
            }
        }
    }
}
