using System.Diagnostics.CodeAnalysis;
using Dashboard.Aws.CloudWatch;

namespace Dashboard.Metrics;

/// <summary>An EventBridge rule: its bus and its name. Rule names are unique per bus only.</summary>
public sealed record RuleKey(string EventBus, string RuleName)
{
    public const string DefaultBus = "default";

    public bool IsDefaultBus => EventBus == DefaultBus;

    /// <summary>The rule's name, prefixed with its bus unless it is the default bus.</summary>
    public string Label => IsDefaultBus ? RuleName : $"{EventBus} / {RuleName}";

    /// <summary>
    /// The dimensions AWS records the rule's <c>AWS/Events</c> metrics under: <c>RuleName</c> alone on the default bus,
    /// <c>EventBusName</c> and <c>RuleName</c> on a custom bus. A metric is identified by its exact dimension set, so
    /// the other choice finds nothing.
    /// </summary>
    public IReadOnlyList<Dimension> MetricDimensions => IsDefaultBus
        ? [new Dimension { Name = "RuleName", Value = RuleName }]
        : [new Dimension { Name = "EventBusName", Value = EventBus }, new Dimension { Name = "RuleName", Value = RuleName }];

    /// <summary><c>bus/rule</c>, as <c>?compare=</c> carries it.</summary>
    public override string ToString() => $"{EventBus}/{RuleName}";

    /// <summary>
    /// Reads <c>bus/rule</c>. Rule names have no slash, while partner bus names do (<c>aws.partner/…/name</c>), so the
    /// rule is what follows the last slash.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out RuleKey? key)
    {
        key = null;
        var slash = text?.LastIndexOf('/') ?? -1;
        if (text is null || slash <= 0 || slash == text.Length - 1)
        {
            return false;
        }

        key = new RuleKey(text[..slash], text[(slash + 1)..]);
        return true;
    }
}
