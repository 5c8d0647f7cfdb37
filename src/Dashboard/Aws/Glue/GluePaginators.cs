using Dashboard.Aws.Protocol;

namespace Dashboard.Aws.Glue;

/// <summary>Async paginators for Glue's list operations: each yields every page, then stops.</summary>
public static class GluePaginators
{
    public static IAsyncEnumerable<ListWorkflowsResponse> ListWorkflowsPagesAsync(
        this IGlueApi glue, ListWorkflowsRequest request, CancellationToken cancellationToken = default) =>
        Paginator.PagesAsync(
            (token, ct) => glue.ListWorkflowsAsync(request with { NextToken = token }, ct),
            page => page.NextToken,
            cancellationToken);

    public static IAsyncEnumerable<ListTriggersResponse> ListTriggersPagesAsync(
        this IGlueApi glue, ListTriggersRequest request, CancellationToken cancellationToken = default) =>
        Paginator.PagesAsync(
            (token, ct) => glue.ListTriggersAsync(request with { NextToken = token }, ct),
            page => page.NextToken,
            cancellationToken);

    public static IAsyncEnumerable<GetWorkflowRunsResponse> GetWorkflowRunsPagesAsync(
        this IGlueApi glue, GetWorkflowRunsRequest request, CancellationToken cancellationToken = default) =>
        Paginator.PagesAsync(
            (token, ct) => glue.GetWorkflowRunsAsync(request with { NextToken = token }, ct),
            page => page.NextToken,
            cancellationToken);

    public static IAsyncEnumerable<GetJobRunsResponse> GetJobRunsPagesAsync(
        this IGlueApi glue, GetJobRunsRequest request, CancellationToken cancellationToken = default) =>
        Paginator.PagesAsync(
            (token, ct) => glue.GetJobRunsAsync(request with { NextToken = token }, ct),
            page => page.NextToken,
            cancellationToken);
}
