using Bunit;
using Dashboard.Audit;
using Dashboard.Components.Pages;
using Dashboard.Tests.Shared;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Tests.Components;

public sealed class AuditPageTests : DashboardComponentTest
{
    private readonly MemoryAuditLog _records = new();
    private readonly WatchedAuditLog _log;
    private readonly CancellationToken _ct = Xunit.TestContext.Current.CancellationToken;

    public AuditPageTests()
    {
        _log = new WatchedAuditLog(_records);
        Services.AddSingleton<IAuditLog>(_log);
    }

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<AuditPage> Open(string url = "/audit")
    {
        Navigation.NavigateTo(url);
        return Render<AuditPage>();
    }

    [Fact]
    public async Task Records_ShowNewestFirst_WithAPendingAndItsOutcomeInOneRow()
    {
        var pending = await AppendAsync(AuditResult.Pending, "ana", "trigger/products-start", reason: "more per run");
        await AppendOutcomeAsync(pending, AuditResult.Succeeded, "Saved: 10 events or 300 s.");
        await AppendAsync(AuditResult.Refused, "bo", "trigger/orders-start", message: "BatchSize 0 is out of range.");

        var page = Open();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=audit-write]").Count));
        var rows = page.FindAll("[data-testid=audit-write]");
        Assert.Equal(nameof(AuditWriteState.Alone), rows[0].GetAttribute("data-state"));
        Assert.Contains("bo", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Refused", rows[0].QuerySelector("[data-testid=audit-result]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(nameof(AuditWriteState.Completed), rows[1].GetAttribute("data-state"));
        Assert.Contains("Pending →", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("Succeeded", rows[1].QuerySelector("[data-testid=audit-result]")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("Saved: 10 events or 300 s.", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("more per run", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("/workflows/products", rows[1].QuerySelector("a")?.GetAttribute("href"));
        Assert.Contains("Records 1–3 of 3", page.Find("[data-testid=audit-range]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expand_ShowsBothRecordsAndTheFieldByFieldDiff()
    {
        var pending = await AppendAsync(AuditResult.Pending, "ana", "trigger/products-start",
            before: """{"Name":"products-start","EventBatchingCondition":{"BatchSize":5,"BatchWindow":300}}""",
            after: """{"Name":"products-start","EventBatchingCondition":{"BatchSize":10,"BatchWindow":300}}""");
        await AppendOutcomeAsync(pending, AuditResult.Succeeded, "Saved.");
        var page = Open();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=audit-expand]")));
        Assert.Empty(page.FindAll("[data-testid=audit-details]"));

        page.Find("[data-testid=audit-expand]").Click();

        var details = page.Find("[data-testid=audit-details]");
        Assert.Equal("true", page.Find("[data-testid=audit-expand]").GetAttribute("aria-expanded"));
        Assert.Equal(2, details.QuerySelectorAll(".records li").Length);
        var diff = page.Find("[data-testid=audit-diff]");
        Assert.Equal(["EventBatchingCondition.BatchSize", "5", "10"], diff.QuerySelectorAll("tbody td").Select(td => td.TextContent));
        Assert.Contains("After", diff.QuerySelector("thead")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("2 other fields unchanged", details.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PendingWithNoOutcome_IsFlaggedOutcomeUnknown()
    {
        await AppendAsync(AuditResult.Pending, "ana", "trigger/products-start");
        Clock.Advance(TimeSpan.FromMinutes(10));

        var page = Open();

        page.WaitForAssertion(() => Assert.Equal(nameof(AuditWriteState.OutcomeUnknown), page.Find("[data-testid=audit-write]").GetAttribute("data-state")));
        Assert.Contains("Outcome unknown", page.Find("[data-testid=audit-result]").TextContent, StringComparison.Ordinal);
        page.Find("[data-testid=audit-expand]").Click();
        Assert.Contains("the app stopped while this write was under way", page.Find("[data-testid=audit-unknown]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FiltersInTheUrl_NarrowTheQuery_FillTheForm_AndTheDownload()
    {
        await AppendAsync(AuditResult.Refused, "ana", "trigger/a");
        await AppendAsync(AuditResult.Refused, "bo", "trigger/b");
        await AppendAsync(AuditResult.Conflict, "bo", "trigger/c");

        var page = Open("/audit?actor=bo&result=refused");

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=audit-write]")));
        Assert.Contains("trigger/b", page.Find("[data-testid=audit-write]").TextContent, StringComparison.Ordinal);
        Assert.Equal(new AuditFilter { Actor = "bo", Result = AuditResult.Refused }, _log.Queries.First().Filter);
        Assert.Equal("bo", page.Find("[data-testid=filter-actor]").GetAttribute("value"));
        Assert.Equal("Refused", page.Find("[data-testid=filter-result] option[selected]").TextContent);
        Assert.Equal("/audit/export.csv?actor=bo&result=refused", page.Find("[data-testid=audit-download]").GetAttribute("href"));
        Assert.Equal("/audit", page.Find("[data-testid=filter-clear]").GetAttribute("href"));
    }

    [Fact]
    public async Task ApplyingTheForm_PutsTheFiltersInTheUrl()
    {
        await AppendAsync(AuditResult.Refused, "ana", "trigger/a");
        var page = Open();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=audit-write]")));

        page.Find("[data-testid=filter-actor]").Input("bo");
        page.Find("[data-testid=filter-from]").Input("2026-11-25");
        page.Find("[data-testid=filter-result]").Change("4");
        page.Find("[data-testid=audit-filters]").Submit();

        Assert.Equal("http://localhost/audit?from=2026-11-25&actor=bo&result=Conflict", Navigation.Uri);
    }

    [Fact]
    public async Task Paging_ShowsFiftyRecordsAPage_WithLinksToOlderAndNewer()
    {
        for (var i = 0; i < 120; i++)
        {
            await AppendAsync(AuditResult.Refused, "ana", $"trigger/t{i:D3}");
        }

        var page = Open("/audit?actor=ana");
        page.WaitForAssertion(() => Assert.Equal(50, page.FindAll("[data-testid=audit-write]").Count));
        Assert.Contains("trigger/t119", page.FindAll("[data-testid=audit-write]")[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Records 1–50 of 120", page.Find("[data-testid=audit-range]").TextContent, StringComparison.Ordinal);
        Assert.Equal("/audit?actor=ana&page=2", page.Find("[data-testid=audit-older]").GetAttribute("href"));

        Navigation.NavigateTo("/audit?actor=ana&page=3");

        page.WaitForAssertion(() => Assert.Equal(20, page.FindAll("[data-testid=audit-write]").Count));
        Assert.Contains("trigger/t019", page.FindAll("[data-testid=audit-write]")[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Records 101–120 of 120", page.Find("[data-testid=audit-range]").TextContent, StringComparison.Ordinal);
        Assert.Equal("/audit?actor=ana&page=2", page.Find("[data-testid=audit-newer]").GetAttribute("href"));
        Assert.Equal((100, 50), (_log.Queries.Last().Offset, _log.Queries.Last().Limit));
    }

    [Fact]
    public async Task SameView_IsReadOnce_ANewFilterIsReadAgain()
    {
        await AppendAsync(AuditResult.Refused, "ana", "trigger/a");
        var page = Open("/audit?actor=ana");
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=audit-write]")));

        page.Render();

        Assert.Single(_log.Queries);

        Navigation.NavigateTo("/audit?actor=bo");

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=audit-filtered-empty]")));
        Assert.Equal(["ana", "bo"], _log.Queries.Select(q => q.Filter.Actor));
    }

    [Fact]
    public async Task PagePastTheEnd_SaysSoAndLinksToTheLastPage()
    {
        await AppendAsync(AuditResult.Refused, "ana", "trigger/a");

        var page = Open("/audit?page=4");

        page.WaitForAssertion(() => Assert.Contains("There is no page 4", page.Find("[data-testid=audit-past-end]").TextContent, StringComparison.Ordinal));
        Assert.Equal("/audit", page.Find("[data-testid=audit-past-end] a").GetAttribute("href"));
    }

    [Fact]
    public void NoRecords_SaysEveryWriteWillBeRecordedHere()
    {
        var page = Open();

        page.WaitForAssertion(() => Assert.Contains("Every trigger edit, resume or stop is recorded here.", page.Find("[data-testid=audit-empty]").TextContent, StringComparison.Ordinal));
        Assert.Contains("No writes yet", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=filter-clear]"));
    }

    [Fact]
    public async Task NoRecordMatches_OffersToClearTheFilters()
    {
        await AppendAsync(AuditResult.Refused, "ana", "trigger/a");

        var page = Open("/audit?workflow=other");

        page.WaitForAssertion(() => Assert.Contains("No record matches these filters", page.Find("[data-testid=audit-filtered-empty]").TextContent, StringComparison.Ordinal));
        Assert.Equal("/audit", page.Find("[data-testid=audit-filtered-empty] a").GetAttribute("href"));
    }

    [Theory]
    [InlineData("/audit?from=yesterday", "from 'yesterday' is not a time.")]
    [InlineData("/audit?result=done", "result 'done' is not an audit result. Use one of Pending, Succeeded, Failed, Conflict, Refused.")]
    [InlineData("/audit?to=2026-11-01&from=2026-11-02", "from '2026-11-02' must be before to '2026-11-01' (2026-11-02T00:00:00Z is not before 2026-11-02T00:00:00Z).")]
    [InlineData("/audit?page=0", "page '0' is not a page number. Pages count from 1.")]
    [InlineData("/audit?page=two", "page 'two' is not a page number.")]
    public async Task BadFilter_SaysWhy_ReadsNothing_AndOffersNoDownload(string url, string expected)
    {
        await AppendAsync(AuditResult.Refused, "ana", "trigger/a");

        var page = Open(url);

        page.WaitForAssertion(() => Assert.Contains(expected, page.Find("[data-testid=audit-filter-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(_log.Queries);
        Assert.Empty(page.FindAll("[data-testid=audit-write]"));
        Assert.Empty(page.FindAll("[data-testid=audit-download]"));
        Assert.NotEmpty(page.FindAll("[data-testid=filter-clear]"));
    }

    [Fact]
    public void WhileReading_ShowsLoading_ThenTheRecords()
    {
        _log.Gate = new TaskCompletionSource();
        var page = Open();

        page.WaitForAssertion(() => Assert.Contains("Reading the audit log", page.Find("[data-testid=audit-loading]").TextContent, StringComparison.Ordinal));

        _log.Gate.SetResult();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=audit-empty]")));
    }

    [Fact]
    public async Task UnreadableStore_SaysWhereAndKeepsThePage_AndTryAgainReadsItOnceItIsBack()
    {
        var folder = Path.Combine(Path.GetTempPath(), "audit-page-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var blocker = Path.Combine(folder, "state");
        await File.WriteAllTextAsync(blocker, "a file where the audit folder should be", _ct);
        var path = Path.Combine(blocker, "audit.db");
        try
        {
            await using var store = new SqliteAuditLog(path);
            Services.AddSingleton<IAuditLog>(store);

            var page = Open("/audit?actor=ana");

            page.WaitForAssertion(() => Assert.Contains("The audit log could not be read.", page.Find("[data-testid=audit-error]").TextContent, StringComparison.Ordinal));
            Assert.Contains($"Reading the SQLite file {path} (Audit:Path) failed:", page.Find("[data-testid=audit-error]").TextContent, StringComparison.Ordinal);
            Assert.Equal("Audit trail", page.Find("h1").TextContent);
            Assert.Equal("ana", page.Find("[data-testid=filter-actor]").GetAttribute("value"));

            File.Delete(blocker);
            page.Find("[data-testid=audit-error] button").Click();

            page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=audit-filtered-empty]")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<AuditRecord> AppendAsync(AuditResult result, string actor, string target, string? message = null, string? reason = null, string? before = null, string? after = null)
    {
        Clock.Advance(TimeSpan.FromSeconds(1));
        var record = AuditRecord.Create(Clock, actor, "local", AuditActions.UpdateTrigger, target, "products", result, message ?? result.ToString(), before, after, reason);
        await _records.AppendAsync(record, _ct);
        return record;
    }

    private async Task AppendOutcomeAsync(AuditRecord pending, AuditResult result, string message)
    {
        Clock.Advance(TimeSpan.FromSeconds(1));
        await _records.AppendAsync(pending.Outcome(Clock, result, message, pending.After), _ct);
    }

    /// <summary>Passes reads to another log; remembers each page query and can hold reads back.</summary>
    private sealed class WatchedAuditLog(IAuditLog inner) : IAuditLog
    {
        private IAuditLog Inner { get; } = inner;

        public TaskCompletionSource? Gate { get; set; }

        /// <summary>The page queries, without the look-ups of a write's other records by correlation id.</summary>
        public List<AuditQuery> Queries { get; } = [];

        public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken) => Inner.AppendAsync(record, cancellationToken);

        public async Task<AuditRecordPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
        {
            if (query.Filter.CorrelationId is null)
            {
                Queries.Add(query);
            }

            if (Gate is { } gate)
            {
                await gate.Task.WaitAsync(cancellationToken);
            }

            return await Inner.QueryAsync(query, cancellationToken);
        }

        public Task WriteCsvAsync(AuditFilter filter, Stream output, CancellationToken cancellationToken) => Inner.WriteCsvAsync(filter, output, cancellationToken);
    }
}
