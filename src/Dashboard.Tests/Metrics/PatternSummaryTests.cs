using Dashboard.Metrics;

namespace Dashboard.Tests.Metrics;

public sealed class PatternSummaryTests
{
    [Fact]
    public void Describe_NestedFields_OneLinePerLeafWithOperatorsSpelledOut()
    {
        var conditions = PatternSummary.Describe("""
            {"source":["aws.s3"],"detail-type":["Object Created"],
             "detail":{"bucket":{"name":["raw","landing"]},"object":{"key":[{"prefix":"data/"}],"size":[{"numeric":[">",0,"<=",1024]}]},
                       "reason":[{"anything-but":["Lifecycle"]}],"version-id":[{"exists":false}],"etag":[{"wildcard":"*abc*"}]}}
            """);

        Assert.Equal(
            [
                ("source", "\"aws.s3\""),
                ("detail-type", "\"Object Created\""),
                ("detail.bucket.name", "\"raw\" or \"landing\""),
                ("detail.object.key", "prefix \"data/\""),
                ("detail.object.size", "numeric > 0 <= 1024"),
                ("detail.reason", "anything but \"Lifecycle\""),
                ("detail.version-id", "absent"),
                ("detail.etag", "wildcard \"*abc*\""),
            ],
            conditions.Select(c => (c.Field, c.Condition)));
    }

    [Fact]
    public void Describe_Or_ListsTheAlternatives()
    {
        var condition = Assert.Single(PatternSummary.Describe("""{"detail":{"$or":[{"a":[1]},{"b":[{"exists":true}]}]}}"""));

        Assert.Equal(("detail", "one of: detail.a 1 | detail.b present"), (condition.Field, condition.Condition));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1]")]
    public void Describe_NothingToRead_Empty(string? pattern) => Assert.Empty(PatternSummary.Describe(pattern));

    [Theory]
    [InlineData("arn:aws:glue:eu-west-1:123456789012:workflow/products_raw_ingest", "products_raw_ingest")]
    [InlineData("arn:aws-cn:glue:cn-north-1:123456789012:workflow/w", "w")]
    [InlineData("arn:aws:sqs:eu-west-1:123456789012:queue", null)]
    [InlineData("arn:aws:glue:eu-west-1:123456789012:job/j", null)]
    [InlineData("arn:aws:glue:eu-west-1:123456789012:workflow/", null)]
    [InlineData(null, null)]
    public void WorkflowName_OnlyForGlueWorkflowTargets(string? arn, string? expected) => Assert.Equal(expected, RuleCatalog.WorkflowName(arn));
}
