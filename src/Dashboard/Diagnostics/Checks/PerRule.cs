namespace Dashboard.Diagnostics.Checks;

/// <summary>
/// The shape most checks share: one finding per rule that targets the workflow, or one unknown finding when the
/// dashboard may not list the rules.
/// </summary>
internal static class PerRule
{
    public static async Task<IReadOnlyList<Finding>> RunAsync(
        IDiagnosticCheck check, WorkflowFacts facts, Func<RuleTarget, Task<Finding>> judge, CancellationToken cancellationToken)
    {
        var rules = await facts.RulesAsync(cancellationToken);
        if (rules.Unavailable is { } why)
        {
            return [Finding.Unknown(check, why)];
        }

        var findings = new List<Finding>();
        foreach (var rule in rules.Value ?? [])
        {
            findings.Add(await judge(rule));
        }

        return findings;
    }
}
