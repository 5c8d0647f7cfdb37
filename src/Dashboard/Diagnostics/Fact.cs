using Dashboard.Aws.Protocol;

namespace Dashboard.Diagnostics;

/// <summary>
/// A fact a check needs, or why the dashboard could not get it. Access denied is an answer: the finding becomes
/// <see cref="CheckStatus.Unknown"/> and names the IAM action the dashboard's role lacks. Other AWS errors propagate.
/// </summary>
public sealed record Fact<T>(T? Value, FactUnavailable? Unavailable)
{
    public bool IsKnown => Unavailable is null;
}

/// <summary>Makes facts.</summary>
public static class Fact
{
    public static Fact<T> Known<T>(T value) => new(value, null);

    public static Fact<T> Denied<T>(string action, AwsApiException error) => new(default, FactUnavailable.Denied(action, error));

    /// <summary>The same missing fact, as another type: a fact derived from one the dashboard could not read.</summary>
    public static Fact<T> Missing<T>(FactUnavailable why) => new(default, why);
}

/// <summary>Why a fact is missing: the IAM action the dashboard was refused, and AWS's words.</summary>
public sealed record FactUnavailable(string MissingPermission, string Explanation)
{
    public static FactUnavailable Denied(string action, AwsApiException error) =>
        new(action, $"The dashboard may not call {action}, so this could not be checked. Grant it to the dashboard's role (see the README's IAM permissions). AWS said: {error.AwsMessage}");
}
