using System.Net;
using System.Text.Json;
using Dashboard.Aws.Protocol;
using Dashboard.Cloud;
using Dashboard.Live;
using Dashboard.Tests.Shared;
using Dashboard.Workflows;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Caching.Hybrid;

namespace Dashboard.Tests.Cloud;

/// <summary>
/// Two environments, each a profile whose 12-digit access key LocalCloud takes as its account: every environment
/// reads its own account's workflows through its own clients, identity, cache keys, live feeds and rate limits.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class EnvironmentsHostingTests : IAsyncLifetime
{
    private const string AccountA = "111111111111";
    private const string AccountB = "222222222222";

    private readonly LocalCloudServer _cloud = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("dashboard-env-").FullName;

    public async ValueTask InitializeAsync()
    {
        await _cloud.InitializeAsync();
        await File.WriteAllTextAsync(Path.Combine(_folder, "credentials"), $"""
            [acct-a]
            aws_access_key_id = {AccountA}
            aws_secret_access_key = secret-a

            [acct-b]
            aws_access_key_id = {AccountB}
            aws_secret_access_key = secret-b
            """);
        await _cloud.GlueAsync("CreateWorkflow", new { Name = "orders-a" }, AccountA);
        await _cloud.GlueAsync("CreateWorkflow", new { Name = "products-b" }, AccountB);
        await _cloud.GlueAsync("CreateWorkflow", new { Name = "returns-b" }, AccountB);
    }

    public async ValueTask DisposeAsync()
    {
        await _cloud.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private WebApplicationFactory<Program> Factory() =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Cloud:Mode", "Aws");
            builder.UseSetting("SignIn:Anonymous", "Viewer");
            builder.UseSetting("Aws:Region", "us-east-1");
            builder.UseSetting("Aws:ServiceURL", _cloud.Endpoint.ToString());
            builder.UseSetting("Aws:ProfilesLocation", Path.Combine(_folder, "credentials"));
            builder.UseSetting("Audit:Path", Path.Combine(_folder, "audit.db"));
            builder.UseSetting("Cloud:Environments:0:Name", "a");
            builder.UseSetting("Cloud:Environments:0:Region", "us-east-1");
            builder.UseSetting("Cloud:Environments:0:Profile", "acct-a");
            builder.UseSetting("Cloud:Environments:1:Name", "b");
            builder.UseSetting("Cloud:Environments:1:Region", "us-east-1");
            builder.UseSetting("Cloud:Environments:1:Profile", "acct-b");
        });

    [Fact]
    public async Task EachEnvironment_ReadsItsOwnAccount()
    {
        await using var factory = Factory();
        var environments = factory.Services.GetRequiredService<CloudEnvironments>();
        var a = environments.ServicesOf("a");
        var b = environments.ServicesOf("b");
        var ct = TestContext.Current.CancellationToken;

        // Read one after the other: a shared cache key would hand b the list of a.
        var inA = await a.GetRequiredService<WorkflowCatalog>().GetAsync(ct);
        var inB = await b.GetRequiredService<WorkflowCatalog>().GetAsync(ct);

        Assert.Equal(["orders-a"], inA.Workflows.Select(w => w.Name));
        Assert.Equal(["products-b", "returns-b"], inB.Workflows.Select(w => w.Name));
        Assert.Equal(AccountA, inA.Identity.AccountId);
        Assert.Equal(AccountB, inB.Identity.AccountId);
        Assert.Equal(["a", "b"], environments.All.Select(e => e.Name));
        Assert.Equal("a", environments.Default.Name);
    }

    [Fact]
    public async Task EachEnvironment_HasItsOwnCacheKeysFeedsAndRateLimits()
    {
        await using var factory = Factory();
        var environments = factory.Services.GetRequiredService<CloudEnvironments>();
        var a = environments.ServicesOf("a");
        var b = environments.ServicesOf("b");

        Assert.NotSame(a.GetRequiredService<RequestQuotas>(), b.GetRequiredService<RequestQuotas>());
        Assert.NotSame(a.GetRequiredService<RequestQuotas>().For("Glue", "ListWorkflows"), b.GetRequiredService<RequestQuotas>().For("Glue", "ListWorkflows"));
        Assert.NotSame(a.GetRequiredService<LiveData>(), b.GetRequiredService<LiveData>());
        Assert.NotSame(a.GetRequiredService<WorkflowCatalog>(), b.GetRequiredService<WorkflowCatalog>());
        Assert.Equal("a/", Assert.IsType<EnvironmentCache>(a.GetRequiredService<HybridCache>()).Prefix);
        Assert.Equal("b/", Assert.IsType<EnvironmentCache>(b.GetRequiredService<HybridCache>()).Prefix);

        // Within one environment everything is shared, and the app's own container hands out the default's.
        Assert.Same(a.GetRequiredService<WorkflowCatalog>(), a.GetRequiredService<WorkflowCatalog>());
        Assert.Same(a.GetRequiredService<WorkflowCatalog>(), factory.Services.GetRequiredService<WorkflowCatalog>());
        Assert.Equal("b", b.GetRequiredService<CloudEnvironment>().Name);

        // A feed of one environment is not a feed of the other.
        var ct = TestContext.Current.CancellationToken;
        // Continuations run off the feed's thread: inline, the test would go on to stop the host from inside the
        // feed's notification, and the host's stop would wait for that very notification to end.
        var seen = new TaskCompletionSource<WorkflowCatalogSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = b.GetRequiredService<LiveData>().Subscribe<WorkflowCatalogSnapshot>(
            WorkflowFeeds.OverviewKey,
            ct => b.GetRequiredService<WorkflowCatalog>().GetAsync(ct).AsTask(),
            state =>
            {
                if (state is { IsPartial: false, Value: { } value })
                {
                    seen.TrySetResult(value);
                }
            });
        Assert.Equal(AccountB, (await seen.Task.WaitAsync(TimeSpan.FromSeconds(30), ct)).Identity.AccountId);
        Assert.Equal(0, a.GetRequiredService<LiveData>().ActiveFeeds);
        Assert.Equal(1, b.GetRequiredService<LiveData>().ActiveFeeds);
    }

    [Fact]
    public async Task Readyz_AnswersForTheEnvironmentInTheQuery()
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        async Task<string?> AccountAsync(string url)
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative), ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("account").GetString();
        }

        Assert.Equal(AccountA, await AccountAsync("/readyz"));
        Assert.Equal(AccountB, await AccountAsync("/readyz?env=b"));
    }

    [Fact]
    public async Task Page_NamesItsEnvironmentInTheAppBar()
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();

        var html = await client.GetStringAsync(new Uri("/rules?env=b", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Contains($"<option value=\"b\" selected>b · {AccountB} · us-east-1</option>", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"cloud-badge\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"environment-switch\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("unknown-environment", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownEnvironment_SaysWhichAreKnown()
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/rules?env=prod", UriKind.Relative), TestContext.Current.CancellationToken));

        Assert.Contains("data-testid=\"unknown-environment\"", html, StringComparison.Ordinal);
        Assert.Contains("No environment named <strong>prod</strong>: known are", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/?env=a\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/?env=b\"", html, StringComparison.Ordinal);
    }
}
