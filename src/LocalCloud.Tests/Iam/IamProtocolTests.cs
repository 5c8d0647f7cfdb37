using System.Net;
using System.Xml.Linq;
using LocalCloud.Tests.Shared;

namespace LocalCloud.Tests.Iam;

/// <summary>
/// IAM on the wire: Query requests (form-encoded, <c>Version=2010-05-08</c>, signed for <c>iam</c> in us-east-1),
/// XML responses in IAM's namespace, URL-encoded policy documents, and <c>ErrorResponse</c> errors with IAM's codes
/// and statuses.
/// </summary>
public sealed class IamProtocolTests(LocalCloudFixture cloud) : IClassFixture<LocalCloudFixture>
{
    private static readonly XNamespace Ns = "https://iam.amazonaws.com/doc/2010-05-08/";
    private const string Trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task<(HttpStatusCode Status, XElement Body)> QueryAsync(string account, string action, params (string Key, string Value)[] parameters)
    {
        using var http = new HttpClient { BaseAddress = cloud.Endpoint };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/");
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential={account}/20261125/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0");
        request.Content = new FormUrlEncodedContent(
            new[] { ("Action", action), ("Version", "2010-05-08") }.Concat(parameters).Select(p => KeyValuePair.Create(p.Item1, p.Item2)));
        using var response = await http.SendAsync(request, Cancellation);
        return (response.StatusCode, XElement.Parse(await response.Content.ReadAsStringAsync(Cancellation)));
    }

    [Fact]
    public async Task CreateRole_ThenGetRole_XmlWithUrlEncodedTrustPolicy()
    {
        var account = LocalCloudFixture.NewAccount();

        var (created, _) = await QueryAsync(account, "CreateRole", ("RoleName", "delivery"), ("AssumeRolePolicyDocument", Trust), ("Tags.member.1.Key", "team"), ("Tags.member.1.Value", "data"));
        var (status, body) = await QueryAsync(account, "GetRole", ("RoleName", "delivery"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (created, status));
        Assert.Equal(Ns + "GetRoleResponse", body.Name);
        var role = body.Element(Ns + "GetRoleResult")?.Element(Ns + "Role");
        Assert.Equal($"arn:aws:iam::{account}:role/delivery", role?.Element(Ns + "Arn")?.Value);
        Assert.Equal(Uri.EscapeDataString(Trust), role?.Element(Ns + "AssumeRolePolicyDocument")?.Value);
        Assert.Equal("2026-11-25T12:00:00.000Z", role?.Element(Ns + "CreateDate")?.Value);
        Assert.Equal("data", role?.Element(Ns + "Tags")?.Element(Ns + "member")?.Element(Ns + "Value")?.Value);
        Assert.NotNull(body.Element(Ns + "ResponseMetadata")?.Element(Ns + "RequestId"));
    }

    [Fact]
    public async Task GetRole_Unknown_IsErrorResponseNoSuchEntity404()
    {
        var (status, body) = await QueryAsync(LocalCloudFixture.NewAccount(), "GetRole", ("RoleName", "missing"));

        Assert.Equal(HttpStatusCode.NotFound, status);
        var error = body.Element(Ns + "Error");
        Assert.Equal(("Sender", "NoSuchEntity", "The role with name missing cannot be found."), (error?.Element(Ns + "Type")?.Value, error?.Element(Ns + "Code")?.Value, error?.Element(Ns + "Message")?.Value));
    }

    [Fact]
    public async Task PutRolePolicy_UnknownConditionOperator_IsMalformedPolicyDocument400()
    {
        var account = LocalCloudFixture.NewAccount();
        await QueryAsync(account, "CreateRole", ("RoleName", "delivery"), ("AssumeRolePolicyDocument", Trust));

        var (status, body) = await QueryAsync(account, "PutRolePolicy", ("RoleName", "delivery"), ("PolicyName", "p"),
            ("PolicyDocument", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"glue:*","Resource":"*","Condition":{"ArnLikeIfExist":{"aws:SourceArn":"arn:*"}}}]}"""));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("MalformedPolicyDocument", body.Element(Ns + "Error")?.Element(Ns + "Code")?.Value);
        Assert.Equal("Syntax errors in policy. Statement 1: 'ArnLikeIfExist' is not a condition operator.", body.Element(Ns + "Error")?.Element(Ns + "Message")?.Value);
    }

    [Fact]
    public async Task SimulatePrincipalPolicy_WithContextEntries_EvaluationResultsInXml()
    {
        var account = LocalCloudFixture.NewAccount();
        await QueryAsync(account, "CreateRole", ("RoleName", "delivery"), ("AssumeRolePolicyDocument", Trust));
        await QueryAsync(account, "PutRolePolicy", ("RoleName", "delivery"), ("PolicyName", "notify"),
            ("PolicyDocument", """{"Version":"2012-10-17","Statement":[{"Sid":"Notify","Effect":"Allow","Action":"glue:notifyEvent","Resource":"*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:events:*:*:rule/upload"}}}]}"""));

        var (status, body) = await QueryAsync(account, "SimulatePrincipalPolicy",
            ("PolicySourceArn", $"arn:aws:iam::{account}:role/delivery"),
            ("ActionNames.member.1", "glue:notifyEvent"),
            ("ResourceArns.member.1", $"arn:aws:glue:us-east-1:{account}:workflow/w"),
            ("ContextEntries.member.1.ContextKeyName", "aws:SourceArn"),
            ("ContextEntries.member.1.ContextKeyValues.member.1", $"arn:aws:events:us-east-1:{account}:rule/upload"),
            ("ContextEntries.member.1.ContextKeyType", "string"));

        Assert.Equal(HttpStatusCode.OK, status);
        var result = body.Element(Ns + "SimulatePrincipalPolicyResult")?.Element(Ns + "EvaluationResults")?.Element(Ns + "member");
        Assert.Equal("allowed", result?.Element(Ns + "EvalDecision")?.Value);
        var statement = result?.Element(Ns + "MatchedStatements")?.Element(Ns + "member");
        Assert.Equal(("notify", "role", "1"), (statement?.Element(Ns + "SourcePolicyId")?.Value, statement?.Element(Ns + "SourcePolicyType")?.Value, statement?.Element(Ns + "StartPosition")?.Element(Ns + "Line")?.Value));
        Assert.Equal("false", body.Element(Ns + "SimulatePrincipalPolicyResult")?.Element(Ns + "IsTruncated")?.Value);
    }

    [Fact]
    public async Task Accounts_AreSeparate_AndIamIsGlobalAcrossRegions()
    {
        var account = LocalCloudFixture.NewAccount();
        await QueryAsync(account, "CreateRole", ("RoleName", "delivery"), ("AssumeRolePolicyDocument", Trust));

        var (other, _) = await QueryAsync(LocalCloudFixture.NewAccount(), "GetRole", ("RoleName", "delivery"));
        using var http = new HttpClient { BaseAddress = cloud.Endpoint };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/");
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential={account}/20261125/eu-west-1/iam/aws4_request, SignedHeaders=host, Signature=0");
        request.Content = new FormUrlEncodedContent([KeyValuePair.Create("Action", "GetRole"), KeyValuePair.Create("Version", "2010-05-08"), KeyValuePair.Create("RoleName", "delivery")]);
        using var elsewhere = await http.SendAsync(request, Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, other);
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
    }
}
