using LocalCloud.Iam;
using LocalCloud.Protocol;
using Microsoft.Extensions.Time.Testing;

namespace LocalCloud.Tests.Iam;

/// <summary>The IAM backend called directly: limits, versions, delete conflicts, paging, and what each bad input gets.</summary>
public sealed class IamBackendTests
{
    private const string Account = "123456789012";
    private const string Trust = """{"Version":"2012-10-17","Statement":[{"Sid":"EventBridge","Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}}}]}""";
    private const string Notify = """{"Version":"2012-10-17","Statement":[{"Sid":"Notify","Effect":"Allow","Action":"glue:notifyEvent","Resource":"arn:aws:glue:us-east-1:123456789012:workflow/*"}]}""";
    private const string Workflow = "arn:aws:glue:us-east-1:123456789012:workflow/products_raw";
    private const string RoleArn = "arn:aws:iam::123456789012:role/service-role/delivery";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly RequestContext _context = new(Account, "us-east-1", "iam", "request", Account);
    private readonly IamBackend _iam;

    public IamBackendTests() => _iam = new IamBackend(_clock);

    private static Dictionary<string, string> FromRule(string account = Account) => new()
    {
        ["aws:SourceArn"] = "arn:aws:events:us-east-1:123456789012:rule/upload",
        ["aws:SourceAccount"] = account,
    };

    private Role CreateRole(string name = "delivery", string path = "/service-role/") =>
        _iam.CreateRole(_context, new CreateRoleRequest(path, name, Trust, null, null, null, null)).Role;

    private string CreatePolicy(string name = "notify", string document = Notify) =>
        _iam.CreatePolicy(_context, new CreatePolicyRequest(name, null, document, null, null)).Policy.Arn;

    [Fact]
    public void CreateRole_ArnIdAndDocument_AsIamWritesThem()
    {
        var role = CreateRole();

        Assert.Equal(RoleArn, role.Arn);
        Assert.Matches("^AROA[A-Z2-7]{17}$", role.RoleId);
        Assert.Equal(Uri.EscapeDataString(Trust), role.AssumeRolePolicyDocument);
        Assert.Equal(_clock.GetUtcNow(), role.CreateDate);
    }

    [Fact]
    public void CreateRole_SameNameInOtherCase_IsEntityAlreadyExists()
    {
        CreateRole();

        var error = Assert.Throws<AwsServiceException>(() => CreateRole("DELIVERY"));

        Assert.Equal(("EntityAlreadyExists", "Role with name DELIVERY already exists."), (error.Code, error.Message));
    }

    [Theory]
    [InlineData(null, "ValidationError", "1 validation error detected: Value null at 'roleName' failed to satisfy constraint: Member must not be null")]
    [InlineData("bad name", "ValidationError", @"1 validation error detected: Value 'bad name' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+")]
    public void CreateRole_BadName_IsValidationError(string? name, string code, string message)
    {
        var error = Assert.Throws<AwsServiceException>(() => _iam.CreateRole(_context, new CreateRoleRequest(null, name, Trust, null, null, null, null)));

        Assert.Equal((code, message), (error.Code, error.Message));
    }

    [Fact]
    public void CreateRole_BadPath_IsValidationError()
    {
        var error = Assert.Throws<AwsServiceException>(() => CreateRole(path: "service-role"));

        Assert.Equal("ValidationError", error.Code);
        Assert.Contains("at 'path' failed to satisfy constraint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetRole_Unknown_IsNoSuchEntity404()
    {
        var error = Assert.Throws<AwsServiceException>(() => _iam.GetRole(_context, new RoleNameRequest("missing")));

        Assert.Equal(("NoSuchEntity", "The role with name missing cannot be found.", System.Net.HttpStatusCode.NotFound), (error.Code, error.Message, error.Status));
    }

    [Fact]
    public void DeleteRole_WithAttachedOrInlinePolicies_IsDeleteConflictUntilRemoved()
    {
        CreateRole();
        var arn = CreatePolicy();
        _iam.AttachRolePolicy(_context, new RolePolicyArnRequest("delivery", arn));
        _iam.PutRolePolicy(_context, new PutRolePolicyRequest("delivery", "inline", Notify));

        var attached = Assert.Throws<AwsServiceException>(() => _iam.DeleteRole(_context, new RoleNameRequest("delivery")));
        _iam.DetachRolePolicy(_context, new RolePolicyArnRequest("delivery", arn));
        var inline = Assert.Throws<AwsServiceException>(() => _iam.DeleteRole(_context, new RoleNameRequest("delivery")));
        _iam.DeleteRolePolicy(_context, new RolePolicyRequest("delivery", "inline"));
        _iam.DeleteRole(_context, new RoleNameRequest("delivery"));

        Assert.Equal(("DeleteConflict", "Cannot delete entity, must detach all policies first."), (attached.Code, attached.Message));
        Assert.Equal(("DeleteConflict", "Cannot delete entity, must delete policies first."), (inline.Code, inline.Message));
        Assert.Throws<AwsServiceException>(() => _iam.GetRole(_context, new RoleNameRequest("delivery")));
    }

    [Fact]
    public void CreatePolicyVersion_SixthVersion_IsLimitExceeded_AndDefaultMovesOnlyWhenAsked()
    {
        var arn = CreatePolicy();
        for (var i = 0; i < 3; i++)
        {
            _iam.CreatePolicyVersion(_context, new CreatePolicyVersionRequest(arn, Notify, null));
        }

        var v5 = _iam.CreatePolicyVersion(_context, new CreatePolicyVersionRequest(arn, Notify, true)).PolicyVersion;
        var error = Assert.Throws<AwsServiceException>(() => _iam.CreatePolicyVersion(_context, new CreatePolicyVersionRequest(arn, Notify, true)));
        var list = _iam.ListPolicyVersions(_context, new ListPolicyVersionsRequest(arn, null, null)).Versions;

        Assert.Equal(("v5", true), (v5.VersionId, v5.IsDefaultVersion));
        Assert.Equal(("LimitExceeded", "A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version."), (error.Code, error.Message));
        Assert.Equal(["v5", "v4", "v3", "v2", "v1"], list.Select(v => v.VersionId));
        Assert.Equal("v5", _iam.GetPolicy(_context, new PolicyArnRequest(arn)).Policy.DefaultVersionId);
    }

    [Fact]
    public void DeletePolicyVersion_Default_IsDeleteConflict_AndIdsAreNotReused()
    {
        var arn = CreatePolicy();
        _iam.CreatePolicyVersion(_context, new CreatePolicyVersionRequest(arn, Notify, null));

        var error = Assert.Throws<AwsServiceException>(() => _iam.DeletePolicyVersion(_context, new PolicyVersionRequest(arn, "v1")));
        _iam.DeletePolicyVersion(_context, new PolicyVersionRequest(arn, "v2"));
        var v3 = _iam.CreatePolicyVersion(_context, new CreatePolicyVersionRequest(arn, Notify, null)).PolicyVersion;

        Assert.Equal(("DeleteConflict", "Cannot delete the default version of a policy."), (error.Code, error.Message));
        Assert.Equal(("v3", false), (v3.VersionId, v3.IsDefaultVersion));
    }

    [Fact]
    public void CreatePolicy_SameName_IsEntityAlreadyExists()
    {
        CreatePolicy();

        var error = Assert.Throws<AwsServiceException>(() => CreatePolicy());

        Assert.Equal(("EntityAlreadyExists", "A policy called notify already exists. Duplicate names are not allowed."), (error.Code, error.Message));
    }

    [Fact]
    public void AttachRolePolicy_UnknownPolicy_IsNoSuchEntity_AndEleventhIsLimitExceeded()
    {
        CreateRole();
        var unknown = Assert.Throws<AwsServiceException>(() => _iam.AttachRolePolicy(_context, new RolePolicyArnRequest("delivery", $"arn:aws:iam::{Account}:policy/nope")));
        for (var i = 0; i < IamBackend.ManagedPoliciesPerRole; i++)
        {
            _iam.AttachRolePolicy(_context, new RolePolicyArnRequest("delivery", CreatePolicy($"p{i}")));
        }

        var limit = Assert.Throws<AwsServiceException>(() => _iam.AttachRolePolicy(_context, new RolePolicyArnRequest("delivery", CreatePolicy("p10"))));

        Assert.Equal(("NoSuchEntity", $"Policy arn:aws:iam::{Account}:policy/nope does not exist or is not attachable."), (unknown.Code, unknown.Message));
        Assert.Equal(("LimitExceeded", "Cannot exceed quota for PoliciesPerRole: 10"), (limit.Code, limit.Message));
    }

    [Fact]
    public void ListAttachedRolePolicies_PagesWithMarker()
    {
        CreateRole();
        foreach (var name in new[] { "c", "a", "b" })
        {
            _iam.AttachRolePolicy(_context, new RolePolicyArnRequest("delivery", CreatePolicy(name)));
        }

        var first = _iam.ListAttachedRolePolicies(_context, new ListAttachedRolePoliciesRequest("delivery", null, null, 2));
        var second = _iam.ListAttachedRolePolicies(_context, new ListAttachedRolePoliciesRequest("delivery", null, first.Marker, 2));

        Assert.Equal(["a", "b"], first.AttachedPolicies.Select(p => p.PolicyName));
        Assert.True(first.IsTruncated);
        Assert.Equal(["c"], second.AttachedPolicies.Select(p => p.PolicyName));
        Assert.False(second.IsTruncated);
        Assert.Null(second.Marker);
    }

    [Fact]
    public void ListRoles_MaxItemsZero_IsValidationError()
    {
        var error = Assert.Throws<AwsServiceException>(() => _iam.ListRoles(_context, new ListRolesRequest(null, null, 0)));

        Assert.Equal("1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1", error.Message);
    }

    [Fact]
    public void PutRolePolicy_OverTheInlineQuota_IsLimitExceeded()
    {
        CreateRole();
        var big = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":[{{string.Join(",", Enumerable.Range(0, 500).Select(i => $"\"arn:aws:s3:::bucket-{i:D4}/*\""))}}]}]}""";

        var error = Assert.Throws<AwsServiceException>(() => _iam.PutRolePolicy(_context, new PutRolePolicyRequest("delivery", "big", big)));

        Assert.Equal(("LimitExceeded", "Maximum policy size of 10240 bytes exceeded for role delivery"), (error.Code, error.Message));
    }

    [Fact]
    public void AwsManagedGlueServiceRole_CanBeReadAndAttached()
    {
        CreateRole();
        const string Arn = "arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole";

        _iam.AttachRolePolicy(_context, new RolePolicyArnRequest("delivery", Arn));
        var policy = _iam.GetPolicy(_context, new PolicyArnRequest(Arn)).Policy;
        var version = _iam.GetPolicyVersion(_context, new PolicyVersionRequest(Arn, "v1")).PolicyVersion;

        Assert.Equal(("AWSGlueServiceRole", "/service-role/", 1), (policy.PolicyName, policy.Path, policy.AttachmentCount));
        Assert.Contains("glue%3A%2A", version.Document, StringComparison.Ordinal);
        Assert.True(_iam.IsAllowed(Account, RoleArn, "glue:StartWorkflowRun", Workflow, new Dictionary<string, string>()).IsAllowed);
        Assert.Throws<AwsServiceException>(() => _iam.CreatePolicyVersion(_context, new CreatePolicyVersionRequest(Arn, Notify, true)));
    }

    [Fact]
    public void RoleAuthority_DeliveryRole_MayBeAssumedByEventsAndNotifyTheWorkflow()
    {
        CreateRole();
        _iam.PutRolePolicy(_context, new PutRolePolicyRequest("delivery", "notify", Notify));

        var assume = _iam.CanAssume(Account, RoleArn, "events.amazonaws.com", FromRule());
        var notify = _iam.IsAllowed(Account, RoleArn, "glue:notifyEvent", Workflow, FromRule());

        Assert.Equal((AccessOutcome.Allowed, "EventBridge"), (assume.Outcome, assume.DecidingStatement));
        Assert.Equal((AccessOutcome.Allowed, "Notify"), (notify.Outcome, notify.DecidingStatement));
    }

    [Fact]
    public void RoleAuthority_WrongService_IsDeniedSayingWhoIsTrusted()
    {
        CreateRole();

        var decision = _iam.CanAssume(Account, RoleArn, "glue.amazonaws.com", FromRule());

        Assert.Equal(AccessOutcome.ImplicitDeny, decision.Outcome);
        Assert.Equal(
            $"Service glue.amazonaws.com is not authorized to perform: sts:AssumeRole on resource: {RoleArn} because the role's trust policy does not trust glue.amazonaws.com (it trusts events.amazonaws.com).",
            decision.Message);
    }

    [Fact]
    public void RoleAuthority_SourceAccountOfAnotherAccount_IsDeniedNamingTheCondition()
    {
        CreateRole();

        var decision = _iam.CanAssume(Account, RoleArn, "events.amazonaws.com", FromRule("999999999999"));

        Assert.Equal(AccessOutcome.ImplicitDeny, decision.Outcome);
        Assert.Contains("the conditions of the trust policy statement EventBridge are not met: StringEquals aws:SourceAccount 123456789012 (request: 999999999999)", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RoleAuthority_NoPolicy_IsImplicitDenyInAwsWords()
    {
        CreateRole();

        var decision = _iam.IsAllowed(Account, RoleArn, "glue:notifyEvent", Workflow, FromRule());

        Assert.Equal(AccessOutcome.ImplicitDeny, decision.Outcome);
        Assert.Equal($"User: {RoleArn} is not authorized to perform: glue:notifyEvent on resource: {Workflow} because no identity-based policy allows the glue:notifyEvent action.", decision.Message);
    }

    [Fact]
    public void RoleAuthority_BoundaryWithoutGlue_IsImplicitDenyByTheBoundary()
    {
        CreateRole();
        _iam.PutRolePolicy(_context, new PutRolePolicyRequest("delivery", "notify", Notify));
        _iam.PutRolePermissionsBoundary(_context, new PutRolePermissionsBoundaryRequest("delivery", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"));

        var decision = _iam.IsAllowed(Account, RoleArn, "glue:notifyEvent", Workflow, FromRule());

        Assert.Equal(AccessOutcome.ImplicitDeny, decision.Outcome);
        Assert.EndsWith("because no permissions boundary allows the glue:notifyEvent action.", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RoleAuthority_SeesPolicyChangesAtOnce()
    {
        CreateRole();
        var arn = CreatePolicy();
        _iam.AttachRolePolicy(_context, new RolePolicyArnRequest("delivery", arn));
        var before = _iam.IsAllowed(Account, RoleArn, "glue:notifyEvent", Workflow, FromRule());

        _iam.CreatePolicyVersion(_context, new CreatePolicyVersionRequest(arn, """{"Version":"2012-10-17","Statement":[{"Sid":"No","Effect":"Deny","Action":"glue:*","Resource":"*"}]}""", true));
        var after = _iam.IsAllowed(Account, RoleArn, "glue:notifyEvent", Workflow, FromRule());

        Assert.Equal(AccessOutcome.Allowed, before.Outcome);
        Assert.Equal((AccessOutcome.ExplicitDeny, "No"), (after.Outcome, after.DecidingStatement));
    }

    [Fact]
    public void RoleAuthority_UnknownRoleOrOtherAccount_IsRoleNotFound()
    {
        CreateRole();

        Assert.Equal(AccessOutcome.RoleNotFound, _iam.CanAssume(Account, "arn:aws:iam::123456789012:role/missing", "events.amazonaws.com", FromRule()).Outcome);
        Assert.Equal(AccessOutcome.RoleNotFound, _iam.IsAllowed("210987654321", RoleArn, "glue:notifyEvent", Workflow, FromRule()).Outcome);
    }

    [Fact]
    public void SimulatePrincipalPolicy_ReportsMatchedStatementsMissingKeysAndBoundary()
    {
        CreateRole();
        _iam.PutRolePolicy(_context, new PutRolePolicyRequest("delivery", "notify", """{"Version":"2012-10-17","Statement":[{"Sid":"Notify","Effect":"Allow","Action":"glue:notifyEvent","Resource":"*","Condition":{"StringEqualsIfExists":{"aws:SourceAccount":"123456789012"}}}]}"""));
        _iam.PutRolePermissionsBoundary(_context, new PutRolePermissionsBoundaryRequest("delivery", "arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole"));

        var results = _iam.SimulatePrincipalPolicy(_context, new SimulatePrincipalPolicyRequest(
            RoleArn, null, null, ["glue:notifyEvent", "s3:PutObject"], [Workflow], null, null, null, null, null, null, null)).EvaluationResults;

        Assert.Equal(["allowed", "implicitDeny"], results.Select(r => r.EvalDecision));
        var matched = Assert.Single(results[0].MatchedStatements);
        Assert.Equal(("notify", "role", 1), (matched.SourcePolicyId, matched.SourcePolicyType, matched.StartPosition.Line));
        Assert.Equal(["aws:SourceAccount"], results[0].MissingContextValues);
        Assert.True(results[0].PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary);
    }

    [Fact]
    public void SimulatePrincipalPolicy_UserArn_IsNoSuchEntity()
    {
        var error = Assert.Throws<AwsServiceException>(() => _iam.SimulatePrincipalPolicy(_context, new SimulatePrincipalPolicyRequest(
            $"arn:aws:iam::{Account}:user/ana", null, null, ["s3:GetObject"], null, null, null, null, null, null, null, null)));

        Assert.Equal("NoSuchEntity", error.Code);
    }
}
