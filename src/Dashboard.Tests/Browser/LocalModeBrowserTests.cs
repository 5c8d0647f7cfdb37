using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Dashboard.Tests.Shared;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>A newcomer's first start: no AWS account, LocalCloud embedded, the demo on screen.</summary>
public sealed class LocalModeBrowserTests
{
    [Fact]
    public async Task FirstStart_ShowsTheSeededPipelinesWithHistory()
    {
        await using var dashboard = await DashboardProcess.StartAsync(new Dictionary<string, string>(), "--LocalCloud:Port=0");
        var (playwright, browser) = await Shared.Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });

        await page.GotoAsync(dashboard.BaseAddress.ToString());
        await Shared.Browser.WaitForCircuitAsync(page);

        await Expect(page.GetByTestId("cloud-badge")).ToContainTextAsync("Local");
        var products = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "products_raw_ingest" });
        await Expect(products).ToContainTextAsync("5 events / 900 s");
        await Expect(products).ToContainTextAsync("s3_file_upload_trigger_rule-demo");
        await Expect(products.GetByTestId("run-health")).ToBeVisibleAsync();
        var clickstream = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "clickstream_sessionize" });
        await Expect(clickstream).ToContainTextAsync("analytics / clickstream_batches");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "orders_cdc_merge" })).ToContainTextAsync("10 events / 300 s");
        await page.ScreenshotAsync(new() { Path = Shared.Browser.ScreenshotPath("local-demo.png") });

        // The workflow's page: its rules and its run history, with real health and why each run started.
        await page.GetByRole(AriaRole.Link, new() { Name = "products_raw_ingest" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(dashboard.BaseAddress, "/workflows/products_raw_ingest").ToString());
        await Expect(page.GetByTestId("run-row").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("run-row").Filter(new() { HasText = "batch size reached" }).First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Shared.Browser.ScreenshotPath("local-workflow.png"), FullPage = false });
    }

    [Fact]
    public async Task FiveUploadsThroughS3_NewRunAppearsOnTheWorkflowPageWithoutAReload()
    {
        await using var dashboard = await DashboardProcess.StartAsync(new Dictionary<string, string>(), "--LocalCloud:Port=0");
        var (playwright, browser) = await Shared.Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });
        await page.GotoAsync(new Uri(dashboard.BaseAddress, "/workflows/products_raw_ingest").ToString());
        await Shared.Browser.WaitForCircuitAsync(page);
        await Expect(page.GetByTestId("run-row").First).ToBeVisibleAsync();
        var newest = await page.GetByTestId("run-row").First.InnerTextAsync();

        using var http = new HttpClient();
        var ready = JsonDocument.Parse(await http.GetStringAsync(new Uri(dashboard.BaseAddress, "/readyz"), TestContext.Current.CancellationToken)).RootElement;
        using var s3 = new AmazonS3Client(new BasicAWSCredentials("test", "test"), new AmazonS3Config
        {
            ServiceURL = ready.GetProperty("endpoint").GetString(),
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
        });
        for (var i = 1; i <= 5; i++)
        {
            await s3.PutObjectAsync(
                new PutObjectRequest
                {
                    BucketName = "glue-event-demo-000000000000",
                    Key = $"data/products_raw/browser_{i:D5}.json",
                    ContentBody = $$"""{"product_id": "{{i:D5}}", "product_name": "Television", "created_at": "2021-06-01"}""",
                },
                TestContext.Current.CancellationToken);
        }

        var first = page.GetByTestId("run-row").First;
        await Expect(first).Not.ToHaveTextAsync(newest);
        await Expect(first).ToContainTextAsync("batch size reached");
        await Expect(first.Locator("td").Nth(4)).ToHaveTextAsync("5");
        await page.ScreenshotAsync(new() { Path = Shared.Browser.ScreenshotPath("workflow-new-run.png"), FullPage = true });
    }
}
