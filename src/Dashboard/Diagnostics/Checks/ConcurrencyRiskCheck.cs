using System.Globalization;
using System.Text.Json;
using Dashboard.Aws.Glue;
using Dashboard.Workflows;

namespace Dashboard.Diagnostics.Checks;

/// <summary>
/// Check 9: concurrency risk. Glue refuses a run that would exceed the workflow's <c>MaxConcurrentRuns</c>, the refused
/// run consumes its batch, and Glue does not retry it. The check replays the last 24 hours' batches (each run for its
/// own duration, refused ones for the typical duration) against the current limit to predict refusals, and compares
/// each job's <c>MaxConcurrentRuns</c> (default 1) with the workflow's.
/// <para>
/// A busy pipeline refuses some batches and stays healthy: the next run reads the prefix, so a refused batch's objects
/// wait one run longer. It fails when most batches would be refused, or when the newest batch was refused, because
/// then objects wait for an upload that may never come.
/// </para>
/// </summary>
public sealed class ConcurrencyRiskCheck : IDiagnosticCheck
{
    /// <summary>From this share of refused batches on, the workflow refuses more than it runs: a fail.</summary>
    public const double FailShare = 0.5;

    public string Id => "concurrency-risk";

    public string Title => "The workflow's and jobs' concurrency keep up with the batches";

    public Uri Documentation { get; } = new("https://docs.aws.amazon.com/glue/latest/dg/workflows_overview.html");

    public async Task<IReadOnlyList<Finding>> RunAsync(WorkflowFacts facts, CancellationToken cancellationToken)
    {
        var workflow = await facts.WorkflowAsync(cancellationToken);
        if (workflow.Unavailable is { } why)
        {
            return [Finding.Unknown(this, why)];
        }

        if (workflow.Value is not { } found)
        {
            return [];
        }

        var runs = await facts.RunsAsync(cancellationToken);
        var jobs = await facts.JobsAsync(cancellationToken);
        var findings = new List<Finding>();
        findings.Add(runs.Unavailable is { } runsWhy ? Finding.Unknown(this, runsWhy, "workflow runs") : JudgeWorkflow(facts, found, runs.Value!, facts.Sources.Time.GetUtcNow()));
        if (jobs.Unavailable is { } jobsWhy)
        {
            findings.Add(Finding.Unknown(this, jobsWhy, "jobs"));
        }
        else
        {
            findings.AddRange((jobs.Value ?? []).Select(job => JudgeJob(found, job)));
        }

        return findings;
    }

    private Finding JudgeWorkflow(WorkflowFacts facts, Workflow workflow, RunsInRange runs, DateTimeOffset now)
    {
        var limit = workflow.MaxConcurrentRuns is > 0 ? workflow.MaxConcurrentRuns.Value : (int?)null;
        var replay = ConcurrencyReplay.Of(runs.Runs, now);
        var predicted = replay.Refusals(limit);
        var needed = replay.PeakOverlap;
        var observedRefused = runs.Runs.Count(r => r.Health == RunHealth.RefusedForConcurrency);
        var evidence = new List<Evidence>
        {
            new("Observed, last 24 h", string.Join(Environment.NewLine,
                $"Workflow MaxConcurrentRuns: {(limit is { } l ? l.ToString(CultureInfo.InvariantCulture) : "not set (no limit)")}",
                $"Batches (runs started by events): {replay.Batches.Count}",
                $"Refused for concurrency: {observedRefused}",
                $"Typical run duration (median of finished runs): {Describe(replay.TypicalDuration)}",
                $"Shortest gap between batches: {Describe(replay.ShortestGap)}",
                $"Most runs that would have run at once: {needed}")),
            new("Prediction: the same batches replayed against the current limit", predicted.Count == 0
                ? "No batch would be refused."
                : $"{predicted.Count} of {replay.Batches.Count} batches would be refused ({Percent(predicted.Count, replay.Batches.Count)}), the newest {(replay.NewestRefused(limit) ? "among them" : "not among them")}."),
        };

        if (replay.Batches.Count == 0 || predicted.Count == 0)
        {
            return Finding.Pass(this, replay.Batches.Count == 0
                ? "No batch started a run in the last 24 hours, so there was no load to judge."
                : $"Replaying the last 24 hours' {replay.Batches.Count} batches against MaxConcurrentRuns {(limit?.ToString(CultureInfo.InvariantCulture) ?? "(none)")}, none would be refused: at most {needed} runs overlapped.",
                evidence, "workflow runs");
        }

        var fix = new Fix($"Allow {needed} concurrent runs", FixKind.Cli, $"aws glue update-workflow --name {facts.WorkflowName} --max-concurrent-runs {needed}");
        var share = (double)predicted.Count / replay.Batches.Count;
        var newestRefused = replay.NewestRefused(limit);
        if (share >= FailShare || newestRefused)
        {
            return new Finding(
                Id, Title, CheckStatus.Fail,
                $"At the observed load, {predicted.Count} of {replay.Batches.Count} batches ({Percent(predicted.Count, replay.Batches.Count)}) are refused: batches close every {Describe(replay.ShortestGap)} at the busiest, runs take {Describe(replay.TypicalDuration)}, and MaxConcurrentRuns is {limit}. " +
                "A refused run consumes its batch and Glue does not retry it" +
                (newestRefused ? "; the newest batch was refused, so its objects wait until another upload starts a run." : ", so most uploads wait for a later run.") +
                $" Up to {needed} runs overlapped: allow that many (and as many runs of each job), or batch more events per run.",
                evidence,
                [fix, new Fix("In the console", FixKind.Console, $"AWS Glue → Workflows → {facts.WorkflowName} → Edit → Max concurrency: {needed}. Then raise each job's Maximum concurrency (Job details → Advanced properties) to at least {needed}.")],
                Documentation, "workflow runs");
        }

        return new Finding(
            Id, Title, CheckStatus.Pass,
            $"Busy but keeping up: {predicted.Count} of {replay.Batches.Count} batches ({Percent(predicted.Count, replay.Batches.Count)}) are refused at MaxConcurrentRuns {limit}, and each was followed by a run, which reads the objects the refused batch announced. " +
            $"Their objects waited one run longer. Raising the limit to {needed} would run every batch; that matters if the job reads only the objects its own events name.",
            evidence, [fix], Documentation, "workflow runs");
    }

    private Finding JudgeJob(Workflow workflow, Job job)
    {
        var jobLimit = job.ExecutionProperty?.MaxConcurrentRuns is > 0 ? job.ExecutionProperty.MaxConcurrentRuns.Value : 1;
        var workflowLimit = workflow.MaxConcurrentRuns is > 0 ? workflow.MaxConcurrentRuns.Value : (int?)null;
        var evidence = new List<Evidence> { new($"Job {job.Name}", $"MaxConcurrentRuns: {jobLimit}{(job.ExecutionProperty?.MaxConcurrentRuns is null ? " (the default)" : string.Empty)}; workflow MaxConcurrentRuns: {(workflowLimit?.ToString(CultureInfo.InvariantCulture) ?? "not set (no limit)")}") };
        if (workflowLimit is { } wl && jobLimit >= wl)
        {
            return Finding.Pass(this, $"{job.Name} may run {jobLimit} at once, as many as the workflow's {wl} concurrent runs need.", evidence, $"job {job.Name}");
        }

        var wanted = workflowLimit ?? Math.Max(2, jobLimit + 1);
        return new Finding(
            Id, Title, CheckStatus.Warn,
            $"The workflow may run {(workflowLimit is { } w ? w.ToString(CultureInfo.InvariantCulture) : "without limit")} at once, but {job.Name} only {jobLimit}. When two runs overlap, the second run's {job.Name} fails with ConcurrentRunsExceededException and its run ends with a failed action.",
            evidence,
            [new Fix($"Let {job.Name} run {wanted} at once (UpdateJob replaces the whole definition; this command carries the job's current settings)", FixKind.Cli, UpdateJobCommand(job, wanted))],
            Documentation, $"job {job.Name}");
    }

    /// <summary>An <c>aws glue update-job</c> that keeps the job's settings and changes only its concurrency.</summary>
    public static string UpdateJobCommand(Job job, int maxConcurrentRuns)
    {
        var update = new Dictionary<string, object?>
        {
            ["Role"] = job.Role,
            ["Command"] = job.Command is { } c ? new Dictionary<string, object?> { ["Name"] = c.Name, ["ScriptLocation"] = c.ScriptLocation, ["PythonVersion"] = c.PythonVersion } : null,
            ["DefaultArguments"] = job.DefaultArguments,
            ["ExecutionProperty"] = new Dictionary<string, object?> { ["MaxConcurrentRuns"] = maxConcurrentRuns },
            ["MaxRetries"] = job.MaxRetries,
            ["Timeout"] = job.Timeout,
            ["GlueVersion"] = job.GlueVersion,
            ["WorkerType"] = job.WorkerType,
            ["NumberOfWorkers"] = job.NumberOfWorkers,
        };
        var json = JsonSerializer.Serialize(update.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value));
        return $"aws glue update-job --job-name {job.Name} --job-update '{json.Replace("'", "'\\''", StringComparison.Ordinal)}'";
    }

    private static string Describe(TimeSpan? span) => span is not { } s ? "unknown"
        : s.TotalMinutes >= 1 ? $"{s.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture)} min"
        : $"{s.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s";

    private static string Percent(int part, int whole) => ((double)part / whole).ToString("0%", CultureInfo.InvariantCulture);
}

/// <summary>
/// The batches of a window replayed against a concurrency limit. A batch that ran holds a slot for its real duration
/// (until now if it still runs); a refused one for the median duration of the finished runs, as it would have.
/// </summary>
public sealed record ConcurrencyReplay(IReadOnlyList<(DateTimeOffset Start, TimeSpan Duration)> Batches, TimeSpan? TypicalDuration, TimeSpan? ShortestGap)
{
    public static ConcurrencyReplay Of(IReadOnlyList<RunSummary> runs, DateTimeOffset now)
    {
        var fromEvents = runs.Where(r => r.StartedOn is not null && r.Cause != RunCause.NotFromEvents).OrderBy(r => r.StartedOn).ToList();
        var finished = fromEvents.Where(r => r.Health != RunHealth.RefusedForConcurrency && r.CompletedOn is not null)
            .Select(r => r.CompletedOn!.Value - r.StartedOn!.Value).Order().ToList();
        var running = fromEvents.Where(r => r.Health == RunHealth.Running).Select(r => now - r.StartedOn!.Value).ToList();
        TimeSpan? typical = finished.Count > 0 ? finished[finished.Count / 2] : running.Count > 0 ? running.Max() : null;
        var batches = fromEvents.Select(r => (r.StartedOn!.Value, r.Health switch
        {
            RunHealth.RefusedForConcurrency => typical ?? TimeSpan.Zero,
            RunHealth.Running => now - r.StartedOn!.Value,
            _ => (r.CompletedOn ?? now) - r.StartedOn!.Value,
        })).ToList();
        TimeSpan? gap = batches.Count < 2 ? null : batches.Zip(batches.Skip(1), (a, b) => b.Item1 - a.Item1).Min();
        return new ConcurrencyReplay(batches, typical, gap);
    }

    /// <summary>The most batches whose runs would have overlapped, had all run.</summary>
    public int PeakOverlap => Batches.Count == 0 ? 0 : Batches.Max(b => Batches.Count(o => o.Start <= b.Start && b.Start < o.Start + o.Duration || o.Start == b.Start));

    /// <summary>The batches a limit of <paramref name="limit"/> concurrent runs would refuse, oldest first; none without a limit.</summary>
    public IReadOnlyList<int> Refusals(int? limit)
    {
        if (limit is not { } max)
        {
            return [];
        }

        var running = new List<DateTimeOffset>();
        var refused = new List<int>();
        for (var i = 0; i < Batches.Count; i++)
        {
            var (start, duration) = Batches[i];
            running.RemoveAll(end => end <= start);
            if (running.Count >= max)
            {
                refused.Add(i);
                continue;
            }

            // A run of no measurable length still holds its slot at its own instant.
            running.Add(start + (duration > TimeSpan.Zero ? duration : TimeSpan.FromTicks(1)));
        }

        return refused;
    }

    public bool NewestRefused(int? limit) => Batches.Count > 0 && Refusals(limit) is { Count: > 0 } refused && refused[^1] == Batches.Count - 1;
}
