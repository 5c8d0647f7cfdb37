using System.Net;
using System.Text;
using System.Text.Json;
using LocalCloud.Faults;
using LocalCloud.Hosting;
using LocalCloud.Tests.Shared;
using LocalCloud.Tests.Sqs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LocalCloud.Tests.Faults;

/// <summary>
/// Faults over HTTP: the control endpoint's validation, and clients that meet an injected fault and retry it, the AWS
/// SDK for .NET and botocore (the v1 CLI, whose legacy retry mode makes 5 attempts, and v2's standard mode, 3).
/// </summary>
public sealed class FaultsHttpTests : IAsyncLifetime
{
    private static readonly HttpClient Http = new();

    // Rolls: the first call's throttle fires (0.0 < 0.5), the next one does not (0.9), and so on.
    private readonly SequenceRandom _random = new(0.0, 0.9);
    private LocalCloudHost _cloud = null!;

    private IFaultInjector Faults => _cloud.Services.GetRequiredService<IFaultInjector>();

    private RequestLog Log => _cloud.Services.GetRequiredService<RequestLog>();

    public async ValueTask InitializeAsync() =>
        _cloud = await LocalCloudHost.StartAsync(
            new LocalCloudSettings { Port = 0, SeedDemo = false }, new FakeTimeProvider(DateTimeOffset.UtcNow), CancellationToken.None, services => services.AddSingleton<Random>(_random));

    public async ValueTask DisposeAsync() => await _cloud.DisposeAsync();

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string pathAndQuery, string? json = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(_cloud.Endpoint, pathAndQuery));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Endpoint_PutGetDelete_ManagesTheRules()
    {
        var put = await SendAsync(HttpMethod.Put, FaultsEndpoint.Path, """{"service":"glue","operation":"GetWorkflowRuns","kind":"Throttle","rate":0.25}""");
        await SendAsync(HttpMethod.Post, FaultsEndpoint.Path, """{"service":"s3","kind":"Latency","latencyMs":800}""");
        var listed = await SendAsync(HttpMethod.Get, FaultsEndpoint.Path);
        var deletedOne = await SendAsync(HttpMethod.Delete, $"{FaultsEndpoint.Path}?service=s3&kind=Latency");
        var deletedNone = await SendAsync(HttpMethod.Delete, $"{FaultsEndpoint.Path}?service=s3");
        var deletedAll = await SendAsync(HttpMethod.Delete, FaultsEndpoint.Path);

        Assert.Equal(HttpStatusCode.OK, put.Status);
        var rules = JsonDocument.Parse(listed.Body).RootElement.GetProperty("faults");
        Assert.Equal(2, rules.GetArrayLength());
        Assert.Equal("Throttle", rules[0].GetProperty("kind").GetString());
        Assert.Equal(0.25, rules[0].GetProperty("rate").GetDouble());
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NotFound, HttpStatusCode.NoContent), (deletedOne.Status, deletedNone.Status, deletedAll.Status));
        Assert.Empty(Faults.Rules);
    }

    [Theory]
    [InlineData("""{"kind":"Throttle"}""", "Field 'service' is required")]
    [InlineData("""{"service":"glue","kind":"Boom"}""", "Field 'kind' is 'Boom', but it must be Throttle, ServerError or Latency.")]
    [InlineData("""{"service":"glue","kind":"Throttle","rate":2}""", "Field 'rate' is '2', but it must be a number greater than 0 and at most 1")]
    [InlineData("""{"service":"glue","kind":"Throttle","rate":"half"}""", "Field 'rate' must be a number, not String.")]
    [InlineData("""{"service":"glue","kind":"Latency"}""", "Field 'latencyMs' is required when Kind is Latency")]
    [InlineData("""{"service":"glue","kind":"Latency","latencyMs":600001}""", "Field 'latencyMs' is '600001', but it must be an integer from 1 to 60000")]
    [InlineData("""{"service":"glue","kind":"Throttle","colour":"red"}""", "Unknown field 'colour'")]
    [InlineData("""[1]""", "The body must be a JSON object describing one fault, not Array.")]
    [InlineData("""{"service":""", "The body must be a JSON object describing one fault:")]
    public async Task Endpoint_BadRule_Is400NamingTheField(string body, string message)
    {
        var (status, text) = await SendAsync(HttpMethod.Put, FaultsEndpoint.Path, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(message, JsonDocument.Parse(text).RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(Faults.Rules);
    }

    [Fact]
    public async Task Endpoint_BadDeleteFilter_Is400()
    {
        var (badKind, kindText) = await SendAsync(HttpMethod.Delete, $"{FaultsEndpoint.Path}?kind=Slow");
        var (unknown, _) = await SendAsync(HttpMethod.Delete, $"{FaultsEndpoint.Path}?region=us-east-1");

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (badKind, unknown));
        Assert.Contains("Query parameter 'kind' is 'Slow'", kindText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DotNetSdk_RetriesAnInjectedSqsThrottle_AndSucceeds()
    {
        var account = LocalCloudFixture.NewAccount();
        using var sqs = SqsProtocolTests.Client(_cloud.Endpoint, account);
        await sqs.CreateQueueAsync("q", TestContext.Current.CancellationToken);
        Faults.Put(new FaultRule("sqs", "GetQueueUrl", FaultKind.Throttle, 0.5));

        var url = (await sqs.GetQueueUrlAsync("q", TestContext.Current.CancellationToken)).QueueUrl;

        Assert.EndsWith($"/{account}/q", url, StringComparison.Ordinal);
        Assert.Equal(2, Log.Count("sqs", "GetQueueUrl"));
        Assert.Equal(1, Log.FaultCount("sqs", "GetQueueUrl", "Throttle"));
    }

    [Theory]
    [InlineData("v1", "glue", "get-workflow-runs", "GetWorkflowRuns", "ThrottlingException", 5)]
    [InlineData("v1", "sts", "get-caller-identity", "GetCallerIdentity", "Throttling", 5)]
    [InlineData("v1", "s3api", "list-buckets", "GET", "SlowDown", 5)]
    [InlineData("v1", "sqs", "list-queues", "ListQueues", "RequestThrottled", 5)]
    [InlineData("v2", "glue", "get-workflow-runs", "GetWorkflowRuns", "ThrottlingException", 3)]
    [InlineData("v2", "sqs", "list-queues", "ListQueues", "RequestThrottled", 3)]
    public async Task Botocore_RetriesEveryInjectedThrottle_UntilItsAttemptsRunOut(string cli, string command, string subcommand, string operation, string code, int attempts)
    {
        var service = command switch { "s3api" => "s3", _ => command };
        Faults.Put(new FaultRule(service, operation, FaultKind.Throttle, 1));
        var aws = new AwsCli(_cloud.Endpoint, AwsCliVersion.Named(cli), LocalCloudFixture.NewAccount());
        string[] arguments = command == "glue" ? [command, subcommand, "--name", "any"] : [command, subcommand];

        var result = await aws.TryRunAsync(arguments);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"An error occurred ({code})", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"reached max retries: {attempts - 1}", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(attempts, Log.FaultCount(service, operation, "Throttle"));
    }

    [Fact]
    public async Task Botocore_RetriesAnInjectedServerError()
    {
        Faults.Put(new FaultRule("events", "ListRules", FaultKind.ServerError, 1));
        var aws = new AwsCli(_cloud.Endpoint, AwsCliVersion.V1, LocalCloudFixture.NewAccount());

        var result = await aws.TryRunAsync("events", "list-rules");

        Assert.Contains("An error occurred (InternalFailure) when calling the ListRules operation (reached max retries: 4)", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(5, Log.FaultCount("events", "ListRules", "ServerError"));
    }

    [Fact]
    public async Task RequestLogEndpoint_ListsInjectedFaults()
    {
        await Faults.ApplyAsync("glue", "NotifyEvent", TestContext.Current.CancellationToken);
        Faults.Put(new FaultRule("glue", "NotifyEvent", FaultKind.Throttle, 1));
        await Faults.ApplyAsync("glue", "NotifyEvent", TestContext.Current.CancellationToken);

        var (_, body) = await SendAsync(HttpMethod.Get, RequestLogEndpoint.Path);

        var fault = Assert.Single(JsonDocument.Parse(body).RootElement.GetProperty("faults").EnumerateArray());
        Assert.Equal(("glue", "NotifyEvent", "Throttle", 1), (fault.GetProperty("service").GetString(), fault.GetProperty("operation").GetString(), fault.GetProperty("fault").GetString(), fault.GetProperty("count").GetInt32()));
    }
}
