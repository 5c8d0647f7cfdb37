namespace LocalCloud.EventBridge.Patterns;

/// <summary>
/// Many patterns compiled into one immutable state machine, in the manner of aws/event-ruler. Each alternative of
/// each pattern is a chain of field conditions in a fixed order; chains that begin alike share states, so a
/// condition common to many rules (say, <c>"source": ["aws.s3"]</c>) is tested once. Matching flattens the event,
/// then walks from the start state, taking a step only on paths the event has and only to states whose test the
/// value passes: rules the event does not get near cost nothing.
/// </summary>
internal sealed class RuleMachine
{
    private const int StepMapThreshold = 8;

    private readonly PathTrie _paths;
    private readonly State[] _states;
    private readonly int _ruleCount;
    private readonly int _anythingButCount;   // the most anything-but entries on any one step

    private RuleMachine(PathTrie paths, State[] states, int ruleCount, int anythingButCount)
    {
        _paths = paths;
        _states = states;
        _ruleCount = ruleCount;
        _anythingButCount = anythingButCount;
    }

    public int StateCount => _states.Length;

    /// <summary>Compiles the patterns; a match reports a pattern by its position in <paramref name="patterns"/>.</summary>
    public static RuleMachine Build(IReadOnlyList<EventPattern> patterns)
    {
        var conditions = patterns.SelectMany(p => p.Branches).SelectMany(b => b);
        var paths = PathTrie.Build(conditions.Select(c => c.Path), out var pathIds);

        var builders = new List<StateBuilder> { new() };
        var transitions = new Dictionary<(int From, string Condition), int>();
        for (var rule = 0; rule < patterns.Count; rule++)
        {
            foreach (var branch in patterns[rule].Branches)
            {
                var state = 0;
                foreach (var condition in branch)
                {
                    if (!transitions.TryGetValue((state, condition.Key), out var next))
                    {
                        next = builders.Count;
                        builders.Add(new StateBuilder());
                        transitions[(state, condition.Key)] = next;
                        builders[state].Leaving.Add((pathIds[condition.Path], condition, next));
                    }

                    state = next;
                }

                builders[state].Accepts.Add(rule);
            }
        }

        var states = builders.Select(b => b.Freeze()).ToArray();
        var anythingButs = states.SelectMany(s => s.Steps).Select(s => s.Values.AnythingButCount).DefaultIfEmpty(0).Max();
        return new RuleMachine(paths, states, patterns.Count, anythingButs);
    }

    /// <summary>Adds to <paramref name="matches"/> the position of every pattern the event matches, once each.</summary>
    public void Match(ReadOnlySpan<byte> utf8Json, List<int> matches)
    {
        var ev = FlatEvent.ForCurrentThread();
        ev.Load(utf8Json, _paths);
        var scratch = MatchScratch.ForCurrentThread();
        scratch.Begin(_states.Length, _ruleCount, _anythingButCount);
        Visit(0, ev, scratch, matches);
    }

    private void Visit(int stateId, FlatEvent ev, MatchScratch scratch, List<int> matches)
    {
        var state = _states[stateId];
        foreach (var rule in state.Accepts)
        {
            if (scratch.FirstReport(rule))
            {
                matches.Add(rule);
            }
        }

        foreach (var absent in state.Absent)
        {
            if (!ev.Has(absent.PathId))
            {
                foreach (var next in absent.Targets)
                {
                    Visit(next, ev, scratch, matches);
                }
            }
        }

        // A state with many steps (the start state of a large index) is entered through the event's
        // paths instead, so that its cost follows the event's size rather than the number of rules.
        var present = ev.PresentPaths;
        if (state.StepByPath is { } byPath && present.Length < state.Steps.Length)
        {
            foreach (var pathId in present)
            {
                if (byPath.TryGetValue(pathId, out var step))
                {
                    Take(step, ev, scratch, matches);
                }
            }
        }
        else
        {
            foreach (var step in state.Steps)
            {
                if (ev.Has(step.PathId))
                {
                    Take(step, ev, scratch, matches);
                }
            }
        }
    }

    private void Take(Step step, FlatEvent ev, MatchScratch scratch, List<int> matches)
    {
        var candidates = scratch.Candidates;

        // Leaves outside arrays of objects never conflict, so their next states are gathered and each visited once.
        var mark = candidates.Count;
        var inArrays = false;
        for (var leaf = ev.FirstLeaf(step.PathId); leaf >= 0; leaf = ev[leaf].Next)
        {
            if (ev[leaf].Context == 0)
            {
                step.Values.Collect(ev, leaf, candidates, scratch);
            }
            else
            {
                inArrays = true;
            }
        }

        VisitEach(mark, ev, scratch, matches);
        if (!inArrays)
        {
            return;
        }

        // Leaves inside array elements are taken one at a time, each fixing the elements it sits in.
        for (var leaf = ev.FirstLeaf(step.PathId); leaf >= 0; leaf = ev[leaf].Next)
        {
            if (ev[leaf].Context != 0 && ev.TryEnter(leaf, out var chosen))
            {
                mark = candidates.Count;
                step.Values.Collect(ev, leaf, candidates, scratch);
                VisitEach(mark, ev, scratch, matches);
                ev.Leave(chosen);
            }
        }
    }

    // Visits the distinct states in candidates[mark..], then pops them.
    private void VisitEach(int mark, FlatEvent ev, MatchScratch scratch, List<int> matches)
    {
        var candidates = scratch.Candidates;
        var token = scratch.NewToken();
        var end = mark;
        for (var i = mark; i < candidates.Count; i++)
        {
            var state = candidates[i];
            if (scratch.MarkState(state, token))
            {
                candidates[end++] = state;
            }
        }

        candidates.Count = end;
        for (var i = mark; i < end; i++)
        {
            Visit(candidates[i], ev, scratch, matches);
        }

        candidates.Count = mark;
    }

    private sealed class State(int[] accepts, Step[] steps, AbsentStep[] absent)
    {
        public int[] Accepts { get; } = accepts;

        public Step[] Steps { get; } = steps;

        public Dictionary<int, Step>? StepByPath { get; } = steps.Length > StepMapThreshold ? steps.ToDictionary(s => s.PathId) : null;

        public AbsentStep[] Absent { get; } = absent;
    }

    private sealed class Step(int pathId, ValueIndex values)
    {
        public int PathId { get; } = pathId;

        public ValueIndex Values { get; } = values;
    }

    private sealed class AbsentStep(int pathId, int[] targets)
    {
        public int PathId { get; } = pathId;

        public int[] Targets { get; } = targets;
    }

    private sealed class StateBuilder
    {
        public List<int> Accepts { get; } = [];

        public List<(int PathId, FieldCondition Condition, int Next)> Leaving { get; } = [];

        public State Freeze()
        {
            if (Leaving.Count == 0)
            {
                return new State([.. Accepts], [], []);
            }

            // One step per path, holding the tests of every condition on that path.
            Leaving.Sort((x, y) => x.PathId.CompareTo(y.PathId));
            var steps = new List<Step>();
            var absent = new List<AbsentStep>();
            var tests = new List<(ValueMatcher, int)>();
            var absentTargets = new List<int>();
            for (var i = 0; i < Leaving.Count; i++)
            {
                var (pathId, condition, next) = Leaving[i];
                foreach (var matcher in condition.Matchers)
                {
                    tests.Add((matcher, next));
                }

                if (condition.MatchesAbsent)
                {
                    absentTargets.Add(next);
                }

                if (i + 1 == Leaving.Count || Leaving[i + 1].PathId != pathId)
                {
                    if (tests.Count > 0)
                    {
                        steps.Add(new Step(pathId, new ValueIndex(tests)));
                    }

                    if (absentTargets.Count > 0)
                    {
                        absent.Add(new AbsentStep(pathId, [.. absentTargets]));
                    }

                    tests.Clear();
                    absentTargets.Clear();
                }
            }

            return new State([.. Accepts], [.. steps], [.. absent]);
        }
    }
}
