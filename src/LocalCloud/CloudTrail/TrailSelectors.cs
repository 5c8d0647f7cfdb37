using LocalCloud.Protocol;

namespace LocalCloud.CloudTrail;

/// <summary>
/// A trail's event selectors, validated and compiled once (basic or advanced), then matched against every call.
/// The wire form is kept for GetEventSelectors.
/// </summary>
public abstract class TrailSelectors
{
    private const int MaxBasicSelectors = 5;
    private const int MaxDataResources = 250;
    private const int MaxAdvancedValues = 500;

    private static readonly HashSet<string> BasicResourceTypes = new(StringComparer.Ordinal) { "AWS::S3::Object", "AWS::Lambda::Function", "AWS::DynamoDB::Table" };
    private static readonly HashSet<string> ExcludableSources = new(StringComparer.Ordinal) { "kms.amazonaws.com", "rdsdata.amazonaws.com" };
    private static readonly HashSet<string> Categories = new(StringComparer.Ordinal) { "Management", "Data", "NetworkActivity" };
    private static readonly HashSet<string> ManagementFields = new(StringComparer.Ordinal) { "eventCategory", "readOnly", "eventSource" };
    private static readonly HashSet<string> Fields = new(StringComparer.Ordinal)
    {
        "eventCategory", "eventSource", "eventName", "eventType", "readOnly", "resources.type", "resources.ARN",
        "userIdentity.arn", "errorCode", "sessionCredentialFromConsole", "vpcEndpointId",
    };

    /// <summary>What a new trail logs: all management events, read and write, and no data events.</summary>
    public static TrailSelectors Default { get; } = CompileBasic([new EventSelector("All", true, [], [])]);

    public abstract bool IsAdvanced { get; }

    public abstract IReadOnlyList<EventSelector>? EventSelectors { get; }

    public abstract IReadOnlyList<AdvancedEventSelector>? AdvancedEventSelectors { get; }

    /// <summary>Whether a trail with these selectors logs this event.</summary>
    public abstract bool Logs(CloudTrailRecord record);

    /// <summary>Validates and compiles a PutEventSelectors request: one kind of selectors, not both.</summary>
    public static TrailSelectors Compile(IReadOnlyList<EventSelector>? basic, IReadOnlyList<AdvancedEventSelector>? advanced) =>
        (basic, advanced) switch
        {
            (not null, not null) => throw new AwsServiceException("InvalidParameterCombinationException", "You can use either EventSelectors or AdvancedEventSelectors, but not both."),
            (null, null) => throw new AwsServiceException("InvalidParameterCombinationException", "PutEventSelectors needs EventSelectors or AdvancedEventSelectors."),
            ({ } selectors, null) => CompileBasic(selectors),
            (null, { } selectors) => CompileAdvanced(selectors),
        };

    private static BasicSelectors CompileBasic(IReadOnlyList<EventSelector> selectors)
    {
        if (selectors.Count is 0 or > MaxBasicSelectors)
        {
            throw Invalid($"A trail has from 1 to {MaxBasicSelectors} event selectors, not {selectors.Count}.");
        }

        if (selectors.Sum(s => s.DataResources?.Count ?? 0) > MaxDataResources)
        {
            throw Invalid($"A trail is limited to {MaxDataResources} data resources across its event selectors.");
        }

        var compiled = new List<BasicSelector>();
        var normalized = new List<EventSelector>();
        foreach (var selector in selectors)
        {
            var readWrite = selector.ReadWriteType ?? "All";
            if (readWrite is not ("ReadOnly" or "WriteOnly" or "All"))
            {
                throw Invalid($"Value {readWrite} for ReadWriteType is not valid: use ReadOnly, WriteOnly or All.");
            }

            var excluded = selector.ExcludeManagementEventSources ?? [];
            if (excluded.FirstOrDefault(s => !ExcludableSources.Contains(s)) is { } source)
            {
                throw Invalid($"ExcludeManagementEventSources takes kms.amazonaws.com or rdsdata.amazonaws.com, not {source}.");
            }

            var resources = new List<(string Type, string[] Values)>();
            foreach (var resource in selector.DataResources ?? [])
            {
                if (resource.Type is null || !BasicResourceTypes.Contains(resource.Type))
                {
                    throw Invalid($"Data resource type {resource.Type ?? "(none)"} is not valid for basic event selectors: use AWS::S3::Object, AWS::Lambda::Function or AWS::DynamoDB::Table, or advanced event selectors.");
                }

                var service = resource.Type.Split("::")[1].ToLowerInvariant();
                var values = resource.Values ?? [];
                if (values.Count == 0)
                {
                    throw Invalid($"Data resource {resource.Type} needs at least one value, such as arn:aws:{service}.");
                }

                if (values.FirstOrDefault(v => !IsArnOf(v, service)) is { } bad)
                {
                    throw Invalid($"Data resource values for {resource.Type} are ARNs or ARN prefixes starting with arn:aws:{service}; '{bad}' is not.");
                }

                resources.Add((resource.Type, [.. values]));
            }

            compiled.Add(new BasicSelector(readWrite, selector.IncludeManagementEvents ?? true, resources, [.. excluded]));
            normalized.Add(new EventSelector(readWrite, selector.IncludeManagementEvents ?? true, selector.DataResources ?? [], excluded));
        }

        return new BasicSelectors(compiled, normalized);
    }

    private static AdvancedSelectors CompileAdvanced(IReadOnlyList<AdvancedEventSelector> selectors)
    {
        if (selectors.Count == 0)
        {
            throw Invalid("AdvancedEventSelectors needs at least one selector.");
        }

        var values = selectors.SelectMany(s => s.FieldSelectors ?? []).Sum(f =>
            (f.EqualTo?.Count ?? 0) + (f.StartsWith?.Count ?? 0) + (f.EndsWith?.Count ?? 0) + (f.NotEquals?.Count ?? 0) + (f.NotStartsWith?.Count ?? 0) + (f.NotEndsWith?.Count ?? 0));
        if (values > MaxAdvancedValues)
        {
            throw Invalid($"Advanced event selectors allow up to {MaxAdvancedValues} values across all conditions, not {values}.");
        }

        return new AdvancedSelectors([.. selectors.Select(CompileAdvanced)], selectors);
    }

    private static AdvancedSelector CompileAdvanced(AdvancedEventSelector selector)
    {
        var name = selector.Name ?? "(unnamed)";
        var fields = selector.FieldSelectors ?? [];
        if (fields.Count == 0)
        {
            throw Invalid($"Advanced event selector {name} has no field selectors.");
        }

        var conditions = new List<FieldCondition>();
        foreach (var field in fields)
        {
            if (field.Field is null || !Fields.Contains(field.Field))
            {
                throw Invalid($"Field {field.Field ?? "(none)"} in advanced event selector {name} is not valid; use one of {string.Join(", ", Fields)}.");
            }

            var equalsOnly = field.Field is "eventCategory" or "readOnly" or "resources.type";
            var others = new[] { field.StartsWith, field.EndsWith, field.NotEquals, field.NotStartsWith, field.NotEndsWith };
            if (equalsOnly && others.Any(o => o is not null))
            {
                throw Invalid($"Field {field.Field} in advanced event selector {name} takes only the Equals operator.");
            }

            var all = new[] { field.EqualTo }.Concat(others).OfType<IReadOnlyList<string>>().ToList();
            if (all.Count == 0 || all.Any(o => o.Count == 0 || o.Any(v => v.Length is 0 or > 2048)))
            {
                throw Invalid($"Field {field.Field} in advanced event selector {name} needs an operator with values of 1 to 2048 characters.");
            }

            if (field.Field == "readOnly" && (field.EqualTo ?? []).Any(v => v is not ("true" or "false")))
            {
                throw Invalid($"Field readOnly in advanced event selector {name} is Equals true or false.");
            }

            conditions.Add(new FieldCondition(
                field.Field,
                [.. Matchers(field.EqualTo, (v, s) => v == s), .. Matchers(field.StartsWith, (v, s) => v.StartsWith(s, StringComparison.Ordinal)), .. Matchers(field.EndsWith, (v, s) => v.EndsWith(s, StringComparison.Ordinal))],
                [.. Matchers(field.NotEquals, (v, s) => v == s), .. Matchers(field.NotStartsWith, (v, s) => v.StartsWith(s, StringComparison.Ordinal)), .. Matchers(field.NotEndsWith, (v, s) => v.EndsWith(s, StringComparison.Ordinal))]));
        }

        var categories = fields.Where(f => f.Field == "eventCategory").ToList();
        var category = categories.Count == 1 ? categories[0].EqualTo ?? [] : [];
        if (category.Count == 0 || category.Any(c => !Categories.Contains(c)))
        {
            throw Invalid($"Advanced event selector {name} needs one eventCategory field, Equals Management, Data or NetworkActivity.");
        }

        var types = fields.Where(f => f.Field == "resources.type").ToList();
        var resourceType = types.Count == 1 && types[0].EqualTo is [var type] ? type : null;
        if (category.Contains("Data") && resourceType is null)
        {
            throw Invalid($"Advanced event selector {name} for data events needs one resources.type field with one value, such as AWS::S3::Object.");
        }

        if (category.SequenceEqual(["Management"]) && fields.FirstOrDefault(f => !ManagementFields.Contains(f.Field ?? string.Empty)) is { } extra)
        {
            throw Invalid($"Advanced event selector {name} for management events takes eventCategory, readOnly and eventSource, not {extra.Field}.");
        }

        return new AdvancedSelector(conditions, resourceType);
    }

    private static IEnumerable<Func<string, bool>> Matchers(IReadOnlyList<string>? values, Func<string, string, bool> test) =>
        (values ?? []).Select(expected => (Func<string, bool>)(actual => test(actual, expected)));

    /// <summary><c>arn:aws:s3</c>, <c>arn:aws:s3:::bucket/prefix</c> …: an ARN, or ARN prefix, of the service.</summary>
    private static bool IsArnOf(string value, string service) =>
        value.Split(':') is ["arn", { Length: > 0 }, var s, ..] && s == service;

    private static AwsServiceException Invalid(string message) => new("InvalidEventSelectorsException", message);

    private static bool ReadWriteMatches(string readWriteType, bool readOnly) => readWriteType switch
    {
        "ReadOnly" => readOnly,
        "WriteOnly" => !readOnly,
        _ => true,
    };

    /// <summary>Whether a basic data resource value selects this resource ARN.</summary>
    public static bool DataResourceMatches(string type, string value, string arn)
    {
        var parts = value.Split(':');
        if (parts.Length == 3 || (parts.Length == 6 && parts[5].Length == 0 && parts[3].Length == 0 && parts[4].Length == 0))
        {
            return arn.StartsWith(value, StringComparison.Ordinal); // arn:aws:s3, arn:aws:s3::: — every resource of the service.
        }

        if (type == "AWS::S3::Object")
        {
            // A bucket without a slash means all of its objects, not every bucket whose name starts the same.
            var prefix = value.Contains('/', StringComparison.Ordinal) ? value : value + "/";
            return arn.StartsWith(prefix, StringComparison.Ordinal);
        }

        return arn == value; // Lambda functions and DynamoDB tables are named exactly.
    }

    private sealed record BasicSelector(string ReadWriteType, bool IncludeManagementEvents, IReadOnlyList<(string Type, string[] Values)> DataResources, string[] ExcludedSources)
    {
        public bool Logs(CloudTrailRecord record)
        {
            if (!ReadWriteMatches(ReadWriteType, record.ReadOnly))
            {
                return false;
            }

            return record.Call.IsDataEvent
                ? DataResources.Any(d => record.Call.Resources.Any(r => r.Type == d.Type && d.Values.Any(v => DataResourceMatches(d.Type, v, r.Arn))))
                : IncludeManagementEvents && !ExcludedSources.Contains(record.Call.EventSource);
        }
    }

    private sealed class BasicSelectors(IReadOnlyList<BasicSelector> selectors, IReadOnlyList<EventSelector> wire) : TrailSelectors
    {
        public override bool IsAdvanced => false;

        public override IReadOnlyList<EventSelector>? EventSelectors => wire;

        public override IReadOnlyList<AdvancedEventSelector>? AdvancedEventSelectors => null;

        public override bool Logs(CloudTrailRecord record) => selectors.Any(s => s.Logs(record));
    }

    /// <summary>One field's condition: any positive operator value matches (if there are any), and no negative one does.</summary>
    private sealed record FieldCondition(string Field, Func<string, bool>[] Positive, Func<string, bool>[] Negative)
    {
        public bool Matches(string? value) =>
            value is null
                ? Positive.Length == 0
                : (Positive.Length == 0 || Positive.Any(p => p(value))) && !Negative.Any(n => n(value));
    }

    /// <summary>All of its field conditions hold. Resource fields look at the resource of the selector's resources.type.</summary>
    private sealed record AdvancedSelector(IReadOnlyList<FieldCondition> Conditions, string? ResourceType)
    {
        public bool Logs(CloudTrailRecord record)
        {
            var resources = record.Call.Resources;
            var resource = ResourceType is null ? (resources.Count > 0 ? resources[0] : null) : resources.FirstOrDefault(r => r.Type == ResourceType);
            return Conditions.All(c => c.Matches(c.Field switch
            {
                "eventCategory" => record.Category,
                "eventSource" => record.Call.EventSource,
                "eventName" => record.Call.EventName,
                "eventType" => "AwsApiCall",
                "readOnly" => record.ReadOnly ? "true" : "false",
                "resources.type" => resource?.Type,
                "resources.ARN" => resource?.Arn,
                "userIdentity.arn" => record.Identity.Arn,
                "errorCode" => record.Call.ErrorCode,
                _ => null, // sessionCredentialFromConsole, vpcEndpointId: absent on LocalCloud's calls.
            }));
        }
    }

    private sealed class AdvancedSelectors(IReadOnlyList<AdvancedSelector> selectors, IReadOnlyList<AdvancedEventSelector> wire) : TrailSelectors
    {
        public override bool IsAdvanced => true;

        public override IReadOnlyList<EventSelector>? EventSelectors => null;

        public override IReadOnlyList<AdvancedEventSelector>? AdvancedEventSelectors => wire;

        public override bool Logs(CloudTrailRecord record) => selectors.Any(s => s.Logs(record));
    }
}
