using Dashboard.Aws.Glue;
using Dashboard.Diagnostics;
using Dashboard.Diagnostics.Checks;
using Dashboard.Tests.Shared;

namespace Dashboard.Tests.Diagnostics;

public sealed class EventPatternCheckTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<Finding> RunAsync(WiringTestBed bed) =>
        Assert.Single(await new EventPatternCheck().RunAsync(bed.Facts(), Ct));

    [Fact]
    public async Task EventPattern_PlainPrefix_PassesWithSampleAsEvidence()
    {
        using var bed = new WiringTestBed();
        bed.Events.AddRule("created", WiringTestBed.WorkflowArn, eventPattern: WiringTestBed.ObjectCreated(WiringTestBed.Bucket, WiringTestBed.Prefix("cdc/")));

        var finding = await RunAsync(bed);

        Assert.Equal(CheckStatus.Pass, finding.Status);
        Assert.Contains(finding.Evidence, e => e.Label.StartsWith("Sample upload to s3://landing-bucket/cdc/", StringComparison.Ordinal) && e.Format == EvidenceFormat.Json);
        Assert.Contains(finding.Evidence, e => e.Label == "TestEventPattern" && e.Text.StartsWith("true", StringComparison.Ordinal));
        Assert.Equal(1, bed.Events.Calls["TestEventPattern"]);
    }

    [Fact]
    public async Task EventPattern_LiteralStarInPrefix_FailsWithPrefixFixThatMatches()
    {
        using var bed = new WiringTestBed();
        bed.Events.AddRule("created", WiringTestBed.WorkflowArn, eventPattern: WiringTestBed.ObjectCreated(WiringTestBed.Bucket, WiringTestBed.Prefix("invoices/*")));

        var finding = await RunAsync(bed);

        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains("literal '*'", finding.Explanation, StringComparison.Ordinal);
        var fix = Assert.Single(finding.Fixes, f => f.Kind == FixKind.Cli);
        Assert.Contains("\"key\":[{\"prefix\":\"invoices/\"}]", fix.Text, StringComparison.Ordinal);
        Assert.Contains(finding.Evidence, e => e.Label == "TestEventPattern for the fixed pattern" && e.Text.StartsWith("true", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EventPattern_StarInTheMiddleOfPrefix_FixUsesWildcard()
    {
        using var bed = new WiringTestBed();
        bed.Events.AddRule("created", WiringTestBed.WorkflowArn, eventPattern: WiringTestBed.ObjectCreated(WiringTestBed.Bucket, WiringTestBed.Prefix("invoices/*/raw/")));

        var finding = await RunAsync(bed);

        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains(finding.Fixes, f => f.Text.Contains("{\"wildcard\":\"invoices/*/raw/\"}", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("AWS.S3", "Object Created", "source")]
    [InlineData("aws.s3", "object created", "detail-type")]
    public async Task EventPattern_CaseMismatch_FailsWithCanonicalSpelling(string source, string detailType, string field)
    {
        using var bed = new WiringTestBed();
        bed.Events.AddRule("created", WiringTestBed.WorkflowArn, eventPattern: WiringTestBed.ObjectCreated(WiringTestBed.Bucket, WiringTestBed.Prefix("cdc/"), source, detailType));

        var finding = await RunAsync(bed);

        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains($"{field} is \"", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains(finding.Fixes, f => f.Text.Contains("\"source\":[\"aws.s3\"],\"detail-type\":[\"Object Created\"]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EventPattern_LowerCaseEventName_Fails()
    {
        using var bed = new WiringTestBed();
        bed.Events.AddRule("uploads", WiringTestBed.WorkflowArn, eventPattern: WiringTestBed.CloudTrailPutObject(WiringTestBed.Bucket, "data/", "putobject"));

        var finding = await RunAsync(bed);

        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains("detail.eventName is \"putobject\"", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventPattern_BucketNameWithCapitals_Fails()
    {
        using var bed = new WiringTestBed();
        bed.Events.AddRule("created", WiringTestBed.WorkflowArn, eventPattern: WiringTestBed.ObjectCreated("Landing-Bucket", WiringTestBed.Prefix("cdc/")));

        var finding = await RunAsync(bed);

        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains(finding.Fixes, f => f.Text.Contains("\"name\":[\"landing-bucket\"]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EventPattern_PutObjectOnly_PassesWithOptionalFixForMultipartAndCopy()
    {
        using var bed = new WiringTestBed();
        bed.Events.AddRule("uploads", WiringTestBed.WorkflowArn, eventPattern: WiringTestBed.CloudTrailPutObject(WiringTestBed.Bucket, "data/raw/"));

        var finding = await RunAsync(bed);

        Assert.Equal(CheckStatus.Pass, finding.Status);
        Assert.Contains("CompleteMultipartUpload", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains(finding.Fixes, f => f.Text.Contains("\"eventName\":[\"PutObject\",\"CopyObject\",\"CompleteMultipartUpload\"]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EventPattern_KeyFilterExcludesWhatTheJobReads_FailsRetargetedToTheJobsPrefix()
    {
        using var bed = new WiringTestBed();
        bed.Glue.AddWorkflow(WiringTestBed.Workflow, FakeGlue.EventTrigger("start", 5, 900));
        bed.Glue.Jobs["job"] = new Job { Name = "job", DefaultArguments = new Dictionary<string, string> { ["--source_path"] = $"s3://{WiringTestBed.Bucket}/data/products_raw/" } };
        bed.Events.AddRule("created", WiringTestBed.WorkflowArn, eventPattern: WiringTestBed.ObjectCreated(WiringTestBed.Bucket, WiringTestBed.Prefix("data/products/")));

        var finding = await RunAsync(bed);

        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains("--source_path", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains(finding.Fixes, f => f.Text.Contains("\"key\":[{\"prefix\":\"data/products_raw/\"}]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EventPattern_KeyFilterCoversWhatTheJobReads_Passes()
    {
        using var bed = new WiringTestBed();
        bed.Glue.AddWorkflow(WiringTestBed.Workflow, FakeGlue.EventTrigger("start", 5, 900));
        bed.Glue.Jobs["job"] = new Job { Name = "job", DefaultArguments = new Dictionary<string, string> { ["--source_path"] = $"s3://{WiringTestBed.Bucket}/data/products_raw/" } };
        bed.Events.AddRule("created", WiringTestBed.WorkflowArn, eventPattern: WiringTestBed.ObjectCreated(WiringTestBed.Bucket, WiringTestBed.Prefix("data/")));

        Assert.Equal(CheckStatus.Pass, (await RunAsync(bed)).Status);
    }

    [Fact]
    public async Task EventPattern_PatternWithoutBucket_Warns()
    {
        using var bed = new WiringTestBed();
        bed.Events.AddRule("any", WiringTestBed.WorkflowArn, eventPattern: """{"source":["aws.s3"],"detail-type":["Object Created"]}""");

        Assert.Equal(CheckStatus.Warn, (await RunAsync(bed)).Status);
    }

    [Fact]
    public async Task EventPattern_TestEventPatternDenied_UnknownNamingTheAction()
    {
        using var bed = new WiringTestBed();
        bed.Events.AddRule("created", WiringTestBed.WorkflowArn, eventPattern: WiringTestBed.ObjectCreated(WiringTestBed.Bucket, WiringTestBed.Prefix("cdc/")));
        bed.Events.TestPatternFailure = WiringTestBed.Denied("EventBridge", "TestEventPattern", "events:TestEventPattern");

        var finding = await RunAsync(bed);

        Assert.Equal(CheckStatus.Unknown, finding.Status);
        Assert.Equal("events:TestEventPattern", finding.MissingPermission);
    }

    [Fact]
    public async Task EventPattern_TestEventPatternDeniedButLiteralStar_StillFails()
    {
        using var bed = new WiringTestBed();
        bed.Events.AddRule("created", WiringTestBed.WorkflowArn, eventPattern: WiringTestBed.ObjectCreated(WiringTestBed.Bucket, WiringTestBed.Prefix("invoices/*")));
        bed.Events.TestPatternFailure = WiringTestBed.Denied("EventBridge", "TestEventPattern", "events:TestEventPattern");

        Assert.Equal(CheckStatus.Fail, (await RunAsync(bed)).Status);
    }
}
