using Bunit;
using Dashboard.Aws.CloudWatch;
using Dashboard.Aws.EventBridge;
using Dashboard.Aws.Glue;
using Dashboard.Cloud;
using Dashboard.Components.Pages;
using Dashboard.Configuration;
using Dashboard.Metrics;
using Dashboard.Playground;
using Dashboard.Tests.Shared;
using Dashboard.Workflows;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Components;

public sealed class PlaygroundPageTests : DashboardComponentTest
{
    private const string Pattern = """
        {"source":["aws.s3"],"detail-type":["Object Created"],"detail":{"bucket":{"name":["landing"]},"object":{"key":[{"prefix":"in/"}]}}}
        """;

    private readonly FakeGlue _glue = new();
    private readonly FakeEventBridge _events = new();

    public PlaygroundPageTests()
    {
        Services.AddSingleton<IGlueApi>(_glue);
        Services.AddSingleton<IEventBridgeApi>(_events);
        Services.AddSingleton<ICloudWatchApi>(new FakeCloudWatch());
        Services.AddSingleton<ICloudIdentity>(new FakeCloudIdentity("123456789012", "eu-west-1"));
        Services.AddSingleton(Options.Create(new CloudOptions { Mode = CloudMode.Local }));
        Services.AddHybridCache();
        Services.AddSingleton<WorkflowCatalog>();
        Services.AddSingleton<WorkflowRuns>();
        Services.AddSingleton<RuleMetrics>();
        Services.AddSingleton<WorkflowOverview>();
        Services.AddSingleton<PlaygroundService>();
        Services.AddSingleton<ILocalCloudFaults>(new FakeLocalCloudFaults());
        Services.AddSingleton<Dashboard.Security.ICurrentActor>(new FixedActor(FixedActor.Operator));
    }

    [Fact]
    public void WatchedWorkflow_ShowsItsPrefixBatchingAndRuns()
    {
        _glue.AddWorkflow("orders", FakeGlue.EventTrigger("orders-start", 10, 300));
        _glue.AddRun("orders", new WorkflowRun { WorkflowRunId = "wr_1", Status = "RUNNING", StartedOn = Clock.GetUtcNow().AddMinutes(-1) });
        _events.AddRule("orders-created", "arn:aws:glue:eu-west-1:123456789012:workflow/orders", eventPattern: Pattern);

        var page = RenderWithProviders<PlaygroundPage>();

        page.WaitForAssertion(() => Assert.Equal("s3://landing/in/", page.Find("[data-testid=playground-prefix]").TextContent));
        Assert.Contains("10 events / 300 s", page.Markup, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.Contains("wr_1", page.Find("[data-testid=playground-runs]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Upload 10 samples (a full batch)", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void NoRuleWatchesS3_ExplainsWhatThePlaygroundNeeds()
    {
        _glue.AddWorkflow("clicks", FakeGlue.EventTrigger("clicks-start", 100, 60));
        _events.AddRule("clicks-landed", "arn:aws:glue:eu-west-1:123456789012:workflow/clicks", eventPattern: """{"source":["com.example.clickstream"]}""");

        var page = RenderWithProviders<PlaygroundPage>();

        page.WaitForAssertion(() => Assert.Contains("No workflow watches an S3 prefix", page.Find("[data-testid=playground-empty]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void RulesUnreadable_SaysWhy()
    {
        _glue.AddWorkflow("orders", FakeGlue.EventTrigger("orders-start", 10, 300));
        _events.AddRule("orders-created", "arn:aws:glue:eu-west-1:123456789012:workflow/orders", eventPattern: Pattern);
        _events.DescribeFailure = Dashboard.Aws.Protocol.AwsErrors.Create(new("EventBridge", "DescribeRule", "AccessDeniedException", "User is not authorized to perform: events:DescribeRule", null, System.Net.HttpStatusCode.BadRequest, Amazon.Runtime.ErrorType.Sender));

        var page = RenderWithProviders<PlaygroundPage>();

        page.WaitForAssertion(() => Assert.Contains("events:DescribeRule", page.Find("[data-testid=playground-error]").TextContent, StringComparison.Ordinal));
    }
}
