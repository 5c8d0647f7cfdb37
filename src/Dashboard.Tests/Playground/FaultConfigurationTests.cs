using Dashboard.Configuration;
using Dashboard.Hosting;
using Dashboard.Playground;
using Dashboard.Tests.Shared;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Playground;

/// <summary><c>LocalCloud:Faults:N:*</c> reach the embedded LocalCloud, and a bad one stops the dashboard naming its key.</summary>
[Collection(AppHostCollection.Name)]
public sealed class FaultConfigurationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static WebApplication Build(params string[] settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Development",
            Args = ["--urls", "http://127.0.0.1:0", "--LocalCloud:Port=0", "--LocalCloud:SeedDemo=false", "--LocalCloud:SyntheticTraffic=false", .. settings],
        });
        builder.AddDashboard();
        var app = builder.Build();
        app.MapDashboard();
        return app;
    }

    [Fact]
    public async Task Startup_UnknownKind_StopsWithTheKeyAndTheKinds()
    {
        await using var app = Build("--LocalCloud:Faults:0:Service=glue", "--LocalCloud:Faults:0:Kind=Sometimes");

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(Ct));

        Assert.Equal(["LocalCloud:Faults:0:Kind is 'Sometimes', but it must be Throttle, ServerError or Latency."], error.Failures);
    }

    [Theory]
    [InlineData("--LocalCloud:Faults:1:Kind=Latency", "LocalCloud:Faults:1:Service is required: the service's signing name, such as glue, events, s3, sqs, monitoring, iam or sts.")]
    [InlineData("--LocalCloud:Faults:1:Kind=Latency", "LocalCloud:Faults:1:LatencyMs is required when Kind is Latency: an integer from 1 to 60000 (milliseconds).")]
    [InlineData("--LocalCloud:Faults:1:Rate=2", "LocalCloud:Faults:1:Rate is '2', but it must be a number greater than 0 and at most 1 (the share of calls that get the fault).")]
    public void Validation_BadRule_NamesEachKey(string setting, string expected)
    {
        using var app = Build("--LocalCloud:Faults:0:Service=glue", "--LocalCloud:Faults:0:Kind=Throttle", setting);

        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<LocalCloudOptions>>().Value);

        Assert.Contains(expected, error.Failures);
    }

    [Fact]
    public async Task Startup_GoodRules_AreInForceInTheEmbeddedLocalCloud()
    {
        await using var app = Build(
            "--LocalCloud:Faults:0:Service=glue", "--LocalCloud:Faults:0:Operation=GetWorkflowRuns", "--LocalCloud:Faults:0:Kind=Throttle", "--LocalCloud:Faults:0:Rate=0.25",
            "--LocalCloud:Faults:1:Service=events", "--LocalCloud:Faults:1:Kind=Latency", "--LocalCloud:Faults:1:LatencyMs=800");
        await app.StartAsync(Ct);

        var faults = await app.Services.GetRequiredService<ILocalCloudFaults>().ListAsync(Ct);

        Assert.Equal(
            [new InjectedFault("glue", "GetWorkflowRuns", InjectedFaultKind.Throttle, 0.25), new InjectedFault("events", "*", InjectedFaultKind.Latency, 1, 800)],
            faults);
        await app.StopAsync(Ct);
    }

    [Fact]
    public async Task AwsMode_FaultsAreRefusedWithoutReachingAnything()
    {
        await using var app = Build("--Cloud:Mode=Aws", "--Aws:Region=eu-west-1", "--SignIn:Anonymous=Viewer");

        var error = await Assert.ThrowsAsync<FaultInjectionException>(() => app.Services.GetRequiredService<ILocalCloudFaults>().ListAsync(Ct));

        Assert.Equal("Fault injection works on the LocalCloud that the dashboard starts in Local mode; this dashboard runs none.", error.Message);
    }
}
