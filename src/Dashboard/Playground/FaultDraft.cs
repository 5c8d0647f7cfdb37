using System.Globalization;
using System.Text.RegularExpressions;

namespace Dashboard.Playground;

/// <summary>
/// The panel's form for one fault, checked before anything is sent: each problem names the field as the form labels
/// it. LocalCloud checks again and may still refuse; the panel shows its message then.
/// </summary>
public sealed partial class FaultDraft
{
    public const int MaxLatencyMs = 60_000;

    /// <summary>LocalCloud's services by their SigV4 signing names, which is what its rules match.</summary>
    public static IReadOnlyList<string> Services { get; } = ["glue", "events", "monitoring", "s3", "iam", "sts", "sqs", "cloudtrail"];

    public string Service { get; set; } = "glue";

    public string Operation { get; set; } = InjectedFault.AnyOperation;

    public InjectedFaultKind Kind { get; set; } = InjectedFaultKind.Throttle;

    /// <summary>As typed: whole percent, 1–100.</summary>
    public string RatePercent { get; set; } = "100";

    /// <summary>As typed: milliseconds, 1–60000; read for Latency only.</summary>
    public string LatencyMs { get; set; } = string.Empty;

    /// <summary>What is wrong, field by field; empty when the draft can be sent.</summary>
    public IReadOnlyDictionary<string, string> Problems()
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Services.Contains(Service, StringComparer.Ordinal))
        {
            problems[nameof(Service)] = $"Choose one of LocalCloud's services: {string.Join(", ", Services)}.";
        }

        var operation = Operation.Trim();
        if (operation.Length == 0)
        {
            problems[nameof(Operation)] = "Name an operation, such as GetWorkflowRuns, or * for every operation.";
        }
        else if (operation != InjectedFault.AnyOperation && !OperationPattern().IsMatch(operation))
        {
            problems[nameof(Operation)] = $"'{operation}' is not an operation name: use its API name, such as GetWorkflowRuns, or * for every operation.";
        }

        if (Rate() is not (>= 1 and <= 100))
        {
            problems[nameof(RatePercent)] = RatePercent.Trim().Length == 0
                ? "Give the rate: the share of calls that get the fault, a whole number from 1 to 100 %."
                : $"The rate is '{RatePercent.Trim()}', but it must be a whole number from 1 to 100 (%).";
        }

        if (Kind == InjectedFaultKind.Latency && Latency() is not (>= 1 and <= MaxLatencyMs))
        {
            problems[nameof(LatencyMs)] = LatencyMs.Trim().Length == 0
                ? string.Create(CultureInfo.InvariantCulture, $"Latency needs the delay to add: a whole number of milliseconds from 1 to {MaxLatencyMs}.")
                : string.Create(CultureInfo.InvariantCulture, $"The latency is '{LatencyMs.Trim()}', but it must be a whole number of milliseconds from 1 to {MaxLatencyMs}.");
        }

        return problems;
    }

    /// <summary>The rule to send; call only when <see cref="Problems"/> is empty.</summary>
    public InjectedFault ToFault() => new(
        Service,
        Operation.Trim(),
        Kind,
        (Rate() ?? 100) / 100.0,
        Kind == InjectedFaultKind.Latency ? Latency() ?? 0 : 0);

    private int? Rate() => Whole(RatePercent);

    private int? Latency() => Whole(LatencyMs);

    private static int? Whole(string text) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*$")]
    private static partial Regex OperationPattern();
}
