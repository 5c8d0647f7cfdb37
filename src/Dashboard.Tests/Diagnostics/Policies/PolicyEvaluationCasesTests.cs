using System.Text.Json.Nodes;
using Dashboard.Diagnostics.Policies;

namespace Dashboard.Tests.Diagnostics.Policies;

/// <summary>
/// The policy-evaluation cases taken from AWS's IAM documentation (each names its section and page), shared as data
/// with LocalCloud's tests, run through the dashboard's own evaluator. Two evaluators written apart and held to the
/// same cases: a misreading of the documentation has to be made twice to pass.
/// </summary>
public sealed class PolicyEvaluationCasesTests
{
    private static readonly Lazy<JsonArray> Cases = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Diagnostics", "Policies", "policy-evaluation-cases.json")))?["cases"]?.AsArray()
            ?? throw new InvalidDataException("policy-evaluation-cases.json has no cases."));

    public static TheoryData<string> Names() => new(Cases.Value.Select(c => c?["name"]?.GetValue<string>() ?? string.Empty));

    [Fact]
    public void CasesFile_HasAtLeastThirtyTrustAndPermissionCases_EachNamingItsSection()
    {
        var cases = Cases.Value.Select(c => c!.AsObject()).ToList();

        Assert.True(cases.Count >= 30, $"Only {cases.Count} cases.");
        Assert.All(cases, c =>
        {
            Assert.False(string.IsNullOrWhiteSpace(c["section"]?.GetValue<string>()));
            Assert.StartsWith("https://docs.aws.amazon.com/", c["url"]?.GetValue<string>(), StringComparison.Ordinal);
        });
        Assert.True(cases.Count(c => c["trustPolicy"] is not null) >= 5);
        Assert.True(cases.Count(c => c["permissionsBoundary"] is not null) >= 3);
        Assert.Contains(cases, c => c["expected"]?["decision"]?.GetValue<string>() == "explicitDeny");
        Assert.Contains(cases, c => c.ToJsonString().Contains("NotAction", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Case_FromAwsDocumentation_GetsTheDocumentedDecisionAndStatement(string name)
    {
        var testCase = Cases.Value.Single(c => c?["name"]?.GetValue<string>() == name)!.AsObject();
        var request = testCase["request"]!.AsObject();
        var expected = testCase["expected"]!.AsObject();
        var context = Context(request["context"]?.AsObject());

        if (expected["error"]?.GetValue<string>() is { } code)
        {
            var error = Assert.Throws<PolicyDocumentException>(() => Identity(testCase));
            Assert.Equal(code, error.Code);
            return;
        }

        var decision = testCase["trustPolicy"] is { } trust
            ? PolicyEvaluator.EvaluateTrust(
                PolicyDocument.Parse("trust", trust.ToJsonString(), PolicyKind.Trust),
                new PolicyRequest(request["action"]!.GetValue<string>(), null, context, request["servicePrincipal"]!.GetValue<string>()))
            : PolicyEvaluator.Evaluate(
                Identity(testCase),
                testCase["permissionsBoundary"] is { } b ? PolicyDocument.Parse(b["name"]!.GetValue<string>(), b["document"]!.ToJsonString(), PolicyKind.Identity) : null,
                new PolicyRequest(request["action"]!.GetValue<string>(), request["resource"]!.GetValue<string>(), context));

        Assert.Equal(expected["decision"]!.GetValue<string>(), decision.WireName);
        Assert.Equal(expected["decidingStatement"]?.GetValue<string>(), decision.DecidingStatementName);
    }

    private static List<PolicyDocument> Identity(JsonObject testCase) =>
        [.. (testCase["identityPolicies"]?.AsArray() ?? [])
            .Select(p => PolicyDocument.Parse(p!["name"]!.GetValue<string>(), p["document"]!.ToJsonString(), PolicyKind.Identity))];

    private static IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> Context(JsonObject? context) =>
        (context ?? []).Select(p => KeyValuePair.Create(
            p.Key,
            (IReadOnlyList<string>)(p.Value is JsonArray array ? [.. array.Select(v => v!.GetValue<string>())] : [p.Value!.GetValue<string>()])));
}
