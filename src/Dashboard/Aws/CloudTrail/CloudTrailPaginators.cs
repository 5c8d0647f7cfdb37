using Dashboard.Aws.Protocol;

namespace Dashboard.Aws.CloudTrail;

/// <summary>Async paginators for CloudTrail's list operations: each yields every page, then stops.</summary>
public static class CloudTrailPaginators
{
    /// <summary>
    /// Every page of a lookup. Each page is one LookupEvents call, which AWS limits to two per second per account and
    /// region: the caller paces the enumeration (see <see cref="ICloudTrailApi.LookupEventsAsync"/>).
    /// </summary>
    public static IAsyncEnumerable<LookupEventsResponse> LookupEventsPagesAsync(
        this ICloudTrailApi cloudTrail, LookupEventsRequest request, CancellationToken cancellationToken = default) =>
        Paginator.PagesAsync(
            (token, ct) => cloudTrail.LookupEventsAsync(request with { NextToken = token }, ct),
            page => page.NextToken,
            cancellationToken);
}
