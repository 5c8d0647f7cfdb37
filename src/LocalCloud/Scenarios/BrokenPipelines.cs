using System.Text.Json.Nodes;
using LocalCloud.CloudTrail;
using LocalCloud.EventBridge;
using LocalCloud.Glue;
using LocalCloud.Hosting;
using LocalCloud.Iam;
using LocalCloud.Protocol;
using LocalCloud.S3;
using LocalCloud.Sqs;

namespace LocalCloud.Scenarios;

/// <summary>
/// Six pipelines broken the way data engineers find theirs broken, seeded next to the healthy demo. Each one fails for
/// AWS's own reason, and leaves evidence only in what the public APIs show: metrics, DLQ messages, CloudTrail records
/// and workflow runs. <see cref="SyntheticTraffic"/> keeps uploading to each, so the evidence keeps growing.
/// </summary>
public sealed class BrokenPipelines(
    LocalCloudSettings settings,
    GlueBackend glue,
    EventBridgeBackend events,
    S3Backend s3,
    CloudTrailBackend cloudTrail,
    SqsBackend sqs,
    IamBackend iam,
    ILogger<BrokenPipelines> logger) : ILocalCloudStartup
{
    public const string Region = DemoSeed.Region;

    /// <summary>The role lacks <c>glue:notifyEvent</c>: it allows <c>glue:StartWorkflowRun</c>, a common mix-up.</summary>
    public const string MissingPermission = "sales_missing_permission";

    /// <summary>The role's trust policy names <c>glue.amazonaws.com</c>, so EventBridge cannot assume it.</summary>
    public const string WrongTrust = "inventory_wrong_trust";

    /// <summary>The start trigger is ON_DEMAND, yet a rule targets the workflow.</summary>
    public const string OnDemandStart = "returns_on_demand_start";

    /// <summary><c>MaxConcurrentRuns</c> 1 and a ten-minute job, while batches close every minute: runs are refused.</summary>
    public const string ConcurrencyLimited = "shipments_concurrency_limited";

    /// <summary>The pattern's <c>prefix</c> holds a literal <c>*</c>, which no key starts with.</summary>
    public const string LiteralWildcard = "invoices_literal_wildcard";

    /// <summary>A CloudTrail-style rule on a bucket whose trail does not log data events: no event ever arrives.</summary>
    public const string Untrailed = "audit_exports_untrailed";

    public static IReadOnlyList<string> Workflows { get; } = [MissingPermission, WrongTrust, OnDemandStart, ConcurrencyLimited, LiteralWildcard, Untrailed];

    /// <summary>The bucket the broken pipelines read from; S3 sends its "Object Created" events to EventBridge.</summary>
    public string BucketName => $"glue-event-scenarios-{settings.AccountId}";

    /// <summary>A bucket that no trail logs data events for.</summary>
    public string UntrailedBucketName => $"glue-event-untrailed-{settings.AccountId}";

    /// <summary>The S3 prefix each broken workflow reads.</summary>
    public static string PrefixOf(string workflow) => workflow[..workflow.IndexOf('_', StringComparison.Ordinal)] + "/";

    public static string RuleOf(string workflow) => $"{workflow}_rule";

    public string RoleArnOf(string workflow) => $"arn:aws:iam::{settings.AccountId}:role/{RoleNameOf(workflow)}";

    /// <summary>The healthy notify role, except for the two scenarios whose role is the break.</summary>
    public static string RoleNameOf(string workflow) => workflow switch
    {
        MissingPermission => "EventBridgeGlueRole-no-notify",
        WrongTrust => "EventBridgeGlueRole-wrong-trust",
        _ => DemoSeed.NotifyRoleName,
    };

    public async Task StartAsync(LocalCloudHost host, CancellationToken cancellationToken)
    {
        if (!settings.SeedDemo)
        {
            return;
        }

        var context = new RequestContext(settings.AccountId, Region, "seed", "seed", settings.AccountId);
        sqs.CreateQueue(context with { Service = "sqs" }, host.Endpoint.ToString(), new CreateQueueRequest(DeadLetterQueue, null, null));

        // With a data path they are seeded once: a restart finds them, and what happened to them since, in the store.
        if (glue.HasWorkflow(settings.AccountId, Region, MissingPermission))
        {
            return;
        }

        SeedRoles(context with { Service = "iam" });
        await SeedBucketsAsync(context, cancellationToken);
        await SeedWorkflowsAsync(context, cancellationToken);
        await SeedRulesAsync(context, cancellationToken);
        logger.LogInformation("Seeded {Count} broken pipelines in account {Account}, {Region}.", Workflows.Count, settings.AccountId, Region);
    }

    /// <summary>
    /// The two broken roles. One trusts EventBridge but allows <c>glue:StartWorkflowRun</c>, the action people reach for
    /// first; the other may call <c>glue:notifyEvent</c> but trusts Glue, as a role copied from a job's role does.
    /// </summary>
    private void SeedRoles(RequestContext context)
    {
        var workflows = $"arn:aws:glue:{Region}:{settings.AccountId}:workflow/*";
        CreateRole(context, RoleNameOf(MissingPermission), "events.amazonaws.com", "glue:StartWorkflowRun", workflows);
        CreateRole(context, RoleNameOf(WrongTrust), "glue.amazonaws.com", "glue:notifyEvent", workflows);
    }

    private void CreateRole(RequestContext context, string name, string trustedService, string action, string resource)
    {
        var trust = new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(new JsonObject
            {
                ["Effect"] = "Allow",
                ["Principal"] = new JsonObject { ["Service"] = trustedService },
                ["Action"] = "sts:AssumeRole",
            }),
        };
        var policy = new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(new JsonObject { ["Effect"] = "Allow", ["Action"] = action, ["Resource"] = resource }),
        };
        iam.CreateRole(context, new CreateRoleRequest(null, name, trust.ToJsonString(), "Broken on purpose, for the diagnostics demo.", null, null, null));
        iam.PutRolePolicy(context, new PutRolePolicyRequest(name, "start-workflows", policy.ToJsonString()));
    }

    private async Task SeedBucketsAsync(RequestContext context, CancellationToken cancellationToken)
    {
        var caller = new S3Caller(context with { Service = "s3" }, "127.0.0.1", "127.0.0.1", "localcloud-seed");
        foreach (var bucket in new[] { BucketName, UntrailedBucketName })
        {
            if (!s3.BucketExists(bucket))
            {
                await s3.CreateBucketAsync(caller, new CreateBucketRequest(bucket, null), cancellationToken);
            }
        }

        await s3.PutBucketNotificationConfigurationAsync(caller, new PutBucketNotificationConfigurationRequest(BucketName, NotificationConfiguration.Empty with { EventBridgeEnabled = true }, false), cancellationToken);

        // The untrailed bucket gets a trail of its own that logs management events only, which is how this break looks
        // in real accounts: "there is a trail" is true, and it still sends no PutObject.
        async Task Trail(string operation, object input) => await cloudTrail.Operations.Get(operation).Invoke(context, input, cancellationToken);
        await Trail("CreateTrail", new CreateTrailRequest(UntrailedTrail, UntrailedBucketName, "cloudtrail", null, true, true, false, null, null, null, null, null));
        await Trail("PutEventSelectors", new PutEventSelectorsRequest(UntrailedTrail, [new EventSelector("All", true, [], null)], null));
        await Trail("StartLogging", new StartLoggingRequest(UntrailedTrail));
    }

    public const string UntrailedTrail = "audit-management-events-only";

    private async Task SeedWorkflowsAsync(RequestContext context, CancellationToken cancellationToken)
    {
        var role = $"arn:aws:iam::{settings.AccountId}:role/AWSGlueServiceRole-demo";
        async Task Glue(string operation, object input) => await glue.Operations.Get(operation).Invoke(context, input, cancellationToken);

        foreach (var workflow in Workflows)
        {
            var concurrency = workflow == ConcurrencyLimited ? 1 : 2;
            var seconds = workflow == ConcurrencyLimited ? 600 : 60;
            await Glue("CreateWorkflow", new CreateWorkflowRequest(workflow, Description(workflow), null, concurrency, null));
            await Glue("CreateJob", new CreateJobRequest(
                $"{workflow}_job", null, role, new ExecutionProperty(concurrency), new JobCommand("glueetl", $"s3://{BucketName}/scripts/{workflow}.py", "3"),
                new() { ["--localcloud-duration-seconds"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) }, 0, 60, 2, "G.1X", 2, "4.0", null));

            var type = workflow == OnDemandStart ? "ON_DEMAND" : "EVENT";
            var batching = type == "EVENT" ? new EventBatchingCondition(workflow == ConcurrencyLimited ? 2 : 3, 120) : null;
            await Glue("CreateTrigger", new CreateTriggerRequest(
                $"{workflow}_start", workflow, type, null, null, [new GlueAction($"{workflow}_job", null, null, null, null, null)], null, null, null, batching));
        }
    }

    private async Task SeedRulesAsync(RequestContext context, CancellationToken cancellationToken)
    {
        async Task Events(string operation, object input) => await events.Operations.Get(operation).Invoke(context, input, cancellationToken);

        foreach (var workflow in Workflows)
        {
            var pattern = workflow switch
            {
                LiteralWildcard => ObjectCreated(BucketName, new JsonObject { ["prefix"] = PrefixOf(workflow) + "*" }),
                Untrailed => PutObjectSeenByCloudTrail(UntrailedBucketName, PrefixOf(workflow)),
                _ => ObjectCreated(BucketName, new JsonObject { ["prefix"] = PrefixOf(workflow) }),
            };
            await Events("PutRule", new PutRuleRequest(RuleOf(workflow), null, pattern.ToJsonString(), "ENABLED", $"Starts {workflow} for new files under {PrefixOf(workflow)}.", null, null, null));
            var target = new Target(
                $"{workflow}-workflow",
                $"arn:aws:glue:{Region}:{settings.AccountId}:workflow/{workflow}",
                RoleArnOf(workflow),
                null,
                null,
                null,
                new DeadLetterConfig($"arn:aws:sqs:{Region}:{settings.AccountId}:{DeadLetterQueue}"),
                new RetryPolicy(3, 3600));
            await Events("PutTargets", new PutTargetsRequest(RuleOf(workflow), null, [target]));
        }
    }

    /// <summary>The dead-letter queue every broken pipeline's target sends undeliverable events to.</summary>
    public const string DeadLetterQueue = "glue-event-scenarios-dlq";

    private static string Description(string workflow) => workflow switch
    {
        MissingPermission => "Broken on purpose: the rule's role may not call glue:notifyEvent.",
        WrongTrust => "Broken on purpose: the rule's role trusts glue.amazonaws.com, not events.amazonaws.com.",
        OnDemandStart => "Broken on purpose: a rule targets it, but its start trigger is ON_DEMAND.",
        ConcurrencyLimited => "Broken on purpose: batches close faster than its one allowed run finishes.",
        LiteralWildcard => "Broken on purpose: its rule's prefix holds a literal '*'.",
        Untrailed => "Broken on purpose: its bucket's trail does not log S3 data events.",
        _ => workflow,
    };

    private static JsonObject ObjectCreated(string bucket, JsonObject keyFilter) => new()
    {
        ["source"] = new JsonArray("aws.s3"),
        ["detail-type"] = new JsonArray("Object Created"),
        ["detail"] = new JsonObject
        {
            ["bucket"] = new JsonObject { ["name"] = new JsonArray(bucket) },
            ["object"] = new JsonObject { ["key"] = new JsonArray(keyFilter) },
        },
    };

    private static JsonObject PutObjectSeenByCloudTrail(string bucket, string prefix) => new()
    {
        ["source"] = new JsonArray("aws.s3"),
        ["detail-type"] = new JsonArray("AWS API Call via CloudTrail"),
        ["detail"] = new JsonObject
        {
            ["eventSource"] = new JsonArray("s3.amazonaws.com"),
            ["eventName"] = new JsonArray("PutObject"),
            ["requestParameters"] = new JsonObject
            {
                ["bucketName"] = new JsonArray(bucket),
                ["key"] = new JsonArray(new JsonObject { ["prefix"] = prefix }),
            },
        },
    };
}
