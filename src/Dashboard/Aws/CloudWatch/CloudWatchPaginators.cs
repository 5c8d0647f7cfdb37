using Dashboard.Aws.Protocol;

namespace Dashboard.Aws.CloudWatch;

/// <summary>Async paginators for CloudWatch's paged operations: each yields every page, then stops.</summary>
public static class CloudWatchPaginators
{
    /// <summary>
    /// Pages through GetMetricData. A result whose StatusCode is PartialData continues on a later page, under the
    /// same query Id.
    /// </summary>
    public static IAsyncEnumerable<GetMetricDataResponse> GetMetricDataPagesAsync(
        this ICloudWatchApi cloudWatch, GetMetricDataRequest request, CancellationToken cancellationToken = default) =>
        Paginator.PagesAsync(
            (token, ct) => cloudWatch.GetMetricDataAsync(request with { NextToken = token }, ct),
            page => page.NextToken,
            cancellationToken);

    public static IAsyncEnumerable<ListMetricsResponse> ListMetricsPagesAsync(
        this ICloudWatchApi cloudWatch, ListMetricsRequest request, CancellationToken cancellationToken = default) =>
        Paginator.PagesAsync(
            (token, ct) => cloudWatch.ListMetricsAsync(request with { NextToken = token }, ct),
            page => page.NextToken,
            cancellationToken);
}
