namespace LocalCloud.CloudWatch;

/// <summary>
/// A metric's identity: namespace, name and dimensions. CloudWatch treats each combination of dimensions as its own
/// metric, whatever order they were sent in, so the dimensions are kept sorted by name.
/// </summary>
internal sealed class MetricKey : IEquatable<MetricKey>, IComparable<MetricKey>
{
    private readonly int _hash;

    private MetricKey(string metricNamespace, string metricName, KeyValuePair<string, string>[] dimensions)
    {
        Namespace = metricNamespace;
        MetricName = metricName;
        Dimensions = dimensions;

        var hash = new HashCode();
        hash.Add(metricNamespace, StringComparer.Ordinal);
        hash.Add(metricName, StringComparer.Ordinal);
        foreach (var (name, value) in dimensions)
        {
            hash.Add(name, StringComparer.Ordinal);
            hash.Add(value, StringComparer.Ordinal);
        }

        _hash = hash.ToHashCode();
    }

    public string Namespace { get; }

    public string MetricName { get; }

    /// <summary>Sorted by name, ordinal.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Dimensions { get; }

    public static MetricKey Create(string metricNamespace, string metricName, IReadOnlyList<KeyValuePair<string, string>> dimensions)
    {
        var sorted = new KeyValuePair<string, string>[dimensions.Count];
        var inOrder = true;
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = dimensions[i];
            inOrder &= i == 0 || string.CompareOrdinal(sorted[i - 1].Key, sorted[i].Key) <= 0;
        }

        if (!inOrder)
        {
            Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        }

        return new MetricKey(metricNamespace, metricName, sorted);
    }

    public static MetricKey Create(string metricNamespace, string metricName, IReadOnlyList<Dimension>? dimensions) =>
        Create(metricNamespace, metricName, dimensions is null
            ? []
            : dimensions.Select(d => KeyValuePair.Create(d.Name ?? string.Empty, d.Value ?? string.Empty)).ToArray());

    public Metric ToMetric() => new(Namespace, MetricName, Dimensions.Select(d => new Dimension(d.Key, d.Value)).ToArray());

    public bool Equals(MetricKey? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other._hash != _hash || other.Dimensions.Count != Dimensions.Count
            || !string.Equals(other.Namespace, Namespace, StringComparison.Ordinal)
            || !string.Equals(other.MetricName, MetricName, StringComparison.Ordinal))
        {
            return false;
        }

        for (var i = 0; i < Dimensions.Count; i++)
        {
            if (!string.Equals(Dimensions[i].Key, other.Dimensions[i].Key, StringComparison.Ordinal)
                || !string.Equals(Dimensions[i].Value, other.Dimensions[i].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is MetricKey other && Equals(other);

    public override int GetHashCode() => _hash;

    /// <summary>Namespace, then name, then dimensions: the order ListMetrics pages in.</summary>
    public int CompareTo(MetricKey? other)
    {
        if (other is null)
        {
            return 1;
        }

        var order = string.CompareOrdinal(Namespace, other.Namespace);
        if (order == 0)
        {
            order = string.CompareOrdinal(MetricName, other.MetricName);
        }

        for (var i = 0; order == 0 && i < Math.Min(Dimensions.Count, other.Dimensions.Count); i++)
        {
            order = string.CompareOrdinal(Dimensions[i].Key, other.Dimensions[i].Key);
            if (order == 0)
            {
                order = string.CompareOrdinal(Dimensions[i].Value, other.Dimensions[i].Value);
            }
        }

        return order != 0 ? order : Dimensions.Count.CompareTo(other.Dimensions.Count);
    }

    public override string ToString() =>
        $"{Namespace} {MetricName} [{string.Join(", ", Dimensions.Select(d => $"{d.Key}={d.Value}"))}]";
}
