using Dashboard.Audit;
using Dashboard.Components;

namespace Dashboard.Tests.Audit;

public sealed class AuditFilterTextTests
{
    [Fact]
    public void Parse_Nothing_IsEveryRecord()
    {
        var parsed = AuditFilterText.Empty.Parse();

        Assert.True(parsed.IsValid);
        Assert.Equal(AuditFilter.All, parsed.Filter);
        Assert.True(AuditFilterText.Empty.IsEmpty);
    }

    [Fact]
    public void Parse_EveryValue_MakesTheFilter_TrimmedAndBlankAsAny()
    {
        var text = new AuditFilterText
        {
            From = "2026-11-25T09:00Z",
            To = " 2026-11-25T17:30:15+01:00 ",
            Environment = "local",
            Actor = "ana",
            Action = "UpdateTrigger",
            Workflow = "products",
            Target = "   ",
            Result = "succeeded",
        };

        var filter = text.Parse().Filter;

        Assert.Equal(new AuditFilter
        {
            From = new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero),
            To = new DateTimeOffset(2026, 11, 25, 16, 30, 15, TimeSpan.Zero),
            Environment = "local",
            Actor = "ana",
            Action = "UpdateTrigger",
            Workflow = "products",
            Result = AuditResult.Succeeded,
        }, filter);
    }

    [Fact]
    public void Parse_DatesAlone_CoverWholeUtcDays()
    {
        var filter = new AuditFilterText { From = "2026-11-24", To = "2026-11-25" }.Parse().Filter;

        Assert.Equal(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero), filter?.From);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero), filter?.To);
    }

    [Theory]
    [InlineData("yesterday", null, null, "from 'yesterday' is not a time. Write ISO 8601 with a zone, such as 2026-11-25T09:00Z, or a date such as 2026-11-25 (a whole day in UTC).")]
    [InlineData(null, "2026-13-01", null, "to '2026-13-01' is not a time.")]
    [InlineData("2026-11-25T09:00", null, null, "from '2026-11-25T09:00' is not a time.")]
    [InlineData("2026-11-25T10:00Z", "2026-11-25T09:00Z", null, "from '2026-11-25T10:00Z' must be before to '2026-11-25T09:00Z' (2026-11-25T10:00:00Z is not before 2026-11-25T09:00:00Z).")]
    [InlineData(null, null, "done", "result 'done' is not an audit result. Use one of Pending, Succeeded, Failed, Conflict, Refused.")]
    [InlineData(null, null, "1", "result '1' is not an audit result.")]
    [InlineData(null, null, "Pending,Failed", "result 'Pending,Failed' is not an audit result.")]
    public void Parse_BadValue_IsInvalidAndSaysWhich(string? from, string? to, string? result, string expected)
    {
        var parsed = new AuditFilterText { From = from, To = to, Result = result, Actor = "ana" }.Parse();

        Assert.False(parsed.IsValid);
        Assert.Null(parsed.Filter);
        Assert.StartsWith(expected, Assert.Single(parsed.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralBadValues_NamesEachOne()
    {
        var parsed = new AuditFilterText { From = "soon", To = "later", Result = "ok" }.Parse();

        Assert.Equal(3, parsed.Problems.Count);
        Assert.Contains("from 'soon'", parsed.Message, StringComparison.Ordinal);
        Assert.Contains("to 'later'", parsed.Message, StringComparison.Ordinal);
        Assert.Contains("result 'ok'", parsed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Urls_CarryTheSetKeysEscaped_AndThePageAfterTheFirst()
    {
        var text = new AuditFilterText { Actor = "ana maria", Workflow = "a&b", Result = " " };

        Assert.Equal("/audit?actor=ana%20maria&workflow=a%26b", DashboardUrls.Audit(text));
        Assert.Equal("/audit?actor=ana%20maria&workflow=a%26b&page=3", DashboardUrls.Audit(text, 3));
        Assert.Equal("/audit?page=2", DashboardUrls.Audit(page: 2));
        Assert.Equal("/audit", DashboardUrls.Audit());
        Assert.Equal("/audit/export.csv?actor=ana%20maria&workflow=a%26b", DashboardUrls.AuditExport(text));
    }

    [Fact]
    public void Read_TakesEachKey()
    {
        var query = new Dictionary<string, string>
        {
            ["from"] = "2026-11-25", ["to"] = "2026-11-26", ["environment"] = "aws", ["actor"] = "ana", ["action"] = "StopWorkflowRun",
            ["workflow"] = "w", ["target"] = "workflow/w/run/wr_1", ["result"] = "Failed",
        };

        var text = AuditFilterText.Read(key => query.GetValueOrDefault(key));

        Assert.Equal(AuditFilterText.Keys.Select(k => query[k]), AuditFilterText.Keys.Select(text.Value));
    }
}
