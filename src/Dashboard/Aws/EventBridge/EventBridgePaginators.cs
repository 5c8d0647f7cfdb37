using Dashboard.Aws.Protocol;

namespace Dashboard.Aws.EventBridge;

/// <summary>Async paginators for EventBridge's list operations: each yields every page, then stops.</summary>
public static class EventBridgePaginators
{
    public static IAsyncEnumerable<ListEventBusesResponse> ListEventBusesPagesAsync(
        this IEventBridgeApi events, ListEventBusesRequest request, CancellationToken cancellationToken = default) =>
        Paginator.PagesAsync(
            (token, ct) => events.ListEventBusesAsync(request with { NextToken = token }, ct),
            page => page.NextToken,
            cancellationToken);

    public static IAsyncEnumerable<ListRulesResponse> ListRulesPagesAsync(
        this IEventBridgeApi events, ListRulesRequest request, CancellationToken cancellationToken = default) =>
        Paginator.PagesAsync(
            (token, ct) => events.ListRulesAsync(request with { NextToken = token }, ct),
            page => page.NextToken,
            cancellationToken);

    public static IAsyncEnumerable<ListTargetsByRuleResponse> ListTargetsByRulePagesAsync(
        this IEventBridgeApi events, ListTargetsByRuleRequest request, CancellationToken cancellationToken = default) =>
        Paginator.PagesAsync(
            (token, ct) => events.ListTargetsByRuleAsync(request with { NextToken = token }, ct),
            page => page.NextToken,
            cancellationToken);

    public static IAsyncEnumerable<ListRuleNamesByTargetResponse> ListRuleNamesByTargetPagesAsync(
        this IEventBridgeApi events, ListRuleNamesByTargetRequest request, CancellationToken cancellationToken = default) =>
        Paginator.PagesAsync(
            (token, ct) => events.ListRuleNamesByTargetAsync(request with { NextToken = token }, ct),
            page => page.NextToken,
            cancellationToken);
}
