using System.Collections.Concurrent;
using Amazon.Runtime;
using Amazon.S3;
using Bunit;
using Dashboard.Aws.EventBridge;
using Dashboard.Aws.Glue;
using Dashboard.Aws.Iam;
using Dashboard.Cloud;
using Dashboard.Components;
using Dashboard.Components.Pages;
using Dashboard.Diagnostics;
using Dashboard.Tests.Shared;
using Dashboard.Workflows;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Caching.Hybrid;

namespace Dashboard.Tests.Diagnostics;

/// <summary>
/// The diagnostics pages over the real runner and catalog, with scripted checks: the page renders whatever findings
/// the checks return, so these tests hold for any check.
/// </summary>
public sealed class DiagnosticsPageTests : DashboardComponentTest
{
    private const string Account = "123456789012";
    private const string Region = "eu-west-1";
    private const string TriggerFix = "aws glue create-trigger --name beta_event_trigger --workflow-name beta_broken --type EVENT";

    private readonly FakeGlue _glue = new();
    private readonly FakeEventBridge _events = new();
    private readonly ScriptedCheck _trigger = new("trigger", "The start trigger is EVENT");
    private readonly ScriptedCheck _role = new("role", "The role trusts EventBridge");

    public DiagnosticsPageTests()
    {
        _glue.AddWorkflow("nightly", FakeGlue.ScheduledTrigger("nightly-start", "cron(0 2 * * ? *)"));

        _trigger.Verdicts["beta_broken"] = check => [new Finding(
            check.Id, check.Title, CheckStatus.Fail, "The start trigger beta-start is ON_DEMAND, not EVENT.",
            [new Evidence("Trigger", """{"Name":"beta-start","Type":"ON_DEMAND"}""", EvidenceFormat.Json)],
            [new Fix("Create an EVENT start trigger", FixKind.Cli, TriggerFix), new Fix("In the console", FixKind.Console, "AWS Glue → Workflows → beta_broken")],
            check.Documentation)];
        _role.Verdicts["gamma_warn"] = check => [new Finding(check.Id, check.Title, CheckStatus.Warn, "The trust policy has no aws:SourceArn condition.", [], [], check.Documentation, Subject: "gamma-rule")];
        _role.Verdicts["alpha_ok"] = check => [Finding.Unknown(check, new FactUnavailable("iam:GetRole", "The dashboard may not call iam:GetRole, so this could not be checked."), "alpha-rule")];

        var identity = new FakeCloudIdentity(Account, Region);
        Services.AddLogging();
        Services.AddHybridCache();
        Services.AddSingleton<IGlueApi>(_glue);
        Services.AddSingleton<IEventBridgeApi>(_events);
        Services.AddSingleton<ICloudIdentity>(identity);
        Services.AddSingleton<WorkflowCatalog>();
        Services.AddSingleton(sp => new DiagnosticSources(
            _glue,
            _events,
            new IamClient(TestClients.Credentials, TestClients.FakeConfig(IamClient.Spec, new FakeAwsHandler(), Region)),
            new FakeCloudTrail(),
            new FakeCloudWatch(),
            new AmazonS3Client(new BasicAWSCredentials("test", "test"), new AmazonS3Config { ServiceURL = "http://127.0.0.1:9", ForcePathStyle = true }),
            identity,
            sp.GetRequiredService<HybridCache>(),
            Clock,
            new EmptyDeadLetterQueues()));
        Services.AddSingleton<IDiagnosticCheck>(_trigger);
        Services.AddSingleton<IDiagnosticCheck>(_role);
        Services.AddSingleton<DiagnosticsRunner>();
    }

    private IRenderedComponent<IComponent> RenderPage(string url = "/diagnostics", string? workflow = null, bool eventDriven = true)
    {
        if (eventDriven)
        {
            _glue.AddWorkflow("alpha_ok", FakeGlue.EventTrigger("alpha-start", 1, null));
            _glue.AddWorkflow("beta_broken", FakeGlue.EventTrigger("beta-start", 1, null));
            _glue.AddWorkflow("gamma_warn", FakeGlue.EventTrigger("gamma-start", 5, 300));
        }

        // Query parameters come from the address, as in the browser.
        Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        return RenderInLayout<DiagnosticsPage>((nameof(DiagnosticsPage.Workflow), workflow));
    }

    private static IReadOnlyList<string> Workflows(IRenderedComponent<IComponent> page) =>
        [.. page.FindAll("[data-testid=workflow-diagnosis]").Select(e => e.GetAttribute("data-workflow") ?? string.Empty)];

    private static IReadOnlyList<string> Statuses(IRenderedComponent<IComponent> page) =>
        [.. page.FindAll("[data-testid=finding]").Select(e => e.GetAttribute("data-status") ?? string.Empty)];

    /// <summary>
    /// Clicks on the renderer's dispatcher, once the element is there: the page re-renders as checks finish, and a click
    /// from the test thread could land on an element a render has just replaced.
    /// </summary>
    private static void Click(IRenderedComponent<IComponent> page, string selector)
    {
        page.WaitForElement(selector);
        page.InvokeAsync(() => page.Find(selector).Click()).GetAwaiter().GetResult();
    }

    private static void WaitForFindings(IRenderedComponent<IComponent> page) =>
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=finding]")));

    [Fact]
    public void Loading_ShowsProgressUntilTheChecksFinish()
    {
        _trigger.Gate = new TaskCompletionSource();

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains("Checked 0 of 3 workflows", page.Find("[data-testid=diagnostics-loading]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=finding]"));
        _trigger.Gate.SetResult();
        WaitForFindings(page);
        Assert.Empty(page.FindAll("[data-testid=diagnostics-loading]"));
    }

    [Fact]
    public void NoEventDrivenWorkflows_SaysSoAndLinksToAllWorkflows()
    {
        var page = RenderPage(eventDriven: false);

        page.WaitForAssertion(() => Assert.Contains("No event-driven workflows", page.Find("[data-testid=diagnostics-empty]").TextContent, StringComparison.Ordinal));
        Assert.Empty(_trigger.Runs);
    }

    [Fact]
    public void CatalogFails_ShowsTheErrorAndTryAgainRecovers()
    {
        _glue.Failure = FakeGlue.Error("ListWorkflows", "InternalServiceException", "Glue is having a bad day.");

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains("Glue is having a bad day", page.Find("[data-testid=diagnostics-error]").TextContent, StringComparison.Ordinal));
        _glue.Failure = null;
        Click(page, "[data-testid=diagnostics-error] button");
        WaitForFindings(page);
        Assert.Empty(page.FindAll("[data-testid=diagnostics-error]"));
    }

    [Fact]
    public void Findings_GroupedByWorkflow_MostBrokenFirst()
    {
        var page = RenderPage();
        WaitForFindings(page);

        // Fail, then warn, then unknown; the scheduled workflow no rule targets is not diagnosed.
        Assert.Equal(["beta_broken", "gamma_warn", "alpha_ok"], Workflows(page));
        Assert.Equal(["fail", "pass", "warn", "pass", "unknown", "pass"], Statuses(page));
        var beta = page.Find("[data-workflow=beta_broken]");
        Assert.Equal("fail", beta.GetAttribute("data-worst"));
        Assert.Contains("1 fail · 1 pass", beta.TextContent, StringComparison.Ordinal);
        Assert.Equal(DashboardUrls.WorkflowDiagnostics("beta_broken"), beta.QuerySelector("[data-testid=workflow-diagnosis-link]")?.GetAttribute("href"));

        // The counts are per status over every workflow, with the word beside the icon.
        var counts = page.FindAll("[data-testid=status-toggle]").ToDictionary(e => e.GetAttribute("data-status") ?? string.Empty, e => e.TextContent.Trim());
        Assert.StartsWith("Fail", counts["fail"], StringComparison.Ordinal);
        Assert.EndsWith("1", counts["fail"], StringComparison.Ordinal);
        Assert.EndsWith("3", counts["pass"], StringComparison.Ordinal);
        Assert.EndsWith("1", counts["warn"], StringComparison.Ordinal);
        Assert.EndsWith("1", counts["unknown"], StringComparison.Ordinal);
    }

    [Fact]
    public void Finding_ShowsStatusWordExplanationEvidenceFixesAndDocs()
    {
        var page = RenderPage();
        WaitForFindings(page);

        var finding = page.Find("[data-workflow=beta_broken] [data-testid=finding][data-status=fail]");
        Assert.Equal("Fail", finding.QuerySelector("[data-testid=check-status]")?.TextContent.Trim());
        Assert.Contains("is ON_DEMAND, not EVENT", finding.TextContent, StringComparison.Ordinal);
        Assert.True(finding.QuerySelector("details")?.HasAttribute("open"));

        // JSON evidence is indented for reading.
        Assert.Equal("{\n  \"Name\": \"beta-start\",\n  \"Type\": \"ON_DEMAND\"\n}", finding.QuerySelector("[data-testid=evidence] pre")?.TextContent.ReplaceLineEndings("\n"));
        var fixes = finding.QuerySelectorAll("[data-testid=fix]");
        Assert.Equal(2, fixes.Length);
        Assert.Contains("AWS CLI", fixes[0].TextContent, StringComparison.Ordinal);
        Assert.Equal(TriggerFix, fixes[0].QuerySelector("pre")?.TextContent);
        Assert.Contains("Console steps", fixes[1].TextContent, StringComparison.Ordinal);
        Assert.Equal(_trigger.Documentation.ToString(), finding.QuerySelector("[data-testid=docs-link]")?.GetAttribute("href"));

        // A passing finding is folded; its details are one click away.
        Assert.False(page.Find("[data-workflow=beta_broken] [data-testid=finding][data-status=pass] details").HasAttribute("open"));
    }

    [Fact]
    public void Unknown_NamesTheMissingIamAction()
    {
        var page = RenderPage();
        WaitForFindings(page);

        var unknown = page.Find("[data-workflow=alpha_ok] [data-testid=finding][data-status=unknown]");
        Assert.Equal("Unknown", unknown.QuerySelector("[data-testid=check-status]")?.TextContent.Trim());
        Assert.Contains("iam:GetRole", unknown.QuerySelector("[data-testid=missing-permission]")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("alpha-rule", unknown.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void StatusFilter_FromTheUrl_ShowsOnlyThoseStatuses_AndATogglePutsTheNextInTheUrl()
    {
        var page = RenderPage("/diagnostics?status=fail,unknown");
        WaitForFindings(page);

        Assert.Equal(["beta_broken", "alpha_ok"], Workflows(page));
        Assert.Equal(["fail", "unknown"], Statuses(page));
        Assert.Equal("true", page.Find("[data-testid=status-toggle][data-status=fail]").GetAttribute("aria-pressed"));
        Assert.Equal("false", page.Find("[data-testid=status-toggle][data-status=warn]").GetAttribute("aria-pressed"));

        Click(page, "[data-testid=status-toggle][data-status=warn]");

        var navigation = Services.GetRequiredService<NavigationManager>();
        Assert.Equal("fail,warn,unknown", QueryHelpers.ParseQuery(new Uri(navigation.Uri).Query)["status"].ToString());
        page.WaitForAssertion(() => Assert.Equal(["beta_broken", "gamma_warn", "alpha_ok"], Workflows(page)));
    }

    [Fact]
    public void StatusFilter_UnknownWord_IsNamedAndIgnored()
    {
        var page = RenderPage("/diagnostics?status=broken");
        WaitForFindings(page);

        Assert.Contains("'broken'", page.Find("[data-testid=filter-error]").TextContent, StringComparison.Ordinal);
        Assert.Equal(3, Workflows(page).Count);
    }

    [Fact]
    public void Search_FromTheUrl_KeepsMatchingWorkflows_AndNoMatchOffersToClear()
    {
        var page = RenderPage("/diagnostics?q=GAMMA");
        WaitForFindings(page);
        Assert.Equal(["gamma_warn"], Workflows(page));
        Assert.EndsWith("0", page.Find("[data-testid=status-toggle][data-status=fail]").TextContent.Trim(), StringComparison.Ordinal);

        Services.GetRequiredService<NavigationManager>().NavigateTo("/diagnostics?q=gamma&status=fail");
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=diagnostics-filtered-empty]")));
        Click(page, "[data-testid=clear-filter]");

        Assert.Equal("/diagnostics", new Uri(Services.GetRequiredService<NavigationManager>().Uri).PathAndQuery);
        page.WaitForAssertion(() => Assert.Equal(3, Workflows(page).Count));
    }

    [Fact]
    public void Copy_SendsTheFixToTheClipboardThroughJs_AndSaysSo()
    {
        var copy = JSInterop.Setup<bool>("dashboardClipboard.copy", TriggerFix).SetResult(true);
        var page = RenderPage();
        WaitForFindings(page);

        Click(page, "[data-workflow=beta_broken] [data-testid=copy-fix]");

        page.WaitForAssertion(() => Assert.Equal(TriggerFix, Assert.Single(copy.Invocations).Arguments[0]));
        page.WaitForAssertion(() => Assert.Contains("Copied to the clipboard.", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public void Copy_BrowserRefuses_TellsToCopyByHand()
    {
        JSInterop.Setup<bool>("dashboardClipboard.copy", TriggerFix).SetResult(false);
        var page = RenderPage();
        WaitForFindings(page);

        Click(page, "[data-workflow=beta_broken] [data-testid=copy-fix]");

        page.WaitForAssertion(() => Assert.Contains("select the text and copy it by hand", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public void Recheck_RunsThatCheckForThatWorkflowOnly_AndReplacesItsFindings()
    {
        var page = RenderPage();
        WaitForFindings(page);
        var before = (Trigger: _trigger.Runs.Count, Role: _role.Runs.Count);

        // The fix was applied: the next run of the check passes.
        _trigger.Verdicts.TryRemove("beta_broken", out _);
        Click(page, "[data-workflow=beta_broken] [data-testid=finding][data-status=fail] [data-testid=recheck]");

        page.WaitForAssertion(() => Assert.Equal(["pass", "pass"], page.FindAll("[data-workflow=beta_broken] [data-testid=finding]").Select(e => e.GetAttribute("data-status"))));
        Assert.Equal(before.Trigger + 1, _trigger.Runs.Count);
        Assert.Equal("beta_broken", _trigger.Runs.Last());
        Assert.Equal(before.Role, _role.Runs.Count);
        Assert.Contains("Rechecked: Pass.", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void OneWorkflow_ShowsOnlyItsChecks_WithABreadcrumbToAll()
    {
        var page = RenderPage("/diagnostics/gamma_warn", "gamma_warn");
        WaitForFindings(page);

        Assert.Equal(["gamma_warn"], Workflows(page));
        Assert.Equal(["warn", "pass"], Statuses(page));
        Assert.Equal(["gamma_warn"], _trigger.Runs);
        Assert.Contains("gamma-rule", page.Find("[data-testid=finding][data-status=warn]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=diagnostics-search]"));
        Assert.Contains(page.FindAll("a"), a => a.GetAttribute("href") == DashboardUrls.Diagnostics);
    }

    [Fact]
    public void Peek_WithoutAPeekService_IsDisabled()
    {
        _role.Verdicts["gamma_warn"] = DeadLetterFinding;
        var page = RenderPage();
        WaitForFindings(page);

        Assert.True(page.Find("[data-testid=peek-dlq]").HasAttribute("disabled"));
    }

    [Fact]
    public void Peek_OpensADialogWithTheMessagesErrorAttributes()
    {
        var peek = new FakeDeadLetterPeek();
        Services.AddSingleton<IDeadLetterPeek>(peek);
        _role.Verdicts["gamma_warn"] = DeadLetterFinding;
        var page = RenderPage();
        WaitForFindings(page);

        Click(page, "[data-testid=peek-dlq]");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=peek-message]")));
        var row = page.Find("[data-testid=peek-message]").TextContent;
        Assert.Contains("SDK_CLIENT_ERROR", row, StringComparison.Ordinal);
        Assert.Contains("Access denied to glue:notifyEvent", row, StringComparison.Ordinal);
        Assert.Contains("arn:aws:events:eu-west-1:123456789012:rule/gamma-rule", row, StringComparison.Ordinal);
        Assert.Contains("185", row, StringComparison.Ordinal);
        Assert.Contains("About 3 messages", page.Find("[data-testid=peek-count]").TextContent, StringComparison.Ordinal);
        Assert.Equal([("arn:aws:sqs:eu-west-1:123456789012:gamma-dlq", DeadLetterPeekDialogMax)], peek.Calls);
    }

    private const int DeadLetterPeekDialogMax = Dashboard.Components.Dialogs.DeadLetterPeekDialog.MaxMessages;

    private static IReadOnlyList<Finding> DeadLetterFinding(IDiagnosticCheck check) =>
    [
        new Finding(check.Id, check.Title, CheckStatus.Warn, "The DLQ holds 3 messages.", [], [], check.Documentation, "gamma-rule",
            Action: new FindingAction(FindingAction.PeekDeadLetterQueue, "arn:aws:sqs:eu-west-1:123456789012:gamma-dlq", "Peek at the messages")),
    ];

    /// <summary>A check whose verdict per workflow the test sets; a workflow without one passes. Records each run.</summary>
    private sealed class ScriptedCheck(string id, string title) : IDiagnosticCheck
    {
        public string Id { get; } = id;

        public string Title { get; } = title;

        public Uri Documentation { get; } = new("https://docs.aws.amazon.com/glue/latest/dg/starting-workflow-eventbridge.html");

        public ConcurrentDictionary<string, Func<IDiagnosticCheck, IReadOnlyList<Finding>>> Verdicts { get; } = new(StringComparer.Ordinal);

        public ConcurrentQueue<string> Runs { get; } = new();

        public TaskCompletionSource? Gate { get; set; }

        public async Task<IReadOnlyList<Finding>> RunAsync(WorkflowFacts facts, CancellationToken cancellationToken)
        {
            if (Gate is { } gate)
            {
                await gate.Task.WaitAsync(cancellationToken);
            }

            Runs.Enqueue(facts.WorkflowName);
            return Verdicts.TryGetValue(facts.WorkflowName, out var verdict) ? verdict(this) : [Finding.Pass(this, "All good.")];
        }
    }

    private sealed class FakeDeadLetterPeek : IDeadLetterPeek
    {
        public List<(string Queue, int Max)> Calls { get; } = [];

        public Task<DeadLetterPeekResult> PeekAsync(string queueArn, int maxMessages, CancellationToken cancellationToken)
        {
            Calls.Add((queueArn, maxMessages));
            var attributes = new Dictionary<string, string>
            {
                ["ERROR_CODE"] = "SDK_CLIENT_ERROR",
                ["ERROR_MESSAGE"] = "Access denied to glue:notifyEvent",
                ["RULE_ARN"] = "arn:aws:events:eu-west-1:123456789012:rule/gamma-rule",
                ["RETRY_ATTEMPTS"] = "185",
            };
            return Task.FromResult(new DeadLetterPeekResult([new DeadLetterMessage("m-1", new DateTimeOffset(2026, 11, 25, 11, 0, 0, TimeSpan.Zero), attributes, "{}")], 3, null));
        }
    }
}
