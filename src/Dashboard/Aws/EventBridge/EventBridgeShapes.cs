namespace Dashboard.Aws.EventBridge;

// EventBridge request and response shapes, named and spelled as in the service model (events 2015-10-07).
// Only the members the dashboard reads or must send are declared; unknown members are ignored on read.

public sealed record ListEventBusesRequest
{
    public string? NamePrefix { get; init; }

    public string? NextToken { get; init; }

    /// <summary>1–100.</summary>
    public int? Limit { get; init; }
}

public sealed record ListEventBusesResponse
{
    public IReadOnlyList<EventBus>? EventBuses { get; init; }

    public string? NextToken { get; init; }
}

public sealed record ListRulesRequest
{
    public string? NamePrefix { get; init; }

    /// <summary>The bus's name or ARN; the account's <c>default</c> bus when absent.</summary>
    public string? EventBusName { get; init; }

    public string? NextToken { get; init; }

    /// <summary>1–100.</summary>
    public int? Limit { get; init; }
}

public sealed record ListRulesResponse
{
    public IReadOnlyList<Rule>? Rules { get; init; }

    public string? NextToken { get; init; }
}

public sealed record DescribeRuleRequest
{
    public required string Name { get; init; }

    /// <summary>The bus's name or ARN; the account's <c>default</c> bus when absent.</summary>
    public string? EventBusName { get; init; }
}

public sealed record DescribeRuleResponse
{
    public string? Name { get; init; }

    public string? Arn { get; init; }

    /// <summary>The pattern as a JSON document in a string.</summary>
    public string? EventPattern { get; init; }

    public string? ScheduleExpression { get; init; }

    /// <summary>ENABLED | DISABLED | ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS.</summary>
    public string? State { get; init; }

    public string? Description { get; init; }

    public string? RoleArn { get; init; }

    /// <summary>The service principal that manages the rule, for rules an AWS service created.</summary>
    public string? ManagedBy { get; init; }

    public string? EventBusName { get; init; }

    /// <summary>The account that created the rule (DescribeRule only; ListRules does not return it).</summary>
    public string? CreatedBy { get; init; }
}

public sealed record ListTargetsByRuleRequest
{
    /// <summary>The rule's name.</summary>
    public required string Rule { get; init; }

    /// <summary>The bus's name or ARN; the account's <c>default</c> bus when absent.</summary>
    public string? EventBusName { get; init; }

    public string? NextToken { get; init; }

    /// <summary>1–100.</summary>
    public int? Limit { get; init; }
}

public sealed record ListTargetsByRuleResponse
{
    public IReadOnlyList<Target>? Targets { get; init; }

    public string? NextToken { get; init; }
}

public sealed record ListRuleNamesByTargetRequest
{
    /// <summary>The target's ARN, for example a Glue workflow's <c>arn:aws:glue:…:workflow/name</c>.</summary>
    public required string TargetArn { get; init; }

    /// <summary>The bus's name or ARN; the account's <c>default</c> bus when absent.</summary>
    public string? EventBusName { get; init; }

    public string? NextToken { get; init; }

    /// <summary>1–100.</summary>
    public int? Limit { get; init; }
}

public sealed record ListRuleNamesByTargetResponse
{
    public IReadOnlyList<string>? RuleNames { get; init; }

    public string? NextToken { get; init; }
}

public sealed record TestEventPatternRequest
{
    /// <summary>The pattern as a JSON document in a string.</summary>
    public required string EventPattern { get; init; }

    /// <summary>
    /// The event as a JSON document in a string. It must carry <c>id</c>, <c>account</c>, <c>source</c>, <c>time</c>,
    /// <c>region</c>, <c>resources</c> and <c>detail-type</c>.
    /// </summary>
    public required string Event { get; init; }
}

public sealed record TestEventPatternResponse
{
    public bool? Result { get; init; }
}

// Structures

public sealed record EventBus
{
    public string? Name { get; init; }

    public string? Arn { get; init; }

    public string? Description { get; init; }

    /// <summary>The bus's resource policy, a JSON document in a string.</summary>
    public string? Policy { get; init; }

    public DateTimeOffset? CreationTime { get; init; }

    public DateTimeOffset? LastModifiedTime { get; init; }
}

public sealed record Rule
{
    public string? Name { get; init; }

    public string? Arn { get; init; }

    /// <summary>The pattern as a JSON document in a string.</summary>
    public string? EventPattern { get; init; }

    /// <summary>ENABLED | DISABLED | ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS.</summary>
    public string? State { get; init; }

    public string? Description { get; init; }

    public string? ScheduleExpression { get; init; }

    public string? RoleArn { get; init; }

    public string? ManagedBy { get; init; }

    public string? EventBusName { get; init; }
}

public sealed record Target
{
    public string? Id { get; init; }

    public string? Arn { get; init; }

    /// <summary>The role EventBridge assumes to invoke the target (required for Glue workflow targets).</summary>
    public string? RoleArn { get; init; }

    /// <summary>A constant JSON text sent instead of the event.</summary>
    public string? Input { get; init; }

    /// <summary>A JSONPath selecting the part of the event that is sent.</summary>
    public string? InputPath { get; init; }

    public InputTransformer? InputTransformer { get; init; }

    public DeadLetterConfig? DeadLetterConfig { get; init; }

    public RetryPolicy? RetryPolicy { get; init; }
}

public sealed record InputTransformer
{
    public IReadOnlyDictionary<string, string>? InputPathsMap { get; init; }

    public string? InputTemplate { get; init; }
}

public sealed record RetryPolicy
{
    /// <summary>0–185; AWS uses 185 when absent.</summary>
    public int? MaximumRetryAttempts { get; init; }

    /// <summary>60–86400 seconds; AWS uses 86400 when absent.</summary>
    public int? MaximumEventAgeInSeconds { get; init; }
}

public sealed record DeadLetterConfig
{
    /// <summary>The SQS queue that receives the events EventBridge could not deliver.</summary>
    public string? Arn { get; init; }
}
