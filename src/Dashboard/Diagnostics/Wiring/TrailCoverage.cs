using System.Text.Json;
using Dashboard.Aws.CloudTrail;

namespace Dashboard.Diagnostics.Wiring;

/// <summary>How much of a watched S3 prefix a trail's selectors log as write data events.</summary>
public enum Coverage
{
    None,

    /// <summary>Some keys under the prefix, not all: a selector names a narrower prefix or single objects.</summary>
    Partial,

    Full,
}

/// <summary>A trail's verdict for one prefix, with the selector it rests on, as evidence.</summary>
public sealed record TrailVerdict(Coverage Coverage, string Selector);

/// <summary>
/// Decides whether a trail's event selectors log the <c>PutObject</c> data events for a bucket and prefix. Basic selectors
/// need an <c>AWS::S3::Object</c> data resource whose ARN prefix covers the keys, with ReadWriteType All or WriteOnly.
/// Advanced selectors need eventCategory = Data and resources.type = AWS::S3::Object, and no field that leaves writes or
/// the keys out (readOnly, eventName, resources.ARN). Selectors are alternatives: the best one decides.
/// </summary>
public static class TrailCoverage
{
    private const string ObjectType = "AWS::S3::Object";

    public static TrailVerdict Evaluate(GetEventSelectorsResponse selectors, string objectArnPrefix)
    {
        var verdicts = (selectors.EventSelectors ?? []).Select(s => Basic(s, objectArnPrefix))
            .Concat((selectors.AdvancedEventSelectors ?? []).Select(s => Advanced(s, objectArnPrefix)))
            .ToList();
        return verdicts.OrderByDescending(v => v.Coverage).FirstOrDefault() ?? new TrailVerdict(Coverage.None, "no event selectors");
    }

    private static TrailVerdict Basic(EventSelector selector, string target)
    {
        var text = JsonSerializer.Serialize(selector, Aws.Protocol.AwsJson.Options);
        if (selector.ReadWriteType is "ReadOnly")
        {
            return new(Coverage.None, text);
        }

        var values = (selector.DataResources ?? []).Where(r => r.Type == ObjectType).SelectMany(r => r.Values ?? []).ToList();
        return new(Best(values.Select(v => CoverageOf(v, target))), text);
    }

    private static TrailVerdict Advanced(AdvancedEventSelector selector, string target)
    {
        var text = JsonSerializer.Serialize(selector, Aws.Protocol.AwsJson.Options);
        var fields = (selector.FieldSelectors ?? []).ToDictionary(f => f.Field ?? string.Empty, StringComparer.Ordinal);
        bool Is(string field, string value) => fields.TryGetValue(field, out var f) && (f.EqualTo ?? []).Contains(value, StringComparer.Ordinal);

        if (!Is("eventCategory", "Data") || !Is("resources.type", ObjectType))
        {
            return new(Coverage.None, text);
        }

        if (fields.TryGetValue("readOnly", out var readOnly) && (readOnly.EqualTo ?? []).Contains("true", StringComparer.OrdinalIgnoreCase))
        {
            return new(Coverage.None, text);
        }

        if (fields.TryGetValue("eventName", out var names) && !Allows(names, "PutObject"))
        {
            return new(Coverage.None, text);
        }

        if (!fields.TryGetValue("resources.ARN", out var arn))
        {
            return new(Coverage.Full, text);
        }

        if ((arn.NotStartsWith ?? []).Any(v => target.StartsWith(v, StringComparison.Ordinal)))
        {
            return new(Coverage.None, text);
        }

        if ((arn.NotStartsWith ?? []).Any(v => v.StartsWith(target, StringComparison.Ordinal)) || (arn.NotEquals ?? []).Any(v => v.StartsWith(target, StringComparison.Ordinal)))
        {
            return new(Coverage.Partial, text);
        }

        var positive = (arn.StartsWith ?? []).Select(v => CoverageOf(v, target))
            .Concat((arn.EqualTo ?? []).Where(v => v.StartsWith(target, StringComparison.Ordinal)).Select(_ => Coverage.Partial))
            .ToList();
        var anyPositive = arn.StartsWith is { Count: > 0 } || arn.EqualTo is { Count: > 0 };
        return new(anyPositive ? Best(positive) : Coverage.Full, text);
    }

    /// <summary>An eventName field selector that lets <paramref name="name"/> through.</summary>
    private static bool Allows(AdvancedFieldSelector field, string name)
    {
        if ((field.NotEquals ?? []).Contains(name, StringComparer.Ordinal))
        {
            return false;
        }

        return field.EqualTo is not { Count: > 0 } equal || equal.Contains(name, StringComparer.Ordinal);
    }

    /// <summary>An ARN prefix covers the target when the target starts with it, and part of it when it is narrower.</summary>
    private static Coverage CoverageOf(string value, string target) =>
        target.StartsWith(value, StringComparison.Ordinal) ? Coverage.Full
        : value.StartsWith(target, StringComparison.Ordinal) ? Coverage.Partial
        : Coverage.None;

    private static Coverage Best(IEnumerable<Coverage> coverages) => coverages.DefaultIfEmpty(Coverage.None).Max();
}
