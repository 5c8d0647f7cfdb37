using Dashboard.Cloud;

namespace Dashboard.Live;

/// <summary>
/// The one owner of live data. Pages subscribe to a feed by key; the feed polls while anyone listens and stops a short
/// <see cref="Linger"/> after the last subscriber leaves, so a reloaded page, or a prerendered page that becomes
/// interactive, joins the running feed instead of starting its load again. Subscribers to the same key share one
/// poll, so twenty tabs on a page cost AWS what one tab costs. A feed that fails keeps its last value and reports the
/// error, so pages show stale data with a banner instead of an empty page.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "StopAsync disposes it; the environment that owns the instance calls it.")]
public sealed class LiveData(TimeProvider time, LiveDataOptions options, ILogger<LiveData> logger)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, IFeed> _feeds = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _disposing = new();
    private readonly TimeProvider _time = time;
    private readonly ILogger _logger = logger;
    private bool _disposed;

    /// <summary>How often each feed polls.</summary>
    public TimeSpan Interval { get; } = options.Interval;

    /// <summary>How long a feed keeps polling after its last subscriber leaves.</summary>
    public TimeSpan Linger { get; } = options.Linger;

    /// <summary>How many feeds are polling now, lingering ones included.</summary>
    public int ActiveFeeds
    {
        get
        {
            lock (_lock)
            {
                return _feeds.Count;
            }
        }
    }

    /// <summary>
    /// Subscribes to the feed <paramref name="key"/>. The first subscriber's <paramref name="load"/> is the feed's
    /// loader, so every loader for a key must read the same thing. <paramref name="onChange"/> is called with the
    /// current state at once when the feed has one, and after every poll; it must not block.
    /// </summary>
    public IDisposable Subscribe<T>(string key, Func<CancellationToken, Task<T>> load, Action<LiveState<T>> onChange)
        where T : class =>
        Subscribe<T>(key, (_, ct) => load(ct), onChange);

    /// <summary>
    /// Subscribes to a feed whose loader reports partial values as it goes, such as names before details. Partial
    /// values reach subscribers only until the feed has a complete one: later polls replace a complete value with
    /// the next complete value, so rows never flicker back to half-loaded.
    /// </summary>
    public IDisposable Subscribe<T>(string key, Func<Action<T>, CancellationToken, Task<T>> load, Action<LiveState<T>> onChange)
        where T : class
    {
        Feed<T> feed;
        LiveState<T> current;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_feeds.TryGetValue(key, out var existing))
            {
                feed = existing as Feed<T>
                    ?? throw new InvalidOperationException($"The live feed '{key}' carries {existing.ValueType.Name}, not {typeof(T).Name}.");
            }
            else
            {
                feed = new Feed<T>(this, key, load);
                _feeds.Add(key, feed);
            }

            current = feed.Add(onChange);
        }

        if (!current.IsLoading)
        {
            feed.Notify(onChange, current);
        }

        return new Subscription(() => Unsubscribe(key, feed, onChange));
    }

    /// <summary>Polls the feed <paramref name="key"/> now, if anyone listens, and waits for the result.</summary>
    public Task RefreshAsync(string key)
    {
        IFeed? feed;
        lock (_lock)
        {
            feed = _feeds.GetValueOrDefault(key);
        }

        return feed?.PollAsync() ?? Task.CompletedTask;
    }

    /// <summary>
    /// Stops every feed; later subscriptions fail. Its owner calls it (the environment, when the app stops): it is no
    /// <see cref="IAsyncDisposable"/>, so that no circuit's scope that was handed it could dispose it.
    /// </summary>
    public async ValueTask StopAsync()
    {
        IFeed[] feeds;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            feeds = [.. _feeds.Values];
            _feeds.Clear();
        }

        await _disposing.CancelAsync();
        foreach (var feed in feeds)
        {
            await feed.StopAsync();
        }

        _disposing.Dispose();
    }

    private void Unsubscribe<T>(string key, Feed<T> feed, Action<LiveState<T>> onChange)
        where T : class
    {
        long idle;
        lock (_lock)
        {
            if (_disposed || !feed.Remove(onChange, out idle))
            {
                return;
            }
        }

        _ = StopIfStillIdleAsync(key, feed, idle);
    }

    /// <summary>Stops the feed after the linger, unless someone subscribed in the meantime.</summary>
    private async Task StopIfStillIdleAsync(string key, IFeed feed, long idle)
    {
        try
        {
            await Task.Delay(Linger, _time, _disposing.Token);
        }
        catch (OperationCanceledException)
        {
            return; // stopping: StopAsync stops every feed
        }

        lock (_lock)
        {
            // Under the owner's lock, so that a feed is either found by the next subscriber or gone, never both.
            if (!feed.IsIdleSince(idle) || !ReferenceEquals(_feeds.GetValueOrDefault(key), feed))
            {
                return;
            }

            _feeds.Remove(key);
        }

        await feed.StopAsync();
    }

    private interface IFeed
    {
        Type ValueType { get; }

        /// <summary>True when nobody has subscribed since the feed went idle for the <paramref name="idle"/>-th time.</summary>
        bool IsIdleSince(long idle);

        Task PollAsync();

        Task StopAsync();
    }

    private sealed class Feed<T>(LiveData owner, string key, Func<Action<T>, CancellationToken, Task<T>> load) : IFeed, IDisposable
        where T : class
    {
        private readonly Lock _lock = new();
        private readonly List<Action<LiveState<T>>> _subscribers = [];
        private readonly CancellationTokenSource _stop = new();
        private LiveState<T> _state = new();
        private bool _stopped;
        private long _idle;
        private Task? _loop;
        private Task? _poll;

        public Type ValueType => typeof(T);

        /// <summary>Adds a subscriber and starts polling if it is the first; returns the state to show now.</summary>
        public LiveState<T> Add(Action<LiveState<T>> onChange)
        {
            lock (_lock)
            {
                _subscribers.Add(onChange);
                _loop ??= RunAsync();
                return _state;
            }
        }

        /// <summary>Removes a subscriber; true when it was the last, with the count of times the feed went idle.</summary>
        public bool Remove(Action<LiveState<T>> onChange, out long idle)
        {
            lock (_lock)
            {
                _subscribers.Remove(onChange);
                idle = _subscribers.Count == 0 ? ++_idle : _idle;
                return _subscribers.Count == 0;
            }
        }

        public bool IsIdleSince(long idle)
        {
            lock (_lock)
            {
                return _subscribers.Count == 0 && _idle == idle;
            }
        }

        public Task PollAsync()
        {
            lock (_lock)
            {
                if (_stopped)
                {
                    return Task.CompletedTask;
                }

                // One poll at a time: a refresh that arrives during a poll waits for that poll instead of sending another.
                if (_poll is null || _poll.IsCompleted)
                {
                    _poll = LoadAsync();
                }

                return _poll;
            }
        }

        public async Task StopAsync()
        {
            Task? loop, poll;
            lock (_lock)
            {
                _stopped = true;
                loop = _loop;
                poll = _poll;
            }

            await _stop.CancelAsync();
            await (loop ?? Task.CompletedTask);
            await (poll ?? Task.CompletedTask);
            Dispose();
        }

        public void Dispose() => _stop.Dispose();

        private async Task RunAsync()
        {
            await Task.Yield();
            using var timer = new PeriodicTimer(owner.Interval, owner._time);
            try
            {
                do
                {
                    await PollAsync();
                }
                while (await timer.WaitForNextTickAsync(_stop.Token));
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // The last subscriber left.
            }
        }

        private async Task LoadAsync()
        {
            LiveState<T> next;
            try
            {
                var value = await load(ReportPartial, _stop.Token);
                next = new LiveState<T>(value, owner._time.GetUtcNow(), null, null);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                // The feed is stopping: nobody is left to tell.
                return;
            }
            catch (Exception error)
            {
                owner._logger.LogWarning(error, "Live feed {Feed} failed; its subscribers keep the last value.", key);
                lock (_lock)
                {
                    next = _state with { Error = AwsErrorText.Explain(error), FailedAt = owner._time.GetUtcNow() };
                }
            }

            Action<LiveState<T>>[] subscribers;
            lock (_lock)
            {
                _state = next;
                subscribers = [.. _subscribers];
            }

            foreach (var subscriber in subscribers)
            {
                Notify(subscriber, next);
            }
        }

        private void ReportPartial(T value)
        {
            LiveState<T> partial;
            Action<LiveState<T>>[] subscribers;
            lock (_lock)
            {
                if (_state.Value is not null && !_state.IsPartial)
                {
                    return;
                }

                _state = partial = new LiveState<T>(value, owner._time.GetUtcNow(), null, null, IsPartial: true);
                subscribers = [.. _subscribers];
            }

            foreach (var subscriber in subscribers)
            {
                Notify(subscriber, partial);
            }
        }

        public void Notify(Action<LiveState<T>> subscriber, LiveState<T> state)
        {
            try
            {
                subscriber(state);
            }
            catch (Exception error)
            {
                // One broken page must not stop the feed for the others.
                owner._logger.LogError(error, "A subscriber of live feed {Feed} failed.", key);
            }
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}
