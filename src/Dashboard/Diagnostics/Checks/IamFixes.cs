using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dashboard.Diagnostics.Checks;

/// <summary>
/// The documents and AWS CLI commands the IAM checks offer as fixes: the trust statement EventBridge needs, the
/// glue:notifyEvent statement, and the commands that put them in place.
/// </summary>
public static class IamFixes
{
    public const string EventsPrincipal = "events.amazonaws.com";
    public const string NotifyEventAction = "glue:notifyEvent";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The trust statement for EventBridge, limited to this account's rules (confused-deputy prevention).</summary>
    public static JsonObject EventBridgeTrustStatement(string account, string ruleArn) => new()
    {
        ["Sid"] = "EventBridgeAssumeRole",
        ["Effect"] = "Allow",
        ["Principal"] = new JsonObject { ["Service"] = EventsPrincipal },
        ["Action"] = "sts:AssumeRole",
        ["Condition"] = new JsonObject
        {
            ["StringEquals"] = new JsonObject { ["aws:SourceAccount"] = account },
            ["ArnLike"] = new JsonObject { ["aws:SourceArn"] = RulesOf(ruleArn) },
        },
    };

    /// <summary>A policy allowing glue:notifyEvent on one workflow.</summary>
    public static string NotifyEventPolicy(string workflowArn) => Document(new JsonObject
    {
        ["Sid"] = "NotifyGlueWorkflow",
        ["Effect"] = "Allow",
        ["Action"] = NotifyEventAction,
        ["Resource"] = workflowArn,
    });

    public static string Document(params JsonNode[] statements) =>
        new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray(statements) }.ToJsonString(Indented);

    /// <summary>JSON on one line, quoted for a POSIX shell.</summary>
    public static string ShellJson(string json) =>
        "'" + JsonNode.Parse(json)!.ToJsonString().Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Every rule of the rule's account and region: <c>arn:aws:events:r:a:rule/*</c>, so one role can serve several rules.</summary>
    public static string RulesOf(string ruleArn)
    {
        var at = ruleArn.IndexOf(":rule/", StringComparison.Ordinal);
        return at < 0 ? ruleArn : ruleArn[..at] + ":rule/*";
    }

    /// <summary>The account in an ARN (its fifth part), or null.</summary>
    public static string? AccountOf(string arn) => arn.Split(':') is { Length: >= 6 } parts && parts[4].Length > 0 ? parts[4] : null;

    public static string PutRolePolicyCommand(string roleName, string policyName, string policyJson) =>
        $"aws iam put-role-policy --role-name {roleName} --policy-name {policyName} --policy-document {ShellJson(policyJson)}";

    public static string UpdateTrustCommand(string roleName, string trustJson) =>
        $"aws iam update-assume-role-policy --role-name {roleName} --policy-document {ShellJson(trustJson)}";

    /// <summary>A new role for the target: EventBridge may assume it and call glue:notifyEvent on the workflow; then the target names it.</summary>
    public static string CreateRoleCommands(string roleName, string account, RuleTarget rule, string workflowArn) =>
        string.Join(Environment.NewLine,
            $"aws iam create-role --role-name {roleName} --assume-role-policy-document {ShellJson(Document(EventBridgeTrustStatement(account, rule.RuleArn)))}",
            PutRolePolicyCommand(roleName, "glue-notify-event", NotifyEventPolicy(workflowArn)),
            $"aws events put-targets --rule {rule.RuleName}{(rule.EventBusName == "default" ? string.Empty : $" --event-bus-name {rule.EventBusName}")} --targets Id={rule.Target.Id ?? "glue-workflow"},Arn={workflowArn},RoleArn=arn:aws:iam::{account}:role/{roleName}");
}
