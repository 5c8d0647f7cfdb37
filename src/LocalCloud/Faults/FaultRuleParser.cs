using System.Globalization;
using System.Text.RegularExpressions;

namespace LocalCloud.Faults;

/// <summary>
/// Reads fault rules from their raw fields, from configuration (<c>LocalCloud:Faults:0:Service</c>, …) or from the
/// control endpoint's JSON, with one message per bad field that names it (the config key, or the JSON member).
/// </summary>
public static partial class FaultRuleParser
{
    public const string MaxLatencyText = "60000";
    private const int MaxLatencyMs = 60_000;

    /// <summary>The rules under <c>LocalCloud:Faults</c>; problems are added to <paramref name="problems"/> with their keys.</summary>
    public static IReadOnlyList<FaultRule> FromConfiguration(IConfigurationSection faults, List<string> problems)
    {
        var rules = new List<FaultRule>();
        foreach (var entry in faults.GetChildren())
        {
            var rule = Parse(
                entry["Service"], entry["Operation"], entry["Kind"], entry["Rate"], entry["LatencyMs"],
                field => $"{entry.Path}:{field}",
                problems);
            if (rule is not null)
            {
                rules.Add(rule);
            }
        }

        return rules;
    }

    /// <summary>
    /// One rule from its fields. <paramref name="name"/> turns a field name into what the message calls it.
    /// Service and Kind are required; Operation defaults to <c>*</c>; Rate defaults to 1; LatencyMs is required for
    /// Latency (1–60000) and refused for the other kinds.
    /// </summary>
    public static FaultRule? Parse(string? service, string? operation, string? kind, string? rate, string? latencyMs, Func<string, string> name, List<string> problems)
    {
        var before = problems.Count;
        if (string.IsNullOrWhiteSpace(service))
        {
            problems.Add($"{name("Service")} is required: the service's signing name, such as glue, events, s3, sqs, monitoring, iam or sts.");
        }
        else if (!ServicePattern().IsMatch(service))
        {
            problems.Add($"{name("Service")} is '{service}', but it must be a service's signing name (lowercase letters, digits and hyphens), such as glue or s3.");
        }

        if (operation is { Length: > 0 } op && op != FaultRule.AnyOperation && !OperationPattern().IsMatch(op))
        {
            problems.Add($"{name("Operation")} is '{op}', but it must be an operation name such as GetWorkflowRuns, or * for every operation.");
        }

        FaultKind parsedKind = default;
        var kindParsed = false;
        if (string.IsNullOrWhiteSpace(kind))
        {
            problems.Add($"{name("Kind")} is required: Throttle, ServerError or Latency.");
        }
        else if (!Enum.TryParse(kind, ignoreCase: true, out parsedKind) || !Enum.IsDefined(parsedKind) || int.TryParse(kind, out _))
        {
            problems.Add($"{name("Kind")} is '{kind}', but it must be Throttle, ServerError or Latency.");
        }
        else
        {
            kindParsed = true;
        }

        var parsedRate = 1.0;
        if (rate is { Length: > 0 } && (!double.TryParse(rate, NumberStyles.Float, CultureInfo.InvariantCulture, out parsedRate) || parsedRate is not (> 0 and <= 1)))
        {
            problems.Add($"{name("Rate")} is '{rate}', but it must be a number greater than 0 and at most 1 (the share of calls that get the fault).");
        }

        var parsedLatency = 0;
        var latencyKind = kindParsed && parsedKind == FaultKind.Latency;
        if (latencyMs is { Length: > 0 })
        {
            if (!int.TryParse(latencyMs, NumberStyles.None, CultureInfo.InvariantCulture, out parsedLatency) || parsedLatency is < 1 or > MaxLatencyMs)
            {
                problems.Add($"{name("LatencyMs")} is '{latencyMs}', but it must be an integer from 1 to {MaxLatencyText} (milliseconds).");
            }
            else if (kindParsed && !latencyKind)
            {
                problems.Add($"{name("LatencyMs")} is set, but only Kind Latency adds latency (Kind is '{kind}').");
            }
        }
        else if (latencyKind)
        {
            problems.Add($"{name("LatencyMs")} is required when Kind is Latency: an integer from 1 to {MaxLatencyText} (milliseconds).");
        }

        return problems.Count == before
            ? new FaultRule(service!.Trim(), operation is { Length: > 0 } ? operation : FaultRule.AnyOperation, parsedKind, parsedRate, parsedLatency)
            : null;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex ServicePattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*$")]
    private static partial Regex OperationPattern();
}
