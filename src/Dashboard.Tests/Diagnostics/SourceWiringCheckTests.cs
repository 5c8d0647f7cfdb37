using Dashboard.Aws.CloudTrail;
using Dashboard.Diagnostics;
using Dashboard.Diagnostics.Checks;
using Dashboard.Diagnostics.Wiring;
using Dashboard.Tests.Shared;

namespace Dashboard.Tests.Diagnostics;

public sealed class SourceWiringCheckTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static WiringTestBed CloudTrailRule()
    {
        var bed = new WiringTestBed();
        bed.Events.AddRule("uploads", WiringTestBed.WorkflowArn, eventPattern: WiringTestBed.CloudTrailPutObject(WiringTestBed.Bucket, "data/raw/"));
        return bed;
    }

    private static EventSelector Basic(string readWrite, params string[] values) =>
        new() { ReadWriteType = readWrite, IncludeManagementEvents = true, DataResources = [new DataResource { Type = "AWS::S3::Object", Values = values }] };

    [Fact]
    public async Task SourceWiring_LoggingTrailSelectsBucket_Passes()
    {
        using var bed = CloudTrailRule();
        bed.CloudTrail.AddTrail("management", logging: true).AddTrail("data", logging: true, [Basic("All", $"arn:aws:s3:::{WiringTestBed.Bucket}/")]);

        var finding = Assert.Single(await new SourceWiringCheck().RunAsync(bed.Facts(), Ct));

        Assert.Equal(CheckStatus.Pass, finding.Status);
        Assert.Contains("data", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SourceWiring_AdvancedSelectorStartsWithPrefix_Passes()
    {
        using var bed = CloudTrailRule();
        bed.CloudTrail.AddTrail("advanced", logging: true, advanced:
        [
            new AdvancedEventSelector
            {
                Name = "writes",
                FieldSelectors =
                [
                    new() { Field = "eventCategory", EqualTo = ["Data"] },
                    new() { Field = "resources.type", EqualTo = ["AWS::S3::Object"] },
                    new() { Field = "resources.ARN", StartsWith = [$"arn:aws:s3:::{WiringTestBed.Bucket}/data/"] },
                ],
            },
        ]);

        Assert.Equal(CheckStatus.Pass, Assert.Single(await new SourceWiringCheck().RunAsync(bed.Facts(), Ct)).Status);
    }

    [Fact]
    public async Task SourceWiring_TrailLogsOnlyANarrowerPrefix_Warns()
    {
        using var bed = CloudTrailRule();
        bed.CloudTrail.AddTrail("narrow", logging: true, [Basic("WriteOnly", $"arn:aws:s3:::{WiringTestBed.Bucket}/data/raw/2026/")]);

        Assert.Equal(CheckStatus.Warn, Assert.Single(await new SourceWiringCheck().RunAsync(bed.Facts(), Ct)).Status);
    }

    [Fact]
    public async Task SourceWiring_ManagementEventsOnly_FailsWithSelectorsThatKeepTheOldOnes()
    {
        using var bed = CloudTrailRule();
        bed.CloudTrail.AddTrail("management", logging: true);

        var finding = Assert.Single(await new SourceWiringCheck().RunAsync(bed.Facts(), Ct));

        Assert.Equal(CheckStatus.Fail, finding.Status);
        var fix = Assert.Single(finding.Fixes, f => f.Kind == FixKind.Cli);
        Assert.StartsWith("aws cloudtrail put-event-selectors --trail-name management --event-selectors '[", fix.Text, StringComparison.Ordinal);
        Assert.Contains("\"IncludeManagementEvents\":true", fix.Text, StringComparison.Ordinal);
        Assert.Contains($"\"Values\":[\"arn:aws:s3:::{WiringTestBed.Bucket}/data/raw/\"]", fix.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SourceWiring_CoveringTrailStopped_FailsWithStartLogging()
    {
        using var bed = CloudTrailRule();
        bed.CloudTrail.AddTrail("data", logging: false, [Basic("All", "arn:aws:s3")]);

        var finding = Assert.Single(await new SourceWiringCheck().RunAsync(bed.Facts(), Ct));

        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains(finding.Fixes, f => f.Text == "aws cloudtrail start-logging --name data");
    }

    [Fact]
    public async Task SourceWiring_ReadOnlySelector_Fails()
    {
        using var bed = CloudTrailRule();
        bed.CloudTrail.AddTrail("reads", logging: true, [Basic("ReadOnly", $"arn:aws:s3:::{WiringTestBed.Bucket}/")]);

        Assert.Equal(CheckStatus.Fail, Assert.Single(await new SourceWiringCheck().RunAsync(bed.Facts(), Ct)).Status);
    }

    [Theory]
    [InlineData("DescribeTrails")]
    [InlineData("GetTrailStatus")]
    [InlineData("GetEventSelectors")]
    public async Task SourceWiring_TrailCallDenied_UnknownNamingTheAction(string operation)
    {
        using var bed = CloudTrailRule();
        bed.CloudTrail.AddTrail("data", logging: true);
        bed.CloudTrail.FailingOperations[operation] = FakeCloudTrail.AccessDenied(operation);

        var finding = Assert.Single(await new SourceWiringCheck().RunAsync(bed.Facts(), Ct));

        Assert.Equal(CheckStatus.Unknown, finding.Status);
        Assert.Equal($"cloudtrail:{operation}", finding.MissingPermission);
    }

    [Fact]
    public async Task SourceWiring_ObjectCreatedWithEventBridgeOn_Passes()
    {
        using var bed = new WiringTestBed();
        bed.Events.AddRule("created", WiringTestBed.WorkflowArn, eventPattern: WiringTestBed.ObjectCreated(WiringTestBed.Bucket, WiringTestBed.Prefix("cdc/")));
        bed.S3.AddBucket(WiringTestBed.Bucket, eventBridge: true);

        Assert.Equal(CheckStatus.Pass, Assert.Single(await new SourceWiringCheck().RunAsync(bed.Facts(), Ct)).Status);
    }

    [Fact]
    public async Task SourceWiring_ObjectCreatedWithEventBridgeOff_FailsWithNotificationCommand()
    {
        using var bed = new WiringTestBed();
        bed.Events.AddRule("created", WiringTestBed.WorkflowArn, eventPattern: WiringTestBed.ObjectCreated(WiringTestBed.Bucket, WiringTestBed.Prefix("cdc/")));
        bed.S3.AddBucket(WiringTestBed.Bucket, eventBridge: false);

        var finding = Assert.Single(await new SourceWiringCheck().RunAsync(bed.Facts(), Ct));

        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains(finding.Fixes, f => f.Text == $"aws s3api put-bucket-notification-configuration --bucket {WiringTestBed.Bucket} --notification-configuration '{{\"EventBridgeConfiguration\":{{}}}}'");
    }

    [Fact]
    public async Task SourceWiring_ObjectCreatedNotificationDenied_UnknownNamingTheAction()
    {
        using var bed = new WiringTestBed();
        bed.Events.AddRule("created", WiringTestBed.WorkflowArn, eventPattern: WiringTestBed.ObjectCreated(WiringTestBed.Bucket, WiringTestBed.Prefix("cdc/")));
        bed.S3.Failure = FakeS3Notifications.AccessDenied();

        var finding = Assert.Single(await new SourceWiringCheck().RunAsync(bed.Facts(), Ct));

        Assert.Equal(CheckStatus.Unknown, finding.Status);
        Assert.Equal("s3:GetBucketNotification", finding.MissingPermission);
    }

    [Fact]
    public async Task SourceWiring_PatternNotFromS3_Passes()
    {
        using var bed = new WiringTestBed();
        bed.Events.AddRule("clicks", WiringTestBed.WorkflowArn, eventPattern: """{"source":["com.example.clickstream"]}""");

        Assert.Equal(CheckStatus.Pass, Assert.Single(await new SourceWiringCheck().RunAsync(bed.Facts(), Ct)).Status);
        Assert.Equal(0, bed.S3.NotificationCalls);
    }

    [Theory]
    [InlineData("arn:aws:s3", Coverage.Full)]
    [InlineData("arn:aws:s3:::landing-bucket/", Coverage.Full)]
    [InlineData("arn:aws:s3:::landing-bucket/data/raw/", Coverage.Full)]
    [InlineData("arn:aws:s3:::landing-bucket/data/raw/x/", Coverage.Partial)]
    [InlineData("arn:aws:s3:::other-bucket/", Coverage.None)]
    public void TrailCoverage_BasicDataResource_CoversWhenTheArnPrefixDoes(string value, Coverage expected) =>
        Assert.Equal(expected, TrailCoverage.Evaluate(new GetEventSelectorsResponse { EventSelectors = [Basic("All", value)] }, "arn:aws:s3:::landing-bucket/data/raw/").Coverage);

    [Fact]
    public void TrailCoverage_AdvancedSelectorExcludingPutObject_CoversNothing()
    {
        var selectors = new GetEventSelectorsResponse
        {
            AdvancedEventSelectors =
            [
                new AdvancedEventSelector
                {
                    FieldSelectors =
                    [
                        new() { Field = "eventCategory", EqualTo = ["Data"] },
                        new() { Field = "resources.type", EqualTo = ["AWS::S3::Object"] },
                        new() { Field = "eventName", NotEquals = ["PutObject"] },
                    ],
                },
            ],
        };

        Assert.Equal(Coverage.None, TrailCoverage.Evaluate(selectors, "arn:aws:s3:::landing-bucket/data/raw/").Coverage);
    }
}
