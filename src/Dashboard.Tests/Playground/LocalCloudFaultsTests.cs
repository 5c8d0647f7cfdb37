using Dashboard.Playground;
using Dashboard.Tests.Shared;
using LocalCloud;
using LocalCloud.Hosting;

namespace Dashboard.Tests.Playground;

/// <summary>The panel's client against a real LocalCloud's <c>/_localcloud/faults</c>: the wire is the contract.</summary>
public sealed class LocalCloudFaultsTests : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private LocalCloudHost? _cloud;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private LocalCloudHost Cloud => _cloud ?? throw new InvalidOperationException("LocalCloud has not started.");

    private LocalCloudFaults Faults => new(_http, () => Cloud.Endpoint);

    public async ValueTask InitializeAsync() =>
        _cloud = await LocalCloudHost.StartAsync(new LocalCloudSettings { Port = 0, SeedDemo = false }, TimeProvider.System, Ct);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (_cloud is not null)
        {
            await _cloud.DisposeAsync();
        }
    }

    [Fact]
    public async Task Put_ThenList_ReturnsTheRulesAsLocalCloudHoldsThem()
    {
        await Faults.PutAsync(new InjectedFault("glue", "GetWorkflowRuns", InjectedFaultKind.Throttle, 0.25), FixedActor.Operator, Ct);
        await Faults.PutAsync(new InjectedFault("events", "*", InjectedFaultKind.Latency, 1, 800), FixedActor.Operator, Ct);

        var listed = await Faults.ListAsync(Ct);

        Assert.Equal(
            [new InjectedFault("glue", "GetWorkflowRuns", InjectedFaultKind.Throttle, 0.25), new InjectedFault("events", "*", InjectedFaultKind.Latency, 1, 800)],
            listed);
        var injector = Cloud.Services.GetRequiredService<LocalCloud.Faults.IFaultInjector>();
        Assert.Equal(new LocalCloud.Faults.FaultRule("events", "*", LocalCloud.Faults.FaultKind.Latency, 1, 800), injector.Rules[1]);
    }

    [Fact]
    public async Task Put_SameServiceOperationAndKind_ReplacesTheRule()
    {
        await Faults.PutAsync(new InjectedFault("glue", "*", InjectedFaultKind.ServerError, 0.5), FixedActor.Operator, Ct);

        var after = await Faults.PutAsync(new InjectedFault("glue", "*", InjectedFaultKind.ServerError, 1), FixedActor.Operator, Ct);

        Assert.Equal(1, Assert.Single(after).Rate);
    }

    [Fact]
    public async Task Remove_TakesThatRuleOnly()
    {
        await Faults.PutAsync(new InjectedFault("glue", "*", InjectedFaultKind.ServerError, 1), FixedActor.Operator, Ct);
        await Faults.PutAsync(new InjectedFault("glue", "*", InjectedFaultKind.Throttle, 1), FixedActor.Operator, Ct);

        var after = await Faults.RemoveAsync(new InjectedFault("glue", "*", InjectedFaultKind.ServerError, 1), FixedActor.Operator, Ct);

        Assert.Equal(InjectedFaultKind.Throttle, Assert.Single(after).Kind);
    }

    [Fact]
    public async Task Remove_RuleThatIsGone_SaysSomeoneRemovedIt()
    {
        var error = await Assert.ThrowsAsync<FaultInjectionException>(() =>
            Faults.RemoveAsync(new InjectedFault("sqs", "SendMessage", InjectedFaultKind.Throttle, 1), FixedActor.Operator, Ct));

        Assert.Equal("LocalCloud has no rule \"sqs SendMessage: throttled, 100 % of calls\" any more: someone removed it already.", error.Message);
    }

    [Fact]
    public async Task Clear_RemovesEveryRule()
    {
        await Faults.PutAsync(new InjectedFault("s3", "*", InjectedFaultKind.ServerError, 1), FixedActor.Operator, Ct);
        await Faults.PutAsync(new InjectedFault("iam", "*", InjectedFaultKind.Throttle, 1), FixedActor.Operator, Ct);

        Assert.Empty(await Faults.ClearAsync(FixedActor.Operator, Ct));
        Assert.Empty(Cloud.Services.GetRequiredService<LocalCloud.Faults.IFaultInjector>().Rules);
    }

    [Theory]
    [InlineData("glue", "Get Runs", InjectedFaultKind.Throttle, 1.0, 0, "LocalCloud refused the rule: Field 'operation' is 'Get Runs', but it must be an operation name such as GetWorkflowRuns, or * for every operation.")]
    [InlineData("Glue!", "*", InjectedFaultKind.Throttle, 1.0, 0, "LocalCloud refused the rule: Field 'service' is 'Glue!', but it must be a service's signing name (lowercase letters, digits and hyphens), such as glue or s3.")]
    [InlineData("glue", "*", InjectedFaultKind.Throttle, 1.5, 0, "LocalCloud refused the rule: Field 'rate' is '1.5', but it must be a number greater than 0 and at most 1 (the share of calls that get the fault).")]
    [InlineData("glue", "*", InjectedFaultKind.Latency, 1.0, 0, "LocalCloud refused the rule: Field 'latencyMs' is '0', but it must be an integer from 1 to 60000 (milliseconds).")]
    public async Task Put_RuleLocalCloudRefuses_CarriesItsMessage(string service, string operation, InjectedFaultKind kind, double rate, int latencyMs, string expected)
    {
        var error = await Assert.ThrowsAsync<FaultInjectionException>(() =>
            Faults.PutAsync(new InjectedFault(service, operation, kind, rate, latencyMs), FixedActor.Operator, Ct));

        Assert.True(error.Refused);
        Assert.Equal(expected, error.Message);
        Assert.Empty(await Faults.ListAsync(Ct));
    }

    [Fact]
    public async Task Viewer_IsRefusedBeforeAnyRequest()
    {
        var error = await Assert.ThrowsAsync<FaultInjectionException>(() =>
            Faults.PutAsync(new InjectedFault("glue", "*", InjectedFaultKind.ServerError, 1), FixedActor.Viewer, Ct));

        Assert.Equal("vic has the Viewer role, and only an Operator may change LocalCloud's faults.", error.Message);
        Assert.Empty(await Faults.ListAsync(Ct));
    }

    [Fact]
    public async Task NoLocalCloudInThisProcess_IsRefusedWithoutARequest()
    {
        var handler = new CountingHandler();
        using var http = new HttpClient(handler);
        var faults = new LocalCloudFaults(http, () => null);

        var error = await Assert.ThrowsAsync<FaultInjectionException>(() => faults.ListAsync(Ct));

        Assert.Equal("Fault injection works on the LocalCloud that the dashboard starts in Local mode; this dashboard runs none.", error.Message);
        Assert.Equal(0, handler.Requests);
    }

    [Fact]
    public async Task LocalCloudGone_SaysItDidNotAnswer()
    {
        var endpoint = Cloud.Endpoint;
        await Cloud.DisposeAsync();
        _cloud = null;
        var faults = new LocalCloudFaults(_http, () => endpoint);

        var error = await Assert.ThrowsAsync<FaultInjectionException>(() => faults.ListAsync(Ct));

        Assert.StartsWith($"LocalCloud did not answer at {endpoint}: ", error.Message, StringComparison.Ordinal);
    }

    private sealed class CountingHandler : HttpMessageHandler
    {
        public int Requests { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
        }
    }
}
