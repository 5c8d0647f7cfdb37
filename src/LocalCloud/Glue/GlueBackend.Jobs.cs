using LocalCloud.Protocol;

namespace LocalCloud.Glue;

public sealed partial class GlueBackend
{
    private static readonly TimeSpan DefaultJobDuration = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan DefaultCrawlDuration = TimeSpan.FromSeconds(60);

    private NameResponse CreateJob(RequestContext context, CreateJobRequest request)
    {
        var name = Required(request.Name, "Name");
        Required(request.Role, "Role");
        if (request.Command?.ScriptLocation is null && request.Command?.Name is null)
        {
            throw AwsServiceException.InvalidInput("Command is required.");
        }

        var state = State(context);
        return Locked(state, () =>
        {
            if (state.Jobs.ContainsKey(name))
            {
                throw new AwsServiceException("IdempotentParameterMismatchException", $"Job {name} already exists with a different definition.");
            }

            var now = _time.GetUtcNow();
            var defaultArguments = request.DefaultArguments is null ? null : new Dictionary<string, string>(request.DefaultArguments);
            foreach (var (key, value) in request.Tags ?? [])
            {
                // Tags may carry the simulation settings too, like crawlers.
                if (key is Simulation.CrawlerOutcomeTag or Simulation.CrawlerDurationTag)
                {
                    defaultArguments ??= [];
                    defaultArguments.TryAdd(key == Simulation.CrawlerOutcomeTag ? Simulation.OutcomeKey : Simulation.DurationKey, value);
                }
            }

            state.Jobs[name] = new JobEntity(new Job(
                name,
                request.Description,
                request.Role,
                now,
                now,
                request.ExecutionProperty ?? new ExecutionProperty(1),
                request.Command,
                defaultArguments,
                request.MaxRetries ?? 0,
                request.Timeout ?? 2880,
                request.MaxCapacity,
                request.WorkerType,
                request.NumberOfWorkers,
                request.GlueVersion ?? "4.0"));
            return new NameResponse(name);
        });
    }

    private GetJobResponse GetJob(RequestContext context, GetJobRequest request)
    {
        var state = State(context);
        return Locked(state, () => new GetJobResponse(JobOf(state, request.JobName).Definition));
    }

    private BatchGetJobsResponse BatchGetJobs(RequestContext context, BatchGetJobsRequest request)
    {
        var names = request.JobNames ?? throw AwsServiceException.InvalidInput("JobNames is required.");
        var state = State(context);
        return Locked(state, () => new BatchGetJobsResponse(
            names.Distinct(StringComparer.Ordinal).Where(state.Jobs.ContainsKey).Select(n => state.Jobs[n].Definition).ToList(),
            names.Where(n => !state.Jobs.ContainsKey(n)).Distinct(StringComparer.Ordinal).ToList()));
    }

    private StartJobRunResponse StartJobRun(RequestContext context, StartJobRunRequest request)
    {
        var state = State(context);
        return Locked(state, () =>
        {
            var job = JobOf(state, request.JobName);
            var run = StartJob(state, job, request.Arguments, triggerName: null, workflowRun: null);
            return new StartJobRunResponse(run.Id);
        });
    }

    private GetJobRunResponse GetJobRun(RequestContext context, GetJobRunRequest request)
    {
        var state = State(context);
        return Locked(state, () =>
        {
            var job = JobOf(state, request.JobName);
            var run = job.Runs.FirstOrDefault(r => r.Id == request.RunId) ?? throw NotFound($"Job run {request.RunId}");
            return new GetJobRunResponse(ProjectJobRun(state, run));
        });
    }

    private GetJobRunsResponse GetJobRuns(RequestContext context, GetJobRunsRequest request)
    {
        var state = State(context);
        var runs = Locked(state, () =>
        {
            var job = JobOf(state, request.JobName);
            return Enumerable.Reverse(job.Runs).Select(r => ProjectJobRun(state, r)).ToList();
        });
        var (page, next) = Pagination.Page(runs, request.NextToken, request.MaxResults, 100, 200);
        return new GetJobRunsResponse(page, next);
    }

    private Empty CreateCrawler(RequestContext context, CreateCrawlerRequest request)
    {
        var name = Required(request.Name, "Name");
        Required(request.Role, "Role");
        var state = State(context);
        return Locked(state, () =>
        {
            if (state.Crawlers.ContainsKey(name))
            {
                throw new AwsServiceException("AlreadyExistsException", $"{name} already exists");
            }

            var now = _time.GetUtcNow();
            state.Crawlers[name] = new CrawlerEntity(
                new Crawler(name, request.Role, request.Targets, request.DatabaseName, request.Description, "READY", now, now, null,
                    request.Schedule is null ? null : new CrawlerSchedule(request.Schedule, "SCHEDULED")),
                request.Tags ?? []);
            return new Empty();
        });
    }

    private GetCrawlerResponse GetCrawler(RequestContext context, GetCrawlerRequest request)
    {
        var state = State(context);
        return Locked(state, () => new GetCrawlerResponse(CrawlerOf(state, request.Name).Definition));
    }

    private BatchGetCrawlersResponse BatchGetCrawlers(RequestContext context, BatchGetCrawlersRequest request)
    {
        var names = request.CrawlerNames ?? throw AwsServiceException.InvalidInput("CrawlerNames is required.");
        var state = State(context);
        return Locked(state, () => new BatchGetCrawlersResponse(
            names.Distinct(StringComparer.Ordinal).Where(state.Crawlers.ContainsKey).Select(n => state.Crawlers[n].Definition).ToList(),
            names.Where(n => !state.Crawlers.ContainsKey(n)).Distinct(StringComparer.Ordinal).ToList()));
    }

    private Empty StartCrawler(RequestContext context, GetCrawlerRequest request)
    {
        var state = State(context);
        return Locked(state, () =>
        {
            var crawler = CrawlerOf(state, request.Name);
            if (crawler.Definition.State != "READY")
            {
                throw new AwsServiceException("CrawlerRunningException", $"Crawler with name {crawler.Definition.Name} has already started");
            }

            StartCrawl(state, crawler, triggerName: null, workflowRun: null);
            return new Empty();
        });
    }

    private static JobEntity JobOf(GlueState state, string? name) =>
        state.Jobs.GetValueOrDefault(Required(name, "JobName")) ?? throw NotFound($"Job {name}");

    private static CrawlerEntity CrawlerOf(GlueState state, string? name) =>
        state.Crawlers.GetValueOrDefault(Required(name, "Name")) ?? throw NotFound($"Crawler {name}");

    /// <summary>Starts a simulated job run; it ends on the clock with the outcome its arguments ask for.</summary>
    private ActionRun StartJob(GlueState state, JobEntity job, Dictionary<string, string>? arguments, string? triggerName, RunEntity? workflowRun)
    {
        var limit = job.Definition.ExecutionProperty.MaxConcurrentRuns ?? 1;
        if (job.Runs.Count(r => r.State == ActionState.Running) >= limit)
        {
            if (workflowRun is null)
            {
                throw new AwsServiceException("ConcurrentRunsExceededException", $"Concurrent runs exceeded for {job.Definition.Name}");
            }
        }

        var merged = new Dictionary<string, string>(job.Definition.DefaultArguments ?? [], StringComparer.Ordinal);
        foreach (var (key, value) in arguments ?? [])
        {
            merged[key] = value;
        }

        var now = _time.GetUtcNow();
        var run = new ActionRun(ActionRun.JobKind, job.Definition.Name, "jr_" + Guid.NewGuid().ToString("N"), triggerName, now)
        {
            Arguments = merged,
            TimeoutMinutes = job.Definition.Timeout,
            Run = workflowRun,
        };
        job.Runs.Add(run);
        workflowRun?.Actions.Add(run);

        var simulation = Simulation.From(merged, Simulation.OutcomeKey, Simulation.DurationKey, DefaultJobDuration);
        if (job.Runs.Count(r => r.State == ActionState.Running) > limit)
        {
            // A workflow's job over its own concurrency limit fails at once, as Glue reports it.
            Finish(state, run, ActionState.Failed, $"Concurrent runs exceeded for {job.Definition.Name}");
            return run;
        }

        var duration = simulation.Outcome == ActionState.Timeout ? TimeSpan.FromMinutes(Math.Min(run.TimeoutMinutes, simulation.Duration.TotalMinutes > 0 ? simulation.Duration.TotalMinutes : run.TimeoutMinutes)) : simulation.Duration;
        var message = simulation.Outcome switch
        {
            ActionState.Failed => simulation.ErrorMessage ?? "An error occurred while calling o93.pyWriteDynamicFrame. Simulated failure (--localcloud-outcome FAILED).",
            ActionState.Timeout => $"Job run timed out after {run.TimeoutMinutes} minutes (simulated).",
            _ => null,
        };
        if (simulation.Outcome == ActionState.Succeeded && TryScheduleConversion(state, run, duration))
        {
            return run;
        }

        Schedule(state, run, duration, simulation.Outcome, message);
        return run;
    }

    private ActionRun StartCrawl(GlueState state, CrawlerEntity crawler, string? triggerName, RunEntity? workflowRun)
    {
        var now = _time.GetUtcNow();
        var crawl = new ActionRun(ActionRun.CrawlerKind, crawler.Definition.Name, Guid.NewGuid().ToString(), triggerName, now) { Run = workflowRun };
        crawler.Crawls.Add(crawl);
        workflowRun?.Actions.Add(crawl);
        crawler.Definition = crawler.Definition with { State = "RUNNING" };

        var simulation = Simulation.From(crawler.Tags, Simulation.CrawlerOutcomeTag, Simulation.CrawlerDurationTag, DefaultCrawlDuration);
        var outcome = simulation.Outcome == ActionState.Succeeded ? ActionState.Succeeded : ActionState.Failed;
        if (outcome == ActionState.Succeeded && TryScheduleCrawl(state, crawler, crawl, simulation.Duration))
        {
            return crawl;
        }

        Schedule(state, crawl, simulation.Duration, outcome, outcome == ActionState.Failed ? simulation.ErrorMessage ?? "Internal Service Exception (simulated crawler failure)" : null);
        return crawl;
    }

    private void Schedule(GlueState state, ActionRun run, TimeSpan duration, string outcome, string? message)
    {
        if (duration <= TimeSpan.Zero)
        {
            Finish(state, run, outcome, message);
            return;
        }

        run.Due = new ScheduledEnd(_time.GetUtcNow() + duration, outcome, message);
        run.Timer = _time.CreateTimer(_ => { lock (state.Gate) { Finish(state, run, outcome, message); Persist(state); } }, null, duration, Timeout.InfiniteTimeSpan);
    }

    private static JobRun ProjectJobRun(GlueState state, ActionRun run)
    {
        var end = run.CompletedOn;
        var seconds = end is { } completed ? (int)Math.Round((completed - run.StartedOn).TotalSeconds) : 0;
        var job = state.Jobs.GetValueOrDefault(run.Name)?.Definition;
        return new JobRun(
            run.Id,
            0,
            run.TriggerName,
            run.Name,
            run.StartedOn,
            end ?? run.StartedOn,
            end,
            run.State,
            run.Arguments,
            run.ErrorMessage,
            seconds,
            run.TimeoutMinutes,
            job?.MaxCapacity ?? 10,
            job?.GlueVersion ?? "4.0",
            end is null ? null : seconds * (job?.MaxCapacity ?? 10));
    }

    private static Crawl ProjectCrawl(ActionRun crawl) => new(
        crawl.State switch
        {
            ActionState.Succeeded => "SUCCEEDED",
            ActionState.Stopped => "CANCELLED",
            ActionState.Running => "RUNNING",
            _ => "FAILED",
        },
        crawl.StartedOn,
        crawl.CompletedOn,
        crawl.ErrorMessage,
        "/aws-glue/crawlers",
        crawl.Name);
}
