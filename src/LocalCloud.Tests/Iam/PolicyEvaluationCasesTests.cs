using System.Text.Json.Nodes;
using LocalCloud.Iam.Policies;
using LocalCloud.Protocol;

namespace LocalCloud.Tests.Iam;

/// <summary>
/// The cases of <c>policy-evaluation-cases.json</c>, taken from AWS's IAM documentation (each names its section),
/// run through LocalCloud's compiler and evaluators. The file is plain JSON so another evaluator can be held to it.
/// </summary>
public sealed class PolicyEvaluationCasesTests
{
    private static readonly Lazy<JsonArray> Cases = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Iam", "policy-evaluation-cases.json")))?["cases"]?.AsArray()
            ?? throw new InvalidDataException("policy-evaluation-cases.json has no cases."));

    public static TheoryData<string> Names() => new(Cases.Value.Select(c => c?["name"]?.GetValue<string>() ?? string.Empty));

    [Fact]
    public void CasesFile_HasAtLeastFortyCases_EachWithSectionUrlAndExpectation()
    {
        var cases = Cases.Value.Select(c => c!.AsObject()).ToList();

        Assert.True(cases.Count >= 40, $"Only {cases.Count} cases.");
        Assert.All(cases, c =>
        {
            Assert.False(string.IsNullOrWhiteSpace(c["section"]?.GetValue<string>()));
            Assert.StartsWith("https://docs.aws.amazon.com/", c["url"]?.GetValue<string>(), StringComparison.Ordinal);
            Assert.NotNull(c["expected"]);
        });
        Assert.Equal(cases.Count, cases.Select(c => c["name"]?.GetValue<string>()).Distinct().Count());
        Assert.Contains(cases, c => c["permissionsBoundary"] is not null);
        Assert.Contains(cases, c => c["trustPolicy"] is not null);
        Assert.Contains(cases, c => c["expected"]?["decision"]?.GetValue<string>() == "explicitDeny");
        Assert.Contains(cases, c => c["expected"]?["error"] is not null);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Case_FromAwsDocumentation_GetsTheDocumentedDecision(string name)
    {
        var testCase = Cases.Value.Single(c => c?["name"]?.GetValue<string>() == name)!.AsObject();
        var request = testCase["request"]!.AsObject();
        var expected = testCase["expected"]!.AsObject();
        var context = Context(request["context"]?.AsObject());

        if (expected["error"]?.GetValue<string>() is { } code)
        {
            var error = Assert.Throws<AwsServiceException>(() => Identity(testCase));
            Assert.Equal(code, error.Code);
            return;
        }

        PolicyDecision decision;
        if (testCase["trustPolicy"] is { } trust)
        {
            var policy = new NamedPolicy("trust", "role", PolicyCompiler.Compile(trust.ToJsonString(), PolicyKind.Trust));
            decision = TrustPolicyEvaluator.Evaluate(policy, request["servicePrincipal"]!.GetValue<string>(), context, detailed: true);
        }
        else
        {
            var boundary = testCase["permissionsBoundary"] is { } b
                ? new NamedPolicy(b["name"]!.GetValue<string>(), "user-managed", PolicyCompiler.Compile(b["document"]!.ToJsonString(), PolicyKind.Identity))
                : null;
            var fast = PolicyEvaluator.Evaluate(Identity(testCase), boundary, request["action"]!.GetValue<string>(), request["resource"]!.GetValue<string>(), context);
            decision = PolicyEvaluator.Evaluate(Identity(testCase), boundary, request["action"]!.GetValue<string>(), request["resource"]!.GetValue<string>(), context, detailed: true);
            Assert.Equal(decision.Decision, fast.Decision);
            Assert.Equal(decision.DecidingStatement, fast.DecidingStatement);
        }

        Assert.Equal(expected["decision"]!.GetValue<string>(), Wire(decision.Decision));
        Assert.Equal(expected["decidingStatement"]?.GetValue<string>(), decision.DecidingStatement);
    }

    private static List<NamedPolicy> Identity(JsonObject testCase) =>
        (testCase["identityPolicies"]?.AsArray() ?? [])
            .Select(p => new NamedPolicy(p!["name"]!.GetValue<string>(), "role", PolicyCompiler.Compile(p["document"]!.ToJsonString(), PolicyKind.Identity)))
            .ToList();

    private static PolicyRequestContext Context(JsonObject? context) =>
        context is null
            ? PolicyRequestContext.Empty
            : new PolicyRequestContext(context.Select(p => KeyValuePair.Create(
                p.Key,
                p.Value is JsonArray array ? array.Select(v => v!.GetValue<string>()).ToArray() : [p.Value!.GetValue<string>()])));

    private static string Wire(EvalDecision decision) => decision switch
    {
        EvalDecision.Allowed => "allowed",
        EvalDecision.ExplicitDeny => "explicitDeny",
        _ => "implicitDeny",
    };
}
