using Amazon.Runtime;
using Amazon.S3;
using Dashboard.Aws.EventBridge;
using Dashboard.Diagnostics;
using Dashboard.Tests.Shared;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Diagnostics;

/// <summary>
/// Fakes for the IAM checks: a workflow with an EVENT trigger, rules whose targets name a chosen role (or none), an
/// in-memory IAM, and one environment cache shared by every run, as in the app.
/// </summary>
public sealed class IamCheckFixture : IDisposable
{
    public const string Account = "123456789012";
    public const string Region = "eu-west-1";

    private readonly AmazonS3Client _s3 = new(new BasicAWSCredentials("test", "test"), new AmazonS3Config { ServiceURL = "http://127.0.0.1:9", ForcePathStyle = true });

    public IamCheckFixture()
    {
        Events = new TargetRolesEventBridge(Inner);
        Sources = new DiagnosticSources(Glue, Events, Iam, new FakeCloudTrail(), new FakeCloudWatch(), _s3, new FakeCloudIdentity(Account, Region),
            new ServiceCollection().AddHybridCache().Services.BuildServiceProvider().GetRequiredService<HybridCache>(), Time, new EmptyDeadLetterQueues());
    }

    public FakeGlue Glue { get; } = new();

    public FakeEventBridge Inner { get; } = new();

    public TargetRolesEventBridge Events { get; }

    public FakeIam Iam { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    public DiagnosticSources Sources { get; }

    public static string WorkflowArn(string workflow) => $"arn:aws:glue:{Region}:{Account}:workflow/{workflow}";

    public static string RuleArn(string rule) => $"arn:aws:events:{Region}:{Account}:rule/{rule}";

    public static string RoleArn(string role) => $"arn:aws:iam::{Account}:role/{role}";

    /// <summary>A workflow, and a rule on the default bus whose target is it with <paramref name="roleArn"/>.</summary>
    public IamCheckFixture Pipeline(string workflow, string rule, string? roleArn)
    {
        Glue.AddWorkflow(workflow, FakeGlue.EventTrigger($"{workflow}_start", 5, 900));
        Inner.AddRule(rule, WorkflowArn(workflow));
        Events.RoleArns[rule] = roleArn;
        return this;
    }

    public Task<IReadOnlyList<Finding>> RunAsync(IDiagnosticCheck check, string workflow, bool fresh = false) =>
        check.RunAsync(new WorkflowFacts(workflow, Sources) { Fresh = fresh }, TestContext.Current.CancellationToken);

    public void Dispose() => _s3.Dispose();

    public static string Trust(string statementsJson) => $$"""{"Version":"2012-10-17","Statement":[{{statementsJson}}]}""";

    public const string EventsTrust = """{"Sid":"EventBridgeFromThisAccount","Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}}}""";

    public static string Allow(string sid, string action, string resource) =>
        $$"""{"Version":"2012-10-17","Statement":[{"Sid":"{{sid}}","Effect":"Allow","Action":"{{action}}","Resource":"{{resource}}"}]}""";
}

/// <summary>FakeEventBridge whose targets carry the role a test chooses for each rule (null: no role at all).</summary>
public sealed class TargetRolesEventBridge(FakeEventBridge inner) : IEventBridgeApi
{
    public Dictionary<string, string?> RoleArns { get; } = new(StringComparer.Ordinal);

    public IClientConfig Config => inner.Config;

    public Task<ListEventBusesResponse> ListEventBusesAsync(ListEventBusesRequest request, CancellationToken cancellationToken = default) => inner.ListEventBusesAsync(request, cancellationToken);

    public Task<ListRulesResponse> ListRulesAsync(ListRulesRequest request, CancellationToken cancellationToken = default) => inner.ListRulesAsync(request, cancellationToken);

    public Task<DescribeRuleResponse> DescribeRuleAsync(DescribeRuleRequest request, CancellationToken cancellationToken = default) => inner.DescribeRuleAsync(request, cancellationToken);

    public async Task<ListTargetsByRuleResponse> ListTargetsByRuleAsync(ListTargetsByRuleRequest request, CancellationToken cancellationToken = default)
    {
        var response = await inner.ListTargetsByRuleAsync(request, cancellationToken);
        return RoleArns.TryGetValue(request.Rule, out var role)
            ? response with { Targets = [.. (response.Targets ?? []).Select(t => t with { RoleArn = role })] }
            : response;
    }

    public Task<ListRuleNamesByTargetResponse> ListRuleNamesByTargetAsync(ListRuleNamesByTargetRequest request, CancellationToken cancellationToken = default) => inner.ListRuleNamesByTargetAsync(request, cancellationToken);

    public Task<TestEventPatternResponse> TestEventPatternAsync(TestEventPatternRequest request, CancellationToken cancellationToken = default) => inner.TestEventPatternAsync(request, cancellationToken);

    public void Dispose()
    {
    }
}
