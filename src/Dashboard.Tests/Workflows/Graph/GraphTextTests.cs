using Dashboard.Tests.Shared;
using Dashboard.Workflows.Graph;

namespace Dashboard.Tests.Workflows.Graph;

public sealed class GraphTextTests
{
    private static GraphNode Node(NodeKind kind, NodeState state, string? triggerType = null, string? glueState = null) =>
        new("id", kind, "name", state) { TriggerType = triggerType, GlueState = glueState };

    [Theory]
    [InlineData("short", 10, "short")]
    [InlineData("exactly_10", 10, "exactly_10")]
    [InlineData("products_json_to_parquet", 11, "produ…rquet")]
    [InlineData("products_json_to_parquet", 10, "produ…quet")]
    [InlineData("abc", 1, "…")]
    public void Truncate_LongNames_KeepBothEnds(string name, int length, string expected)
    {
        var shortened = GraphText.Truncate(name, length);

        Assert.Equal(expected, shortened);
        Assert.True(shortened.Length <= Math.Max(length, 1));
    }

    [Fact]
    public void Truncate_NeverSplitsASurrogatePair()
    {
        var shortened = GraphText.Truncate("ab😀cdefgh😀ij", 7);

        Assert.Equal("ab😀…😀ij", shortened);
    }

    [Theory]
    [InlineData("products_json_to_parquet", new[] { "products_json_to_", "parquet" })]
    [InlineData("products_raw_ingest_pre_job_trigger", new[] { "products_raw_ingest_", "pre_job_trigger" })]
    [InlineData("short_name", new[] { "short_name" })]
    [InlineData("nobreakanywhereinthisverylongname", new[] { "nobreakanywhereinthi", "sverylongname" })]
    [InlineData("customer_orders_deduplicate_and_merge_into_curated", new[] { "customer_orders_", "deduplicat…o_curated" })]
    public void NameLines_BreakAfterASeparatorAndCutWhatStillDoesNotFit(string name, string[] expected) =>
        Assert.Equal(expected, GraphText.NameLines(name, 20));

    [Theory]
    [InlineData(NodeKind.Trigger, NodeState.NotRun, null, "Not fired")]
    [InlineData(NodeKind.Trigger, NodeState.Fired, null, "Fired")]
    [InlineData(NodeKind.Job, NodeState.NotRun, null, "Not run")]
    [InlineData(NodeKind.Job, NodeState.Failed, "FAILED", "Failed")]
    [InlineData(NodeKind.Job, NodeState.Failed, "TIMEOUT", "Failed (timeout)")]
    [InlineData(NodeKind.Crawler, NodeState.Stopped, "CANCELLED", "Stopped")]
    [InlineData(NodeKind.Job, NodeState.Unknown, "NEW_STATE", "Unknown (NEW_STATE)")]
    public void StateLabel_SaysWhatTheNodeDid(NodeKind kind, NodeState state, string? glueState, string expected) =>
        Assert.Equal(expected, GraphText.StateLabel(Node(kind, state, glueState: glueState)));

    [Theory]
    [InlineData(NodeKind.Trigger, "EVENT", "EVENT trigger")]
    [InlineData(NodeKind.Trigger, null, "Trigger")]
    [InlineData(NodeKind.Job, null, "Job")]
    [InlineData(NodeKind.Crawler, null, "Crawler")]
    public void KindLabel_NamesTriggerTypes(NodeKind kind, string? triggerType, string expected) =>
        Assert.Equal(expected, GraphText.KindLabel(Node(kind, NodeState.NotRun, triggerType)));

    [Fact]
    public void Tooltip_FullNameTypeStateTimingAndError()
    {
        var started = new DateTimeOffset(2026, 11, 25, 11, 0, 0, TimeSpan.Zero);
        var node = new GraphNode("id", NodeKind.Job, "products_json_to_parquet", NodeState.Failed)
        {
            GlueState = "FAILED",
            StartedOn = started,
            CompletedOn = started.AddSeconds(150),
            ErrorMessage = "AnalysisException: Path does not exist",
        };

        Assert.Equal(
            "products_json_to_parquet\nJob · Failed\nStarted 2026-11-25 11:00:00 UTC, took 2 min 30 s\nError: AnalysisException: Path does not exist",
            GraphText.Tooltip(node));
    }

    [Fact]
    public void Summary_Run_CountsKindsAndStatesAndNamesFailures()
    {
        var model = WorkflowGraphModel.FromRun(GlueGraphs.Walkthrough("SUCCEEDED", "FAILED"));

        Assert.Equal(
            "Workflow graph of 4 steps: 2 triggers, 1 job and 1 crawler. Starts at EVENT trigger products_raw_ingest_pre_job_trigger. "
                + "In this run: 1 succeeded, 1 failed. Failed: products_parquet_crawler.",
            GraphText.Summary(model));
    }

    [Fact]
    public void Summary_NoRun_SaysSo()
    {
        var summary = GraphText.Summary(WorkflowGraphModel.From(GlueGraphs.Walkthrough()));

        Assert.EndsWith("No run to show.", summary, StringComparison.Ordinal);
        Assert.Equal("Workflow graph: no triggers, jobs or crawlers yet.", GraphText.Summary(WorkflowGraphModel.Empty));
    }
}
