using Dashboard.Workflows;

namespace Dashboard.Diagnostics;

/// <summary>One workflow's findings, worst first, from one run of the checks.</summary>
public sealed record WorkflowDiagnosis(string Workflow, IReadOnlyList<Finding> Findings, DateTimeOffset CheckedAt)
{
    public CheckStatus Worst => Findings.Count == 0 ? CheckStatus.Pass : Findings.Max(f => f.Status);

    public int Count(CheckStatus status) => Findings.Count(f => f.Status == status);
}

/// <summary>How far a run over every workflow has come.</summary>
public sealed record DiagnosticsProgress(int Done, int Total);

/// <summary>Every diagnosed workflow, the most broken first.</summary>
public sealed record DiagnosticsReport(IReadOnlyList<WorkflowDiagnosis> Workflows, DateTimeOffset CheckedAt);

/// <summary>
/// Runs the checks. For one workflow, every check runs in parallel over one <see cref="WorkflowFacts"/>, so a fact is
/// fetched once; the clients' rate limits keep the calls under AWS's quotas. For all workflows, those the catalog knows
/// as event-driven, or as the target of a rule, are diagnosed a few at a time.
/// </summary>
public sealed class DiagnosticsRunner(IEnumerable<IDiagnosticCheck> checks, DiagnosticSources sources, WorkflowCatalog catalog, ILogger<DiagnosticsRunner> logger)
{
    /// <summary>How many workflows are diagnosed at once; each runs all its checks in parallel.</summary>
    public const int WorkflowsInParallel = 4;

    private readonly IReadOnlyList<IDiagnosticCheck> _checks = [.. checks];

    public IReadOnlyList<IDiagnosticCheck> Checks => _checks;

    public async Task<WorkflowDiagnosis> DiagnoseAsync(string workflow, CancellationToken cancellationToken)
    {
        var facts = new WorkflowFacts(workflow, sources);
        var results = await Task.WhenAll(_checks.Select(check => RunAsync(check, facts, cancellationToken)));
        return new WorkflowDiagnosis(workflow, Order(results.SelectMany(r => r)), sources.Time.GetUtcNow());
    }

    /// <summary>Runs one check again, on fresh facts: the recheck button.</summary>
    public async Task<IReadOnlyList<Finding>> RecheckAsync(string workflow, string checkId, CancellationToken cancellationToken)
    {
        var check = _checks.FirstOrDefault(c => c.Id == checkId)
            ?? throw new ArgumentException($"There is no check with the id '{checkId}'. The checks are: {string.Join(", ", _checks.Select(c => c.Id))}.", nameof(checkId));
        return Order(await RunAsync(check, new WorkflowFacts(workflow, sources) { Fresh = true }, cancellationToken));
    }

    public Task<DiagnosticsReport> DiagnoseAllAsync(CancellationToken cancellationToken) => DiagnoseAllAsync(null, cancellationToken);

    /// <summary>As <see cref="DiagnoseAllAsync(CancellationToken)"/>, telling <paramref name="progress"/> how many workflows are done, so a page can show it.</summary>
    public async Task<DiagnosticsReport> DiagnoseAllAsync(IProgress<DiagnosticsProgress>? progress, CancellationToken cancellationToken)
    {
        var snapshot = await catalog.GetAsync(cancellationToken);
        var names = snapshot.Workflows.Where(w => w.IsEventDriven || w.Rules.Count > 0).Select(w => w.Name).ToList();
        var diagnoses = new WorkflowDiagnosis[names.Count];
        var done = 0;
        progress?.Report(new DiagnosticsProgress(0, names.Count));
        await Parallel.ForEachAsync(
            Enumerable.Range(0, names.Count),
            new ParallelOptions { MaxDegreeOfParallelism = WorkflowsInParallel, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                diagnoses[i] = await DiagnoseAsync(names[i], ct);
                progress?.Report(new DiagnosticsProgress(Interlocked.Increment(ref done), names.Count));
            });
        return new DiagnosticsReport(
            [.. diagnoses.OrderByDescending(d => d.Worst).ThenByDescending(d => d.Count(d.Worst)).ThenBy(d => d.Workflow, StringComparer.Ordinal)],
            sources.Time.GetUtcNow());
    }

    private async Task<IReadOnlyList<Finding>> RunAsync(IDiagnosticCheck check, WorkflowFacts facts, CancellationToken cancellationToken)
    {
        try
        {
            return await check.RunAsync(facts, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // One check's failure must not hide the others' findings: it becomes an unknown finding that says what went wrong.
            logger.LogWarning(error, "Check {Check} failed for workflow {Workflow}.", check.Id, facts.WorkflowName);
            return [new Finding(check.Id, check.Title, CheckStatus.Unknown, $"The check could not finish: {error.Message}", [], [], check.Documentation)];
        }
    }

    private static IReadOnlyList<Finding> Order(IEnumerable<Finding> findings) =>
        [.. findings.OrderByDescending(f => f.Status)];
}
