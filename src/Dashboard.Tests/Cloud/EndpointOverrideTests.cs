using Dashboard.Tests.Shared;

namespace Dashboard.Tests.Cloud;

/// <summary>
/// <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c> beats <c>AWS_ENDPOINT_URL</c> for each of our clients, as in every AWS SDK:
/// the global variable points nowhere, the per-service ones at moto, and the dashboard still works.
/// </summary>
public sealed class EndpointOverrideTests(MotoServer moto) : IClassFixture<MotoServer>
{
    [Fact]
    public async Task ServiceSpecificEndpointVariables_OverrideTheGlobalOne()
    {
        moto.Require();
        var cli = new AwsCli(moto.Endpoint);
        await cli.RunAsync("glue", "create-workflow", "--name", "endpoint-check");
        await cli.RunAsync("glue", "create-trigger", "--name", "endpoint-check-start", "--workflow-name", "endpoint-check",
            "--type", "EVENT", "--event-batching-condition", "BatchSize=3,BatchWindow=120", "--actions", "JobName=job");

        var unreachable = $"http://127.0.0.1:{MotoServer.FreePort()}";
        await using var dashboard = await DashboardProcess.StartAsync(
            new Dictionary<string, string>
            {
                ["AWS_ENDPOINT_URL"] = unreachable,
                ["AWS_ENDPOINT_URL_GLUE"] = moto.Endpoint.ToString(),
                ["AWS_ENDPOINT_URL_EVENTBRIDGE"] = moto.Endpoint.ToString(),
                ["AWS_ENDPOINT_URL_STS"] = moto.Endpoint.ToString(),
                ["AWS_ACCESS_KEY_ID"] = "test",
                ["AWS_SECRET_ACCESS_KEY"] = "test",
                ["AWS_REGION"] = MotoServer.Region,
            },
            "--Cloud:Mode=Aws",
            "--SignIn:Anonymous=Viewer");
        using var http = new HttpClient { BaseAddress = dashboard.BaseAddress };

        var ready = await http.GetStringAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Contains($"\"account\":\"{MotoServer.Account}\"", ready, StringComparison.Ordinal);

        // The prerendered page has the list's footer: Glue and EventBridge answered through their own variables.
        var html = await http.GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.DoesNotContain("workflows-error", html, StringComparison.Ordinal);
        Assert.Contains("1 of 1 workflows", html, StringComparison.Ordinal);
    }
}
