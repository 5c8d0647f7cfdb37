namespace Dashboard.Diagnostics;

/// <summary>
/// One diagnostic with one job, such as "the start trigger is EVENT" or "the role trusts events.amazonaws.com". A check
/// reads what it needs from <see cref="WorkflowFacts"/>, which fetches each fact once per run and shares it between
/// checks, and never writes to AWS. Adding a check means adding a class, its registration in
/// <see cref="DiagnosticsRegistration"/>, and its tests.
/// </summary>
public interface IDiagnosticCheck
{
    /// <summary>A stable id, used in URLs and by the recheck button, for example <c>start-trigger</c>.</summary>
    string Id { get; }

    string Title { get; }

    /// <summary>Where AWS documents what the check checks.</summary>
    Uri Documentation { get; }

    /// <summary>The findings for one workflow: one, or one per rule or target the check looks at.</summary>
    Task<IReadOnlyList<Finding>> RunAsync(WorkflowFacts facts, CancellationToken cancellationToken);
}
