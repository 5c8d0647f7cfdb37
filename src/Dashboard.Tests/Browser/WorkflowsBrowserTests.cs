using Dashboard.Tests.Shared;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>
/// The real dashboard, in Aws mode, pointed at a seeded moto_server through <c>AWS_ENDPOINT_URL</c>, driven in
/// Chromium.
/// </summary>
public sealed class WorkflowsBrowserTests(MotoServer moto) : IClassFixture<MotoServer>
{
    private readonly string _prefix = "ui" + Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task WorkflowsList_ShowsSeededWorkflowsWithBatchingAndRules()
    {
        moto.Require();
        await SeedAsync();
        await using var dashboard = await DashboardProcess.StartAsync(
            new Dictionary<string, string>
            {
                ["AWS_ENDPOINT_URL"] = moto.Endpoint.ToString(),
                ["AWS_ACCESS_KEY_ID"] = "test",
                ["AWS_SECRET_ACCESS_KEY"] = "test",
                ["AWS_REGION"] = MotoServer.Region,
            },
            "--Cloud:Mode=Aws");
        var (playwright, browser) = await Shared.Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });

        await page.GotoAsync(dashboard.BaseAddress.ToString());
        await Shared.Browser.WaitForCircuitAsync(page);

        var products = page.GetByRole(AriaRole.Row).Filter(new() { HasText = $"{_prefix}-products" });
        await Expect(products).ToContainTextAsync("5 events / 300 s");
        await Expect(products).ToContainTextAsync($"{_prefix}-products-upload");
        await Expect(products).ToContainTextAsync("EVENT");

        var orders = page.GetByRole(AriaRole.Row).Filter(new() { HasText = $"{_prefix}-orders" });
        await Expect(orders).ToContainTextAsync("10 events / 900 s (default)");
        await Expect(orders).ToContainTextAsync("No rule targets this workflow");

        await Expect(page.GetByTestId("cloud-badge")).ToContainTextAsync($"{MotoServer.Account} · {MotoServer.Region}");

        // The scheduled workflow is hidden until "Include all workflows" is on.
        var nightly = page.GetByRole(AriaRole.Row).Filter(new() { HasText = $"{_prefix}-nightly" });
        await Expect(nightly).ToHaveCountAsync(0);
        await page.GetByLabel("Include all workflows").CheckAsync();
        await Expect(nightly).ToContainTextAsync("SCHEDULED");

        await page.GetByLabel("Search workflows").FillAsync($"{_prefix}-orders");
        await Expect(page.GetByTestId("workflow-name")).ToHaveTextAsync([$"{_prefix}-orders"]);

        await page.ScreenshotAsync(new() { Path = Shared.Browser.ScreenshotPath("workflows-search.png"), FullPage = true });
    }

    private async Task SeedAsync()
    {
        var cli = new AwsCli(moto.Endpoint);
        await cli.RunAsync("glue", "create-job", "--name", $"{_prefix}-job", "--role", $"arn:aws:iam::{MotoServer.Account}:role/glue",
            "--command", "Name=glueetl,ScriptLocation=s3://scripts/job.py");
        foreach (var (name, batching) in new[] { ("products", "BatchSize=5,BatchWindow=300"), ("orders", "BatchSize=10") })
        {
            await cli.RunAsync("glue", "create-workflow", "--name", $"{_prefix}-{name}");
            await cli.RunAsync("glue", "create-trigger", "--name", $"{_prefix}-{name}-start", "--workflow-name", $"{_prefix}-{name}",
                "--type", "EVENT", "--event-batching-condition", batching, "--actions", $"JobName={_prefix}-job");
        }

        await cli.RunAsync("glue", "create-workflow", "--name", $"{_prefix}-nightly");
        await cli.RunAsync("glue", "create-trigger", "--name", $"{_prefix}-nightly-start", "--workflow-name", $"{_prefix}-nightly",
            "--type", "SCHEDULED", "--schedule", "cron(0 2 * * ? *)", "--actions", $"JobName={_prefix}-job");

        await cli.RunAsync("events", "put-rule", "--name", $"{_prefix}-products-upload",
            "--event-pattern", """{"source":["aws.s3"],"detail-type":["Object Created"],"detail":{"bucket":{"name":["products"]}}}""");
        await cli.RunAsync("events", "put-targets", "--rule", $"{_prefix}-products-upload", "--targets",
            $$"""[{"Id":"workflow","Arn":"arn:aws:glue:{{MotoServer.Region}}:{{MotoServer.Account}}:workflow/{{_prefix}}-products","RoleArn":"arn:aws:iam::{{MotoServer.Account}}:role/eventbridge-glue"}]""");
    }
}
