namespace Dashboard.Live;

/// <summary>Pause and resume, whatever a feed carries: one page control can drive several feeds.</summary>
public interface ILiveFeedControl : IDisposable
{
    bool Paused { get; }

    void Pause();

    void Resume();

    Task RefreshAsync();

    /// <summary>Pauses or resumes: what a page's pause control asks for.</summary>
    void SetPaused(bool paused);
}

/// <summary>
/// One page's view of a <see cref="LiveData"/> feed: the state to render, and pause and resume. Pausing leaves the
/// feed, so a paused tab costs AWS nothing; resuming shows the feed's current value at once.
/// </summary>
public sealed class LiveFeed<T> : ILiveFeedControl
    where T : class
{
    private readonly LiveData _live;
    private readonly Func<Action<T>, CancellationToken, Task<T>> _load;
    private readonly Func<Task> _changed;
    private readonly TaskCompletionSource _firstUpdate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IDisposable? _subscription;
    private bool _disposed;

    /// <summary>Makes a paused view; <paramref name="changed"/> runs after each update, off the renderer: pass <c>() =&gt; InvokeAsync(StateHasChanged)</c>.</summary>
    public LiveFeed(LiveData live, string key, Func<CancellationToken, Task<T>> load, Func<Task> changed)
        : this(live, key, (_, ct) => load(ct), changed)
    {
    }

    /// <summary>Makes a paused view of a feed whose first load reports partial values.</summary>
    public LiveFeed(LiveData live, string key, Func<Action<T>, CancellationToken, Task<T>> load, Func<Task> changed)
    {
        _live = live;
        Key = key;
        _load = load;
        _changed = changed;
    }

    public string Key { get; }

    public LiveState<T> State { get; private set; } = new();

    public bool Paused => _subscription is null;

    /// <summary>Completes at the first state with something to show: a value, partial or whole, or an error.</summary>
    public Task FirstUpdate => _firstUpdate.Task;

    /// <summary>Starts or resumes listening.</summary>
    public void Resume() => _subscription ??= _live.Subscribe(Key, _load, OnUpdate);

    public void Pause()
    {
        _subscription?.Dispose();
        _subscription = null;
    }

    public void SetPaused(bool paused)
    {
        if (paused)
        {
            Pause();
        }
        else
        {
            Resume();
        }
    }

    /// <summary>Polls now, for every page on this feed.</summary>
    public Task RefreshAsync() => Paused ? Task.CompletedTask : _live.RefreshAsync(Key);

    public void Dispose()
    {
        _disposed = true;
        Pause();
        _firstUpdate.TrySetResult(); // a page still waiting for it goes on, and renders nothing
    }

    private void OnUpdate(LiveState<T> state)
    {
        if (_disposed)
        {
            return; // the page is gone; an update was already on its way
        }

        State = state;
        _firstUpdate.TrySetResult();
        _ = _changed();
    }
}
