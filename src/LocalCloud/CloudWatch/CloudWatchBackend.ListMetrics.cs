using LocalCloud.Protocol;
using static LocalCloud.CloudWatch.CloudWatchErrors;

namespace LocalCloud.CloudWatch;

public sealed partial class CloudWatchBackend
{
    public const int ListMetricsPageSize = 500;
    public const int MaxDimensionFilters = 10;

    /// <summary>Metrics that received data in the past two weeks, or three hours with <c>RecentlyActive=PT3H</c>.</summary>
    public static readonly TimeSpan ListedActivity = TimeSpan.FromDays(14);
    public static readonly TimeSpan RecentActivity = TimeSpan.FromHours(3);

    public ListMetricsOutput ListMetrics(RequestContext context, ListMetricsInput input)
    {
        var filters = ValidateListMetrics(input);
        var fingerprint = PageToken.Fingerprint(input with { NextToken = null });
        var after = PageToken.Decode<ListPosition>(input.NextToken, fingerprint, message => Error(InvalidParameterValue, message));
        var afterKey = after is null ? null : MetricKey.Create(after.Namespace, after.MetricName, after.Dimensions.Select(d => KeyValuePair.Create(d[0], d[1])).ToArray());

        var activeSince = _time.GetUtcNow() - (input.RecentlyActive is null ? ListedActivity : RecentActivity);
        var account = string.IsNullOrEmpty(input.OwningAccount) ? context.Account : input.OwningAccount;
        var matches = _store.All(account, context.Region)
            .Where(s => s.LastReceived >= activeSince && Matches(s.Key, input, filters) && (afterKey is null || s.Key.CompareTo(afterKey) > 0))
            .Select(s => s.Key)
            .Order()
            .Take(ListMetricsPageSize + 1)
            .ToList();

        string? nextToken = null;
        if (matches.Count > ListMetricsPageSize)
        {
            matches.RemoveAt(ListMetricsPageSize);
            var last = matches[^1];
            nextToken = PageToken.Encode(new ListPosition(last.Namespace, last.MetricName, last.Dimensions.Select(d => new[] { d.Key, d.Value }).ToList()), fingerprint);
        }

        return new ListMetricsOutput(
            matches.Select(k => k.ToMetric()).ToList(),
            nextToken,
            input.IncludeLinkedAccounts == true ? matches.Select(_ => account).ToList() : null);
    }

    private static List<(string Name, string? Value)> ValidateListMetrics(ListMetricsInput input)
    {
        var problems = new ValidationProblems();
        var filters = input.Dimensions ?? [];
        if (filters.Count > MaxDimensionFilters)
        {
            problems.Add(InvalidParameterValue, $"The collection Dimensions must not have a size greater than {MaxDimensionFilters}.");
        }

        for (var i = 0; i < filters.Count; i++)
        {
            problems.Require(filters[i]?.Name, $"Dimensions.member.{i + 1}.Name");
        }

        if (input.RecentlyActive is not (null or "PT3H"))
        {
            problems.Add(InvalidParameterValue, $"The value {input.RecentlyActive} for parameter RecentlyActive is invalid: the only valid value is PT3H.");
        }

        problems.ThrowIfAny();
        return filters.Select(f => (f?.Name ?? string.Empty, f?.Value)).ToList();
    }

    /// <summary>Namespace and name match exactly; each dimension filter needs a dimension of that name (and value, if given).</summary>
    private static bool Matches(MetricKey key, ListMetricsInput input, List<(string Name, string? Value)> filters) =>
        (input.Namespace is null || key.Namespace == input.Namespace)
        && (input.MetricName is null || key.MetricName == input.MetricName)
        && filters.All(f => key.Dimensions.Any(d => d.Key == f.Name && (f.Value is null || d.Value == f.Value)));

    /// <summary>The last metric of a page; dimensions as [name, value] pairs.</summary>
    private sealed record ListPosition(string Namespace, string MetricName, IReadOnlyList<string[]> Dimensions);
}
