namespace LocalCloud.Glue.DataPlane;

/// <summary>
/// The data plane's work in flight (conversions, crawls), so that tests on a fake clock can wait for it to settle
/// instead of sleeping, and so that nothing runs unobserved: each piece reports its own outcome to the run it belongs to.
/// </summary>
public sealed class BackgroundWork
{
    private readonly Lock _gate = new();
    private readonly List<Task> _running = [];

    /// <summary>Starts <paramref name="work"/> and tracks it until it ends.</summary>
    public Task Start(Func<Task> work)
    {
        var task = Task.Run(work);
        lock (_gate)
        {
            _running.Add(task);
        }

        _ = task.ContinueWith(done => { lock (_gate) { _running.Remove(done); } }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task;
    }

    /// <summary>
    /// Runs <paramref name="work"/> to its end on the calling thread's behalf: used from timer callbacks, so that a
    /// clock that fires timers one by one (a fake clock in tests, stepping through a run) sees each job finish, and
    /// the crawler after it start, at the time it fired. The work must not need a lock its caller holds.
    /// </summary>
    public void RunToEnd(Func<Task> work) => Start(work).GetAwaiter().GetResult();

    /// <summary>Completes when no work is running, including work that running work started.</summary>
    public async Task WhenIdleAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task[] running;
            lock (_gate)
            {
                running = [.. _running.Where(t => !t.IsCompleted)];
            }

            if (running.Length == 0)
            {
                return;
            }

            await Task.WhenAll(running).WaitAsync(cancellationToken);
        }
    }
}
