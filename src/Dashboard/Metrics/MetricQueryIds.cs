using System.Text.RegularExpressions;

namespace Dashboard.Metrics;

/// <summary>GetMetricData query ids: a lowercase letter first, then letters, digits and underscores, 255 at most.</summary>
public static partial class MetricQueryIds
{
    /// <summary>The id of the <paramref name="index"/>-th query of a call.</summary>
    public static string For(int index) => Validate($"q{index}");

    /// <summary>Returns <paramref name="id"/>, or throws before the call when AWS would refuse it.</summary>
    public static string Validate(string id) => IdPattern().IsMatch(id)
        ? id
        : throw new ArgumentException($"'{id}' is not a valid GetMetricData query id: it must start with a lowercase letter and hold only letters, digits and underscores (at most 255).", nameof(id));

    [GeneratedRegex("^[a-z][a-zA-Z0-9_]{0,254}$")]
    private static partial Regex IdPattern();
}
