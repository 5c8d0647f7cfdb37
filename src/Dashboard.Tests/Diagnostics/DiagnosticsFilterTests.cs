using Dashboard.Diagnostics;

namespace Dashboard.Tests.Diagnostics;

public sealed class DiagnosticsFilterTests
{
    private static readonly Uri Docs = new("https://docs.aws.amazon.com/glue/latest/dg/starting-workflow-eventbridge.html");

    private static Finding Finding(CheckStatus status, string check = "c") => new(check, "Title", status, "Why.", [], [], Docs);

    private static WorkflowDiagnosis Diagnosis(string workflow, params CheckStatus[] statuses) =>
        new(workflow, [.. statuses.Select(s => Finding(s))], DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData(null, null, "", null)]
    [InlineData("fail", null, "Fail", null)]
    [InlineData("WARN, unknown", " sales ", "Warn,Unknown", "sales")]
    [InlineData("pass,fail,pass", "", "Fail,Pass", null)]
    public void Parse_KnownWords_AreTheStatusesShown(string? status, string? search, string expected, string? expectedSearch)
    {
        var (filter, error) = DiagnosticsFilter.Parse(status, search);

        Assert.Null(error);
        Assert.Equal(expected, string.Join(",", filter.Statuses.OrderByDescending(s => s == CheckStatus.Fail).ThenByDescending(s => s)));
        Assert.Equal(expectedSearch, filter.Search);
    }

    [Theory]
    [InlineData("broken", "'broken'")]
    [InlineData("fail,3", "'3'")]
    [InlineData("fail,oops,nope", "'oops,nope'")]
    public void Parse_UnknownWord_IsNamedAndLeftOut(string status, string named)
    {
        var (filter, error) = DiagnosticsFilter.Parse(status, null);

        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.Contains("fail, warn, unknown or pass", error, StringComparison.Ordinal);
        Assert.DoesNotContain(filter.Statuses, s => !Enum.IsDefined(s));
    }

    [Fact]
    public void ToQuery_WorstFirst_AndDefaultsLeaveTheUrl()
    {
        var filter = DiagnosticsFilter.All.Toggle(CheckStatus.Pass).Toggle(CheckStatus.Fail) with { Search = "orders" };

        Assert.Equal("fail,pass", filter.ToQuery()["status"]);
        Assert.Equal("orders", filter.ToQuery()["q"]);
        Assert.All(DiagnosticsFilter.All.ToQuery().Values, Assert.Null);
        Assert.Empty(filter.Toggle(CheckStatus.Pass).Toggle(CheckStatus.Fail).Statuses);
    }

    [Fact]
    public void Apply_KeepsTheShownStatusesAndDropsWorkflowsLeftEmpty()
    {
        var report = new[] { Diagnosis("orders", CheckStatus.Fail, CheckStatus.Pass), Diagnosis("sales", CheckStatus.Pass), Diagnosis("orders_cdc", CheckStatus.Warn) };

        var failing = DiagnosticsFilter.Parse("fail,warn", null).Filter.Apply(report);
        var searched = DiagnosticsFilter.Parse(null, "ORDERS").Filter.Apply(report);

        Assert.Equal(["orders", "orders_cdc"], failing.Select(d => d.Workflow));
        Assert.Equal([CheckStatus.Fail], failing[0].Findings.Select(f => f.Status));
        Assert.Equal(["orders", "orders_cdc"], searched.Select(d => d.Workflow));
        Assert.Equal(2, searched[0].Findings.Count);
    }

    [Fact]
    public void Replace_PutsTheRecheckedFindingsInPlaceOfTheCheckOnly_WorstFirst()
    {
        var diagnosis = new WorkflowDiagnosis("orders", [Finding(CheckStatus.Fail, "a"), Finding(CheckStatus.Warn, "b"), Finding(CheckStatus.Pass, "a")], DateTimeOffset.UnixEpoch);
        var at = DateTimeOffset.UnixEpoch.AddHours(1);

        var rechecked = DiagnosticsPresentation.Replace(diagnosis, "a", [Finding(CheckStatus.Pass, "a")], at);

        Assert.Equal([("b", CheckStatus.Warn), ("a", CheckStatus.Pass)], rechecked.Findings.Select(f => (f.CheckId, f.Status)));
        Assert.Equal(at, rechecked.CheckedAt);
    }

    [Fact]
    public void Order_MostBrokenFirst_ThenMoreOfTheWorst_ThenByName()
    {
        var ordered = DiagnosticsPresentation.Order([
            Diagnosis("a_pass", CheckStatus.Pass),
            Diagnosis("b_one_fail", CheckStatus.Fail, CheckStatus.Pass),
            Diagnosis("c_warn", CheckStatus.Warn),
            Diagnosis("d_two_fails", CheckStatus.Fail, CheckStatus.Fail),
            Diagnosis("e_unknown", CheckStatus.Unknown),
        ]);

        Assert.Equal(["d_two_fails", "b_one_fail", "c_warn", "e_unknown", "a_pass"], ordered.Select(d => d.Workflow));
    }

    [Theory]
    [InlineData("""{"Effect":"Allow","Action":"glue:notifyEvent"}""", EvidenceFormat.Json, "{\n  \"Effect\": \"Allow\",\n  \"Action\": \"glue:notifyEvent\"\n}")]
    [InlineData("""{"Effect":"Allow", "Action":""", EvidenceFormat.Json, """{"Effect":"Allow", "Action":""")]
    [InlineData("""{"a":1}""", EvidenceFormat.Text, """{"a":1}""")]
    [InlineData("""{"Principal":{"Service":"events.amazonaws.com"},"Condition":{"StringEquals":{"aws:SourceArn":"arn:aws:events:eu-west-1:1:rule/r<1>"}}}""", EvidenceFormat.Json,
        "{\n  \"Principal\": {\n    \"Service\": \"events.amazonaws.com\"\n  },\n  \"Condition\": {\n    \"StringEquals\": {\n      \"aws:SourceArn\": \"arn:aws:events:eu-west-1:1:rule/r<1>\"\n    }\n  }\n}")]
    public void Pretty_IndentsJson_AndShowsTheRestAsItCame(string text, EvidenceFormat format, string expected) =>
        Assert.Equal(expected, DiagnosticsPresentation.Pretty(new Evidence("Label", text, format)).ReplaceLineEndings("\n"));
}
