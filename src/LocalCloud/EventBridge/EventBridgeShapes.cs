namespace LocalCloud.EventBridge;

// EventBridge's shapes as LocalCloud serves them (events 2015-10-07).

public sealed record CreateEventBusRequest(string? Name, string? Description);

public sealed record CreateEventBusResponse(string EventBusArn);

public sealed record NameRequest(string? Name);

public sealed record DescribeEventBusResponse(string Name, string Arn, string? Description, DateTimeOffset CreationTime, DateTimeOffset LastModifiedTime);

public sealed record ListEventBusesRequest(string? NamePrefix, string? NextToken, int? Limit);

public sealed record ListEventBusesResponse(List<EventBus> EventBuses, string? NextToken);

public sealed record EventBus(string Name, string Arn, string? Description, DateTimeOffset CreationTime, DateTimeOffset LastModifiedTime);

public sealed record PutRuleRequest(string? Name, string? ScheduleExpression, string? EventPattern, string? State, string? Description, string? RoleArn, List<Tag>? Tags, string? EventBusName);

public sealed record Tag(string Key, string Value);

public sealed record PutRuleResponse(string RuleArn);

public sealed record RuleRequest(string? Name, string? EventBusName);

public sealed record DeleteRuleRequest(string? Name, string? EventBusName, bool? Force);

public sealed record DescribeRuleResponse(string Name, string Arn, string? EventPattern, string? ScheduleExpression, string State, string? Description, string? RoleArn, string EventBusName, string CreatedBy);

public sealed record ListRulesRequest(string? NamePrefix, string? EventBusName, string? NextToken, int? Limit);

public sealed record ListRulesResponse(List<Rule> Rules, string? NextToken);

public sealed record Rule(string Name, string Arn, string? EventPattern, string State, string? Description, string? ScheduleExpression, string? RoleArn, string EventBusName);

public sealed record PutTargetsRequest(string? Rule, string? EventBusName, List<Target>? Targets);

public sealed record Target(string Id, string Arn, string? RoleArn, string? Input, string? InputPath, InputTransformer? InputTransformer, DeadLetterConfig? DeadLetterConfig, RetryPolicy? RetryPolicy);

public sealed record InputTransformer(Dictionary<string, string>? InputPathsMap, string InputTemplate);

public sealed record DeadLetterConfig(string? Arn);

public sealed record RetryPolicy(int? MaximumRetryAttempts, int? MaximumEventAgeInSeconds);

public sealed record PutTargetsResponse(int FailedEntryCount, List<TargetResultEntry> FailedEntries);

public sealed record TargetResultEntry(string TargetId, string ErrorCode, string ErrorMessage);

public sealed record RemoveTargetsRequest(string? Rule, string? EventBusName, List<string>? Ids, bool? Force);

public sealed record RemoveTargetsResponse(int FailedEntryCount, List<TargetResultEntry> FailedEntries);

public sealed record ListTargetsByRuleRequest(string? Rule, string? EventBusName, string? NextToken, int? Limit);

public sealed record ListTargetsByRuleResponse(List<Target> Targets, string? NextToken);

public sealed record ListRuleNamesByTargetRequest(string? TargetArn, string? EventBusName, string? NextToken, int? Limit);

public sealed record ListRuleNamesByTargetResponse(List<string> RuleNames, string? NextToken);

public sealed record PutEventsRequest(List<PutEventsRequestEntry>? Entries, string? EndpointId);

public sealed record PutEventsRequestEntry(DateTimeOffset? Time, string? Source, List<string>? Resources, string? DetailType, string? Detail, string? EventBusName, string? TraceHeader);

public sealed record PutEventsResponse(int FailedEntryCount, List<PutEventsResultEntry> Entries);

public sealed record PutEventsResultEntry(string? EventId, string? ErrorCode, string? ErrorMessage);

public sealed record TestEventPatternRequest(string? EventPattern, string? Event);

public sealed record TestEventPatternResponse(bool Result);
