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

    public FakeEventBridge AddRule(string name, string targetArn, string bus = "default", string state = "ENABLED", string? eventPattern = null, string? description = null)
    {
        _rules.Add((bus, new Rule { Name = name, State = state, EventBusName = bus, EventPattern = eventPattern, Description = description }, [targetArn]));
        return this;
    }

    /// <summary>A rule with several targets: EventBridge invokes each once per matching event.</summary>
    public FakeEventBridge AddRule(string name, IReadOnlyList<string> targetArns, string bus = "default")
    {
        _rules.Add((bus, new Rule { Name = name, State = "ENABLED", EventBusName = bus }, [.. targetArns]));
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

        var (bus, rule, _) = Find(request.Name, request.EventBusName);
        return Task.FromResult(new DescribeRuleResponse
        {
            Name = rule.Name,
            Arn = $"arn:aws:events:eu-west-1:123456789012:rule/{(bus == "default" ? string.Empty : bus + "/")}{rule.Name}",
            State = rule.State,
            EventPattern = rule.EventPattern,
            Description = rule.Description,
            EventBusName = bus,
        });
    }

    public Task<ListTargetsByRuleResponse> ListTargetsByRuleAsync(ListTargetsByRuleRequest request, CancellationToken cancellationToken = default)
    {
        Enter("ListTargetsByRule");
        var (_, _, targets) = Find(request.Rule, request.EventBusName);
        return Task.FromResult(new ListTargetsByRuleResponse
        {
            Targets = targets.Select((arn, i) => new Target { Id = $"target-{i}", Arn = arn, RoleArn = "arn:aws:iam::123456789012:role/EventBridgeGlue" }).ToList(),
        });
    }

    /// <summary>When set, TestEventPattern fails with it (for example access denied), whatever <see cref="Failure"/> says.</summary>
    public Exception? TestPatternFailure { get; set; }

    /// <summary>TestEventPattern, judged by LocalCloud's pattern matcher: EventBridge's semantics, in memory.</summary>
    public Task<TestEventPatternResponse> TestEventPatternAsync(TestEventPatternRequest request, CancellationToken cancellationToken = default)
    {
        Enter("TestEventPattern");
        if (TestPatternFailure is { } failure)
        {
            throw failure;
        }

        using var document = System.Text.Json.JsonDocument.Parse(request.Event);
        var pattern = LocalCloud.EventBridge.Patterns.EventPatternCompiler.Compile(request.EventPattern);
        return Task.FromResult(new TestEventPatternResponse { Result = pattern.Matches(document.RootElement) });
    }

    public void Dispose()
    {
    }

    /// <summary>The rule, or EventBridge's ResourceNotFoundException.</summary>
    private (string Bus, Rule Rule, List<string> Targets) Find(string name, string? bus)
    {
        var match = _rules.FirstOrDefault(r => r.Bus == (bus ?? "default") && r.Rule.Name == name);
        return match.Rule is not null
            ? match
            : throw AwsErrors.Create(new("EventBridge", "DescribeRule", "ResourceNotFoundException", $"Rule {name} does not exist on EventBus {bus ?? "default"}.", null, System.Net.HttpStatusCode.BadRequest, ErrorType.Sender));
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
