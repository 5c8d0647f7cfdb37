using Amazon.Runtime;
using Dashboard.Aws.EventBridge;

namespace Dashboard.Tests.Shared;

/// <summary>
/// A <see cref="FakeEventBridge"/> whose rule targets carry settings the plain fake leaves out, such as a
/// <c>DeadLetterConfig</c> or a <c>RetryPolicy</c>: ListTargetsByRule passes each target through <see cref="Configure"/>.
/// </summary>
public sealed class TargetSettingEventBridge(FakeEventBridge inner) : IEventBridgeApi
{
    /// <summary>Per rule name, how its targets are changed on the way out.</summary>
    public Dictionary<string, Func<Target, Target>> Configure { get; } = new(StringComparer.Ordinal);

    public FakeEventBridge Inner { get; } = inner;

    public IClientConfig Config => Inner.Config;

    public Task<ListEventBusesResponse> ListEventBusesAsync(ListEventBusesRequest request, CancellationToken cancellationToken = default) => Inner.ListEventBusesAsync(request, cancellationToken);

    public Task<ListRulesResponse> ListRulesAsync(ListRulesRequest request, CancellationToken cancellationToken = default) => Inner.ListRulesAsync(request, cancellationToken);

    public Task<DescribeRuleResponse> DescribeRuleAsync(DescribeRuleRequest request, CancellationToken cancellationToken = default) => Inner.DescribeRuleAsync(request, cancellationToken);

    public async Task<ListTargetsByRuleResponse> ListTargetsByRuleAsync(ListTargetsByRuleRequest request, CancellationToken cancellationToken = default)
    {
        var response = await Inner.ListTargetsByRuleAsync(request, cancellationToken);
        return Configure.TryGetValue(request.Rule, out var configure)
            ? response with { Targets = [.. (response.Targets ?? []).Select(configure)] }
            : response;
    }

    public Task<ListRuleNamesByTargetResponse> ListRuleNamesByTargetAsync(ListRuleNamesByTargetRequest request, CancellationToken cancellationToken = default) => Inner.ListRuleNamesByTargetAsync(request, cancellationToken);

    public Task<TestEventPatternResponse> TestEventPatternAsync(TestEventPatternRequest request, CancellationToken cancellationToken = default) => Inner.TestEventPatternAsync(request, cancellationToken);

    public void Dispose() => Inner.Dispose();
}
