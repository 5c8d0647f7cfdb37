using LocalCloud.Iam.Policies;
using LocalCloud.Protocol;

namespace LocalCloud.Tests.Iam;

/// <summary>
/// Documents IAM refuses, and the <c>MalformedPolicyDocument</c> message each gets: IAM's own wording, with the
/// reason added after "Syntax errors in policy." since IAM's message names none.
/// </summary>
public sealed class PolicyCompilerTests
{
    private const string Allow = """{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}""";

    public static TheoryData<string, string> MalformedIdentityPolicies() => new()
    {
        { "{not json", "This policy contains invalid Json" },
        { "[]", "This policy contains invalid Json" },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*",}]}""", "This policy contains invalid Json" },
        { $$"""{"Version":"2012-10-18","Statement":[{{Allow}}]}""", "The policy must contain a valid version string" },
        { $$"""{"Version":20121017,"Statement":[{{Allow}}]}""", "The policy must contain a valid version string" },
        { """{"Version":"2012-10-17"}""", "Syntax errors in policy. The policy has no Statement." },
        { """{"Version":"2012-10-17","Statement":[]}""", "Syntax errors in policy. Statement must not be empty." },
        { $$"""{"Version":"2012-10-17","Statements":[{{Allow}}]}""", "Syntax errors in policy. 'Statements' is not a policy element (Version, Id, Statement)." },
        { """{"Version":"2012-10-17","Statement":[{"Action":"s3:*","Resource":"*"}]}""", "Syntax errors in policy. Statement 1 has no Effect." },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Permit","Action":"s3:*","Resource":"*"}]}""", "Syntax errors in policy. Statement 1: Effect must be \"Allow\" or \"Deny\", not \"Permit\"." },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Actions":"s3:*","Resource":"*"}]}""", "Syntax errors in policy. Statement 1: 'Actions' is not a statement element." },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","NotAction":"iam:*","Resource":"*"}]}""", "Syntax errors in policy. Statement 1 has both Action and NotAction." },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEqualz":{"aws:SourceAccount":"1"}}}]}""", "Syntax errors in policy. Statement 1: 'StringEqualz' is not a condition operator." },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"NullIfExists":{"aws:SourceAccount":"true"}}}]}""", "Syntax errors in policy. Statement 1: 'NullIfExists' is not a condition operator." },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":"ten"}}}]}""", "Syntax errors in policy. Statement 1: The NumericLessThan condition takes a number, not 'ten'." },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*"}]}""", "Policy statement must contain actions." },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*"}]}""", "Policy statement must contain resources." },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}""", "Policy document should not specify a principal." },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"GetObject","Resource":"*"}]}""", "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc." },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get:Object","Resource":"*"}]}""", "Actions/Condition can contain only one colon." },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s 3:GetObject","Resource":"*"}]}""", "Vendor s 3 is not valid" },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"bucket/key"}]}""", "Resource bucket/key must be in ARN format or \"*\"." },
        { $$"""{"Version":"2012-10-17","Statement":[{"Sid":"A",{{Allow[1..]}},{"Sid":"A",{{Allow[1..]}}]}""", "Statement IDs (SID) in a single policy must be unique." },
    };

    public static TheoryData<string, string> MalformedTrustPolicies() => new()
    {
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]}""", "Missing required field Principal." },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"sts:AssumeRole","Resource":"*"}]}""", "Has prohibited field Resource." },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"glue:notifyEvent"}]}""", "Trust Policy statement actions can only be sts:AssumeRole, sts:AssumeRoleWithSAML,  and sts:AssumeRoleWithWebIdentity" },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Services":"events.amazonaws.com"},"Action":"sts:AssumeRole"}]}""", "Invalid principal in policy: \"Services\"" },
    };

    [Theory]
    [MemberData(nameof(MalformedIdentityPolicies))]
    public void Compile_MalformedIdentityPolicy_IsMalformedPolicyDocumentWithIamsWording(string document, string message)
    {
        var error = Assert.Throws<AwsServiceException>(() => PolicyCompiler.Compile(document, PolicyKind.Identity));

        Assert.Equal("MalformedPolicyDocument", error.Code);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [MemberData(nameof(MalformedTrustPolicies))]
    public void Compile_MalformedTrustPolicy_IsMalformedPolicyDocumentWithIamsWording(string document, string message)
    {
        var error = Assert.Throws<AwsServiceException>(() => PolicyCompiler.Compile(document, PolicyKind.Trust));

        Assert.Equal("MalformedPolicyDocument", error.Code);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Compile_NoVersion_Is2008AndStatementObjectIsAccepted()
    {
        var document = PolicyCompiler.Compile("""{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}""", PolicyKind.Identity);

        Assert.Equal(PolicyDocument.Version2008, document.Version);
        Assert.Single(document.Statements);
    }

    [Fact]
    public void Compile_Statements_KnowTheirLineAndColumn()
    {
        const string Text = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"},\n    {\"Effect\": \"Deny\", \"Action\": \"s3:Delete*\", \"Resource\": \"*\"}\n  ]\n}";

        var statements = PolicyCompiler.Compile(Text, PolicyKind.Identity).Statements;

        Assert.Equal([new TextPosition(4, 5), new TextPosition(5, 5)], statements.Select(s => s.Start));
        Assert.Equal(new TextPosition(4, 58), statements[0].End);
    }

    [Fact]
    public void Compile_ConditionValuesAsBooleansAndNumbers_AreComparedAsText()
    {
        var document = PolicyCompiler.Compile(
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":true},"NumericEquals":{"s3:max-keys":10}}}]}""",
            PolicyKind.Identity);
        var context = new PolicyRequestContext([KeyValuePair.Create("aws:SecureTransport", new[] { "true" }), KeyValuePair.Create("s3:max-keys", new[] { "10.0" })]);

        Assert.Equal(EvalDecision.Allowed, PolicyEvaluator.Evaluate([new NamedPolicy("p", "role", document)], null, "s3:GetObject", "arn:aws:s3:::b/k", context).Decision);
    }
}
