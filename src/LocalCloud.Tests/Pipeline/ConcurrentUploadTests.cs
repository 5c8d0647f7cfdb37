using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LocalCloud.Glue;
using LocalCloud.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace LocalCloud.Tests.Pipeline;

/// <summary>Many uploads at once: every S3 event reaches the batcher exactly once.</summary>
public sealed class ConcurrentUploadTests(LocalCloudFixture cloud) : IClassFixture<LocalCloudFixture>
{
    private const int Uploads = 400;

    [Fact]
    public async Task ParallelUploads_EveryEventIdInExactlyOneBatch()
    {
        var account = LocalCloudFixture.NewAccount();
        using var http = new HttpClient { BaseAddress = cloud.Endpoint };
        var bucket = $"parallel-{account}";
        await SendAsync(http, account, "s3", HttpMethod.Put, $"/{bucket}", null);
        await SendAsync(http, account, "s3", HttpMethod.Put, $"/{bucket}?notification", "<NotificationConfiguration><EventBridgeConfiguration/></NotificationConfiguration>");
        await JsonAsync(http, account, "glue", "AWSGlue.CreateWorkflow", new { Name = "orders", MaxConcurrentRuns = 10_000 });
        await JsonAsync(http, account, "glue", "AWSGlue.CreateJob", new { Name = "orders-job", Role = "r", Command = new { Name = "glueetl", ScriptLocation = "s3://s/j.py" }, ExecutionProperty = new { MaxConcurrentRuns = 10_000 } });
        await JsonAsync(http, account, "glue", "AWSGlue.CreateTrigger", new { Name = "orders-start", WorkflowName = "orders", Type = "EVENT", Actions = new[] { new { JobName = "orders-job" } }, EventBatchingCondition = new { BatchSize = 7, BatchWindow = 900 } });
        await JsonAsync(http, account, "events", "AWSEvents.PutRule", new { Name = "created", EventPattern = """{"source":["aws.s3"],"detail-type":["Object Created"]}""" });
        var role = NotifyRole.Create(cloud.Cloud, account);
        await JsonAsync(http, account, "events", "AWSEvents.PutTargets", new { Rule = "created", Targets = new[] { new { Id = "wf", Arn = $"arn:aws:glue:us-east-1:{account}:workflow/orders", RoleArn = role } } });

        await Parallel.ForEachAsync(Enumerable.Range(0, Uploads), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = TestContext.Current.CancellationToken }, async (i, _) =>
            await SendAsync(http, account, "s3", HttpMethod.Put, $"/{bucket}/cdc/order_{i:D4}.json", $$"""{"order":{{i}}}"""));

        var runs = (await JsonAsync(http, account, "glue", "AWSGlue.GetWorkflowRuns", new { Name = "orders", MaxResults = 1000, IncludeGraph = false })).GetProperty("Runs").EnumerateArray().ToList();
        var inRuns = runs.SelectMany(r => JsonSerializer.Deserialize<string[]>(r.GetProperty("WorkflowRunProperties").GetProperty("aws:eventIds").GetString() ?? "[]") ?? []).ToList();
        var open = cloud.Cloud.Services.GetRequiredService<GlueBackend>().OpenBatch(account, "us-east-1", "orders");
        var all = inRuns.Concat(open).ToList();
        Assert.Equal(Uploads, all.Count);
        Assert.Equal(Uploads, all.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Uploads / 7, runs.Count);
        Assert.All(runs, r => Assert.Equal(7, r.GetProperty("StartingEventBatchCondition").GetProperty("BatchSize").GetInt32()));
    }

    private static async Task SendAsync(HttpClient http, string account, string service, HttpMethod method, string path, string? body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : new StringContent(body, Encoding.UTF8) };
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential={account}/20261125/us-east-1/{service}/aws4_request, SignedHeaders=host, Signature=0");
        request.Headers.TryAddWithoutValidation("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<JsonElement> JsonAsync(HttpClient http, string account, string service, string target, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(JsonSerializer.Serialize(body)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential={account}/20261125/us-east-1/{service}/aws4_request, SignedHeaders=host, Signature=0");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{target}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(string.IsNullOrEmpty(text) ? "{}" : text).RootElement.Clone();
    }
}
