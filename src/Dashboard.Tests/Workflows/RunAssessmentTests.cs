using Dashboard.Aws.Glue;
using Dashboard.Workflows;

namespace Dashboard.Tests.Workflows;

public sealed class RunAssessmentTests
{
    private static WorkflowRun Run(string status, int succeeded = 0, int failed = 0, int timeout = 0, int errored = 0, int stopped = 0, string? error = null) => new()
    {
        Status = status,
        ErrorMessage = error,
        Statistics = new() { TotalActions = succeeded + failed + timeout + errored + stopped, SucceededActions = succeeded, FailedActions = failed, TimeoutActions = timeout, ErroredActions = errored, StoppedActions = stopped },
    };

    [Theory]
    [InlineData("COMPLETED", 3, 0, 0, 0, 0, RunHealth.Succeeded)]
    [InlineData("COMPLETED", 2, 1, 0, 0, 0, RunHealth.PartialFailure)]
    [InlineData("COMPLETED", 1, 0, 1, 0, 0, RunHealth.PartialFailure)]
    [InlineData("COMPLETED", 0, 2, 0, 0, 0, RunHealth.Failed)]
    [InlineData("COMPLETED", 0, 0, 0, 1, 0, RunHealth.Failed)]
    [InlineData("COMPLETED", 0, 0, 0, 0, 1, RunHealth.Failed)]
    [InlineData("RUNNING", 1, 1, 0, 0, 0, RunHealth.Running)]
    [InlineData("STOPPED", 1, 0, 0, 0, 1, RunHealth.Stopped)]
    [InlineData("STOPPING", 0, 0, 0, 0, 0, RunHealth.Stopped)]
    [InlineData("ERROR", 0, 0, 0, 0, 0, RunHealth.Error)]
    public void HealthOf_JudgesFromStatistics_NotTheBareStatus(string status, int succeeded, int failed, int timeout, int errored, int stopped, RunHealth expected) =>
        Assert.Equal(expected, RunAssessment.HealthOf(Run(status, succeeded, failed, timeout, errored, stopped)));

    [Fact]
    public void HealthOf_ConcurrencyRefusal_IsReportedAsSuch() =>
        Assert.Equal(RunHealth.RefusedForConcurrency, RunAssessment.HealthOf(Run("ERROR", error: "Concurrent runs exceeded for workflow: products")));

    [Fact]
    public void HealthOf_CompletedWithoutStatistics_IsUnknown() =>
        Assert.Equal(RunHealth.Unknown, RunAssessment.HealthOf(new WorkflowRun { Status = "COMPLETED" }));

    [Theory]
    [InlineData(5, null, RunCause.BatchSizeReached)]
    [InlineData(null, 300, RunCause.BatchWindowExpired)]
    [InlineData(0, 300, RunCause.BatchWindowExpired)]
    [InlineData(null, null, RunCause.NotFromEvents)]
    public void CauseOf_ReadsStartingEventBatchCondition(int? size, int? window, RunCause expected)
    {
        var run = new WorkflowRun { StartingEventBatchCondition = size is null && window is null ? null : new() { BatchSize = size, BatchWindow = window } };

        Assert.Equal(expected, RunAssessment.CauseOf(run));
    }

    [Theory]
    [InlineData(5, 300, "5 events / 300 s")]
    [InlineData(1, 60, "1 event / 60 s")]
    [InlineData(10, null, "10 events / 900 s (default)")]
    public void EventBatching_Describe_SaysSizeAndWindow(int size, int? window, string expected) =>
        Assert.Equal(expected, new EventBatching(size, window).Describe());
}
