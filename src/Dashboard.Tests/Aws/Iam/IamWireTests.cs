using System.Net;
using System.Text.Json;
using Dashboard.Aws.Iam;
using Dashboard.Aws.Protocol;
using Dashboard.Tests.Shared;

namespace Dashboard.Tests.Aws.Iam;

/// <summary>
/// What each IAM operation puts on the wire (AWS Query: a form body, an XML reply), and how replies are read.
/// SimulatePrincipalPolicy has no moto implementation, so these tests are its only coverage; its expected form is
/// the one botocore sends for the same input (<c>aws iam simulate-principal-policy --debug</c>).
/// </summary>
public sealed class IamWireTests
{
    private const string Namespace = "https://iam.amazonaws.com/doc/2010-05-08/";

    private const string Account = "123456789012";

    public static TheoryData<string> Operations() => new(Calls.Keys);

    private static readonly Dictionary<string, (Func<IIamApi, Task> Call, Dictionary<string, string> Form)> Calls = new()
    {
        ["GetRole"] = (i => i.GetRoleAsync(new() { RoleName = "events-to-glue" }), new() { ["RoleName"] = "events-to-glue" }),
        ["ListRolePolicies"] = (
            i => i.ListRolePoliciesAsync(new() { RoleName = "events-to-glue", Marker = "m1", MaxItems = 10 }),
            new() { ["RoleName"] = "events-to-glue", ["Marker"] = "m1", ["MaxItems"] = "10" }),
        ["GetRolePolicy"] = (
            i => i.GetRolePolicyAsync(new() { RoleName = "events-to-glue", PolicyName = "notify" }),
            new() { ["RoleName"] = "events-to-glue", ["PolicyName"] = "notify" }),
        ["ListAttachedRolePolicies"] = (
            i => i.ListAttachedRolePoliciesAsync(new() { RoleName = "events-to-glue", PathPrefix = "/service-role/", MaxItems = 1 }),
            new() { ["RoleName"] = "events-to-glue", ["PathPrefix"] = "/service-role/", ["MaxItems"] = "1" }),
        ["GetPolicy"] = (
            i => i.GetPolicyAsync(new() { PolicyArn = $"arn:aws:iam::{Account}:policy/notify" }),
            new() { ["PolicyArn"] = $"arn:aws:iam::{Account}:policy/notify" }),
        ["GetPolicyVersion"] = (
            i => i.GetPolicyVersionAsync(new() { PolicyArn = $"arn:aws:iam::{Account}:policy/notify", VersionId = "v2" }),
            new() { ["PolicyArn"] = $"arn:aws:iam::{Account}:policy/notify", ["VersionId"] = "v2" }),
        ["SimulatePrincipalPolicy"] = (
            i => i.SimulatePrincipalPolicyAsync(new() { PolicySourceArn = $"arn:aws:iam::{Account}:role/events-to-glue", ActionNames = ["glue:notifyEvent"], MaxItems = 50 }),
            new() { ["PolicySourceArn"] = $"arn:aws:iam::{Account}:role/events-to-glue", ["ActionNames.member.1"] = "glue:notifyEvent", ["MaxItems"] = "50" }),
    };

    private static IamClient Client(FakeAwsHandler handler, string region = "eu-west-1") =>
        new(TestClients.Credentials, TestClients.FakeConfig(IamClient.Spec, handler, region));

    private static string Reply(string operation, string result) =>
        $"""<{operation}Response xmlns="{Namespace}"><{operation}Result>{result}</{operation}Result><ResponseMetadata><RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId></ResponseMetadata></{operation}Response>""";

    private static string Error(string type, string code, string message) =>
        $"""<ErrorResponse xmlns="{Namespace}"><Error><Type>{type}</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>4c8a4b4f-EXAMPLE</RequestId></ErrorResponse>""";

    private static string Encode(string json) => Uri.EscapeDataString(json);

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Operation_PostsQueryFormToTheGlobalEndpointSignedForUsEast1(string operation)
    {
        var handler = new FakeAwsHandler().RespondXml(Reply(operation, string.Empty));
        using var iam = Client(handler, region: "eu-west-1");

        await Calls[operation].Call(iam);

        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://iam.amazonaws.com/", request.Uri.ToString());
        Assert.StartsWith("application/x-www-form-urlencoded", request.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Contains("/us-east-1/iam/aws4_request", request.Header("Authorization"), StringComparison.Ordinal);
        Assert.False(request.Headers.ContainsKey("X-Amz-Target"));
        var expected = new Dictionary<string, string>(Calls[operation].Form) { ["Action"] = operation, ["Version"] = "2010-05-08" };
        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), request.Form().OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task SimulatePrincipalPolicy_FlattensListsAndNestedContextEntriesAsBotocoreDoes()
    {
        var handler = new FakeAwsHandler().RespondXml(Reply("SimulatePrincipalPolicy", string.Empty));
        using var iam = Client(handler);

        await iam.SimulatePrincipalPolicyAsync(new()
        {
            PolicySourceArn = $"arn:aws:iam::{Account}:role/r1",
            ActionNames = ["glue:notifyEvent", "glue:GetWorkflow"],
            ResourceArns = [$"arn:aws:glue:eu-west-1:{Account}:workflow/wf"],
            ContextEntries =
            [
                new()
                {
                    ContextKeyName = "aws:SourceArn",
                    ContextKeyValues = [$"arn:aws:events:eu-west-1:{Account}:rule/r"],
                    ContextKeyType = "string",
                },
            ],
            PermissionsBoundaryPolicyInputList = ["""{"Version":"2012-10-17"}"""],
            CallerArn = $"arn:aws:iam::{Account}:user/u",
        });

        // Captured from botocore 1.43 for the same call.
        var botocore = new Dictionary<string, string>
        {
            ["Action"] = "SimulatePrincipalPolicy",
            ["Version"] = "2010-05-08",
            ["PolicySourceArn"] = "arn:aws:iam::123456789012:role/r1",
            ["PermissionsBoundaryPolicyInputList.member.1"] = """{"Version":"2012-10-17"}""",
            ["ActionNames.member.1"] = "glue:notifyEvent",
            ["ActionNames.member.2"] = "glue:GetWorkflow",
            ["ResourceArns.member.1"] = "arn:aws:glue:eu-west-1:123456789012:workflow/wf",
            ["CallerArn"] = "arn:aws:iam::123456789012:user/u",
            ["ContextEntries.member.1.ContextKeyName"] = "aws:SourceArn",
            ["ContextEntries.member.1.ContextKeyValues.member.1"] = "arn:aws:events:eu-west-1:123456789012:rule/r",
            ["ContextEntries.member.1.ContextKeyType"] = "string",
        };
        Assert.Equal(botocore.OrderBy(p => p.Key, StringComparer.Ordinal), handler.Requests[0].Form().OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task SimulatePrincipalPolicy_SendsAResourcePolicyIntact()
    {
        var handler = new FakeAwsHandler().RespondXml(Reply("SimulatePrincipalPolicy", string.Empty));
        using var iam = Client(handler);
        const string ResourcePolicy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"glue:notifyEvent","Resource":"*","Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}}}]}""";

        await iam.SimulatePrincipalPolicyAsync(new()
        {
            PolicySourceArn = $"arn:aws:iam::{Account}:role/r1",
            ActionNames = ["glue:notifyEvent"],
            ResourcePolicy = ResourcePolicy,
            ContextEntries = [new() { ContextKeyName = "aws:SourceAccount", ContextKeyValues = [Account, "210987654321"], ContextKeyType = "stringList" }],
        });

        var form = handler.Requests[0].Form();
        Assert.Equal(ResourcePolicy, form["ResourcePolicy"]);
        Assert.Equal(Account, form["ContextEntries.member.1.ContextKeyValues.member.1"]);
        Assert.Equal("210987654321", form["ContextEntries.member.1.ContextKeyValues.member.2"]);
        Assert.Equal("stringList", form["ContextEntries.member.1.ContextKeyType"]);
        Assert.DoesNotContain(form.Keys, k => k.StartsWith("ResourceArns", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SimulatePrincipalPolicy_PercentEncodesReservedCharactersInTheForm()
    {
        var handler = new FakeAwsHandler().RespondXml(Reply("SimulatePrincipalPolicy", string.Empty));
        using var iam = Client(handler);

        await iam.SimulatePrincipalPolicyAsync(new()
        {
            PolicySourceArn = $"arn:aws:iam::{Account}:role/r1",
            ActionNames = ["glue:notifyEvent"],
            ContextEntries = [new() { ContextKeyName = "aws:PrincipalTag/team", ContextKeyValues = ["a+b c%d&e=f/é"], ContextKeyType = "string" }],
        });

        var body = handler.Requests[0].Body;
        Assert.Contains("ContextEntries.member.1.ContextKeyValues.member.1=a%2Bb%20c%25d%26e%3Df%2F%C3%A9", body, StringComparison.Ordinal);
        Assert.Equal("a+b c%d&e=f/é", handler.Requests[0].Form()["ContextEntries.member.1.ContextKeyValues.member.1"]);
    }

    [Fact]
    public async Task SimulatePrincipalPolicy_ReadsDecisionsStatementsAndResourceResults()
    {
        var handler = new FakeAwsHandler().RespondXml(Reply("SimulatePrincipalPolicy", $"""
            <IsTruncated>false</IsTruncated>
            <EvaluationResults>
              <member>
                <EvalActionName>glue:notifyEvent</EvalActionName>
                <EvalResourceName>arn:aws:glue:eu-west-1:{Account}:workflow/wf</EvalResourceName>
                <EvalDecision>allowed</EvalDecision>
                <MatchedStatements>
                  <member>
                    <SourcePolicyId>notify</SourcePolicyId>
                    <SourcePolicyType>role</SourcePolicyType>
                    <StartPosition><Line>1</Line><Column>38</Column></StartPosition>
                    <EndPosition><Line>1</Line><Column>151</Column></EndPosition>
                  </member>
                </MatchedStatements>
                <MissingContextValues/>
                <EvalDecisionDetails>
                  <entry><key>IAM Policy</key><value>allowed</value></entry>
                </EvalDecisionDetails>
                <PermissionsBoundaryDecisionDetail><AllowedByPermissionsBoundary>true</AllowedByPermissionsBoundary></PermissionsBoundaryDecisionDetail>
                <ResourceSpecificResults>
                  <member>
                    <EvalResourceName>arn:aws:glue:eu-west-1:{Account}:workflow/wf</EvalResourceName>
                    <EvalResourceDecision>allowed</EvalResourceDecision>
                    <MatchedStatements><member><SourcePolicyId>notify</SourcePolicyId><SourcePolicyType>role</SourcePolicyType></member></MatchedStatements>
                  </member>
                </ResourceSpecificResults>
              </member>
              <member>
                <EvalActionName>glue:GetWorkflow</EvalActionName>
                <EvalResourceName>*</EvalResourceName>
                <EvalDecision>implicitDeny</EvalDecision>
                <MatchedStatements/>
                <MissingContextValues><member>aws:SourceArn</member><member>aws:SourceAccount</member></MissingContextValues>
              </member>
              <member>
                <EvalActionName>glue:DeleteWorkflow</EvalActionName>
                <EvalResourceName>*</EvalResourceName>
                <EvalDecision>explicitDeny</EvalDecision>
                <MatchedStatements><member><SourcePolicyId>deny-delete</SourcePolicyId><SourcePolicyType>user-managed</SourcePolicyType></member></MatchedStatements>
              </member>
            </EvaluationResults>
            """));
        using var iam = Client(handler);

        var response = await iam.SimulatePrincipalPolicyAsync(new()
        {
            PolicySourceArn = $"arn:aws:iam::{Account}:role/events-to-glue",
            ActionNames = ["glue:notifyEvent", "glue:GetWorkflow", "glue:DeleteWorkflow"],
        });

        Assert.False(response.IsTruncated);
        Assert.Null(response.Marker);
        var results = response.EvaluationResults ?? [];
        Assert.Equal(["allowed", "implicitDeny", "explicitDeny"], results.Select(r => r.EvalDecision));

        var allowed = results[0];
        Assert.Equal("glue:notifyEvent", allowed.EvalActionName);
        var statement = Assert.Single(allowed.MatchedStatements ?? []);
        Assert.Equal("notify", statement.SourcePolicyId);
        Assert.Equal("role", statement.SourcePolicyType);
        Assert.Equal(new Position { Line = 1, Column = 38 }, statement.StartPosition);
        Assert.Equal(new Position { Line = 1, Column = 151 }, statement.EndPosition);
        Assert.Empty(allowed.MissingContextValues ?? ["absent"]);
        Assert.Equal("allowed", allowed.EvalDecisionDetails?["IAM Policy"]);
        Assert.True(allowed.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary);
        var resource = Assert.Single(allowed.ResourceSpecificResults ?? []);
        Assert.Equal($"arn:aws:glue:eu-west-1:{Account}:workflow/wf", resource.EvalResourceName);
        Assert.Equal("allowed", resource.EvalResourceDecision);
        Assert.Equal("notify", Assert.Single(resource.MatchedStatements ?? []).SourcePolicyId);

        Assert.Empty(results[1].MatchedStatements ?? [new Statement()]);
        Assert.Equal(["aws:SourceArn", "aws:SourceAccount"], results[1].MissingContextValues);
        Assert.Null(results[1].PermissionsBoundaryDecisionDetail);
        Assert.Equal("user-managed", Assert.Single(results[2].MatchedStatements ?? []).SourcePolicyType);
    }

    [Fact]
    public async Task GetRole_ReadsTheRoleAndDecodesItsTrustPolicy()
    {
        const string Trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
        var handler = new FakeAwsHandler().RespondXml(Reply("GetRole", $"""
            <Role>
              <Path>/service-role/</Path>
              <RoleName>events-to-glue</RoleName>
              <RoleId>AROADBQP57FF2AEXAMPLE</RoleId>
              <Arn>arn:aws:iam::{Account}:role/service-role/events-to-glue</Arn>
              <CreateDate>2024-05-01T08:30:00.123456Z</CreateDate>
              <AssumeRolePolicyDocument>{Encode(Trust)}</AssumeRolePolicyDocument>
              <Description>EventBridge starts Glue workflows</Description>
              <MaxSessionDuration>3600</MaxSessionDuration>
              <PermissionsBoundary>
                <PermissionsBoundaryType>PermissionsBoundaryPolicy</PermissionsBoundaryType>
                <PermissionsBoundaryArn>arn:aws:iam::{Account}:policy/boundary</PermissionsBoundaryArn>
              </PermissionsBoundary>
              <Tags><member><Key>team</Key><Value>data</Value></member></Tags>
              <RoleLastUsed><LastUsedDate>2025-02-28T23:59:59Z</LastUsedDate><Region>eu-west-1</Region></RoleLastUsed>
            </Role>
            """));
        using var iam = Client(handler);

        var role = (await iam.GetRoleAsync(new() { RoleName = "events-to-glue" })).Role;

        Assert.NotNull(role);
        Assert.Equal("/service-role/", role.Path);
        Assert.Equal("events-to-glue", role.RoleName);
        Assert.Equal($"arn:aws:iam::{Account}:role/service-role/events-to-glue", role.Arn);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 8, 30, 0, TimeSpan.Zero).AddTicks(1_234_560), role.CreateDate);
        Assert.StartsWith("%7B%22Version%22", role.AssumeRolePolicyDocument, StringComparison.Ordinal);
        Assert.Equal(Trust, role.AssumeRolePolicyDocumentJson);
        var principal = JsonDocument.Parse(role.AssumeRolePolicyDocumentJson!).RootElement.GetProperty("Statement")[0].GetProperty("Principal");
        Assert.Equal("events.amazonaws.com", principal.GetProperty("Service").GetString());
        Assert.Equal(3600, role.MaxSessionDuration);
        Assert.Equal($"arn:aws:iam::{Account}:policy/boundary", role.PermissionsBoundary?.PermissionsBoundaryArn);
        Assert.Equal([new Tag { Key = "team", Value = "data" }], role.Tags);
        Assert.Equal(new DateTimeOffset(2025, 2, 28, 23, 59, 59, TimeSpan.Zero), role.RoleLastUsed?.LastUsedDate);
        Assert.Equal("eu-west-1", role.RoleLastUsed?.Region);
    }

    [Fact]
    public async Task GetRolePolicy_DecodesTheInlinePolicy()
    {
        const string Document = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"glue:notifyEvent","Resource":"arn:aws:glue:eu-west-1:123456789012:workflow/wf+1 a%b"}]}""";
        var handler = new FakeAwsHandler().RespondXml(Reply("GetRolePolicy",
            $"<RoleName>events-to-glue</RoleName><PolicyName>notify</PolicyName><PolicyDocument>{Encode(Document)}</PolicyDocument>"));
        using var iam = Client(handler);

        var response = await iam.GetRolePolicyAsync(new() { RoleName = "events-to-glue", PolicyName = "notify" });

        Assert.Equal("events-to-glue", response.RoleName);
        Assert.Equal("notify", response.PolicyName);
        Assert.Equal(Encode(Document), response.PolicyDocument);
        // '+' stays '+': IAM encodes per RFC 3986, not as an HTML form.
        Assert.Equal(Document, response.PolicyDocumentJson);
    }

    [Fact]
    public async Task ListRolePoliciesAndAttachedPolicies_ReadMembers()
    {
        var handler = new FakeAwsHandler()
            .RespondXml(Reply("ListRolePolicies", "<PolicyNames><member>notify</member><member>logs</member></PolicyNames><IsTruncated>false</IsTruncated>"))
            .RespondXml(Reply("ListAttachedRolePolicies", $"""
                <AttachedPolicies>
                  <member><PolicyName>glue-read</PolicyName><PolicyArn>arn:aws:iam::{Account}:policy/glue-read</PolicyArn></member>
                  <member><PolicyName>AWSGlueServiceRole</PolicyName><PolicyArn>arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole</PolicyArn></member>
                </AttachedPolicies>
                <IsTruncated>true</IsTruncated>
                <Marker>AAE1</Marker>
                """));
        using var iam = Client(handler);

        var inline = await iam.ListRolePoliciesAsync(new() { RoleName = "events-to-glue" });
        var attached = await iam.ListAttachedRolePoliciesAsync(new() { RoleName = "events-to-glue" });

        Assert.Equal(["notify", "logs"], inline.PolicyNames);
        Assert.False(inline.IsTruncated);
        Assert.Null(inline.Marker);
        Assert.Equal(
            [
                new AttachedPolicy { PolicyName = "glue-read", PolicyArn = $"arn:aws:iam::{Account}:policy/glue-read" },
                new AttachedPolicy { PolicyName = "AWSGlueServiceRole", PolicyArn = "arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole" },
            ],
            attached.AttachedPolicies);
        Assert.True(attached.IsTruncated);
        Assert.Equal("AAE1", attached.Marker);
    }

    [Fact]
    public async Task GetPolicyAndVersion_ReadCountsFlagsAndDecodeTheDocument()
    {
        const string Document = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["glue:GetWorkflow","glue:GetWorkflowRun"],"Resource":"*"}]}""";
        var handler = new FakeAwsHandler()
            .RespondXml(Reply("GetPolicy", $"""
                <Policy>
                  <PolicyName>glue-read</PolicyName><PolicyId>ANPAJ2UCCR6DPCEXAMPLE</PolicyId>
                  <Arn>arn:aws:iam::{Account}:policy/glue-read</Arn><Path>/</Path>
                  <DefaultVersionId>v2</DefaultVersionId><AttachmentCount>1</AttachmentCount>
                  <PermissionsBoundaryUsageCount>0</PermissionsBoundaryUsageCount><IsAttachable>true</IsAttachable>
                  <Description>Read Glue workflows</Description>
                  <CreateDate>2024-05-01T08:30:00Z</CreateDate><UpdateDate>2024-06-01T08:30:00Z</UpdateDate>
                </Policy>
                """))
            .RespondXml(Reply("GetPolicyVersion", $"""
                <PolicyVersion>
                  <Document>{Encode(Document)}</Document>
                  <VersionId>v2</VersionId><IsDefaultVersion>true</IsDefaultVersion><CreateDate>2024-06-01T08:30:00Z</CreateDate>
                </PolicyVersion>
                """));
        using var iam = Client(handler);

        var policy = (await iam.GetPolicyAsync(new() { PolicyArn = $"arn:aws:iam::{Account}:policy/glue-read" })).Policy;
        var version = (await iam.GetPolicyVersionAsync(new() { PolicyArn = $"arn:aws:iam::{Account}:policy/glue-read", VersionId = "v2" })).PolicyVersion;

        Assert.NotNull(policy);
        Assert.Equal("v2", policy.DefaultVersionId);
        Assert.Equal(1, policy.AttachmentCount);
        Assert.Equal(0, policy.PermissionsBoundaryUsageCount);
        Assert.True(policy.IsAttachable);
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 8, 30, 0, TimeSpan.Zero), policy.UpdateDate);
        Assert.Null(policy.Tags);
        Assert.NotNull(version);
        Assert.Equal("v2", version.VersionId);
        Assert.True(version.IsDefaultVersion);
        Assert.Equal(Document, version.DocumentJson);
    }

    [Fact]
    public async Task NoSuchEntity_BecomesTypedNotFoundWithoutRetry()
    {
        var handler = new FakeAwsHandler()
            .RespondXml(Error("Sender", "NoSuchEntity", "The role with name missing cannot be found."), HttpStatusCode.NotFound);
        using var iam = Client(handler);

        var error = await Assert.ThrowsAsync<AwsNotFoundException>(() => iam.GetRoleAsync(new() { RoleName = "missing" }));

        Assert.Equal("NoSuchEntity", error.ErrorCode);
        Assert.Equal("IAM", error.Service);
        Assert.Equal("GetRole", error.Operation);
        Assert.Equal("The role with name missing cannot be found.", error.AwsMessage);
        Assert.Equal("4c8a4b4f-EXAMPLE", error.RequestId);
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task AccessDenied_BecomesTypedAccessDenied()
    {
        var handler = new FakeAwsHandler().RespondXml(
            Error("Sender", "AccessDenied", $"User: arn:aws:sts::{Account}:assumed-role/dashboard/s is not authorized to perform: iam:SimulatePrincipalPolicy"),
            HttpStatusCode.Forbidden);
        using var iam = Client(handler);

        var error = await Assert.ThrowsAsync<AwsAccessDeniedException>(() => iam.SimulatePrincipalPolicyAsync(new()
        {
            PolicySourceArn = $"arn:aws:iam::{Account}:role/events-to-glue",
            ActionNames = ["glue:notifyEvent"],
        }));

        Assert.Equal("AccessDenied", error.ErrorCode);
        Assert.Contains("iam:SimulatePrincipalPolicy", error.AwsMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throttling_IsRetriedByTheSdkPipeline_ThenSucceeds()
    {
        var handler = new FakeAwsHandler()
            .RespondXml(Error("Sender", "Throttling", "Rate exceeded"), HttpStatusCode.BadRequest)
            .RespondXml(Reply("GetRole", "<Role><RoleName>r</RoleName></Role>"));
        using var iam = Client(handler);

        var response = await iam.GetRoleAsync(new() { RoleName = "r" });

        Assert.Equal("r", response.Role?.RoleName);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task ListRolePoliciesPaginator_FollowsMarkerWhileTruncated()
    {
        var handler = new FakeAwsHandler()
            .RespondXml(Reply("ListRolePolicies", "<PolicyNames><member>a</member></PolicyNames><IsTruncated>true</IsTruncated><Marker>m2</Marker>"))
            .RespondXml(Reply("ListRolePolicies", "<PolicyNames><member>b</member></PolicyNames><IsTruncated>true</IsTruncated><Marker>m3</Marker>"))
            .RespondXml(Reply("ListRolePolicies", "<PolicyNames><member>c</member></PolicyNames><IsTruncated>false</IsTruncated>"));
        using var iam = Client(handler);

        var names = new List<string>();
        await foreach (var page in iam.ListRolePoliciesPagesAsync(new() { RoleName = "r", MaxItems = 1 }, TestContext.Current.CancellationToken))
        {
            names.AddRange(page.PolicyNames ?? []);
        }

        Assert.Equal(["a", "b", "c"], names);
        var forms = handler.Requests.Select(r => r.Form()).ToList();
        Assert.False(forms[0].ContainsKey("Marker"));
        Assert.Equal(["m2", "m3"], forms.Skip(1).Select(f => f["Marker"]));
        Assert.All(forms, f => Assert.Equal("1", f["MaxItems"]));
        Assert.All(forms, f => Assert.False(f.ContainsKey("NextToken")));
    }

    [Fact]
    public async Task ListAttachedRolePoliciesPaginator_StopsWhenNotTruncatedEvenWithAMarker()
    {
        var handler = new FakeAwsHandler()
            .RespondXml(Reply("ListAttachedRolePolicies", "<AttachedPolicies><member><PolicyName>a</PolicyName></member></AttachedPolicies><IsTruncated>true</IsTruncated><Marker>m2</Marker>"))
            .RespondXml(Reply("ListAttachedRolePolicies", "<AttachedPolicies><member><PolicyName>b</PolicyName></member></AttachedPolicies><IsTruncated>false</IsTruncated><Marker>ignored</Marker>"));
        using var iam = Client(handler);

        var names = new List<string?>();
        await foreach (var page in iam.ListAttachedRolePoliciesPagesAsync(new() { RoleName = "r", MaxItems = 1 }, TestContext.Current.CancellationToken))
        {
            names.AddRange((page.AttachedPolicies ?? []).Select(p => p.PolicyName));
        }

        Assert.Equal(["a", "b"], names);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal("m2", handler.Requests[1].Form()["Marker"]);
    }

    [Fact]
    public async Task SimulatePrincipalPolicyPaginator_ResendsTheSimulationWithTheMarker()
    {
        var handler = new FakeAwsHandler()
            .RespondXml(Reply("SimulatePrincipalPolicy", "<EvaluationResults><member><EvalActionName>glue:notifyEvent</EvalActionName><EvalDecision>allowed</EvalDecision></member></EvaluationResults><IsTruncated>true</IsTruncated><Marker>next</Marker>"))
            .RespondXml(Reply("SimulatePrincipalPolicy", "<EvaluationResults><member><EvalActionName>glue:GetWorkflow</EvalActionName><EvalDecision>implicitDeny</EvalDecision></member></EvaluationResults><IsTruncated>false</IsTruncated>"));
        using var iam = Client(handler);
        var request = new SimulatePrincipalPolicyRequest
        {
            PolicySourceArn = $"arn:aws:iam::{Account}:role/events-to-glue",
            ActionNames = ["glue:notifyEvent", "glue:GetWorkflow"],
            MaxItems = 1,
        };

        var decisions = new List<string?>();
        await foreach (var page in iam.SimulatePrincipalPolicyPagesAsync(request, TestContext.Current.CancellationToken))
        {
            decisions.AddRange((page.EvaluationResults ?? []).Select(r => $"{r.EvalActionName}={r.EvalDecision}"));
        }

        Assert.Equal(["glue:notifyEvent=allowed", "glue:GetWorkflow=implicitDeny"], decisions);
        var second = handler.Requests[1].Form();
        Assert.Equal("next", second["Marker"]);
        Assert.Equal("glue:GetWorkflow", second["ActionNames.member.2"]);
        Assert.Equal(request.PolicySourceArn, second["PolicySourceArn"]);
    }
}
