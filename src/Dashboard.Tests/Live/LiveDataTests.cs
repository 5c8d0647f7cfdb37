using Dashboard.Aws.Protocol;
using Dashboard.Live;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Live;

public sealed class LiveDataTests : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
    private readonly LiveData _live;
    private int _loads;

    public LiveDataTests()
    {
        _live = new LiveData(_clock, new LiveDataOptions(Interval), NullLogger<LiveData>.Instance);
    }

    private Task<string> Load(CancellationToken cancellationToken) => Task.FromResult($"load {Interlocked.Increment(ref _loads)}");

    [Fact]
    public async Task Subscribe_ManySubscribers_ShareOnePollPerInterval()
    {
        var seen = new Updates();
        var subscriptions = Enumerable.Range(0, 20).Select(_ => _live.Subscribe<string>("catalog", Load, seen.Add)).ToList();
        await seen.WaitForAsync(20);

        for (var tick = 1; tick <= 3; tick++)
        {
            _clock.Advance(Interval);
            await seen.WaitForAsync(20 * (tick + 1));
        }

        Assert.Equal(4, _loads);
        Assert.Equal(1, _live.ActiveFeeds);
        subscriptions.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task Subscribe_LateSubscriber_GetsTheCurrentValueAtOnceWithoutALoad()
    {
        var first = new Updates();
        using var a = _live.Subscribe<string>("catalog", Load, first.Add);
        await first.WaitForAsync(1);

        var late = new Updates();
        using var b = _live.Subscribe<string>("catalog", Load, late.Add);

        Assert.Equal("load 1", Assert.Single(late.States).Value);
        Assert.Equal(1, _loads);
    }

    [Fact]
    public async Task Poll_Fails_KeepsTheLastValueAndMarksItStale()
    {
        var fail = false;
        var seen = new Updates();
        using var subscription = _live.Subscribe<string>(
            "catalog",
            ct => fail ? throw Throttled() : Load(ct),
            seen.Add);
        await seen.WaitForAsync(1);
        var good = seen.States[^1];

        fail = true;
        _clock.Advance(Interval);
        await seen.WaitForAsync(2);

        var stale = seen.States[^1];
        Assert.Equal("load 1", stale.Value);
        Assert.Equal(good.UpdatedAt, stale.UpdatedAt);
        Assert.True(stale.IsStale);
        Assert.Equal(_clock.GetUtcNow(), stale.FailedAt);
        Assert.Contains("throttl", stale.Error, StringComparison.OrdinalIgnoreCase);

        fail = false;
        _clock.Advance(Interval);
        await seen.WaitForAsync(3);
        Assert.False(seen.States[^1].IsStale);
        Assert.Null(seen.States[^1].Error);
    }

    [Fact]
    public async Task Poll_FailsBeforeAnyValue_ReportsFailedNotLoading()
    {
        var seen = new Updates();
        using var subscription = _live.Subscribe<string>("catalog", _ => throw new InvalidOperationException("no network"), seen.Add);

        await seen.WaitForAsync(1);

        Assert.True(seen.States[0].IsFailed);
        Assert.Equal("no network", seen.States[0].Error);
    }

    [Fact]
    public async Task Dispose_LastSubscriber_StopsPollingAfterTheLinger()
    {
        var seen = new Updates();
        var subscription = _live.Subscribe<string>("catalog", Load, seen.Add);
        await seen.WaitForAsync(1);

        subscription.Dispose();
        Assert.Equal(1, _live.ActiveFeeds);
        _clock.Advance(_live.Linger);
        await EventuallyAsync(() => _live.ActiveFeeds == 0);
        var loads = _loads;
        _clock.Advance(Interval * 10);

        Assert.Equal(loads, _loads);
        Assert.Single(seen.States);
    }

    [Fact]
    public async Task Subscribe_WithinTheLinger_JoinsTheRunningFeedWithoutALoad()
    {
        var first = new Updates();
        var leaving = _live.Subscribe<string>("catalog", Load, first.Add);
        await first.WaitForAsync(1);
        leaving.Dispose();

        // A reload, or a prerendered page becoming interactive: the next subscriber arrives within the linger.
        _clock.Advance(TimeSpan.FromSeconds(1));
        var next = new Updates();
        using var subscription = _live.Subscribe<string>("catalog", Load, next.Add);

        Assert.Equal("load 1", Assert.Single(next.States).Value);
        Assert.Equal(1, _loads);

        // Past the linger, the feed goes on polling for its new subscriber.
        _clock.Advance(Interval);
        await next.WaitForAsync(2);
        _clock.Advance(Interval);
        await next.WaitForAsync(3);
        Assert.Equal(1, _live.ActiveFeeds);
    }

    [Fact]
    public void Linger_IsAtMostOnePollAndAtMostTenSeconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), new LiveDataOptions(TimeSpan.FromSeconds(5)).Linger);
        Assert.Equal(LiveDataOptions.MaxLinger, new LiveDataOptions(TimeSpan.FromSeconds(30)).Linger);
    }

    [Fact]
    public async Task Refresh_PollsNowForEverySubscriber()
    {
        var seen = new Updates();
        using var subscription = _live.Subscribe<string>("catalog", Load, seen.Add);
        await seen.WaitForAsync(1);

        await _live.RefreshAsync("catalog");

        Assert.Equal("load 2", seen.States[^1].Value);
    }

    [Fact]
    public async Task Subscribe_LoaderReportsProgress_SubscribersSeePartialValuesOnlyBeforeTheFirstCompleteOne()
    {
        var seen = new Updates();
        using var subscription = _live.Subscribe<string>(
            "catalog",
            async (progress, ct) =>
            {
                progress("names");
                return await Load(ct);
            },
            seen.Add);
        await seen.WaitForAsync(2);

        _clock.Advance(Interval);
        await seen.WaitForAsync(3);

        Assert.Equal([("names", true), ("load 1", false), ("load 2", false)], seen.States.Select(s => (s.Value, s.IsPartial)));
    }

    [Fact]
    public async Task Subscribe_SameKeyOtherType_Throws()
    {
        using var subscription = _live.Subscribe<string>("catalog", Load, _ => { });

        var error = Assert.Throws<InvalidOperationException>(() => _live.Subscribe<object>("catalog", _ => Task.FromResult(new object()), _ => { }));

        Assert.Contains("'catalog'", error.Message, StringComparison.Ordinal);
        await _live.RefreshAsync("catalog");
    }

    [Fact]
    public async Task Subscriber_Throws_OtherSubscribersStillHearOfUpdates()
    {
        var seen = new Updates();
        using var broken = _live.Subscribe<string>("catalog", Load, _ => throw new InvalidOperationException("page is gone"));
        using var working = _live.Subscribe<string>("catalog", Load, seen.Add);
        await seen.WaitForAsync(1);

        _clock.Advance(Interval);
        await seen.WaitForAsync(2);

        Assert.Equal("load 2", seen.States[^1].Value);
    }

    /// <summary>Waits for work that a clock advance set off on the thread pool, without sleeping through a fixed time.</summary>
    private static async Task EventuallyAsync(Func<bool> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Yield();
            await Task.Delay(TimeSpan.FromMilliseconds(10), timeout.Token);
        }
    }

    private static AwsThrottlingException Throttled() => new(new AwsErrorDetails(
        "Glue", "ListWorkflows", "ThrottlingException", "Rate exceeded", "req-1", System.Net.HttpStatusCode.BadRequest, Amazon.Runtime.ErrorType.Sender));

    public async ValueTask DisposeAsync() => await _live.StopAsync();

    /// <summary>Collects the states a subscriber saw, and lets a test wait for the n-th without sleeping.</summary>
    private sealed class Updates
    {
        private readonly Lock _lock = new();
        private readonly List<LiveState<string>> _states = [];
        private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];

        public IReadOnlyList<LiveState<string>> States
        {
            get
            {
                lock (_lock)
                {
                    return [.. _states];
                }
            }
        }

        public void Add(LiveState<string> state)
        {
            lock (_lock)
            {
                _states.Add(state);
                foreach (var waiter in _waiters.Where(w => _states.Count >= w.Count))
                {
                    waiter.Done.TrySetResult();
                }
            }
        }

        public Task WaitForAsync(int count)
        {
            lock (_lock)
            {
                if (_states.Count >= count)
                {
                    return Task.CompletedTask;
                }

                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((count, done));
                return done.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            }
        }
    }
}
