using System.Text.Json;
using System.Text.Json.Nodes;
using LocalCloud.CloudTrail;
using LocalCloud.Events;
using LocalCloud.Protocol;

namespace LocalCloud.Tests.CloudTrail;

/// <summary>
/// Event selectors, basic and advanced: matching cases as data (<c>selector-cases.json</c>: selectors, a call on
/// <c>s3://bucket</c>, and whether a trail logs it), and validation as AWS documents it.
/// </summary>
public sealed class TrailSelectorsTests
{
    private static readonly JsonSerializerOptions CaseOptions = new() { PropertyNameCaseInsensitive = true };

    public static TheoryData<string> Cases() => new(LoadCases().Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Logs_SelectorCase(string name)
    {
        var testCase = LoadCases().Single(c => c.Name == name);
        var selectors = TrailSelectors.Compile(testCase.EventSelectors, testCase.AdvancedEventSelectors);

        Assert.Equal(testCase.Logs, selectors.Logs(Record(testCase.Call)));
    }

    [Fact]
    public void Default_LogsManagementEventsOnly()
    {
        Assert.True(TrailSelectors.Default.Logs(Record(new SelectorCall("CreateBucket", null, true))));
        Assert.False(TrailSelectors.Default.Logs(Record(new SelectorCall("PutObject", "k", false))));
        Assert.Equal("All", Assert.Single(TrailSelectors.Default.EventSelectors ?? []).ReadWriteType);
    }

    [Fact]
    public void Compile_BothKinds_InvalidParameterCombination()
    {
        var error = Assert.Throws<AwsServiceException>(() => TrailSelectors.Compile([new EventSelector("All", true, [], [])], [Advanced(Field("eventCategory", "Management"))]));

        Assert.Equal("InvalidParameterCombinationException", error.Code);
        Assert.Equal("InvalidParameterCombinationException", Assert.Throws<AwsServiceException>(() => TrailSelectors.Compile(null, null)).Code);
    }

    public static TheoryData<string, EventSelector[]> InvalidBasic() => new()
    {
        { "no selectors", [] },
        { "six selectors", [.. Enumerable.Repeat(new EventSelector("All", true, [], []), 6)] },
        { "bad ReadWriteType", [new EventSelector("read-only", true, [], [])] },
        { "unknown resource type", [new EventSelector("All", true, [new DataResource("AWS::Glue::Table", ["arn:aws:glue"])], [])] },
        { "value of another service", [new EventSelector("All", true, [new DataResource("AWS::S3::Object", ["arn:aws:lambda"])], [])] },
        { "no values", [new EventSelector("All", true, [new DataResource("AWS::S3::Object", [])], [])] },
        { "not an ARN", [new EventSelector("All", true, [new DataResource("AWS::S3::Object", ["bucket/prefix"])], [])] },
        { "251 data resources", [new EventSelector("All", true, [.. Enumerable.Repeat(new DataResource("AWS::S3::Object", ["arn:aws:s3"]), 251)], [])] },
        { "exclude S3 management events", [new EventSelector("All", true, [], ["s3.amazonaws.com"])] },
    };

    [Theory]
    [MemberData(nameof(InvalidBasic))]
    public void Compile_InvalidBasic_InvalidEventSelectors(string why, EventSelector[] selectors)
    {
        var error = Assert.Throws<AwsServiceException>(() => TrailSelectors.Compile(selectors, null));

        Assert.True(error.Code == "InvalidEventSelectorsException", why);
    }

    public static TheoryData<string, AdvancedEventSelector[]> InvalidAdvanced() => new()
    {
        { "no selectors", [] },
        { "no field selectors", [new AdvancedEventSelector("empty", [])] },
        { "no eventCategory", [Advanced(Field("eventName", "PutObject"))] },
        { "unknown category", [Advanced(Field("eventCategory", "Everything"))] },
        { "data without resources.type", [Advanced(Field("eventCategory", "Data"))] },
        { "two resource types", [Advanced(Field("eventCategory", "Data"), Field("resources.type", "AWS::S3::Object", "AWS::Lambda::Function"))] },
        { "StartsWith on readOnly", [Advanced(Field("eventCategory", "Data"), Field("resources.type", "AWS::S3::Object"), new AdvancedFieldSelector("readOnly", null, ["t"], null, null, null, null))] },
        { "readOnly not a boolean", [Advanced(Field("eventCategory", "Data"), Field("resources.type", "AWS::S3::Object"), Field("readOnly", "yes"))] },
        { "unknown field", [Advanced(Field("eventCategory", "Data"), Field("resources.type", "AWS::S3::Object"), Field("bucketName", "b"))] },
        { "management with resources.ARN", [Advanced(Field("eventCategory", "Management"), new AdvancedFieldSelector("resources.ARN", null, ["arn:aws:s3:::b/"], null, null, null, null))] },
        { "operator without values", [Advanced(Field("eventCategory", "Data"), Field("resources.type", "AWS::S3::Object"), new AdvancedFieldSelector("eventName", null, [], null, null, null, null))] },
        { "field without operator", [Advanced(Field("eventCategory", "Data"), Field("resources.type", "AWS::S3::Object"), new AdvancedFieldSelector("eventName", null, null, null, null, null, null))] },
        { "501 values", [Advanced(Field("eventCategory", "Data"), Field("resources.type", "AWS::S3::Object"), Field("eventName", [.. Enumerable.Range(0, 499).Select(i => $"Op{i}")]))] },
    };

    [Theory]
    [MemberData(nameof(InvalidAdvanced))]
    public void Compile_InvalidAdvanced_InvalidEventSelectors(string why, AdvancedEventSelector[] selectors)
    {
        var error = Assert.Throws<AwsServiceException>(() => TrailSelectors.Compile(null, selectors));

        Assert.True(error.Code == "InvalidEventSelectorsException", $"{why}: {error.Code} {error.Message}");
    }

    [Fact]
    public void Compile_Basic_DefaultsFilledForGetEventSelectors()
    {
        var selectors = TrailSelectors.Compile([new EventSelector(null, null, [new DataResource("AWS::S3::Object", ["arn:aws:s3:::b/"])], null)], null);

        var selector = Assert.Single(selectors.EventSelectors ?? []);
        Assert.Equal(("All", true), (selector.ReadWriteType, selector.IncludeManagementEvents));
        Assert.Empty(selector.ExcludeManagementEventSources ?? ["missing"]);
        Assert.Null(selectors.AdvancedEventSelectors);
    }

    private static AdvancedEventSelector Advanced(params AdvancedFieldSelector[] fields) => new("selector", fields);

    private static AdvancedFieldSelector Field(string field, params string[] equalTo) => new(field, equalTo, null, null, null, null, null);

    private static CloudTrailRecord Record(SelectorCall call)
    {
        IReadOnlyList<CloudTrailResource> resources = call.Management
            ? [new("AWS::S3::Bucket", "arn:aws:s3:::bucket")]
            : [new("AWS::S3::Object", $"arn:aws:s3:::bucket/{call.Key}"), new("AWS::S3::Bucket", "arn:aws:s3:::bucket")];
        var parameters = new JsonObject { ["bucketName"] = "bucket", ["Host"] = "s3.amazonaws.com" };
        return CloudTrailRecord.From(
            new ApiCallRecord("111122223333", "us-east-1", "s3.amazonaws.com", call.EventName, DateTimeOffset.UnixEpoch, "root", parameters, null, resources, !call.Management),
            "event-1",
            "REQUEST1");
    }

    private static IReadOnlyList<SelectorCase> LoadCases()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "CloudTrail", "selector-cases.json");
        return JsonSerializer.Deserialize<List<SelectorCase>>(File.ReadAllBytes(path), CaseOptions)
            ?? throw new InvalidOperationException($"{path} holds no cases.");
    }

    public sealed record SelectorCall(string EventName, string? Key, bool Management);

    public sealed record SelectorCase(
        string Name,
        IReadOnlyList<EventSelector>? EventSelectors,
        IReadOnlyList<AdvancedEventSelector>? AdvancedEventSelectors,
        SelectorCall Call,
        bool Logs);
}
