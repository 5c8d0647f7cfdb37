using LocalCloud.Faults;
using Microsoft.Extensions.Configuration;

namespace LocalCloud.Tests.Faults;

public sealed class FaultConfigurationTests
{
    private static LocalCloudSettings Read(params (string Key, string Value)[] values) =>
        LocalCloudSettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => KeyValuePair.Create<string, string?>(v.Key, v.Value)))
            .Build()
            .GetSection(LocalCloudSettings.SectionName));

    [Fact]
    public void Faults_FromKeys_BecomeRules()
    {
        var settings = Read(
            ("LocalCloud:Faults:0:Service", "glue"), ("LocalCloud:Faults:0:Operation", "GetWorkflowRuns"), ("LocalCloud:Faults:0:Kind", "Throttle"), ("LocalCloud:Faults:0:Rate", "0.25"),
            ("LocalCloud:Faults:1:Service", "s3"), ("LocalCloud:Faults:1:Kind", "Latency"), ("LocalCloud:Faults:1:LatencyMs", "800"));

        Assert.Equal(
            [new FaultRule("glue", "GetWorkflowRuns", FaultKind.Throttle, 0.25), new FaultRule("s3", "*", FaultKind.Latency, 1, 800)],
            settings.Faults);
    }

    [Theory]
    [InlineData("Kind", "Slow", "LocalCloud:Faults:0:Kind is 'Slow', but it must be Throttle, ServerError or Latency.")]
    [InlineData("Rate", "1.5", "LocalCloud:Faults:0:Rate is '1.5', but it must be a number greater than 0 and at most 1")]
    [InlineData("Rate", "0", "LocalCloud:Faults:0:Rate is '0'")]
    [InlineData("Service", "Glue Service", "LocalCloud:Faults:0:Service is 'Glue Service', but it must be a service's signing name")]
    [InlineData("Operation", "Get-Workflow", "LocalCloud:Faults:0:Operation is 'Get-Workflow'")]
    [InlineData("LatencyMs", "100", "LocalCloud:Faults:0:LatencyMs is set, but only Kind Latency adds latency")]
    public void Faults_BadValue_NamesTheKey(string key, string value, string message)
    {
        var values = new Dictionary<string, string> { ["Service"] = "glue", ["Kind"] = "Throttle", [key] = value };

        var error = Assert.Throws<InvalidOperationException>(() => Read([.. values.Select(v => ($"LocalCloud:Faults:0:{v.Key}", v.Value))]));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Faults_MissingRequiredKeys_NameEachKey()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(("LocalCloud:Faults:3:Rate", "0.5"), ("LocalCloud:Faults:4:Service", "glue"), ("LocalCloud:Faults:4:Kind", "Latency")));

        Assert.Contains("LocalCloud:Faults:3:Service is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("LocalCloud:Faults:3:Kind is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("LocalCloud:Faults:4:LatencyMs is required when Kind is Latency", error.Message, StringComparison.Ordinal);
    }
}
