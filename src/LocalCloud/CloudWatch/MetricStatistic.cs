using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace LocalCloud.CloudWatch;

/// <summary>The statistics LocalCloud computes from its minute buckets.</summary>
internal enum MetricStatistic
{
    SampleCount,
    Average,
    Sum,
    Minimum,
    Maximum,
}

internal static partial class MetricStatistics
{
    public const string Supported = "SampleCount, Average, Sum, Minimum and Maximum";

    public static bool TryParse(string? name, out MetricStatistic statistic)
    {
        statistic = name switch
        {
            "SampleCount" => MetricStatistic.SampleCount,
            "Average" => MetricStatistic.Average,
            "Sum" => MetricStatistic.Sum,
            "Minimum" => MetricStatistic.Minimum,
            "Maximum" => MetricStatistic.Maximum,
            _ => (MetricStatistic)(-1),
        };
        return Enum.IsDefined(statistic);
    }

    /// <summary>
    /// Whether the name is one of CloudWatch's extended statistics (percentiles, trimmed and winsorized means, IQM,
    /// …): valid on AWS, but they need the distribution of the values, which minute buckets do not keep.
    /// </summary>
    public static bool IsExtended(string? name) => name is not null && ExtendedPattern().IsMatch(name);

    public static string ExtendedNotSupported(string name) =>
        $"The statistic {name} is not supported by LocalCloud: it keeps {Supported} per minute, so percentiles and other extended statistics (pNN, tmNN, wmNN, tcNN, tsNN, PR, TM, IQM) cannot be computed.";

    public static double Value(this in MinuteStats stats, MetricStatistic statistic) => statistic switch
    {
        MetricStatistic.SampleCount => stats.SampleCount,
        MetricStatistic.Average => stats.Sum / stats.SampleCount,
        MetricStatistic.Sum => stats.Sum,
        MetricStatistic.Minimum => stats.Minimum,
        MetricStatistic.Maximum => stats.Maximum,
        _ => throw new ArgumentOutOfRangeException(nameof(statistic), statistic, null),
    };

    [GeneratedRegex(@"^(?:(?:p|tm|wm|tc|ts)(?:\d{1,2}(?:\.\d{1,10})?|100)|(?:PR|TM|WM|TC|TS)\(.*\)|IQM)$")]
    private static partial Regex ExtendedPattern();
}

/// <summary>CloudWatch's standard units; a data point without one has the unit <c>None</c>.</summary>
internal static class StandardUnits
{
    public const string None = "None";

    private static readonly FrozenSet<string> Units = new[]
    {
        "Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes", "Gigabytes", "Terabytes", "Bits",
        "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent", "Count", "Bytes/Second", "Kilobytes/Second",
        "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second", "Bits/Second", "Kilobits/Second", "Megabits/Second",
        "Gigabits/Second", "Terabits/Second", "Count/Second", None,
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The shared instance of a standard unit's name, so buckets compare units by reference.</summary>
    public static bool TryCanonical(string? unit, out string canonical)
    {
        if (unit is not null && Units.TryGetValue(unit, out var found))
        {
            canonical = found;
            return true;
        }

        canonical = None;
        return false;
    }
}
