using System.Globalization;
using static LocalCloud.CloudWatch.CloudWatchErrors;

namespace LocalCloud.CloudWatch;

/// <summary>One data point set, ready for the store: a metric, a minute, a unit and its statistics.</summary>
internal readonly record struct MetricWrite(MetricKey Key, long Minute, string Unit, MinuteStats Stats);

/// <summary>
/// PutMetricData's rules (API_PutMetricData, API_MetricDatum, API_Dimension, cloudwatch_concepts): names, limits,
/// values and time stamps. A request is checked whole before anything is stored.
/// </summary>
internal static class MetricDataValidation
{
    public const int MaxMetricData = 1000;
    public const int MaxDimensions = 30;
    public const int MaxValues = 150;
    public static readonly TimeSpan MaxPast = TimeSpan.FromDays(14);
    public static readonly TimeSpan MaxFuture = TimeSpan.FromHours(2);

    private static readonly double LargestValue = Math.Pow(2, 360);
    private static readonly double SmallestValue = Math.Pow(2, -260);

    public static IReadOnlyList<MetricWrite> Validate(PutMetricDataInput input, DateTimeOffset now)
    {
        var problems = new ValidationProblems();
        var metricNamespace = input.Namespace;
        if (string.IsNullOrEmpty(metricNamespace))
        {
            problems.Add(MissingParameter, "The parameter Namespace is required.");
        }
        else if (metricNamespace.StartsWith("AWS/", StringComparison.Ordinal))
        {
            // Namespaces beginning with AWS/ are reserved for AWS services; LocalCloud's own services record there
            // through IMetricSink, not through the API.
            problems.Add(InvalidParameterValue, "The value AWS/ for parameter Namespace is invalid.");
        }
        else if (!IsValidNamespace(metricNamespace))
        {
            problems.Add(InvalidParameterValue, $"The value {metricNamespace} for parameter Namespace is invalid.");
        }

        // Entities (EntityMetricData) are accepted and not kept: their data points are stored like MetricData's.
        var data = (input.MetricData ?? []).Select((d, i) => (Path: $"MetricData.member.{i + 1}", Datum: d)).ToList();
        foreach (var (entity, i) in (input.EntityMetricData ?? []).Select((e, i) => (e, i)))
        {
            data.AddRange((entity?.MetricData ?? []).Select((d, j) => ($"EntityMetricData.member.{i + 1}.MetricData.member.{j + 1}", d)));
        }

        if (data.Count == 0)
        {
            problems.Add(MissingParameter, "The parameter MetricData is required.");
        }
        else if (data.Count > MaxMetricData)
        {
            problems.Add(InvalidParameterValue, $"The collection MetricData must not have a size greater than {MaxMetricData}.");
            problems.ThrowIfAny();
        }

        var writes = new List<MetricWrite>();
        foreach (var (path, datum) in data)
        {
            ValidateDatum(path, datum, metricNamespace ?? string.Empty, now, problems, writes);
        }

        problems.ThrowIfAny();
        return writes;
    }

    private static void ValidateDatum(string path, MetricDatum? datum, string metricNamespace, DateTimeOffset now, ValidationProblems problems, List<MetricWrite> writes)
    {
        if (datum is null)
        {
            problems.Add(MissingParameter, $"The parameter {path} is required.");
            return;
        }

        if (string.IsNullOrEmpty(datum.MetricName))
        {
            problems.Add(MissingParameter, $"The parameter {path}.MetricName is required.");
        }
        else if (!IsValidName(datum.MetricName, 255, allowLeadingColon: true))
        {
            problems.Add(InvalidParameterValue, $"The value {datum.MetricName} for parameter {path}.MetricName is invalid.");
        }

        ValidateDimensions(path, datum.Dimensions ?? [], problems);

        var unit = StandardUnits.None;
        if (datum.Unit is not null && !StandardUnits.TryCanonical(datum.Unit, out unit))
        {
            problems.Add(InvalidParameterValue, $"The value {datum.Unit} for parameter {path}.Unit is invalid.");
        }

        if (datum.StorageResolution is { } resolution and not (1 or 60))
        {
            problems.Add(InvalidParameterValue, $"The value {resolution} for parameter {path}.StorageResolution is invalid: it must be 1 or 60.");
        }

        var timestamp = datum.Timestamp ?? now;
        if (timestamp < now - MaxPast)
        {
            problems.Add(InvalidParameterValue, $"The parameter {path}.Timestamp must specify a time within the past two weeks.");
        }
        else if (timestamp > now + MaxFuture)
        {
            problems.Add(InvalidParameterValue, $"The parameter {path}.Timestamp must specify a time no more than two hours in the future.");
        }

        var stats = ValidateValues(path, datum, problems);
        if (!problems.Any && stats is { } valid && datum.MetricName is { } metricName)
        {
            var key = MetricKey.Create(metricNamespace, metricName, datum.Dimensions);
            writes.Add(new MetricWrite(key, MetricWindow.MinuteOf(timestamp), unit, valid));
        }
    }

    private static void ValidateDimensions(string path, IReadOnlyList<Dimension> dimensions, ValidationProblems problems)
    {
        if (dimensions.Count > MaxDimensions)
        {
            problems.Add(InvalidParameterValue, $"The collection {path}.Dimensions must not have a size greater than {MaxDimensions}.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < dimensions.Count; i++)
        {
            var dimensionPath = $"{path}.Dimensions.member.{i + 1}";
            var dimension = dimensions[i];
            if (string.IsNullOrEmpty(dimension?.Name))
            {
                problems.Add(MissingParameter, $"The parameter {dimensionPath}.Name is required.");
            }
            else if (!IsValidName(dimension.Name, 255, allowLeadingColon: false))
            {
                problems.Add(InvalidParameterValue, $"The value {dimension.Name} for parameter {dimensionPath}.Name is invalid.");
            }
            else if (!names.Add(dimension.Name))
            {
                problems.Add(InvalidParameterValue, $"The parameter {path}.Dimensions has more than one dimension named {dimension.Name}.");
            }

            if (string.IsNullOrEmpty(dimension?.Value))
            {
                problems.Add(MissingParameter, $"The parameter {dimensionPath}.Value is required.");
            }
            else if (!IsValidName(dimension.Value, 1024, allowLeadingColon: true))
            {
                problems.Add(InvalidParameterValue, $"The value {dimension.Value} for parameter {dimensionPath}.Value is invalid.");
            }
        }
    }

    /// <summary>Value, StatisticValues, or Values with Counts: exactly one of them, with valid numbers.</summary>
    private static MinuteStats? ValidateValues(string path, MetricDatum datum, ValidationProblems problems)
    {
        var given = new[]
        {
            (Name: "Value", Present: datum.Value is not null),
            (Name: "StatisticValues", Present: datum.StatisticValues is not null),
            (Name: "Values", Present: datum.Values is { Count: > 0 }),
        }.Where(m => m.Present).Select(m => m.Name).ToList();

        if (given.Count == 0)
        {
            problems.Add(MissingParameter, $"The parameter {path}.Value is required (or {path}.StatisticValues, or {path}.Values).");
            return null;
        }

        if (given.Count > 1)
        {
            problems.Add(InvalidParameterCombination, $"The parameters {path}.{given[0]} and {path}.{given[1]} are mutually exclusive and you have specified both.");
            return null;
        }

        if (datum.Value is { } value)
        {
            return CheckValue($"{path}.Value", value, problems) ? MinuteStats.Of(value) : null;
        }

        if (datum.StatisticValues is { } set)
        {
            return ValidateStatisticSet($"{path}.StatisticValues", set, problems);
        }

        var values = datum.Values ?? [];
        var counts = datum.Counts;
        if (values.Count > MaxValues)
        {
            problems.Add(InvalidParameterValue, $"The collection {path}.Values must not have a size greater than {MaxValues}.");
            return null;
        }

        if (counts is { Count: > 0 } && counts.Count != values.Count)
        {
            problems.Add(InvalidParameterValue, $"The parameters {path}.Values and {path}.Counts must be of the same size.");
            return null;
        }

        MinuteStats? total = null;
        for (var i = 0; i < values.Count; i++)
        {
            var count = counts is { Count: > 0 } ? counts[i] : 1;
            var valid = CheckValue($"{path}.Values.member.{i + 1}", values[i], problems);
            if (!double.IsFinite(count) || count < 0)
            {
                problems.Add(InvalidParameterValue, $"The value {Format(count)} for parameter {path}.Counts.member.{i + 1} is invalid.");
                valid = false;
            }

            if (valid && count > 0)
            {
                var stats = MinuteStats.Of(values[i], count);
                total = total is { } sum ? sum.Merge(stats) : stats;
            }
        }

        if (total is null && !problems.Any)
        {
            problems.Add(InvalidParameterValue, $"The parameter {path}.Counts must count at least one value.");
        }

        return total;
    }

    private static MinuteStats? ValidateStatisticSet(string path, StatisticSet set, ValidationProblems problems)
    {
        var members = new[] { ("SampleCount", set.SampleCount), ("Sum", set.Sum), ("Minimum", set.Minimum), ("Maximum", set.Maximum) };
        var valid = true;
        foreach (var (name, member) in members)
        {
            if (member is not { } number)
            {
                problems.Add(MissingParameter, $"The parameter {path}.{name} is required.");
                valid = false;
            }
            else
            {
                valid &= CheckValue($"{path}.{name}", number, problems);
            }
        }

        if (!valid || set is not { SampleCount: { } sampleCount, Sum: { } sum, Minimum: { } minimum, Maximum: { } maximum })
        {
            return null;
        }

        if (sampleCount <= 0)
        {
            problems.Add(InvalidParameterValue, $"The value {Format(sampleCount)} for parameter {path}.SampleCount is invalid: it must be greater than 0.");
            return null;
        }

        if (minimum > maximum)
        {
            problems.Add(InvalidParameterValue, $"The parameter {path}.Minimum must not be greater than {path}.Maximum.");
            return null;
        }

        return new MinuteStats(sampleCount, sum, minimum, maximum);
    }

    /// <summary>CloudWatch takes values from -2^360 to 2^360, rejects NaN and infinities, and rejects magnitudes under 2^-260.</summary>
    private static bool CheckValue(string path, double value, ValidationProblems problems)
    {
        var magnitude = Math.Abs(value);
        if (!double.IsFinite(value) || magnitude > LargestValue || (magnitude > 0 && magnitude < SmallestValue))
        {
            problems.Add(InvalidParameterValue, $"The value {Format(value)} for parameter {path} is invalid.");
            return false;
        }

        return true;
    }

    /// <summary>ASCII letters, digits, <c>. - _ / # :</c> and spaces, with at least one non-space, not starting with a colon.</summary>
    public static bool IsValidNamespace(string value) =>
        value.Length <= 255
        && value[0] != ':'
        && value.Any(c => c != ' ')
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '/' or '#' or ':' or ' ');

    /// <summary>ASCII without control characters, with at least one non-whitespace character.</summary>
    public static bool IsValidName(string value, int maxLength, bool allowLeadingColon) =>
        value.Length <= maxLength
        && (allowLeadingColon || value[0] != ':')
        && value.Any(c => !char.IsWhiteSpace(c))
        && value.All(c => char.IsAscii(c) && !char.IsControl(c));

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
