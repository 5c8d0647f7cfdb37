using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Overview.Seeding;

/// <summary>What was seeded: the counts the minimum number of requests is computed from.</summary>
public sealed record SeededCloud(int Workflows, IReadOnlyList<SeededBus> Buses)
{
    public int Rules => Buses.Sum(b => b.Rules);
}

public sealed record SeededBus(string Name, int Rules);

/// <summary>
/// Seeds LocalCloud through its public APIs, as a user would: a shared job, then per workflow CreateWorkflow and an
/// EVENT start trigger with batching; custom buses; per rule PutRule and PutTargets with the workflow as target.
/// Every fourth workflow gets a run, so the list shows last runs too.
/// </summary>
public sealed class Seeder(HttpClient http, string account, string region)
{
    private const int Parallelism = 4;

    private static readonly JsonSerializerOptions WireOptions = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static string WorkflowName(int index) => $"ingest-{index:D4}";

    public async Task<SeededCloud> SeedAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        await CallAsync("glue", "AWSGlue.CreateJob", new
        {
            Name = "bench-load",
            Role = $"arn:aws:iam::{account}:role/glue",
            Command = new { Name = "glueetl", ScriptLocation = "s3://bench-scripts/load.py" },
            DefaultArguments = new Dictionary<string, string> { ["--localcloud-duration-seconds"] = "1" },
            ExecutionProperty = new { MaxConcurrentRuns = 10_000 },
        }, cancellationToken);

        await Parallel.ForAsync(0, settings.Workflows, Options(cancellationToken), async (i, ct) =>
        {
            var name = WorkflowName(i);
            await CallAsync("glue", "AWSGlue.CreateWorkflow", new { Name = name, MaxConcurrentRuns = 1 }, ct);
            await CallAsync("glue", "AWSGlue.CreateTrigger", new
            {
                Name = $"{name}-start",
                WorkflowName = name,
                Type = "EVENT",
                Actions = new[] { new { JobName = "bench-load" } },
                EventBatchingCondition = new { BatchSize = 1 + (i % 100), BatchWindow = 60 + (i % 841) },
            }, ct);
            if (i % 4 == 0)
            {
                await CallAsync("glue", "AWSGlue.StartWorkflowRun", new { Name = name }, ct);
            }
        });

        var buses = settings.RulesByBus.Select((rules, b) => new SeededBus(b == 0 ? "default" : $"uploads-{b}", rules)).ToList();
        foreach (var bus in buses.Where(b => b.Name != "default"))
        {
            await CallAsync("events", "AWSEvents.CreateEventBus", new { bus.Name }, cancellationToken);
        }

        await Parallel.ForAsync(0, settings.Rules, Options(cancellationToken), async (r, ct) =>
        {
            var bus = buses[r / settings.RulesPerBus].Name;
            var workflow = WorkflowName(r % settings.Workflows);
            var rule = $"{workflow}-upload-{r:D4}";
            var pattern = "{\"source\":[\"aws.s3\"],\"detail-type\":[\"Object Created\"],\"detail\":{\"bucket\":{\"name\":[\"bench-landing\"]},\"object\":{\"key\":[{\"prefix\":\"" + workflow + "/\"}]}}}";
            await CallAsync("events", "AWSEvents.PutRule", new { Name = rule, EventBusName = bus, EventPattern = pattern, State = r % 10 == 9 ? "DISABLED" : "ENABLED" }, ct);
            await CallAsync("events", "AWSEvents.PutTargets", new
            {
                Rule = rule,
                EventBusName = bus,
                Targets = new[] { new { Id = "workflow", Arn = $"arn:aws:glue:{region}:{account}:workflow/{workflow}", RoleArn = $"arn:aws:iam::{account}:role/eventbridge-glue" } },
            }, ct);
        });

        return new SeededCloud(settings.Workflows, buses);
    }

    private static ParallelOptions Options(CancellationToken cancellationToken) => new() { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };

    private async Task CallAsync(string service, string target, object body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/")
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, WireOptions)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        var date = DateTimeOffset.UtcNow.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential={account}/{date}/{region}/{service}/aws4_request, SignedHeaders=host, Signature=0");
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{target} failed ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }
}
