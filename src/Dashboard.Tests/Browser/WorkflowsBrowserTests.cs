using Dashboard.Tests.Shared;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>
/// A seeded moto_server and the real dashboard binary, in Aws mode, pointed at it through <c>AWS_ENDPOINT_URL</c>:
/// started once for the browser tests of one class.
/// </summary>
public sealed class DashboardOnMoto : IAsyncLifetime
{
    public const string Prefix = "pipeline";

    public MotoServer Moto { get; } = new();

    public DashboardProcess? Dashboard { get; private set; }

    public async ValueTask InitializeAsync()
    {
        await Moto.InitializeAsync();
        if (Moto.UnavailableReason is not null || Requirements.FindOnPath("aws") is null)
        {
            return;
        }

        await SeedAsync(new AwsCli(Moto.Endpoint));
        Dashboard = await DashboardProcess.StartAsync(
            new Dictionary<string, string>
            {
                ["AWS_ENDPOINT_URL"] = Moto.Endpoint.ToString(),
                ["AWS_ACCESS_KEY_ID"] = "test",
                ["AWS_SECRET_ACCESS_KEY"] = "test",
                ["AWS_REGION"] = MotoServer.Region,
            },
            "--Cloud:Mode=Aws",
            "--SignIn:Anonymous=Viewer");
    }

    public DashboardProcess Require()
    {
        Moto.Require();
        Requirements.Tool("aws", "pip install awscli, or apt-get install -y awscli");
        return Dashboard ?? throw new InvalidOperationException("The dashboard did not start.");
    }

    private static async Task SeedAsync(AwsCli cli)
    {
        await cli.RunAsync("glue", "create-job", "--name", $"{Prefix}-job", "--role", $"arn:aws:iam::{MotoServer.Account}:role/glue",
            "--command", "Name=glueetl,ScriptLocation=s3://scripts/job.py");
        foreach (var (name, batching) in new[] { ("products", "BatchSize=5,BatchWindow=300"), ("orders", "BatchSize=10") })
        {
            await cli.RunAsync("glue", "create-workflow", "--name", $"{Prefix}-{name}");
            await cli.RunAsync("glue", "create-trigger", "--name", $"{Prefix}-{name}-start", "--workflow-name", $"{Prefix}-{name}",
                "--type", "EVENT", "--event-batching-condition", batching, "--actions", $"JobName={Prefix}-job");
        }

        await cli.RunAsync("glue", "create-workflow", "--name", $"{Prefix}-nightly");
        await cli.RunAsync("glue", "create-trigger", "--name", $"{Prefix}-nightly-start", "--workflow-name", $"{Prefix}-nightly",
            "--type", "SCHEDULED", "--schedule", "cron(0 2 * * ? *)", "--actions", $"JobName={Prefix}-job");

        await cli.RunAsync("events", "put-rule", "--name", $"{Prefix}-products-upload",
            "--event-pattern", """{"source":["aws.s3"],"detail-type":["Object Created"],"detail":{"bucket":{"name":["products"]}}}""");
        await cli.RunAsync("events", "put-targets", "--rule", $"{Prefix}-products-upload", "--targets",
            $$"""[{"Id":"workflow","Arn":"arn:aws:glue:{{MotoServer.Region}}:{{MotoServer.Account}}:workflow/{{Prefix}}-products","RoleArn":"arn:aws:iam::{{MotoServer.Account}}:role/eventbridge-glue"}]""");
        await cli.RunAsync("events", "create-event-bus", "--name", "uploads");
        await cli.RunAsync("events", "put-rule", "--name", $"{Prefix}-products-backfill", "--event-bus-name", "uploads", "--state", "DISABLED",
            "--event-pattern", """{"source":["backfill"]}""");
        await cli.RunAsync("events", "put-targets", "--rule", $"{Prefix}-products-backfill", "--event-bus-name", "uploads", "--targets",
            $$"""[{"Id":"workflow","Arn":"arn:aws:glue:{{MotoServer.Region}}:{{MotoServer.Account}}:workflow/{{Prefix}}-products","RoleArn":"arn:aws:iam::{{MotoServer.Account}}:role/eventbridge-glue"}]""");
    }

    public async ValueTask DisposeAsync()
    {
        if (Dashboard is not null)
        {
            await Dashboard.DisposeAsync();
        }

        await Moto.DisposeAsync();
    }
}

/// <summary>The Workflows list in Chromium, against the seeded moto_server.</summary>
public sealed class WorkflowsBrowserTests(DashboardOnMoto fixture) : IClassFixture<DashboardOnMoto>
{
    private const string Prefix = DashboardOnMoto.Prefix;

    private async Task<(IPlaywright, IBrowser, IPage)> OpenAsync(int width = 1440, int height = 900, string path = "/")
    {
        var dashboard = fixture.Require();
        var (playwright, browser) = await Shared.Browser.LaunchAsync();
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        await page.GotoAsync(new Uri(dashboard.BaseAddress, path).ToString());
        await Shared.Browser.WaitForCircuitAsync(page);
        return (playwright, browser, page);
    }

    [Fact]
    public async Task WorkflowsList_ShowsSeededWorkflowsWithBatchingAndRules()
    {
        var (playwright, browser, page) = await OpenAsync();
        using var _ = playwright;
        await using var __ = browser;

        var products = page.GetByRole(AriaRole.Row).Filter(new() { HasText = $"{Prefix}-products" });
        await Expect(products).ToContainTextAsync("5 events / 300 s");
        await Expect(products).ToContainTextAsync($"{Prefix}-products-upload");
        await Expect(products).ToContainTextAsync($"uploads / {Prefix}-products-backfill");
        await Expect(products).ToContainTextAsync("EVENT");

        var orders = page.GetByRole(AriaRole.Row).Filter(new() { HasText = $"{Prefix}-orders" });
        await Expect(orders).ToContainTextAsync("10 events / 900 s (default)");
        await Expect(orders).ToContainTextAsync("No rule targets this workflow");

        await Expect(page.GetByTestId("cloud-badge")).ToContainTextAsync($"{MotoServer.Account} · {MotoServer.Region}");
        await page.ScreenshotAsync(new() { Path = Shared.Browser.ScreenshotPath("workflows.png") });

        // The scheduled workflow is hidden until "Include all workflows" is on.
        var nightly = page.GetByRole(AriaRole.Row).Filter(new() { HasText = $"{Prefix}-nightly" });
        await Expect(nightly).ToHaveCountAsync(0);
        await page.GetByLabel("Include all workflows").CheckAsync();
        await Expect(nightly).ToContainTextAsync("SCHEDULED");
        await Expect(nightly).ToContainTextAsync("cron(0 2 * * ? *)");

        await page.GetByLabel("Search workflows").FillAsync($"{Prefix}-orders");
        await Expect(page.GetByTestId("workflow-name")).ToHaveTextAsync([$"{Prefix}-orders"]);

        // The view lives in the URL, so a pasted link (or a reload) shows the same rows.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"q={Prefix}-orders.*all=true|all=true.*q={Prefix}-orders"));
        await page.ReloadAsync();
        await Shared.Browser.WaitForCircuitAsync(page);
        await Expect(page.GetByTestId("workflow-name")).ToHaveTextAsync([$"{Prefix}-orders"]);
    }

    [Fact]
    public async Task Tips_ShowOnHoverAndKeyboardFocus_AndGoOnLeaveOrEscape()
    {
        var (playwright, browser, page) = await OpenAsync();
        using var _ = playwright;
        await using var __ = browser;
        var tip = page.Locator("#dashboard-tip");
        var products = page.GetByRole(AriaRole.Row).Filter(new() { HasText = $"{Prefix}-products" });

        await products.GetByTestId("workflow-batching").HoverAsync();
        await Expect(tip).ToBeVisibleAsync();
        await Expect(tip).ToContainTextAsync("A run starts after this many events");
        await Expect(products.GetByTestId("workflow-batching")).ToHaveAttributeAsync("aria-describedby", "dashboard-tip");

        await page.GetByRole(AriaRole.Heading, new() { Name = "Workflows", Exact = true }).HoverAsync();
        await Expect(tip).ToBeHiddenAsync();

        var rule = products.GetByRole(AriaRole.Link, new() { Name = $"{Prefix}-products-upload" });
        await rule.FocusAsync();
        await Expect(tip).ToHaveTextAsync($"Rule {Prefix}-products-upload on bus default: ENABLED. Open its metrics.");
        await page.Keyboard.PressAsync("Escape");
        await Expect(tip).ToBeHiddenAsync();
    }

    [Fact]
    public async Task RulesFilter_IsANativeSelect_ThatFiltersAndLandsInTheUrl()
    {
        var (playwright, browser, page) = await OpenAsync();
        using var _ = playwright;
        await using var __ = browser;
        await Expect(page.GetByTestId("workflow-name")).ToHaveTextAsync([$"{Prefix}-orders", $"{Prefix}-products"]);

        await page.GetByLabel("Rules").SelectOptionAsync(new SelectOptionValue { Label = "No rule" });

        await Expect(page.GetByTestId("workflow-name")).ToHaveTextAsync([$"{Prefix}-orders"]);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("rules=none"));
        await page.ReloadAsync();
        await Shared.Browser.WaitForCircuitAsync(page);
        await Expect(page.GetByLabel("Rules")).ToHaveValueAsync("3");
        await Expect(page.GetByTestId("workflow-name")).ToHaveTextAsync([$"{Prefix}-orders"]);
    }

    [Fact]
    public async Task DarkMode_IsRememberedAcrossReloads()
    {
        var (playwright, browser, page) = await OpenAsync();
        using var _ = playwright;
        await using var __ = browser;

        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle dark mode" }).ClickAsync();
        await Expect(page.Locator("body")).ToHaveCSSAsync("background-color", "rgb(11, 18, 28)");

        await page.ReloadAsync();
        await Shared.Browser.WaitForCircuitAsync(page);
        await Expect(page.Locator("body")).ToHaveCSSAsync("background-color", "rgb(11, 18, 28)");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = $"{Prefix}-products" })).ToContainTextAsync("5 events / 300 s");
        await page.ScreenshotAsync(new() { Path = Shared.Browser.ScreenshotPath("workflows-dark.png") });
    }

    [Fact]
    public async Task NarrowScreen_KeepsTheListReadable()
    {
        var (playwright, browser, page) = await OpenAsync(width: 420, height: 860);
        using var _ = playwright;
        await using var __ = browser;

        await Expect(page.GetByTestId("workflow-name").Filter(new() { HasText = $"{Prefix}-products" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Shared.Browser.ScreenshotPath("workflows-narrow.png"), FullPage = true });
    }

    [Fact]
    public async Task SettingsPage_ShowsTheConnection()
    {
        var (playwright, browser, page) = await OpenAsync(path: "/settings");
        using var _ = playwright;
        await using var __ = browser;

        await Expect(page.GetByTestId("setting-mode")).ToHaveTextAsync("Aws");
        await Expect(page.GetByText($"arn:aws:sts::{MotoServer.Account}:user/moto")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Shared.Browser.ScreenshotPath("settings.png") });
    }
}
