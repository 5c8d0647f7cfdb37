using Dashboard.Diagnostics;
using Dashboard.Diagnostics.Checks;

namespace Dashboard.Tests.Diagnostics;

/// <summary>Check 9 with fake Glue: the replayed batches against the workflow's limit, and each job's limit against the workflow's.</summary>
public sealed class ConcurrencyRiskCheckTests
{
    private const string Runs = "workflow runs";
    private const string JobSubject = "job job";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<IReadOnlyList<Finding>> RunAsync(DeliveryTestBed bed) => new ConcurrencyRiskCheck().RunAsync(bed.Facts(), Ct);

    /// <summary>Minutes ago of a batch <paramref name="minute"/> minutes into a ten-hour-old stretch of the window.</summary>
    private static double At(double minute) => 600 - minute;

    [Fact]
    public async Task ConcurrencyRisk_RunsThatNeverOverlapAndMatchingJobLimit_PassesBoth()
    {
        using var bed = new DeliveryTestBed();
        bed.EventWorkflow(maxConcurrentRuns: 2, jobMaxConcurrentRuns: 2)
            .Run("wr_1", At(0), 5, 1).Run("wr_2", At(10), 5, 1).Run("wr_3", At(20), 5, 1);

        var findings = await RunAsync(bed);

        Assert.Equal(2, findings.Count);
        var runs = Assert.Single(findings, f => f.Subject == Runs);
        Assert.Equal(CheckStatus.Pass, runs.Status);
        Assert.Contains("3 batches against MaxConcurrentRuns 2, none would be refused: at most 1 runs overlapped", runs.Explanation, StringComparison.Ordinal);
        Assert.Empty(runs.Fixes);
        var job = Assert.Single(findings, f => f.Subject == JobSubject);
        Assert.Equal(CheckStatus.Pass, job.Status);
        Assert.Contains("job may run 2 at once, as many as the workflow's 2", job.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConcurrencyRisk_NoBatchInTheWindow_PassesWithNoLoad()
    {
        using var bed = new DeliveryTestBed();
        bed.EventWorkflow(maxConcurrentRuns: 1, jobMaxConcurrentRuns: 1).Run("wr_old", 60 * 30, 5, 1);

        var runs = Assert.Single(await RunAsync(bed), f => f.Subject == Runs);

        Assert.Equal(CheckStatus.Pass, runs.Status);
        Assert.Contains("No batch started a run in the last 24 hours", runs.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConcurrencyRisk_FewRefusalsEachFollowedByARun_PassesBusyButKeepingUpWithTheRaiseFix()
    {
        using var bed = new DeliveryTestBed();
        bed.EventWorkflow(maxConcurrentRuns: 1, jobMaxConcurrentRuns: 1)
            .Run("wr_1", At(0), 10, 1).Run("wr_2", At(5), null, 1, refused: true)
            .Run("wr_3", At(20), 5, 1).Run("wr_4", At(40), 5, 1).Run("wr_5", At(60), 5, 1);

        var runs = Assert.Single(await RunAsync(bed), f => f.Subject == Runs);

        Assert.Equal(CheckStatus.Pass, runs.Status);
        Assert.StartsWith("Busy but keeping up: 1 of 5 batches (20%) are refused at MaxConcurrentRuns 1", runs.Explanation, StringComparison.Ordinal);
        Assert.Equal("aws glue update-workflow --name products --max-concurrent-runs 2", Assert.Single(runs.Fixes).Text);
    }

    [Fact]
    public async Task ConcurrencyRisk_MostBatchesRefused_FailsWithTheNeededLimit()
    {
        using var bed = new DeliveryTestBed();
        bed.EventWorkflow(maxConcurrentRuns: 1, jobMaxConcurrentRuns: 3)
            .Run("wr_1", At(0), 10, 1).Run("wr_2", At(1), null, 1, refused: true).Run("wr_3", At(2), null, 1, refused: true).Run("wr_4", At(30), 10, 1);

        var runs = Assert.Single(await RunAsync(bed), f => f.Subject == Runs);

        Assert.Equal(CheckStatus.Fail, runs.Status);
        Assert.StartsWith("At the observed load, 2 of 4 batches (50%) are refused", runs.Explanation, StringComparison.Ordinal);
        Assert.Contains("so most uploads wait for a later run", runs.Explanation, StringComparison.Ordinal);
        Assert.Contains(runs.Fixes, f => f.Kind == FixKind.Cli && f.Text == "aws glue update-workflow --name products --max-concurrent-runs 3");
        Assert.Contains(runs.Fixes, f => f.Kind == FixKind.Console);
    }

    [Fact]
    public async Task ConcurrencyRisk_NewestBatchRefused_FailsEvenWhenFewAreRefused()
    {
        using var bed = new DeliveryTestBed();
        bed.EventWorkflow(maxConcurrentRuns: 1, jobMaxConcurrentRuns: 1)
            .Run("wr_1", At(0), 5, 1).Run("wr_2", At(20), 5, 1).Run("wr_3", At(40), 5, 1)
            .Run("wr_4", At(60), 30, 1).Run("wr_5", At(65), null, 1, refused: true);

        var runs = Assert.Single(await RunAsync(bed), f => f.Subject == Runs);

        Assert.Equal(CheckStatus.Fail, runs.Status);
        Assert.Contains("1 of 5 batches (20%)", runs.Explanation, StringComparison.Ordinal);
        Assert.Contains("the newest batch was refused", runs.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConcurrencyRisk_JobLimitBelowWorkflowLimit_WarnsWithUpdateJobKeepingItsSettings()
    {
        using var bed = new DeliveryTestBed();
        bed.EventWorkflow(maxConcurrentRuns: 3);

        var findings = await RunAsync(bed);

        Assert.Equal(CheckStatus.Pass, Assert.Single(findings, f => f.Subject == Runs).Status);
        var job = Assert.Single(findings, f => f.Subject == JobSubject);
        Assert.Equal(CheckStatus.Warn, job.Status);
        Assert.Contains("The workflow may run 3 at once, but job only 1", job.Explanation, StringComparison.Ordinal);
        Assert.Contains(job.Evidence, e => e.Text == "MaxConcurrentRuns: 1 (the default); workflow MaxConcurrentRuns: 3");
        var fix = Assert.Single(job.Fixes);
        Assert.Equal("aws glue update-job --job-name job --job-update '{\"Role\":\"GlueJobRole\",\"ExecutionProperty\":{\"MaxConcurrentRuns\":3}}'", fix.Text);
    }

    [Fact]
    public async Task ConcurrencyRisk_WorkflowWithoutLimit_WarnsThatTheJobAllowsFewer()
    {
        using var bed = new DeliveryTestBed();
        bed.EventWorkflow(jobMaxConcurrentRuns: 1);

        var job = Assert.Single(await RunAsync(bed), f => f.Subject == JobSubject);

        Assert.Equal(CheckStatus.Warn, job.Status);
        Assert.Contains("may run without limit at once", job.Explanation, StringComparison.Ordinal);
        Assert.Contains("\"MaxConcurrentRuns\":2", Assert.Single(job.Fixes).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConcurrencyRisk_GetWorkflowDenied_SingleUnknownNamingTheAction()
    {
        using var bed = new DeliveryTestBed();
        bed.EventWorkflow(maxConcurrentRuns: 1);
        bed.Glue.FailingOperations["GetWorkflow"] = WiringTestBed.Denied("Glue", "GetWorkflow", "glue:GetWorkflow");

        var finding = Assert.Single(await RunAsync(bed));

        Assert.Equal(CheckStatus.Unknown, finding.Status);
        Assert.Equal("glue:GetWorkflow", finding.MissingPermission);
    }

    [Fact]
    public async Task ConcurrencyRisk_GetWorkflowRunsDenied_UnknownRunsButJobsStillJudged()
    {
        using var bed = new DeliveryTestBed();
        bed.EventWorkflow(maxConcurrentRuns: 2, jobMaxConcurrentRuns: 2).Run("wr_1", At(0), 5, 1);
        bed.Glue.FailingOperations["GetWorkflowRuns"] = WiringTestBed.Denied("Glue", "GetWorkflowRuns", "glue:GetWorkflowRuns");

        var findings = await RunAsync(bed);

        var runs = Assert.Single(findings, f => f.Subject == Runs);
        Assert.Equal(CheckStatus.Unknown, runs.Status);
        Assert.Equal("glue:GetWorkflowRuns", runs.MissingPermission);
        Assert.Equal(CheckStatus.Pass, Assert.Single(findings, f => f.Subject == JobSubject).Status);
    }

    [Fact]
    public async Task ConcurrencyRisk_BatchGetJobsDenied_UnknownJobsNamingTheAction()
    {
        using var bed = new DeliveryTestBed();
        bed.EventWorkflow(maxConcurrentRuns: 2, jobMaxConcurrentRuns: 2);
        bed.Glue.FailingOperations["BatchGetJobs"] = WiringTestBed.Denied("Glue", "BatchGetJobs", "glue:BatchGetJobs");

        var findings = await RunAsync(bed);

        var jobs = Assert.Single(findings, f => f.Subject == "jobs");
        Assert.Equal(CheckStatus.Unknown, jobs.Status);
        Assert.Equal("glue:BatchGetJobs", jobs.MissingPermission);
        Assert.Equal(CheckStatus.Pass, Assert.Single(findings, f => f.Subject == Runs).Status);
    }

    [Fact]
    public async Task ConcurrencyRisk_WorkflowMissing_LeavesItToTheStartTriggerCheck()
    {
        using var bed = new DeliveryTestBed();

        Assert.Empty(await RunAsync(bed));
    }
}
