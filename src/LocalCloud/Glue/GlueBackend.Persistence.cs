using System.Collections.Concurrent;
using LocalCloud.Persistence;

namespace LocalCloud.Glue;

/// <summary>
/// Glue's state in the <see cref="DurableStore"/>: definitions (workflows, triggers, jobs, crawlers) as one snapshot per
/// account-region, each workflow run and stand-alone job run or crawl as its own record, and each open batch with the
/// time it opened. <see cref="Persist"/> runs at the end of every section that holds a state's gate and writes only
/// what changed: new runs, runs still in progress, and batches whose events changed. On start, <see cref="Restore"/>
/// rebuilds the state and re-arms the clocks: a batch window ends at its original OpenedAt + BatchWindow (at once if
/// that has passed), and a running job or crawl ends when it was due to.
/// </summary>
public sealed partial class GlueBackend
{
    private const string DefinitionsKind = "glue/definitions";
    private const string RunKind = "glue/run";
    private const string ActionKind = "glue/action";
    private const string BatchKind = "glue/batch";
    private const string CatalogKind = "glue/catalog";
    private const char Separator = '\u001f';

    private readonly ConcurrentDictionary<GlueState, Tracker> _trackers = new();
    private DurableStore _durable = DurableStore.Disabled;
    private SnapshotWriter? _definitions;
    private SnapshotWriter? _catalogSnapshots;

    /// <summary>Whether a workflow exists: the demo seed skips a data path it already seeded.</summary>
    public bool HasWorkflow(string account, string region, string workflowName)
    {
        var state = State(account, region);
        lock (state.Gate)
        {
            return state.Workflows.ContainsKey(workflowName);
        }
    }

    /// <summary>Writes what changed in the state since the last call; called with <c>state.Gate</c> held.</summary>
    private void Persist(GlueState state)
    {
        if (!_durable.IsEnabled)
        {
            return;
        }

        var tracker = _trackers.GetOrAdd(state, _ => new Tracker());
        var prefix = Key(state.Account, state.Region);
        _definitions?.Write(prefix, new GlueDefinitions(
            state.Workflows.Values.Select(w => new WorkflowRecord(w.Name, w.Description, w.DefaultRunProperties, w.MaxConcurrentRuns, w.CreatedOn, w.LastModifiedOn)).ToList(),
            [.. state.Triggers.Values],
            state.Jobs.Values.Select(j => j.Definition).ToList(),
            state.Crawlers.Values.Select(c => new CrawlerRecord(c.Definition, c.Tags)).ToList()));

        foreach (var (name, known) in tracker.Workflows.ToList())
        {
            if (!state.Workflows.TryGetValue(name, out var current) || !ReferenceEquals(current, known.Entity))
            {
                // Deleted (or deleted and created again): its runs and batch go with it.
                _durable.DeletePrefix(RunKind, Key(state.Account, state.Region, name) + Separator);
                _durable.Delete(BatchKind, Key(state.Account, state.Region, name));
                tracker.Workflows.Remove(name);
            }
        }

        foreach (var workflow in state.Workflows.Values)
        {
            if (!tracker.Workflows.TryGetValue(workflow.Name, out var known))
            {
                tracker.Workflows[workflow.Name] = known = new WorkflowTracker(workflow);
            }

            for (var i = known.RunCount; i < workflow.Runs.Count; i++)
            {
                tracker.Runs[workflow.Runs[i]] = Key(state.Account, state.Region, workflow.Name, i.ToString("D9", System.Globalization.CultureInfo.InvariantCulture));
            }

            known.RunCount = workflow.Runs.Count;
            var batch = workflow.Batch;
            var size = batch?.EventIds.Count ?? 0;
            if (!ReferenceEquals(batch, known.Batch) || size != known.BatchSize)
            {
                var key = Key(state.Account, state.Region, workflow.Name);
                if (batch is null)
                {
                    _durable.Delete(BatchKind, key);
                }
                else
                {
                    _durable.Put(BatchKind, key, new BatchRecord(batch.Condition, batch.OpenedAt, [.. batch.EventIds], new Dictionary<string, string>(batch.EventBodies, StringComparer.Ordinal)));
                }

                (known.Batch, known.BatchSize) = (batch, size);
            }
        }

        foreach (var (run, key) in tracker.Runs.ToList())
        {
            tracker.Write(_durable, RunKind, key, RunRecord.From(run));
            if (run.Status is not (RunStatus.Running or RunStatus.Stopping))
            {
                tracker.Runs.Remove(run);
            }
        }

        // Job runs and crawls started outside a workflow (StartJobRun, StartCrawler).
        foreach (var (name, actions) in state.Jobs.Select(j => (j.Key, j.Value.Runs)).Concat(state.Crawlers.Select(c => (c.Key, c.Value.Crawls))))
        {
            var key = Key(state.Account, state.Region, name);
            var count = tracker.ActionCounts.GetValueOrDefault(key);
            for (var i = count; i < actions.Count; i++)
            {
                if (actions[i].Run is null)
                {
                    tracker.Actions[actions[i]] = Key(state.Account, state.Region, actions[i].Kind, name, i.ToString("D9", System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            tracker.ActionCounts[key] = actions.Count;
        }

        foreach (var (action, key) in tracker.Actions.ToList())
        {
            tracker.Write(_durable, ActionKind, key, ActionRecord.From(action));
            if (ActionState.IsFinal(action.State))
            {
                tracker.Actions.Remove(action);
            }
        }
    }

    /// <summary>A finished run changed (PutWorkflowRunProperties): write it with the next <see cref="Persist"/>.</summary>
    private void Changed(GlueState state, RunEntity run)
    {
        if (_durable.IsEnabled && _trackers.TryGetValue(state, out var tracker))
        {
            var workflow = state.Workflows.GetValueOrDefault(run.Workflow);
            var index = workflow?.Runs.IndexOf(run) ?? -1;
            if (index >= 0)
            {
                tracker.Runs[run] = Key(state.Account, state.Region, run.Workflow, index.ToString("D9", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>Rebuilds every account-region's Glue from the store, and re-arms batch windows and running actions.</summary>
    private void Restore(DurableStore durable)
    {
        _durable = durable;
        if (!durable.IsEnabled)
        {
            return;
        }

        _definitions = new SnapshotWriter(durable, DefinitionsKind);
        _catalogSnapshots = new SnapshotWriter(durable, CatalogKind);
        foreach (var (key, databases) in durable.Load<List<CatalogDatabaseRecord>>(CatalogKind))
        {
            var parts = key.Split(Separator);
            _catalogSnapshots.Restored(key, databases);
            CatalogOf(parts[0], parts[1]).Load(databases);
        }

        foreach (var (key, definitions) in durable.Load<GlueDefinitions>(DefinitionsKind))
        {
            var parts = key.Split(Separator);
            var state = State(parts[0], parts[1]);
            _definitions.Restored(key, definitions);
            foreach (var w in definitions.Workflows)
            {
                state.Workflows[w.Name] = new WorkflowEntity(w.Name, w.CreatedOn)
                {
                    Description = w.Description,
                    DefaultRunProperties = w.DefaultRunProperties,
                    MaxConcurrentRuns = w.MaxConcurrentRuns,
                    LastModifiedOn = w.LastModifiedOn,
                };
            }

            foreach (var trigger in definitions.Triggers)
            {
                state.Triggers[trigger.Name] = trigger;
            }

            foreach (var job in definitions.Jobs)
            {
                state.Jobs[job.Name] = new JobEntity(job);
            }

            foreach (var crawler in definitions.Crawlers)
            {
                state.Crawlers[crawler.Definition.Name] = new CrawlerEntity(crawler.Definition, crawler.Tags);
            }

            _trackers[state] = new Tracker();
        }

        var running = new List<(GlueState State, ActionRun Action)>();
        foreach (var (key, record) in durable.Load<RunRecord>(RunKind))
        {
            var parts = key.Split(Separator);
            var state = State(parts[0], parts[1]);
            if (state.Workflows.GetValueOrDefault(record.Workflow) is not { } workflow)
            {
                continue;
            }

            var run = record.ToEntity();
            workflow.Runs.Add(run);
            foreach (var action in run.Actions)
            {
                Attach(state, action);
                if (!ActionState.IsFinal(action.State))
                {
                    running.Add((state, action));
                }
            }

            var tracker = _trackers.GetOrAdd(state, _ => new Tracker());
            tracker.Workflows.TryAdd(workflow.Name, new WorkflowTracker(workflow));
            tracker.Workflows[workflow.Name].RunCount = workflow.Runs.Count;
            if (run.Status is RunStatus.Running or RunStatus.Stopping)
            {
                tracker.Runs[run] = key;
            }
        }

        foreach (var (key, record) in durable.Load<ActionRecord>(ActionKind))
        {
            var parts = key.Split(Separator);
            var state = State(parts[0], parts[1]);
            var action = record.ToEntity(run: null);
            Attach(state, action);
            if (!ActionState.IsFinal(action.State))
            {
                running.Add((state, action));
                _trackers.GetOrAdd(state, _ => new Tracker()).Actions[action] = key;
            }
        }

        foreach (var (state, tracker) in _trackers)
        {
            foreach (var job in state.Jobs.Values)
            {
                job.Runs.Sort((a, b) => a.StartedOn.CompareTo(b.StartedOn));
                tracker.ActionCounts[Key(state.Account, state.Region, job.Definition.Name)] = job.Runs.Count;
            }

            foreach (var crawler in state.Crawlers.Values)
            {
                crawler.Crawls.Sort((a, b) => a.StartedOn.CompareTo(b.StartedOn));
                tracker.ActionCounts[Key(state.Account, state.Region, crawler.Definition.Name)] = crawler.Crawls.Count;
            }
        }

        foreach (var (key, record) in durable.Load<BatchRecord>(BatchKind))
        {
            var parts = key.Split(Separator);
            var state = State(parts[0], parts[1]);
            if (state.Workflows.GetValueOrDefault(parts[2]) is not { } workflow)
            {
                continue;
            }

            var batch = new OpenBatch(record.Condition, record.OpenedAt);
            batch.EventIds.AddRange(record.EventIds);
            foreach (var (id, body) in record.EventBodies ?? [])
            {
                batch.EventBodies[id] = body;
            }
            workflow.Batch = batch;
            var tracker = _trackers.GetOrAdd(state, _ => new Tracker());
            tracker.Workflows.TryAdd(workflow.Name, new WorkflowTracker(workflow));
            (tracker.Workflows[workflow.Name].Batch, tracker.Workflows[workflow.Name].BatchSize) = (batch, batch.EventIds.Count);
            ArmWindow(state, workflow, batch);
        }

        foreach (var (state, action) in running)
        {
            // A job or crawl that was running resumes its simulated timing: it ends when it was due to.
            var due = action.Due ?? new ScheduledEnd(_time.GetUtcNow(), ActionState.Failed, "LocalCloud restarted and did not know when this run was due to end.");
            var wait = due.At - _time.GetUtcNow();
            Schedule(state, action, wait > TimeSpan.Zero ? wait : TimeSpan.FromTicks(1), due.Outcome, due.Message);
        }
    }

    /// <summary>The batch window's timer: it fires at OpenedAt + BatchWindow, or at once if that has passed.</summary>
    private void ArmWindow(GlueState state, WorkflowEntity workflow, OpenBatch batch)
    {
        var due = batch.OpenedAt + TimeSpan.FromSeconds(batch.Condition.BatchWindow ?? 900) - _time.GetUtcNow();
        batch.WindowTimer = _time.CreateTimer(
            _ =>
            {
                lock (state.Gate)
                {
                    Flush(state, workflow, batch, sizeReached: false);
                    Persist(state);
                }
            },
            null,
            due > TimeSpan.Zero ? due : TimeSpan.Zero,
            Timeout.InfiniteTimeSpan);
    }

    private static void Attach(GlueState state, ActionRun action)
    {
        if (action.Kind == ActionRun.JobKind && state.Jobs.GetValueOrDefault(action.Name) is { } job)
        {
            job.Runs.Add(action);
        }
        else if (action.Kind == ActionRun.CrawlerKind && state.Crawlers.GetValueOrDefault(action.Name) is { } crawler)
        {
            crawler.Crawls.Add(action);
        }
    }

    private static string Key(params string[] parts) => string.Join(Separator, parts);

    /// <summary>What this process has written for one account-region, so <see cref="Persist"/> writes only changes.</summary>
    private sealed class Tracker
    {
        public Dictionary<string, WorkflowTracker> Workflows { get; } = new(StringComparer.Ordinal);

        /// <summary>Runs to write at the next persist: new ones and those still in progress.</summary>
        public Dictionary<RunEntity, string> Runs { get; } = new(ReferenceEqualityComparer.Instance);

        public Dictionary<ActionRun, string> Actions { get; } = new(ReferenceEqualityComparer.Instance);

        public Dictionary<string, int> ActionCounts { get; } = new(StringComparer.Ordinal);

        /// <summary>What was last written per key of a run or action in progress: a run waiting on a long job is not rewritten for every event.</summary>
        private Dictionary<string, byte[]> Written { get; } = new(StringComparer.Ordinal);

        public void Write<T>(DurableStore durable, string kind, string key, T value)
        {
            var bytes = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(value, DurableStore.Json);
            if (Written.TryGetValue(key, out var last) && last.AsSpan().SequenceEqual(bytes))
            {
                return;
            }

            durable.PutBytes(kind, key, bytes);
            if (value is RunRecord { Status: RunStatus.Running or RunStatus.Stopping } or ActionRecord { State: ActionState.Running })
            {
                Written[key] = bytes;
            }
            else
            {
                Written.Remove(key);
            }
        }
    }

    private sealed class WorkflowTracker(WorkflowEntity entity)
    {
        public WorkflowEntity Entity { get; } = entity;

        public int RunCount { get; set; }

        public OpenBatch? Batch { get; set; }

        public int BatchSize { get; set; }
    }

    private sealed record GlueDefinitions(List<WorkflowRecord> Workflows, List<Trigger> Triggers, List<Job> Jobs, List<CrawlerRecord> Crawlers);

    private sealed record WorkflowRecord(string Name, string? Description, Dictionary<string, string>? DefaultRunProperties, int? MaxConcurrentRuns, DateTimeOffset CreatedOn, DateTimeOffset LastModifiedOn);

    private sealed record CrawlerRecord(Crawler Definition, Dictionary<string, string> Tags);

    // The bodies go with the ids: the converter job reads the objects the events name.
    private sealed record BatchRecord(EventBatchingCondition Condition, DateTimeOffset OpenedAt, List<string> EventIds, Dictionary<string, string>? EventBodies = null);

    private sealed record RunRecord(
        string Workflow,
        string Id,
        string? PreviousRunId,
        DateTimeOffset StartedOn,
        DateTimeOffset? CompletedOn,
        string Status,
        string? ErrorMessage,
        Dictionary<string, string> Properties,
        StartingEventBatchCondition? BatchCondition,
        List<Trigger> Triggers,
        List<ActionRecord> Actions,
        List<string> FiredTriggers,
        Dictionary<string, string>? EventBodies = null)
    {
        public static RunRecord From(RunEntity run) => new(
            run.Workflow, run.Id, run.PreviousRunId, run.StartedOn, run.CompletedOn, run.Status, run.ErrorMessage,
            new Dictionary<string, string>(run.Properties, StringComparer.Ordinal), run.BatchCondition, [.. run.Triggers],
            run.Actions.Select(ActionRecord.From).ToList(), [.. run.FiredTriggers],
            run.EventBodies is null ? null : new Dictionary<string, string>(run.EventBodies, StringComparer.Ordinal));

        public RunEntity ToEntity()
        {
            var run = new RunEntity(Workflow, Id, StartedOn)
            {
                PreviousRunId = PreviousRunId,
                BatchCondition = BatchCondition,
                Triggers = Triggers,
                CompletedOn = CompletedOn,
                Status = Status,
                ErrorMessage = ErrorMessage,
                EventBodies = EventBodies,
            };
            foreach (var (key, value) in Properties)
            {
                run.Properties[key] = value;
            }

            run.FiredTriggers.UnionWith(FiredTriggers);
            run.Actions.AddRange(Actions.Select(a => a.ToEntity(run)));
            return run;
        }
    }

    private sealed record ActionRecord(
        string Kind,
        string Name,
        string Id,
        string? TriggerName,
        DateTimeOffset StartedOn,
        DateTimeOffset? CompletedOn,
        string State,
        string? ErrorMessage,
        Dictionary<string, string>? Arguments,
        int TimeoutMinutes,
        ScheduledEnd? Due)
    {
        public static ActionRecord From(ActionRun action) => new(
            action.Kind, action.Name, action.Id, action.TriggerName, action.StartedOn, action.CompletedOn, action.State, action.ErrorMessage,
            action.Arguments is null ? null : new Dictionary<string, string>(action.Arguments, StringComparer.Ordinal), action.TimeoutMinutes, action.Due);

        public ActionRun ToEntity(RunEntity? run) => new(Kind, Name, Id, TriggerName, StartedOn)
        {
            CompletedOn = CompletedOn,
            State = State,
            ErrorMessage = ErrorMessage,
            Arguments = Arguments,
            TimeoutMinutes = TimeoutMinutes,
            Run = run,
            Due = Due,
        };
    }
}

/// <summary>When a simulated job run or crawl ends, and how: kept so a restart resumes its timing.</summary>
internal sealed record ScheduledEnd(DateTimeOffset At, string Outcome, string? Message);
