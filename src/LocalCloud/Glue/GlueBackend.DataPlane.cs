using LocalCloud.Glue.DataPlane;
using LocalCloud.Protocol;

namespace LocalCloud.Glue;

/// <summary>
/// Jobs and crawlers that do real work on LocalCloud's S3: the JSON → Parquet converter (<see cref="JsonToParquetJob"/>)
/// and the Parquet crawler (<see cref="ParquetCrawler"/>). Their timing still follows the simulation; the work runs
/// when the simulated time is up, outside Glue's lock, and the action turns SUCCEEDED or FAILED only once it is done,
/// so its output is there whenever the run shows it succeeded.
/// </summary>
public sealed partial class GlueBackend
{
    private readonly IObjectStore? _objects;

    /// <summary>Conversions and crawls in flight; tests on a fake clock wait on it instead of sleeping.</summary>
    public BackgroundWork DataPlaneWork { get; } = new();

    /// <summary>Schedules a converter job run's work; false when the run's arguments do not ask for the converter.</summary>
    private bool TryScheduleConversion(GlueState state, ActionRun run, TimeSpan duration)
    {
        var job = JsonToParquetJob.Recognize(run.Arguments, out var problem);
        if (job is null && problem is null)
        {
            return false;
        }

        AtEndOf(run, duration, () => ConvertAsync(state, run, job, problem));
        return true;
    }

    /// <summary>Schedules a crawl's work; false when the crawl stays simulated (no S3 here, no S3 target, or a simulated failure).</summary>
    private bool TryScheduleCrawl(GlueState state, CrawlerEntity crawler, ActionRun crawl, TimeSpan duration)
    {
        if (_objects is null || crawler.Definition.Targets?.S3Targets is not { Count: > 0 })
        {
            return false;
        }

        var definition = crawler.Definition;
        AtEndOf(crawl, duration, () => CrawlAsync(state, definition, crawl));
        return true;
    }

    /// <summary>
    /// Runs the work when the simulated time is up. The timer's callback waits for it (it holds no Glue lock), so the
    /// action ends at the moment its time is up, on a real clock and on a fake one alike. Zero-length actions start
    /// inside Glue's lock, so their work runs in the background instead.
    /// </summary>
    private void AtEndOf(ActionRun run, TimeSpan duration, Func<Task> work)
    {
        if (duration <= TimeSpan.Zero)
        {
            _ = DataPlaneWork.Start(work);
            return;
        }

        run.Timer = _time.CreateTimer(_ => DataPlaneWork.RunToEnd(work), null, duration, Timeout.InfiniteTimeSpan);
    }

    private async Task ConvertAsync(GlueState state, ActionRun run, JsonToParquetJob? job, string? problem)
    {
        IReadOnlyList<string>? events;
        lock (state.Gate)
        {
            if (ActionState.IsFinal(run.State))
            {
                return;
            }

            events = run.Run is { } workflowRun ? JsonToParquetJob.EventBodiesOf(workflowRun.Properties, workflowRun.EventBodies) : null;
        }

        var (outcome, message) = (ActionState.Succeeded, problem);
        if (job is null || _objects is null)
        {
            outcome = ActionState.Failed;
            message ??= "This LocalCloud Glue has no S3 to read from (it was built without an IObjectStore).";
        }
        else
        {
            try
            {
                var written = await job.RunAsync(_objects, state.Account, state.Region, run.Id, events, CancellationToken.None);
                _logger.LogInformation("Job run {Run} of {Job} wrote {Output}.", run.Id, run.Name, written ?? "nothing (no input objects)");
            }
            catch (JsonInputException error)
            {
                (outcome, message) = (ActionState.Failed, error.Message);
            }
            catch (AwsServiceException error)
            {
                (outcome, message) = (ActionState.Failed, $"{error.Code}: {error.Message} (reading {job.Source} or writing {job.Target})");
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                _logger.LogError(error, "Job run {Run} of {Job} failed unexpectedly.", run.Id, run.Name);
                (outcome, message) = (ActionState.Failed, $"{error.GetType().Name}: {error.Message}");
            }
        }

        lock (state.Gate)
        {
            Finish(state, run, outcome, message);
        }
    }

    private async Task CrawlAsync(GlueState state, Crawler crawler, ActionRun crawl)
    {
        var (outcome, message) = (ActionState.Succeeded, (string?)null);
        try
        {
            var tables = await ParquetCrawler.RunAsync(_objects!, CatalogOf(state.Account, state.Region), state.Region, crawler, _time.GetUtcNow, CancellationToken.None);
            _logger.LogInformation("Crawl of {Crawler} wrote tables {Tables}.", crawler.Name, string.Join(", ", tables));
        }
        catch (AwsServiceException error)
        {
            (outcome, message) = (ActionState.Failed, $"{error.Code}: {error.Message}");
        }
        catch (Exception error) when (error is InvalidOperationException or IOException or InvalidDataException)
        {
            (outcome, message) = (ActionState.Failed, error.Message);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            _logger.LogError(error, "Crawl of {Crawler} failed unexpectedly.", crawler.Name);
            (outcome, message) = (ActionState.Failed, $"{error.GetType().Name}: {error.Message}");
        }

        lock (state.Gate)
        {
            Finish(state, crawl, outcome, message);
        }
    }

    /// <summary>
    /// Writes what past runs of a converter job and its crawler left behind, for the demo's history: the job's Parquet
    /// for every object under its source (as <c>part-&lt;outputRunId&gt;.parquet</c>), then the crawler's table. Like
    /// <see cref="RecordPastRun"/>, this is not an AWS API: the clock cannot go back to run them.
    /// </summary>
    public async Task RecordPastOutputAsync(string account, string region, string jobName, string crawlerName, string outputRunId, CancellationToken cancellationToken)
    {
        var objects = _objects ?? throw new InvalidOperationException("This Glue has no S3 (IObjectStore) to write past output to.");
        var state = State(account, region);
        Job job;
        Crawler crawler;
        lock (state.Gate)
        {
            job = JobOf(state, jobName).Definition;
            crawler = CrawlerOf(state, crawlerName).Definition;
        }

        var converter = JsonToParquetJob.Recognize(job.DefaultArguments, out var problem)
            ?? throw new InvalidOperationException(problem ?? $"Job {jobName} is not a {JsonToParquetJob.TypeValue} job.");
        await converter.RunAsync(objects, account, region, outputRunId, eventBodies: null, cancellationToken);
        await ParquetCrawler.RunAsync(objects, CatalogOf(account, region), region, crawler, _time.GetUtcNow, cancellationToken);
    }
}
