using Dashboard.Aws.Iam;
using Dashboard.Diagnostics;
using Dashboard.Diagnostics.Checks;
using Dashboard.Diagnostics.Policies;
using static Dashboard.Tests.Diagnostics.IamCheckFixture;

namespace Dashboard.Tests.Diagnostics;

/// <summary>Checks 3, 4 and 5 against a fake IAM: pass, warn where it applies, fail, and unknown when the dashboard may not look.</summary>
public sealed class IamChecksTests : IDisposable
{
    private readonly IamCheckFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    private void HealthyRole(string name = "notify") =>
        _fx.Iam.AddRole(name, Trust(EventsTrust)).PutRolePolicy(name, "glue-notify-event", Allow("NotifyWorkflows", "glue:notifyEvent", $"arn:aws:glue:*:{Account}:workflow/*"));

    [Fact]
    public async Task TargetRole_RoleExists_Passes()
    {
        HealthyRole();
        _fx.Pipeline("sales", "sales_rule", RoleArn("notify"));

        var finding = Assert.Single(await _fx.RunAsync(new TargetRoleCheck(), "sales"));

        Assert.Equal(CheckStatus.Pass, finding.Status);
        Assert.Equal("sales_rule", finding.Subject);
    }

    [Fact]
    public async Task TargetRole_NoRoleArn_FailsWithCreateRoleAndPutTargets()
    {
        _fx.Pipeline("sales", "sales_rule", null);

        var finding = Assert.Single(await _fx.RunAsync(new TargetRoleCheck(), "sales"));

        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains("names no role", finding.Explanation, StringComparison.Ordinal);
        var fix = Assert.Single(finding.Fixes);
        Assert.Equal(FixKind.Cli, fix.Kind);
        Assert.Contains("aws iam create-role --role-name EventBridgeGlueNotify-sales", fix.Text, StringComparison.Ordinal);
        Assert.Contains("aws events put-targets --rule sales_rule", fix.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TargetRole_RoleDoesNotExist_FailsWithCreateRoleOfThatName()
    {
        _fx.Pipeline("sales", "sales_rule", RoleArn("deleted-role"));

        var finding = Assert.Single(await _fx.RunAsync(new TargetRoleCheck(), "sales"));

        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains("no such role", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("aws iam create-role --role-name deleted-role", Assert.Single(finding.Fixes).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TargetRole_NotARoleArn_Fails()
    {
        _fx.Pipeline("sales", "sales_rule", "arn:aws:iam::123456789012:user/someone");

        var finding = Assert.Single(await _fx.RunAsync(new TargetRoleCheck(), "sales"));

        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains("not an IAM role ARN", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TargetRole_GetRoleDenied_UnknownNamingIamGetRole()
    {
        HealthyRole();
        _fx.Iam.Denied.Add("GetRole");
        _fx.Pipeline("sales", "sales_rule", RoleArn("notify"));

        var finding = Assert.Single(await _fx.RunAsync(new TargetRoleCheck(), "sales"));

        Assert.Equal(CheckStatus.Unknown, finding.Status);
        Assert.Equal("iam:GetRole", finding.MissingPermission);
    }

    [Fact]
    public async Task Trust_EventBridgeWithSourceAccount_PassesNamingTheStatement()
    {
        HealthyRole();
        _fx.Pipeline("sales", "sales_rule", RoleArn("notify"));

        var finding = Assert.Single(await _fx.RunAsync(new TrustPolicyCheck(), "sales"));

        Assert.Equal(CheckStatus.Pass, finding.Status);
        Assert.Contains("EventBridgeFromThisAccount", finding.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("Note:", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains(finding.Evidence, e => e.Label == "Allowing statement EventBridgeFromThisAccount" && e.Format == EvidenceFormat.Json);
    }

    [Fact]
    public async Task Trust_EventBridgeWithoutSourceConditions_PassesWithANote()
    {
        _fx.Iam.AddRole("open", Trust("""{"Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"sts:AssumeRole"}"""));
        _fx.Pipeline("sales", "sales_rule", RoleArn("open"));

        var finding = Assert.Single(await _fx.RunAsync(new TrustPolicyCheck(), "sales"));

        Assert.Equal(CheckStatus.Pass, finding.Status);
        Assert.Contains("trust policy#1", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("Note: it has no aws:SourceArn or aws:SourceAccount condition", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trust_TrustsGlueOnly_FailsWithATrustPolicyThatKeepsGlueAndAddsEventBridge()
    {
        _fx.Iam.AddRole("wrong-trust", Trust("""{"Effect":"Allow","Principal":{"Service":"glue.amazonaws.com"},"Action":"sts:AssumeRole"}"""));
        _fx.Pipeline("inventory", "inventory_rule", RoleArn("wrong-trust"));

        var finding = Assert.Single(await _fx.RunAsync(new TrustPolicyCheck(), "inventory"));

        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains("it trusts glue.amazonaws.com", finding.Explanation, StringComparison.Ordinal);
        var policy = Assert.Single(finding.Fixes, f => f.Kind == FixKind.Policy).Text;
        Assert.Contains("glue.amazonaws.com", policy, StringComparison.Ordinal);
        Assert.True(AllowsEventBridge(policy, RuleArn("inventory_rule")), "The fixed trust policy must let EventBridge in for this rule.");
        Assert.StartsWith("aws iam update-assume-role-policy --role-name wrong-trust --policy-document '", Assert.Single(finding.Fixes, f => f.Kind == FixKind.Cli).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trust_SourceArnOfAnotherRule_FailsSayingTheConditionsDoNotHold()
    {
        _fx.Iam.AddRole("other-rule", Trust("""{"Sid":"OnlyOther","Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"ArnEquals":{"aws:SourceArn":"arn:aws:events:eu-west-1:123456789012:rule/other"}}}"""));
        _fx.Pipeline("sales", "sales_rule", RoleArn("other-rule"));

        var finding = Assert.Single(await _fx.RunAsync(new TrustPolicyCheck(), "sales"));

        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains("its conditions do not hold", finding.Explanation, StringComparison.Ordinal);
        Assert.True(AllowsEventBridge(Assert.Single(finding.Fixes, f => f.Kind == FixKind.Policy).Text, RuleArn("sales_rule")));
    }

    [Fact]
    public async Task Trust_ExplicitDenyForEventBridge_FailsNamingTheDenyAndDropsItFromTheFix()
    {
        _fx.Iam.AddRole("denied", Trust(EventsTrust + """,{"Sid":"NoEvents","Effect":"Deny","Principal":{"Service":"events.amazonaws.com"},"Action":"sts:AssumeRole"}"""));
        _fx.Pipeline("sales", "sales_rule", RoleArn("denied"));

        var finding = Assert.Single(await _fx.RunAsync(new TrustPolicyCheck(), "sales"));

        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains("Statement NoEvents", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains(finding.Evidence, e => e.Label == "Denying statement NoEvents");
        var policy = Assert.Single(finding.Fixes, f => f.Kind == FixKind.Policy).Text;
        Assert.DoesNotContain("NoEvents", policy, StringComparison.Ordinal);
        Assert.True(AllowsEventBridge(policy, RuleArn("sales_rule")));
    }

    [Fact]
    public async Task Trust_UnknownConditionOperator_WarnsNamingTheOperator()
    {
        _fx.Iam.AddRole("odd", Trust("""{"Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEqualz":{"aws:SourceAccount":"123456789012"}}}"""));
        _fx.Pipeline("sales", "sales_rule", RoleArn("odd"));

        var finding = Assert.Single(await _fx.RunAsync(new TrustPolicyCheck(), "sales"));

        Assert.Equal(CheckStatus.Warn, finding.Status);
        Assert.Contains("StringEqualz", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trust_GetRoleDenied_UnknownNamingIamGetRole()
    {
        HealthyRole();
        _fx.Iam.Denied.Add("GetRole");
        _fx.Pipeline("sales", "sales_rule", RoleArn("notify"));

        var finding = Assert.Single(await _fx.RunAsync(new TrustPolicyCheck(), "sales"));

        Assert.Equal(CheckStatus.Unknown, finding.Status);
        Assert.Equal("iam:GetRole", finding.MissingPermission);
    }

    [Fact]
    public async Task Trust_TargetWithoutRole_LeavesItToTheTargetRoleCheck()
    {
        _fx.Pipeline("sales", "sales_rule", null);

        Assert.Empty(await _fx.RunAsync(new TrustPolicyCheck(), "sales"));
    }

    [Fact]
    public async Task Notify_OwnEvaluationWhenSimulationRefused_PassesNamingStatementAndMethod()
    {
        HealthyRole();
        _fx.Pipeline("sales", "sales_rule", RoleArn("notify"));

        var finding = Assert.Single(await _fx.RunAsync(new NotifyEventPermissionCheck(), "sales"));

        Assert.Equal(CheckStatus.Pass, finding.Status);
        Assert.Contains("Statement NotifyWorkflows allows notify", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains(NotifyEventPermissionCheck.OwnEvaluation, Assert.Single(finding.Evidence, e => e.Label == "Decided by").Text, StringComparison.Ordinal);
        Assert.Contains(finding.Evidence, e => e.Label.StartsWith("Allowing statement NotifyWorkflows (inline policy glue-notify-event)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Notify_SimulationAllowed_PassesDecidedBySimulator()
    {
        HealthyRole();
        _fx.Iam.Simulate = r => new EvaluationResult { EvalActionName = r.ActionNames[0], EvalResourceName = r.ResourceArns?[0], EvalDecision = "allowed" };
        _fx.Pipeline("sales", "sales_rule", RoleArn("notify"));

        var finding = Assert.Single(await _fx.RunAsync(new NotifyEventPermissionCheck(), "sales"));

        Assert.Equal(CheckStatus.Pass, finding.Status);
        Assert.StartsWith(NotifyEventPermissionCheck.Simulator, Assert.Single(finding.Evidence, e => e.Label == "Decided by").Text, StringComparison.Ordinal);
        Assert.Contains("NotifyWorkflows", finding.Explanation, StringComparison.Ordinal);
        Assert.Equal(1, _fx.Iam.Calls["SimulatePrincipalPolicy"]);
    }

    [Fact]
    public async Task Notify_SimulationDisagreesWithOwnEvaluation_FollowsTheSimulatorAndShowsBoth()
    {
        HealthyRole();
        _fx.Iam.Simulate = r => new EvaluationResult
        {
            EvalActionName = r.ActionNames[0],
            EvalDecision = "explicitDeny",
            MatchedStatements = [new Statement { SourcePolicyId = "org-guardrail", SourcePolicyType = "none", StartPosition = new Position { Line = 3, Column = 5 } }],
        };
        _fx.Pipeline("sales", "sales_rule", RoleArn("notify"));

        var finding = Assert.Single(await _fx.RunAsync(new NotifyEventPermissionCheck(), "sales"));

        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains("Statement org-guardrail line 3 denies", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains(finding.Evidence, e => e.Label == "The dashboard's own evaluation disagrees");
    }

    [Fact]
    public async Task Notify_StartWorkflowRunInsteadOfNotifyEvent_FailsWithPutRolePolicyAndNamesTheMixUp()
    {
        _fx.Iam.AddRole("no-notify", Trust(EventsTrust)).PutRolePolicy("no-notify", "start-workflows", Allow("Start", "glue:StartWorkflowRun", $"arn:aws:glue:{Region}:{Account}:workflow/*"));
        _fx.Pipeline("sales", "sales_rule", RoleArn("no-notify"));

        var finding = Assert.Single(await _fx.RunAsync(new NotifyEventPermissionCheck(), "sales"));

        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains("No statement of no-notify's policies allows glue:notifyEvent", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("glue:StartWorkflowRun, a common mix-up", finding.Explanation, StringComparison.Ordinal);
        var policy = Assert.Single(finding.Fixes, f => f.Kind == FixKind.Policy).Text;
        Assert.Contains(WorkflowArn("sales"), policy, StringComparison.Ordinal);
        Assert.StartsWith("aws iam put-role-policy --role-name no-notify --policy-name glue-notify-event-sales_rule --policy-document '", Assert.Single(finding.Fixes, f => f.Kind == FixKind.Cli).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notify_DenyInAManagedPolicy_FailsNamingTheDeny()
    {
        HealthyRole();
        const string Guardrail = "arn:aws:iam::123456789012:policy/guardrail";
        _fx.Iam.AddManagedPolicy(Guardrail, """{"Version":"2012-10-17","Statement":[{"Sid":"NoGlueEvents","Effect":"Deny","Action":"glue:notify*","Resource":"*"}]}""").AttachRolePolicy("notify", Guardrail);
        _fx.Pipeline("sales", "sales_rule", RoleArn("notify"));

        var finding = Assert.Single(await _fx.RunAsync(new NotifyEventPermissionCheck(), "sales"));

        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains("Statement NoGlueEvents denies", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains(finding.Evidence, e => e.Label == "Denying statement NoGlueEvents (managed policy guardrail)");
        Assert.Equal(FixKind.Console, finding.Fixes[0].Kind);
    }

    [Fact]
    public async Task Notify_BoundaryWithoutNotifyEvent_FailsSayingTheBoundaryCapsIt()
    {
        const string Boundary = "arn:aws:iam::123456789012:policy/boundary";
        _fx.Iam.AddManagedPolicy(Boundary, Allow("S3Only", "s3:*", "*"))
            .AddRole("bounded", Trust(EventsTrust), boundaryArn: Boundary)
            .PutRolePolicy("bounded", "notify", Allow("Notify", "glue:notifyEvent", "*"));
        _fx.Pipeline("sales", "sales_rule", RoleArn("bounded"));

        var finding = Assert.Single(await _fx.RunAsync(new NotifyEventPermissionCheck(), "sales"));

        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains("The permissions boundary boundary of bounded does not allow", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notify_ListRolePoliciesDenied_UnknownNamingTheAction()
    {
        HealthyRole();
        _fx.Iam.Denied.Add("ListRolePolicies");
        _fx.Pipeline("sales", "sales_rule", RoleArn("notify"));

        var finding = Assert.Single(await _fx.RunAsync(new NotifyEventPermissionCheck(), "sales"));

        Assert.Equal(CheckStatus.Unknown, finding.Status);
        Assert.Equal("iam:ListRolePolicies", finding.MissingPermission);
    }

    [Fact]
    public async Task Notify_SimulationRefusedAndPolicyUnreadable_UnknownNamingSimulatePrincipalPolicy()
    {
        _fx.Iam.AddRole("odd", Trust(EventsTrust)).PutRolePolicy("odd", "p", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"glue:notifyEvent","Resource":"*","Condition":{"StringEqualz":{"aws:PrincipalAccount":"1"}}}]}""");
        _fx.Pipeline("sales", "sales_rule", RoleArn("odd"));

        var finding = Assert.Single(await _fx.RunAsync(new NotifyEventPermissionCheck(), "sales"));

        Assert.Equal(CheckStatus.Unknown, finding.Status);
        Assert.Equal("iam:SimulatePrincipalPolicy", finding.MissingPermission);
        Assert.Contains("StringEqualz", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RoleDocuments_SharedByTwoWorkflows_AreFetchedOnceAcrossRunsAndAfreshOnRecheck()
    {
        HealthyRole();
        _fx.Pipeline("a", "a_rule", RoleArn("notify")).Pipeline("b", "b_rule", RoleArn("notify"));

        await _fx.RunAsync(new TrustPolicyCheck(), "a");
        await _fx.RunAsync(new NotifyEventPermissionCheck(), "b");
        Assert.Equal(1, _fx.Iam.Calls["GetRole"]);

        await _fx.RunAsync(new TrustPolicyCheck(), "a", fresh: true);
        Assert.Equal(2, _fx.Iam.Calls["GetRole"]);
    }

    private static bool AllowsEventBridge(string trustJson, string ruleArn) =>
        PolicyEvaluator.EvaluateTrust(
            PolicyDocument.Parse("fixed", trustJson, PolicyKind.Trust),
            new PolicyRequest("sts:AssumeRole", null, PolicyRequest.Keys(("aws:SourceArn", ruleArn), ("aws:SourceAccount", Account)), "events.amazonaws.com")).IsAllowed;
}
