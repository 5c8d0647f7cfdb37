using Dashboard.Aws.CloudTrail;
using Dashboard.Aws.Protocol;
using Dashboard.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Aws;

public sealed class RequestRateLimiterTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void WaitAsync_WithinBurst_DoesNotWait()
    {
        var limiter = new RequestRateLimiter(permitsPerSecond: 10, burst: 3, _clock);

        var waits = Enumerable.Range(0, 3).Select(_ => limiter.WaitAsync(TestContext.Current.CancellationToken)).ToList();

        Assert.All(waits, w => Assert.True(w.IsCompletedSuccessfully));
        Assert.Equal(0, limiter.Delayed);
    }

    [Fact]
    public async Task WaitAsync_BeyondBurst_ServesCallersInOrderAtTheRate()
    {
        var limiter = new RequestRateLimiter(permitsPerSecond: 2, burst: 1, _clock);
        var ct = TestContext.Current.CancellationToken;

        var first = limiter.WaitAsync(ct);
        var second = limiter.WaitAsync(ct);
        var third = limiter.WaitAsync(ct);

        Assert.True(first.IsCompletedSuccessfully);
        _clock.Advance(TimeSpan.FromMilliseconds(499));
        Assert.False(second.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await second;
        Assert.False(third.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(500));
        await third;
        Assert.Equal(2, limiter.Delayed);
    }

    [Fact]
    public void WaitAsync_AfterIdleTime_RefillsUpToTheBurstOnly()
    {
        var limiter = new RequestRateLimiter(permitsPerSecond: 1, burst: 2, _clock);
        var ct = TestContext.Current.CancellationToken;
        _ = limiter.WaitAsync(ct);
        _ = limiter.WaitAsync(ct);

        _clock.Advance(TimeSpan.FromMinutes(10));

        Assert.True(limiter.WaitAsync(ct).IsCompletedSuccessfully);
        Assert.True(limiter.WaitAsync(ct).IsCompletedSuccessfully);
        Assert.False(limiter.WaitAsync(ct).IsCompleted);
    }

    [Fact]
    public async Task WaitAsync_Cancelled_Throws()
    {
        var limiter = new RequestRateLimiter(permitsPerSecond: 1, burst: 1, _clock);
        using var cancel = new CancellationTokenSource();
        _ = limiter.WaitAsync(cancel.Token);

        var waiting = limiter.WaitAsync(cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-1, 1)]
    [InlineData(1, 0)]
    public void Constructor_NonPositiveRateOrBurst_Throws(double rate, int burst) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RequestRateLimiter(rate, burst, _clock));

    [Fact]
    public void Quotas_LookupEvents_HasItsOwnTwoPerSecondBucket()
    {
        var quotas = new RequestQuotas(_clock);

        var lookup = quotas.For("CloudTrail", "LookupEvents");
        var describe = quotas.For("CloudTrail", "DescribeTrails");

        Assert.Equal(2, lookup?.PermitsPerSecond);
        Assert.Equal(1, lookup?.Burst);
        Assert.NotSame(lookup, describe);
        Assert.Same(describe, quotas.For("CloudTrail", "GetTrailStatus"));
        Assert.Same(lookup, quotas.For("CloudTrail", "LookupEvents"));
    }

    [Theory]
    [InlineData("EventBridge", 50)]
    [InlineData("CloudWatch", 50)]
    public void Quotas_StayUnderAwsDefaults(string service, double awsDefault) =>
        Assert.True(new RequestQuotas(_clock).For(service, "AnyOperation")?.PermitsPerSecond < awsDefault);

    [Fact]
    public void Quotas_UnknownService_HasNoLimit() =>
        Assert.Null(new RequestQuotas(_clock).For("SomethingElse", "Op"));

    [Fact]
    public async Task Client_WithQuotas_HoldsTheThirdLookupUntilItsSlot()
    {
        var handler = new FakeAwsHandler();
        for (var i = 0; i < 3; i++)
        {
            handler.RespondJson("""{"Events":[]}""");
        }

        var config = TestClients.FakeConfig(CloudTrailClient.Spec, handler);
        config.Quotas = new RequestQuotas(_clock);
        using var client = new CloudTrailClient(TestClients.Credentials, config);
        var ct = TestContext.Current.CancellationToken;

        var limiter = config.Quotas.For("CloudTrail", "LookupEvents") ?? throw new InvalidOperationException("LookupEvents has a quota.");

        await client.LookupEventsAsync(new(), ct);
        var second = client.LookupEventsAsync(new(), ct);
        while (limiter.Delayed == 0)
        {
            await Task.Yield(); // the request is on its way through the pipeline, to the limiter
        }

        Assert.Single(handler.Requests);

        _clock.Advance(TimeSpan.FromMilliseconds(500));
        await second;

        Assert.Equal(2, handler.Requests.Count);
    }
}
