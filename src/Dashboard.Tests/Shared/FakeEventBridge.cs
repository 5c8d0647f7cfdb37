using System.Collections.Concurrent;
using Amazon.Runtime;
using Dashboard.Aws.EventBridge;
using Dashboard.Aws.Protocol;

namespace Dashboard.Tests.Shared;

/// <summary>An in-memory EventBridge: buses, rules and their targets, with page sizes and call counts.</summary>
public sealed class FakeEventBridge : IEventBridgeApi
{
    private readonly List<string> _buses = ["default"];
    private readonly List<(string Bus, Rule Rule, List<string> TargetArns)> _rules = [];

    public ConcurrentDictionary<string, int> Calls { get; } = new();

    public Exception? Failure { get; set; }

    /// <summary>When set, every call waits for it: a test can hold EventBridge back to see a page's partial state.</summary>
    public TaskCompletionSource? Gate { get; set; }

    public IClientConfig Config { get; } = new AwsClientConfig(EventBridgeClient.Spec);

    public int TotalCalls => Calls.Values.Sum();

    public FakeEventBridge AddBus(string name)
    {
        _buses.Add(name);
        return this;
    }

    /// <summary>When set, DescribeRule fails with it: a page's partial state when one permission is missing.</summary>
    public Exception? DescribeFailure { get; set; }

    public FakeEventBridge AddRule(string name, string targetArn, string bus = "default", string state = "ENABLED", string? pattern = null)
    {
        _rules.Add((bus, new Rule { Name = name, State = state, EventBusName = bus, EventPattern = pattern }, [targetArn]));
        return this;
    }

    public async Task<ListEventBusesResponse> ListEventBusesAsync(ListEventBusesRequest request, CancellationToken cancellationToken = default)
    {
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        Enter("ListEventBuses");
        var (page, next) = FakeGlue.Page(_buses, request.NextToken, request.Limit ?? 100, 100);
        return new ListEventBusesResponse { EventBuses = page.Select(b => new EventBus { Name = b }).ToList(), NextToken = next };
    }

    public Task<ListRulesResponse> ListRulesAsync(ListRulesRequest request, CancellationToken cancellationToken = default)
    {
        Enter("ListRules");
        var onBus = _rules.Where(r => r.Bus == (request.EventBusName ?? "default")).ToList();
        var (page, next) = FakeGlue.Page(onBus.Select(r => r.Rule.Name ?? string.Empty).ToList(), request.NextToken, request.Limit ?? 100, 100);
        return Task.FromResult(new ListRulesResponse { Rules = onBus.Where(r => page.Contains(r.Rule.Name ?? string.Empty)).Select(r => r.Rule).ToList(), NextToken = next });
    }

    public Task<ListRuleNamesByTargetResponse> ListRuleNamesByTargetAsync(ListRuleNamesByTargetRequest request, CancellationToken cancellationToken = default)
    {
        Enter("ListRuleNamesByTarget");
        var names = _rules.Where(r => r.Bus == (request.EventBusName ?? "default") && r.TargetArns.Contains(request.TargetArn))
            .Select(r => r.Rule.Name ?? string.Empty).ToList();
        var (page, next) = FakeGlue.Page(names, request.NextToken, request.Limit ?? 100, 100);
        return Task.FromResult(new ListRuleNamesByTargetResponse { RuleNames = page, NextToken = next });
    }

    public Task<DescribeRuleResponse> DescribeRuleAsync(DescribeRuleRequest request, CancellationToken cancellationToken = default)
    {
        Enter("DescribeRule");
        if (DescribeFailure is { } failure)
        {
            throw failure;
        }

        var rule = _rules.FirstOrDefault(r => r.Bus == (request.EventBusName ?? "default") && r.Rule.Name == request.Name);
        return rule.Rule is null
            ? throw AwsErrors.Create(new("EventBridge", "DescribeRule", "ResourceNotFoundException", $"Rule {request.Name} does not exist.", null, System.Net.HttpStatusCode.BadRequest, ErrorType.Sender))
            : Task.FromResult(new DescribeRuleResponse { Name = rule.Rule.Name, State = rule.Rule.State, EventBusName = rule.Bus, EventPattern = rule.Rule.EventPattern });
    }

    public Task<ListTargetsByRuleResponse> ListTargetsByRuleAsync(ListTargetsByRuleRequest request, CancellationToken cancellationToken = default)
    {
        Enter("ListTargetsByRule");
        var rule = _rules.FirstOrDefault(r => r.Bus == (request.EventBusName ?? "default") && r.Rule.Name == request.Rule);
        if (rule.Rule is null)
        {
            throw AwsErrors.Create(new("EventBridge", "ListTargetsByRule", "ResourceNotFoundException", $"Rule {request.Rule} does not exist.", null, System.Net.HttpStatusCode.BadRequest, ErrorType.Sender));
        }

        var targets = rule.TargetArns.Select((arn, i) => new Target { Id = $"target-{i}", Arn = arn }).ToList();
        var (page, next) = FakeGlue.Page(targets, request.NextToken, request.Limit ?? 100, 100);
        return Task.FromResult(new ListTargetsByRuleResponse { Targets = page, NextToken = next });
    }

    public Task<TestEventPatternResponse> TestEventPatternAsync(TestEventPatternRequest request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("FakeEventBridge does not implement TestEventPattern.");

    public void Dispose()
    {
    }

    private void Enter(string operation)
    {
        Calls.AddOrUpdate(operation, 1, (_, n) => n + 1);
        if (Failure is { } failure)
        {
            throw failure;
        }
    }
}
