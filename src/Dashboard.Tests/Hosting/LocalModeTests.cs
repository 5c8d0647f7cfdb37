using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Dashboard.Tests.Hosting;

/// <summary>Local mode, the default: the dashboard starts LocalCloud in-process and shows its seeded demo.</summary>
public sealed class LocalModeTests
{
    private static WebApplicationFactory<Program> Factory() =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("LocalCloud:Port", "0");
        });

    [Fact]
    public async Task Default_StartsLocalCloud_ReadyAsLocalAccount()
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();

        var body = JsonDocument.Parse(await client.GetStringAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken)).RootElement;

        Assert.Equal("ready", body.GetProperty("status").GetString());
        Assert.Equal("Local", body.GetProperty("mode").GetString());
        Assert.Equal("000000000000", body.GetProperty("account").GetString());
        Assert.StartsWith("http://127.0.0.1:", body.GetProperty("endpoint").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Default_WorkflowsListShowsTheSeededPipelines()
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.DoesNotContain("workflows-error", html, StringComparison.Ordinal);
        Assert.Contains("of 4 workflows", html, StringComparison.Ordinal); // the first HTML carries at least the names
    }
}
