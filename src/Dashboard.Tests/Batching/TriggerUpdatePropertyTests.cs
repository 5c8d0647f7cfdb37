using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Dashboard.Aws.Glue;
using Dashboard.Aws.Protocol;
using Dashboard.Batching;
using Dashboard.Cloud;
using Dashboard.Security;
using Dashboard.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Batching;

/// <summary>
/// UpdateTrigger overwrites the whole definition, so for any trigger, with any optional member set or not, the
/// update the editor sends must carry every member back unchanged except the batching.
/// </summary>
public sealed class TriggerUpdatePropertyTests
{
    private static readonly Gen<string> NameText = Gen.Char["abcxyz019_-."].Array[1, 12].Select(cs => new string(cs));

    // Quotes, separators, newlines, non-ASCII and formula starts: whatever a description or an argument may hold.
    private static readonly Gen<string> FreeText = Gen.Char["aZ 09\"\\\n\t,=+@é€{}[]:"].Array[0, 24].Select(cs => new string(cs));

    private static readonly Gen<IReadOnlyDictionary<string, string>?> Arguments =
        Gen.Select(Gen.Char["-abz_"].Array[1, 8].Select(cs => "--" + new string(cs)), FreeText).Array[0, 5]
            .Select(pairs => (IReadOnlyDictionary<string, string>)pairs.DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => p.Item2))
            .Null(0.3);

    private static readonly Gen<GlueAction> Action = Gen.Select(
        NameText.Null(0.3), Arguments, Gen.Int[1, 2880].Nullable(0.5), NameText.Null(0.6),
        Gen.Int[1, 120].Nullable(0.3).Select(d => new NotificationProperty { NotifyDelayAfter = d }).Null(0.6),
        NameText.Null(0.6),
        (job, args, timeout, security, notification, crawler) => new GlueAction
        {
            JobName = job,
            Arguments = args,
            Timeout = timeout,
            SecurityConfiguration = security,
            NotificationProperty = notification,
            CrawlerName = crawler,
        });

    private static readonly Gen<Condition> Condition = Gen.Select(
        Gen.OneOf("EQUALS").Null(0.3), NameText.Null(0.4),
        Gen.OneOf("SUCCEEDED", "FAILED", "STOPPED", "TIMEOUT", "ERROR").Null(0.4),
        NameText.Null(0.6), Gen.OneOf("SUCCEEDED", "FAILED", "CANCELLED").Null(0.6),
        (op, job, state, crawler, crawlState) => new Condition { LogicalOperator = op, JobName = job, State = state, CrawlerName = crawler, CrawlState = crawlState });

    private static readonly Gen<Predicate?> PredicateGen = Gen.Select(
        Gen.OneOf("AND", "ANY").Null(0.3),
        Condition.Array[0, 5].Select(cs => (IReadOnlyList<Condition>)cs).Null(0.2),
        (logical, conditions) => new Predicate { Logical = logical, Conditions = conditions }).Null(0.4);

    private static readonly Gen<EventBatchingCondition?> Batching = Gen.Select(
        Gen.Int[1, 100], Gen.Int[1, 900].Nullable(0.3),
        (size, window) => new EventBatchingCondition { BatchSize = size, BatchWindow = window }).Null(0.2);

    public static readonly Gen<Trigger> EventTrigger = Gen.Select(
        NameText, NameText.Null(0.2), NameText.Null(0.2), Gen.OneOf("CREATED", "ACTIVATED").Null(0.2),
        FreeText.Null(0.4), Gen.OneOf("cron(0 2 * * ? *)", "rate(5 minutes)").Null(0.8),
        Action.Array[0, 4].Select(a => (IReadOnlyList<GlueAction>)a).Null(0.1),
        PredicateGen, Batching,
        (name, workflow, id, state, description, schedule, actions, predicate, batching) => new Trigger
        {
            Name = name,
            WorkflowName = workflow,
            Id = id,
            Type = "EVENT",
            State = state,
            Description = description,
            Schedule = schedule,
            Actions = actions,
            Predicate = predicate,
            EventBatchingCondition = batching,
        });

    public static readonly Gen<BatchingChange> Change =
        Gen.Select(Gen.Int[1, 100], Gen.Int[1, 900].Nullable(0.3), (size, window) => new BatchingChange(size, window));

    private static Actor Operator(string name) => new(name, DashboardRoles.Operator);

    [Fact]
    public void WithBatching_KeepsEveryMemberOfTheUpdateExceptTheBatching()
    {
        // By reflection, so that a member added to TriggerUpdate later is covered without touching this test.
        var members = typeof(TriggerUpdate).GetProperties();
        Assert.Contains(members, m => m.Name == nameof(TriggerUpdate.Actions));

        Gen.Select(EventTrigger, Change).Sample((trigger, change) =>
        {
            var update = TriggerUpdates.WithBatching(trigger, change);

            foreach (var member in members.Where(m => m.Name != nameof(TriggerUpdate.EventBatchingCondition)))
            {
                var kept = typeof(Trigger).GetProperty(member.Name) ?? throw new InvalidOperationException($"Trigger has no {member.Name}");
                Assert.Equal(Json(kept.GetValue(trigger)), Json(member.GetValue(update)));
            }

            Assert.Equal(change.ToCondition(), update.EventBatchingCondition);
        }, iter: 2000);
    }

    [Fact]
    public async Task Save_ChangesNothingButTheBatching_OnTheWireAndInGlue()
    {
        await Gen.Select(EventTrigger, Change).SampleAsync(async (trigger, change) =>
        {
            var glue = new FakeGlue().PutTrigger(trigger);
            var editor = new TriggerEditor(glue, new MemoryAuditLog(), new CloudEnvironment("test"), TimeProvider.System, NullLogger<TriggerEditor>.Instance);
            var session = (await editor.OpenAsync(EditTarget.Trigger(trigger.Name!), CancellationToken.None)).Session!;

            var result = await editor.SaveAsync(session, change, Operator("property"), null, CancellationToken.None);

            var stored = glue.TriggerNamed(trigger.Name!);
            Assert.All(TriggerText.Diff(trigger, stored), line => Assert.StartsWith("EventBatchingCondition.", line.Field, StringComparison.Ordinal));
            Assert.Equal(change, BatchingChange.From(stored.EventBatchingCondition!));
            if (result.Outcome == SaveOutcome.Unchanged)
            {
                Assert.Empty(glue.Updates);
                return;
            }

            Assert.Equal(SaveOutcome.Saved, result.Outcome);
            Assert.Equal(3, result.AwsRequests);

            // What goes on the wire is the trigger as read, less the members UpdateTrigger does not take, with the new batching.
            var wire = JsonNode.Parse(AwsJson.Serialize(Assert.Single(glue.Updates)))!["TriggerUpdate"]!.AsObject();
            var expected = JsonSerializer.SerializeToNode(trigger, AwsJson.Options)!.AsObject();
            foreach (var notSent in new[] { "WorkflowName", "Id", "Type", "State" })
            {
                expected.Remove(notSent);
            }

            expected["EventBatchingCondition"] = JsonSerializer.SerializeToNode(change.ToCondition(), AwsJson.Options);
            Assert.Equal(TriggerText.CanonicalJson(expected), TriggerText.CanonicalJson(wire));
        }, iter: 500);
    }

    private static string Json(object? value) => value is null ? "null" : TriggerText.CanonicalJson(value);
}
