using System.Globalization;
using Amazon.Runtime;
using Dashboard.Aws.CloudWatch;
using Dashboard.Aws.EventBridge;
using Dashboard.Aws.Glue;
using Dashboard.Aws.Protocol;
using Dashboard.Batching.WhatIf;
using Dashboard.Cloud;
using Dashboard.Configuration;
using Dashboard.Metrics;
using Dashboard.Workflows;
using LocalCloud;
using LocalCloud.Hosting;
using LocalCloud.Iam;
using LocalCloud.Protocol;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Lc = LocalCloud.Glue;
using LcEvents = LocalCloud.EventBridge;

namespace Dashboard.Tests.Batching.WhatIf.Validation;

/// <summary>What is replayed: a workflow whose EVENT trigger has <see cref="Setting"/>, and whose one job runs for <see cref="RunDuration"/>.</summary>
/// <param name="Workflow">The workflow's name.</param>
/// <param name="Setting">The trigger's batching.</param>
/// <param name="MaxConcurrentRuns">The workflow's limit; null for none.</param>
/// <param name="RunDuration">How long each run's job takes (whole seconds: LocalCloud's job argument is in seconds).</param>
public sealed record ReplayCase(string Workflow, BatchingSetting Setting, int? MaxConcurrentRuns, TimeSpan RunDuration)
{
    public RunCapacity Capacity => new(MaxConcurrentRuns, RunDuration);
}

/// <summary>One run LocalCloud started (or refused), as <c>GetWorkflowRuns</c> reports it.</summary>
public sealed record ReplayedRun(string RunId, DateTimeOffset StartedOn, bool Refused, IReadOnlyList<string> EventIds);

/// <summary>
/// What LocalCloud's real batcher did with a stream: its runs, and each event's wait from arrival to the start of the
/// run that carried it (null when that run was refused, since the event never ran).
/// </summary>
public sealed class ReplayOutcome
{
    public ReplayOutcome(ArrivalStream arrivals, IReadOnlyList<string> eventIds, IReadOnlyList<ReplayedRun> runs)
    {
        Arrivals = arrivals;
        EventIds = eventIds;
        Runs = runs;
        var indexOf = new Dictionary<string, int>(eventIds.Count, StringComparer.Ordinal);
        for (var i = 0; i < eventIds.Count; i++)
        {
            indexOf.Add(eventIds[i], i);
        }

        var waits = new TimeSpan?[arrivals.Count];
        var carriedBy = new int[arrivals.Count];
        foreach (var run in runs)
        {
            foreach (var id in run.EventIds)
            {
                var i = indexOf.TryGetValue(id, out var found) ? found : throw new InvalidOperationException($"Run {run.RunId} carries event {id}, which was never put.");
                carriedBy[i]++;
                waits[i] = run.Refused ? null : run.StartedOn - arrivals[i];
            }
        }

        EventsNotInExactlyOneRun = carriedBy.Count(c => c != 1);
        Waits = waits;
        var accepted = waits.OfType<TimeSpan>().Select(w => w.Ticks).Order().ToArray();
        MeanWait = accepted.Length == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(accepted.Sum() / accepted.Length);
        P95Wait = accepted.Length == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(accepted[Math.Max(0, ((accepted.Length * 95) + 99) / 100 - 1)]);
    }

    public ArrivalStream Arrivals { get; }

    /// <summary>The id PutEvents returned for each arrival, in the stream's order.</summary>
    public IReadOnlyList<string> EventIds { get; }

    public IReadOnlyList<ReplayedRun> Runs { get; }

    public long AcceptedRuns => Runs.Count(r => !r.Refused);

    public long RefusedRuns => Runs.Count(r => r.Refused);

    /// <summary>Per arrival, its wait; null when its run was refused.</summary>
    public IReadOnlyList<TimeSpan?> Waits { get; }

    /// <summary>Events that no run carried, or more than one did; 0 when LocalCloud accounted for every event once.</summary>
    public int EventsNotInExactlyOneRun { get; }

    /// <summary>Mean wait of the events that ran (truncated to the tick, as the simulator's is).</summary>
    public TimeSpan MeanWait { get; }

    /// <summary>Nearest-rank 95th percentile wait of the events that ran.</summary>
    public TimeSpan P95Wait { get; }
}

/// <summary>
/// LocalCloud in process on a fake clock, set up as a user would wire an event-driven workflow: a role EventBridge may
/// assume to call <c>glue:notifyEvent</c>, a workflow with an EVENT trigger and one job of fixed duration, and a rule on
/// the default bus that targets it. <see cref="ReplayAsync"/> puts one event per arrival at its exact instant; the
/// dashboard's own services then read the result over the wire (<see cref="LoadTuningAsync"/>).
/// <para>
/// The clock never steps past an instant at which LocalCloud may have a timer due. FakeTimeProvider sets the final time
/// before it fires due timers, so a run started by a window timer would otherwise start, and schedule its job's end,
/// at the step's end. Every due instant is an arrival plus zero, one window, one run duration, or both; the replay
/// visits each of those instants in order, so each timer fires at exactly its due time.
/// </para>
/// </summary>
public sealed class LocalCloudReplay : IAsyncDisposable
{
    public const string Account = "000000000000";
    public const string Region = "us-east-1";
    private const string Source = "localcloud.validation";
    private const string RoleName = "validation-notify-workflows";

    private readonly LocalCloudHost _cloud;
    private readonly ServiceProvider _cacheServices;
    private readonly GlueClient _glue;
    private readonly EventBridgeClient _events;
    private readonly CloudWatchClient _cloudWatch;
    private bool _roleCreated;

    private LocalCloudReplay(LocalCloudHost cloud, FakeTimeProvider clock)
    {
        _cloud = cloud;
        Clock = clock;
        var credentials = new BasicAWSCredentials("test", "test");
        _glue = new GlueClient(credentials, Config(GlueClient.Spec, cloud.Endpoint));
        _events = new EventBridgeClient(credentials, Config(EventBridgeClient.Spec, cloud.Endpoint));
        _cloudWatch = new CloudWatchClient(credentials, Config(CloudWatchClient.Spec, cloud.Endpoint));
        _cacheServices = new ServiceCollection().AddHybridCache().Services.BuildServiceProvider();
    }

    public FakeTimeProvider Clock { get; }

    /// <summary>Starts LocalCloud without the demo or synthetic traffic, its clock at <paramref name="start"/>.</summary>
    public static async Task<LocalCloudReplay> StartAsync(DateTimeOffset start, CancellationToken cancellationToken)
    {
        var clock = new FakeTimeProvider(start);
        var cloud = await LocalCloudHost.StartAsync(new LocalCloudSettings { Port = 0, SeedDemo = false, SyntheticTraffic = false }, clock, cancellationToken);
        return new LocalCloudReplay(cloud, clock);
    }

    /// <summary>
    /// Creates the case's workflow, job, trigger, role and rule, then puts one event at each arrival, in order, and lets
    /// every window and run end; returns LocalCloud's runs as <c>GetWorkflowRuns</c> reads them.
    /// </summary>
    /// <exception cref="InvalidOperationException">The clock is already past the first arrival, or PutEvents refused an event.</exception>
    public async Task<ReplayOutcome> ReplayAsync(ReplayCase replay, ArrivalStream arrivals, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replay);
        ArgumentNullException.ThrowIfNull(arrivals);
        if (arrivals.Count > 0 && arrivals[0] < Clock.GetUtcNow())
        {
            throw new InvalidOperationException($"The clock is at {Clock.GetUtcNow():O}, after the first arrival {arrivals[0]:O}.");
        }

        await CreateAsync(replay, cancellationToken);
        var put = _cloud.Services.GetRequiredService<LcEvents.EventBridgeBackend>().Operations.Get("PutEvents");
        var context = Context("events");
        var ids = new string[arrivals.Count];
        var next = 0;
        foreach (var instant in DueInstants(arrivals.Ticks, replay))
        {
            var now = Clock.GetUtcNow().UtcTicks;
            if (instant > now)
            {
                Clock.Advance(TimeSpan.FromTicks(instant - now));
            }

            for (; next < arrivals.Count && arrivals.Ticks[next] == instant; next++)
            {
                var entry = new LcEvents.PutEventsRequestEntry(null, Source, [], "Object Created", $$"""{"sequence":{{next.ToString(CultureInfo.InvariantCulture)}}}""", null, null);
                var response = (LcEvents.PutEventsResponse)await put.Invoke(context, new LcEvents.PutEventsRequest([entry], null), cancellationToken);
                ids[next] = response.Entries[0].EventId
                    ?? throw new InvalidOperationException($"PutEvents refused arrival {next}: {response.Entries[0].ErrorCode} {response.Entries[0].ErrorMessage}");
            }
        }

        // Past the last run's end, and into a new minute, so that the last minute of Invocations is a whole one.
        Clock.Advance(TimeSpan.FromMinutes(2));
        return new ReplayOutcome(arrivals, ids, await ReadRunsAsync(replay.Workflow, cancellationToken));
    }

    /// <summary>The workflow's tuning inputs, read by the dashboard's own services from LocalCloud's public APIs.</summary>
    public Task<TuningLookup> LoadTuningAsync(string workflow, CancellationToken cancellationToken)
    {
        var identity = new FixedIdentity(_cloud.Endpoint);
        var tuning = new WorkflowTuning(
            _glue,
            _events,
            new WorkflowDetails(_glue, _events, identity, Clock, NullLogger<WorkflowDetails>.Instance),
            new WorkflowRuns(_glue),
            new RuleMetrics(_cloudWatch, _cacheServices.GetRequiredService<HybridCache>(), Clock, NullLogger<RuleMetrics>.Instance),
            _cacheServices.GetRequiredService<HybridCache>(),
            Clock,
            NullLogger<WorkflowTuning>.Instance);
        return tuning.LoadAsync(workflow, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _glue.Dispose();
        _events.Dispose();
        _cloudWatch.Dispose();
        await _cacheServices.DisposeAsync();
        await _cloud.DisposeAsync();
    }

    /// <summary>Every instant at which an event arrives or a LocalCloud timer may be due, ascending and distinct.</summary>
    private static long[] DueInstants(ReadOnlySpan<long> arrivals, ReplayCase replay)
    {
        var window = replay.Setting.BatchWindow.Ticks;
        var duration = replay.RunDuration.Ticks;
        var instants = new long[arrivals.Length * 4];
        for (var i = 0; i < arrivals.Length; i++)
        {
            instants[4 * i] = arrivals[i];
            instants[(4 * i) + 1] = arrivals[i] + window;
            instants[(4 * i) + 2] = arrivals[i] + duration;
            instants[(4 * i) + 3] = arrivals[i] + window + duration;
        }

        Array.Sort(instants);
        return [.. instants.Distinct()];
    }

    private async Task CreateAsync(ReplayCase replay, CancellationToken cancellationToken)
    {
        var iam = _cloud.Services.GetRequiredService<IamBackend>();
        var iamContext = Context("iam");
        if (!_roleCreated)
        {
            iam.CreateRole(iamContext, new CreateRoleRequest(null, RoleName,
                """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"sts:AssumeRole"}]}""",
                null, null, null, null));
            iam.PutRolePolicy(iamContext, new PutRolePolicyRequest(RoleName, "notify-workflows",
                $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"glue:notifyEvent","Resource":"arn:aws:glue:*:{{Account}}:workflow/*"}]}"""));
            _roleCreated = true;
        }

        var glue = _cloud.Services.GetRequiredService<Lc.GlueBackend>().Operations;
        var glueContext = Context("glue");
        var name = replay.Workflow;
        var seconds = replay.RunDuration.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        await glue.Get("CreateWorkflow").Invoke(glueContext, new Lc.CreateWorkflowRequest(name, null, null, replay.MaxConcurrentRuns, null), cancellationToken);

        // The job's own limit is set high: at Glue's default of 1 a second concurrent workflow run's job would fail at once.
        await glue.Get("CreateJob").Invoke(glueContext, new Lc.CreateJobRequest(
            $"{name}-job", null, $"arn:aws:iam::{Account}:role/glue", new Lc.ExecutionProperty(1000), new Lc.JobCommand("glueetl", "s3://scripts/validation.py", "3"),
            new() { ["--localcloud-duration-seconds"] = seconds }, 0, 2880, 2, null, null, "4.0", null), cancellationToken);
        await glue.Get("CreateTrigger").Invoke(glueContext, new Lc.CreateTriggerRequest(
            $"{name}-start", name, "EVENT", null, null, [new Lc.GlueAction($"{name}-job", null, null, null, null, null)], null, null, null,
            new Lc.EventBatchingCondition(replay.Setting.BatchSize, replay.Setting.BatchWindowSeconds)), cancellationToken);

        var events = _cloud.Services.GetRequiredService<LcEvents.EventBridgeBackend>().Operations;
        var eventsContext = Context("events");
        var rule = $"{name}-arrivals";
        await events.Get("PutRule").Invoke(eventsContext, new LcEvents.PutRuleRequest(rule, null, $$"""{"source":["{{Source}}"]}""", "ENABLED", null, null, null, null), cancellationToken);
        var targets = (LcEvents.PutTargetsResponse)await events.Get("PutTargets").Invoke(eventsContext, new LcEvents.PutTargetsRequest(rule, null,
            [new LcEvents.Target("workflow", $"arn:aws:glue:{Region}:{Account}:workflow/{name}", $"arn:aws:iam::{Account}:role/{RoleName}", null, null, null, null, null)]), cancellationToken);
        if (targets.FailedEntryCount > 0)
        {
            throw new InvalidOperationException($"PutTargets refused the workflow target of {rule}.");
        }
    }

    private async Task<IReadOnlyList<ReplayedRun>> ReadRunsAsync(string workflow, CancellationToken cancellationToken)
    {
        var runs = new List<ReplayedRun>();
        await foreach (var page in _glue.GetWorkflowRunsPagesAsync(new() { Name = workflow, IncludeGraph = false, MaxResults = 1000 }, cancellationToken))
        {
            foreach (var run in page.Runs ?? [])
            {
                var started = run.StartedOn ?? throw new InvalidOperationException($"Run {run.WorkflowRunId} has no StartedOn.");
                runs.Add(new ReplayedRun(
                    run.WorkflowRunId ?? "(unknown)",
                    OnMillisecond(started),
                    RunAssessment.HealthOf(run) == RunHealth.RefusedForConcurrency,
                    WorkflowRuns.EventIds(run.WorkflowRunProperties)));
            }
        }

        runs.Reverse();
        return runs;
    }

    /// <summary>The wire carries epoch seconds to the millisecond; parsing them as a double can land a tick off.</summary>
    private static DateTimeOffset OnMillisecond(DateTimeOffset value) =>
        new((value.UtcTicks + (TimeSpan.TicksPerMillisecond / 2)) / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

    private static RequestContext Context(string service) => new(Account, Region, service, Guid.NewGuid().ToString(), Account);

    private static AwsClientConfig Config(AwsServiceSpec spec, Uri endpoint) => new(spec)
    {
        ServiceURL = endpoint.ToString(),
        AuthenticationRegion = Region,
        MaxErrorRetry = 0,
    };

    /// <summary>The identity LocalCloud gives the access key "test": its default account, in us-east-1.</summary>
    private sealed class FixedIdentity(Uri endpoint) : ICloudIdentity
    {
        public CloudMode Mode => CloudMode.Local;

        public Uri? LocalEndpoint => endpoint;

        public string Region => LocalCloudReplay.Region;

        public Task<CloudIdentityInfo> GetAsync(CancellationToken cancellationToken) =>
            Task.FromResult(new CloudIdentityInfo(CloudMode.Local, Account, Region, $"arn:aws:iam::{Account}:user/validation", endpoint));
    }
}
