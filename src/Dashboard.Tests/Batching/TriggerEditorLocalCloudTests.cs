using System.Text.Json;
using Dashboard.Audit;
using Dashboard.Aws.Glue;
using Dashboard.Batching;
using Dashboard.Cloud;
using Dashboard.Security;
using Dashboard.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Batching;

/// <summary>The editor over the wire against LocalCloud, whose UpdateTrigger overwrites the whole trigger as Glue's does.</summary>
public sealed class TriggerEditorLocalCloudTests(LocalCloudServer cloud) : IClassFixture<LocalCloudServer>
{
    private readonly string _prefix = "ed" + Guid.NewGuid().ToString("N")[..8];
    private readonly MemoryAuditLog _audit = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private string Workflow => $"{_prefix}-orders";

    private string TriggerName => $"{_prefix}-orders-start";

    private (TriggerEditor Editor, RequestCounter Requests, GlueClient Glue) Editor()
    {
        var requests = new RequestCounter();
        var glue = new GlueClient(LocalCloudServer.Credentials, cloud.Config(GlueClient.Spec, requests));
        return (new TriggerEditor(glue, _audit, new CloudEnvironment("local"), TimeProvider.System, NullLogger<TriggerEditor>.Instance), requests, glue);
    }

    /// <summary>A workflow whose EVENT trigger runs a job (arguments, timeout, notification, security configuration) and a crawler.</summary>
    private async Task SeedAsync()
    {
        await cloud.GlueAsync("CreateJob", new { Name = $"{_prefix}-merge", Role = "arn:aws:iam::000000000000:role/glue", Command = new { Name = "glueetl", ScriptLocation = "s3://scripts/merge.py" } });
        await cloud.GlueAsync("CreateCrawler", new { Name = $"{_prefix}-crawler", Role = "arn:aws:iam::000000000000:role/glue", DatabaseName = "db", Targets = new { S3Targets = new[] { new { Path = "s3://bucket/orders/" } } } });
        await cloud.GlueAsync("CreateWorkflow", new { Name = Workflow, MaxConcurrentRuns = 1 });
        await cloud.GlueAsync("CreateTrigger", new
        {
            Name = TriggerName,
            WorkflowName = Workflow,
            Type = "EVENT",
            Description = "Merges order files as they land",
            Actions = new object[]
            {
                new
                {
                    JobName = $"{_prefix}-merge",
                    Arguments = new Dictionary<string, string> { ["--mode"] = "full", ["--localcloud-duration-seconds"] = "60" },
                    Timeout = 30,
                    SecurityConfiguration = "orders-sec",
                    NotificationProperty = new { NotifyDelayAfter = 5 },
                },
                new { CrawlerName = $"{_prefix}-crawler" },
            },
            EventBatchingCondition = new { BatchSize = 5, BatchWindow = 900 },
        });
    }

    private async Task<JsonElement> TriggerJsonAsync() => (await cloud.GlueAsync("GetTrigger", new { Name = TriggerName })).GetProperty("Trigger");

    private static Actor Operator(string name) => new(name, DashboardRoles.Operator);

    [Fact]
    public async Task Save_RoundTrip_KeepsActionsAndDescription_InThreeRequests()
    {
        await SeedAsync();
        var before = await TriggerJsonAsync();
        var (editor, requests, glue) = Editor();
        using var _ = glue;
        var session = (await editor.OpenAsync(EditTarget.Workflow(Workflow), _ct)).Session!;
        requests.Reset();

        var result = await editor.SaveAsync(session, new BatchingChange(10, 120), Operator("ana"), "bursts of ten", _ct);

        Assert.Equal(SaveOutcome.Saved, result.Outcome);
        Assert.Equal((3, 3), (result.AwsRequests, requests.Count));
        var after = await TriggerJsonAsync();
        Assert.Equal(before.GetProperty("Actions").GetRawText(), after.GetProperty("Actions").GetRawText());
        Assert.Equal("Merges order files as they land", after.GetProperty("Description").GetString());
        Assert.Equal("""{"BatchSize":10,"BatchWindow":120}""", after.GetProperty("EventBatchingCondition").GetRawText());
        Assert.Equal([AuditResult.Pending, AuditResult.Succeeded], _audit.Records.Select(r => r.Result));
    }

    [Fact]
    public async Task Save_SeenByTheAwsCli_WithTheNewBatchingAndTheSameActions()
    {
        await SeedAsync();
        var (editor, _, glue) = Editor();
        using var _g = glue;
        var session = (await editor.OpenAsync(EditTarget.Trigger(TriggerName), _ct)).Session!;

        await editor.SaveAsync(session, new BatchingChange(25, null), Operator("ana"), null, _ct);

        var trigger = (await new AwsCli(cloud.Endpoint).RunAsync("glue", "get-trigger", "--name", TriggerName))!.Value.GetProperty("Trigger");
        Assert.Equal(25, trigger.GetProperty("EventBatchingCondition").GetProperty("BatchSize").GetInt32());
        var actions = trigger.GetProperty("Actions");
        Assert.Equal(2, actions.GetArrayLength());
        Assert.Equal("full", actions[0].GetProperty("Arguments").GetProperty("--mode").GetString());
        Assert.Equal(30, actions[0].GetProperty("Timeout").GetInt32());
        Assert.Equal("orders-sec", actions[0].GetProperty("SecurityConfiguration").GetString());
        Assert.Equal(5, actions[0].GetProperty("NotificationProperty").GetProperty("NotifyDelayAfter").GetInt32());
        Assert.Equal($"{_prefix}-crawler", actions[1].GetProperty("CrawlerName").GetString());
    }

    [Fact]
    public async Task TwoEditors_OneTrigger_TheSecondSaveConflicts_AndWritesNothing()
    {
        await SeedAsync();
        var (first, _, firstGlue) = Editor();
        var (second, secondRequests, secondGlue) = Editor();
        using var _a = firstGlue;
        using var _b = secondGlue;
        var mine = (await first.OpenAsync(EditTarget.Workflow(Workflow), _ct)).Session!;
        var theirs = (await second.OpenAsync(EditTarget.Workflow(Workflow), _ct)).Session!;

        var firstSave = await first.SaveAsync(mine, new BatchingChange(10, 60), Operator("ana"), null, _ct);
        secondRequests.Reset();
        var secondSave = await second.SaveAsync(theirs, new BatchingChange(50, 600), Operator("ben"), null, _ct);

        Assert.Equal(SaveOutcome.Saved, firstSave.Outcome);
        Assert.Equal(SaveOutcome.Conflict, secondSave.Outcome);
        Assert.Equal((1, 1), (secondSave.AwsRequests, secondRequests.Count));
        Assert.Equal("""{"BatchSize":10,"BatchWindow":60}""", (await TriggerJsonAsync()).GetProperty("EventBatchingCondition").GetRawText());
        var conflict = secondSave.Conflict!;
        Assert.Equal([new DiffLine("EventBatchingCondition.BatchSize", "5", "10"), new DiffLine("EventBatchingCondition.BatchWindow", "900", "60")], conflict.TheirChanges);
        Assert.Equal(50, conflict.Merged.EventBatchingCondition?.BatchSize);
        Assert.Equal(AuditResult.Conflict, _audit.Records[^1].Result);
        Assert.Equal("ben", _audit.Records[^1].Actor);
    }

    [Theory]
    [InlineData("0", "60")]
    [InlineData("101", "60")]
    [InlineData("10", "901")]
    [InlineData("-1", "60")]
    [InlineData("abc", "60")]
    [InlineData("", "60")]
    [InlineData("10", "abc")]
    public async Task InvalidInput_IsRefusedBeforeAnyAwsCall(string size, string window)
    {
        await SeedAsync();
        var (editor, requests, glue) = Editor();
        using var _ = glue;
        var session = (await editor.OpenAsync(EditTarget.Workflow(Workflow), _ct)).Session!;
        requests.Reset();

        var input = BatchingChange.Parse(size, window);
        Assert.False(input.IsValid);
        Assert.NotEmpty(input.Problems);

        // A form that calls save anyway, with the numbers it has, is refused by the editor too.
        var raw = new BatchingChange(int.TryParse(size, out var s) ? s : 0, int.TryParse(window, out var w) ? w : 0);
        var result = await editor.SaveAsync(session, raw, Operator("ana"), null, _ct);

        Assert.Equal(SaveOutcome.Refused, result.Outcome);
        Assert.Equal((0, 0), (result.AwsRequests, requests.Count));
        Assert.Equal("""{"BatchSize":5,"BatchWindow":900}""", (await TriggerJsonAsync()).GetProperty("EventBatchingCondition").GetRawText());
    }
}
