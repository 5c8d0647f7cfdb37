using System.Net;
using System.Text.Json;
using Dashboard.Aws.CloudWatch;
using Dashboard.Aws.EventBridge;
using Dashboard.Aws.Glue;
using Dashboard.Aws.Protocol;
using Dashboard.Cloud;
using Dashboard.Hosting;
using Dashboard.Tests.Shared;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Hosting;

/// <summary>The composition root, health endpoints and start-up validation, in the in-memory test host.</summary>
[Collection(AppHostCollection.Name)]
public sealed class HostingTests
{
    private static WebApplicationFactory<Program> Factory(ICloudIdentity identity, params (string Key, string Value)[] settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");

            // These tests fake the cloud; Local mode's embedded LocalCloud has its own tests.
            builder.UseSetting("Cloud:Mode", "Aws");
            builder.UseSetting("SignIn:Anonymous", "Viewer");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton(identity);
                services.AddSingleton<IGlueApi>(new FakeGlue());
                services.AddSingleton<IEventBridgeApi>(new FakeEventBridge());
                services.AddSingleton<ICloudWatchApi>(new FakeCloudWatch());
            });
        });

    [Fact]
    public async Task Playground_InAwsMode_DoesNotExist()
    {
        await using var factory = Factory(new FakeCloudIdentity());
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/playground", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthz_AnswersAlive()
    {
        await using var factory = Factory(new FakeCloudIdentity());
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("alive", JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Readyz_CloudAnswers_ReportsAccountAndRegion()
    {
        await using var factory = Factory(new FakeCloudIdentity("111122223333", "eu-west-1"));
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("ready", body.GetProperty("status").GetString());
        Assert.Equal("111122223333", body.GetProperty("account").GetString());
        Assert.Equal("eu-west-1", body.GetProperty("region").GetString());
    }

    [Fact]
    public async Task Readyz_CloudRefuses_Answers503WithTheReason()
    {
        var denied = AwsErrors.Create(new AwsErrorDetails("STS", "GetCallerIdentity", "InvalidClientTokenId", "The security token included in the request is invalid.", null, HttpStatusCode.Forbidden, Amazon.Runtime.ErrorType.Sender));
        await using var factory = Factory(new FakeCloudIdentity { Failure = denied });
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("unready", body.GetProperty("status").GetString());
        Assert.Contains("The security token included in the request is invalid.", body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    /// <remarks>
    /// Built with the composition root directly rather than WebApplicationFactory: when a host fails to start, the
    /// factory's own clean-up can race the exception and surface an ObjectDisposedException instead.
    /// </remarks>
    [Theory]
    [InlineData("Cloud:Mode", "Azure", "Cloud:Mode is 'Azure', but it must be Local or Aws.")]
    [InlineData("LocalCloud:Port", "-1", "LocalCloud:Port is '-1', but it must be an integer from 0 to 65535 (0 picks a free port).")]
    [InlineData("Aws:Region", "mars-north-1x", "Aws:Region is 'mars-north-1x', but it must be an AWS region code such as us-east-1 or eu-west-2.")]
    [InlineData("LocalCloud:SeedDemo", "sometimes", "LocalCloud:SeedDemo is 'sometimes', but it must be true or false.")]
    public async Task Startup_BadSetting_StopsWithKeyAndAllowedValues(string key, string value, string expected)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Development",
            Args = ["--urls", "http://127.0.0.1:0", "--LocalCloud:Port=0", $"--{key}={value}"],
        });
        builder.AddDashboard();
        await using var app = builder.Build();
        app.MapDashboard();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(expected, error.Failures);
    }

    [Fact]
    public async Task Home_RendersTheShellWithNavigation()
    {
        await using var factory = Factory(new FakeCloudIdentity());
        using var client = factory.CreateClient();

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

        foreach (var link in new[] { "Workflows", "Metrics", "Diagnostics", "Settings" })
        {
            Assert.Contains(link, html, StringComparison.Ordinal);
        }

        Assert.Contains("_content/MudBlazor/MudBlazor.min", html, StringComparison.Ordinal);
        Assert.DoesNotContain("fonts.googleapis.com", html, StringComparison.Ordinal);
    }
}
