using LocalCloud.Faults;
using LocalCloud.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace LocalCloud.Tests.Faults;

public sealed class FaultInjectorTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly RequestLog _log = new();

    private FaultInjector Injector(Random random, params FaultRule[] rules) =>
        new(new LocalCloudSettings { Faults = rules }, random, _clock, _log);

    [Fact]
    public async Task Apply_MatchesServiceAndOperation_AnyOperationWithStar()
    {
        var faults = Injector(new SequenceRandom(0), new FaultRule("glue", "GetWorkflowRuns", FaultKind.Throttle, 1), new FaultRule("s3", "*", FaultKind.ServerError, 1));
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal(FaultKind.Throttle, await faults.ApplyAsync("glue", "GetWorkflowRuns", ct));
        Assert.Null(await faults.ApplyAsync("glue", "GetWorkflow", ct));
        Assert.Equal(FaultKind.ServerError, await faults.ApplyAsync("s3", "PUT", ct));
        Assert.Null(await faults.ApplyAsync("events", "PutEvents", ct));
    }

    [Fact]
    public async Task Apply_Rate_FiresWhenTheRollIsBelowIt()
    {
        var faults = Injector(new SequenceRandom(0.10, 0.30, 0.24, 0.99), new FaultRule("glue", "*", FaultKind.Throttle, 0.25));
        var ct = TestContext.Current.CancellationToken;

        var outcomes = new List<FaultKind?>();
        for (var i = 0; i < 4; i++)
        {
            outcomes.Add(await faults.ApplyAsync("glue", "NotifyEvent", ct));
        }

        Assert.Equal([FaultKind.Throttle, null, FaultKind.Throttle, null], outcomes);
        Assert.Equal(2, _log.FaultCount("glue", "NotifyEvent", "Throttle"));
    }

    [Fact]
    public async Task Apply_SeededRandom_HitsRoughlyTheRate()
    {
        var faults = Injector(new Random(7), new FaultRule("glue", "*", FaultKind.ServerError, 0.25));

        var fired = 0;
        for (var i = 0; i < 4000; i++)
        {
            fired += await faults.ApplyAsync("glue", "GetWorkflow", TestContext.Current.CancellationToken) is null ? 0 : 1;
        }

        Assert.InRange(fired, 900, 1100);
    }

    [Fact]
    public async Task Apply_Latency_WaitsOnTheClock_ThenLetsTheCallThrough()
    {
        var faults = Injector(new SequenceRandom(0), new FaultRule("glue", "*", FaultKind.Latency, 1, 800));

        var call = faults.ApplyAsync("glue", "GetWorkflowRuns", TestContext.Current.CancellationToken).AsTask();
        _clock.Advance(TimeSpan.FromMilliseconds(799));
        Assert.False(call.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Null(await call.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.Equal(1, _log.FaultCount("glue", "GetWorkflowRuns", "Latency"));
    }

    [Fact]
    public void Put_ReplacesTheRuleWithTheSameServiceOperationAndKind_Remove_Filters()
    {
        var faults = Injector(new SequenceRandom(0));

        faults.Put(new FaultRule("glue", "*", FaultKind.Throttle, 0.5));
        faults.Put(new FaultRule("glue", "*", FaultKind.Throttle, 0.1));
        faults.Put(new FaultRule("glue", "*", FaultKind.Latency, 1, 100));
        faults.Put(new FaultRule("s3", "*", FaultKind.Throttle, 1));

        Assert.Equal(3, faults.Rules.Count);
        Assert.Equal(0.1, faults.Rules[0].Rate);
        Assert.Equal(1, faults.Remove("glue", kind: FaultKind.Latency));
        Assert.Equal(0, faults.Remove("events"));
        Assert.Equal(2, faults.Remove());
        Assert.Empty(faults.Rules);
    }

    [Fact]
    public void FaultErrors_AreWhatAwsAnswersAndBotocoreRetries()
    {
        Assert.Equal(("ThrottlingException", 400), Describe(FaultKind.Throttle, WireProtocol.Json, "glue"));
        Assert.Equal(("Throttling", 400), Describe(FaultKind.Throttle, WireProtocol.Query, "iam"));
        Assert.Equal(("SlowDown", 503), Describe(FaultKind.Throttle, WireProtocol.RestXml, "s3"));
        Assert.Equal(("RequestThrottled", 403), Describe(FaultKind.Throttle, WireProtocol.Json, "sqs"));
        Assert.Equal(("InternalFailure", 500), Describe(FaultKind.ServerError, WireProtocol.Json, "events"));
        Assert.Equal(("InternalError", 500), Describe(FaultKind.ServerError, WireProtocol.RestXml, "s3"));
    }

    private static (string, int) Describe(FaultKind kind, WireProtocol protocol, string service)
    {
        var error = FaultErrors.For(kind, protocol, service);
        return (error.Code, (int)error.Status);
    }
}
