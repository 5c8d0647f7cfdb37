using System.Text.Json;
using Dashboard.Tests.Shared;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>
/// The batching editor end to end against the LocalCloud demo in the real binary: the dialog on the workflow page and
/// the bulk edit on the overview, checked afterwards with the AWS CLI (v1 and v2) against the same endpoint.
/// </summary>
public sealed class TriggerEditorBrowserTests : IAsyncLifetime
{
    private readonly string _auditFolder = Path.Combine(Path.GetTempPath(), "editor-browser-tests", Guid.NewGuid().ToString("N"));
    private DashboardProcess? _dashboard;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private Uri? _cloud;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _dashboard = await DashboardProcess.StartAsync(new Dictionary<string, string>(), "--LocalCloud:Port=0", $"--Audit:Path={Path.Combine(_auditFolder, "audit.db")}");
        (_playwright, _browser) = await Shared.Browser.LaunchAsync();
        using var http = new HttpClient();
        var ready = JsonDocument.Parse(await http.GetStringAsync(new Uri(_dashboard.BaseAddress, "/readyz"), Ct)).RootElement;
        _cloud = new Uri(ready.GetProperty("endpoint").GetString() ?? throw new InvalidOperationException("/readyz named no LocalCloud endpoint."));
    }

    /// <summary>Both AWS CLIs: the pip-installed v1 and Debian's v2.</summary>
    private IReadOnlyList<AwsCli> Clis()
    {
        var cloud = _cloud ?? throw new InvalidOperationException("LocalCloud did not start.");
        Requirements.Tool("aws", "pip install awscli");
        Requirements.File("/usr/bin/aws", "apt-get install -y awscli");
        return [new AwsCli(cloud, "aws"), new AwsCli(cloud, "/usr/bin/aws")];
    }

    private static async Task<JsonElement> GetTriggerAsync(AwsCli cli, string name) =>
        (await cli.RunAsync("glue", "get-trigger", "--name", name))?.GetProperty("Trigger") ?? throw new InvalidOperationException("get-trigger printed nothing.");

    private async Task<IPage> OpenAsync(string path, string theme = "light", int width = 1440)
    {
        var dashboard = _dashboard ?? throw new InvalidOperationException("The dashboard did not start.");
        var browser = _browser ?? throw new InvalidOperationException("The browser did not start.");
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = 900 } });
        await page.AddInitScriptAsync($"window.localStorage.setItem('dashboard-theme', '{theme}');");
        await page.GotoAsync(new Uri(dashboard.BaseAddress, path).ToString());
        await Shared.Browser.WaitForCircuitAsync(page);
        return page;
    }

    [Fact]
    public async Task EditInTheDialog_SavesConfirms_AndTheAwsCliSeesTheNewBatchingWithTheSameActions()
    {
        const string workflow = "orders_cdc_merge";
        const string trigger = "orders_cdc_merge_start";
        var clis = Clis();
        var before = await GetTriggerAsync(clis[0], trigger);
        Assert.Equal("""{"BatchSize":10,"BatchWindow":300}""", JsonSerializer.Serialize(before.GetProperty("EventBatchingCondition")));

        var page = await OpenAsync($"/workflows/{workflow}");
        await Expect(page.GetByTestId("workflow-batching")).ToHaveTextAsync("10 events / 300 s");
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit batching" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByTestId("batch-size").Locator("input")).ToHaveValueAsync("10");

        // Invalid input says why as it is typed, and cannot be saved.
        await dialog.GetByTestId("batch-size").Locator("input").FillAsync("101");
        await Expect(dialog.GetByTestId("batch-size")).ToContainTextAsync("101 is more than AWS's maximum of 100");
        await Expect(dialog.GetByTestId("trigger-save")).ToBeDisabledAsync();

        await dialog.GetByTestId("batch-size").Locator("input").FillAsync("20");
        await dialog.GetByTestId("batch-window").Locator("input").FillAsync("120");
        await Expect(dialog.GetByTestId("trigger-diff")).ToContainTextAsync("EventBatchingCondition.BatchWindow");
        await Expect(dialog.GetByTestId("trigger-save")).ToBeEnabledAsync();
        await page.ScreenshotAsync(new() { Path = Shared.Browser.ScreenshotPath("editor-dialog-diff.png") });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();

        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync($"Saved: {trigger} now batches 20 events / 120 s, confirmed by reading it back.");
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("workflow-batching")).ToHaveTextAsync("20 events / 120 s");
        await page.ScreenshotAsync(new() { Path = Shared.Browser.ScreenshotPath("editor-dialog-saved.png") });

        foreach (var cli in clis)
        {
            var after = await GetTriggerAsync(cli, trigger);
            Assert.Equal("""{"BatchSize":20,"BatchWindow":120}""", JsonSerializer.Serialize(after.GetProperty("EventBatchingCondition")));
            Assert.Equal(JsonSerializer.Serialize(before.GetProperty("Actions")), JsonSerializer.Serialize(after.GetProperty("Actions")));
            Assert.Equal("EVENT", after.GetProperty("Type").GetString());
            Assert.Equal(workflow, after.GetProperty("WorkflowName").GetString());
        }
    }

    [Fact]
    public async Task BulkEdit_TwoSelectedWorkflows_OneResultEach_AndTheAwsCliSeesBoth()
    {
        string[] workflows = ["clickstream_sessionize", "products_raw_ingest"];
        string[] triggers = ["clickstream_sessionize_start", "products_raw_ingest_pre_job_trigger"];
        var clis = Clis();
        var actionsBefore = new List<string>();
        foreach (var trigger in triggers)
        {
            actionsBefore.Add(JsonSerializer.Serialize((await GetTriggerAsync(clis[0], trigger)).GetProperty("Actions")));
        }

        var page = await OpenAsync("/");
        foreach (var workflow in workflows)
        {
            await page.GetByRole(AriaRole.Checkbox, new() { Name = $"Select {workflow}", Exact = true }).CheckAsync();
        }

        await Expect(page.GetByTestId("selection-count")).ToHaveTextAsync("2 selected");
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit batching of 2 workflows" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByTestId("bulk-line")).ToHaveCountAsync(2);
        await dialog.GetByTestId("bulk-batch-size").Locator("input").FillAsync("30");
        await dialog.GetByTestId("bulk-batch-window").Locator("input").FillAsync("600");
        await Expect(dialog.GetByTestId("bulk-summary")).ToHaveTextAsync("2 triggers will change.");
        await page.ScreenshotAsync(new() { Path = Shared.Browser.ScreenshotPath("editor-bulk-preview.png") });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save 2 triggers" }).ClickAsync();

        await Expect(dialog.Locator("[data-testid=bulk-result][data-outcome=Saved]")).ToHaveCountAsync(2);
        await Expect(dialog.GetByTestId("bulk-summary")).ToHaveTextAsync("2 saved.");
        await page.ScreenshotAsync(new() { Path = Shared.Browser.ScreenshotPath("editor-bulk-results.png") });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        foreach (var workflow in workflows)
        {
            await Expect(page.Locator("tr.workflow-row").Filter(new() { HasText = workflow })).ToContainTextAsync("30 events / 600 s");
        }

        await Expect(page.GetByTestId("selection-count")).ToHaveTextAsync("2 selected");

        foreach (var cli in clis)
        {
            for (var i = 0; i < triggers.Length; i++)
            {
                var after = await GetTriggerAsync(cli, triggers[i]);
                Assert.Equal("""{"BatchSize":30,"BatchWindow":600}""", JsonSerializer.Serialize(after.GetProperty("EventBatchingCondition")));
                Assert.Equal(actionsBefore[i], JsonSerializer.Serialize(after.GetProperty("Actions")));
            }
        }
    }

    [Fact]
    public async Task Dialogs_LightAndDarkAtDesktopAndPhoneWidths_HaveNoSeriousAccessibilityViolations()
    {
        foreach (var (theme, width) in new[] { ("light", 1440), ("dark", 1440), ("light", 390), ("dark", 390) })
        {
            var page = await OpenAsync("/workflows/nightly_compaction", theme, width);
            await page.GotoAsync(new Uri(_dashboard!.BaseAddress, "/workflows/orders_cdc_merge").ToString());
            await Shared.Browser.WaitForCircuitAsync(page);
            await page.GetByRole(AriaRole.Button, new() { Name = "Edit batching" }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await dialog.GetByTestId("batch-size").Locator("input").FillAsync("0");
            await Expect(dialog.GetByTestId("batch-size")).ToContainTextAsync("0 events would never start a run");
            await AssertAccessibleAsync(page, $"editor-dialog-{theme}-{width}");
            await page.CloseAsync();

            page = await OpenAsync("/", theme, width);
            await page.GetByRole(AriaRole.Checkbox, new() { Name = "Select all shown workflows" }).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = $"Edit batching of {SeededDemo.EventDrivenWorkflows} workflows" }).ClickAsync();
            dialog = page.GetByRole(AriaRole.Dialog);
            await Expect(dialog.GetByTestId("bulk-line")).ToHaveCountAsync(SeededDemo.EventDrivenWorkflows);
            await dialog.GetByTestId("bulk-batch-size").Locator("input").FillAsync("50");
            await Expect(dialog.GetByTestId("bulk-summary")).ToContainTextAsync("will change");
            await AssertAccessibleAsync(page, $"editor-bulk-{theme}-{width}");
            await page.CloseAsync();
        }
    }

    private static async Task AssertAccessibleAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new() { Path = Shared.Browser.ScreenshotPath($"{name}.png") });
        await Shared.Browser.AssertNoSeriousViolationsAsync(page, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_dashboard is not null)
        {
            await _dashboard.DisposeAsync();
        }

        if (Directory.Exists(_auditFolder))
        {
            Directory.Delete(_auditFolder, recursive: true);
        }
    }
}
