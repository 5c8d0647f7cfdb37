using System.Text.RegularExpressions;
using CsCheck;
using LocalCloud.Iam.Policies;

namespace LocalCloud.Tests.Iam;

/// <summary>IAM wildcards: <c>*</c> any run (also empty), <c>?</c> exactly one character; case as the element says.</summary>
public sealed class GlobTests
{
    [Theory]
    [InlineData("glue:notifyEvent", "glue:notifyEvent", true)]
    [InlineData("glue:*", "glue:notifyEvent", true)]
    [InlineData("glue:*", "glue:", true)]
    [InlineData("*Event", "glue:notifyEvent", true)]
    [InlineData("glue:*Work*Run", "glue:GetWorkflowRun", true)]
    [InlineData("glue:*Work*Run", "glue:GetWorkflowRuns", false)]
    [InlineData("a?c", "abc", true)]
    [InlineData("a?c", "ac", false)]
    [InlineData("a*b*c", "aXbYbZc", true)]
    [InlineData("a*b*c", "aXbYcZ", false)]
    [InlineData("arn:aws:s3:::b/*", "arn:aws:s3:::b", false)]
    public void CaseSensitive_Wildcards_MatchAsIamDoes(string pattern, string value, bool expected) =>
        Assert.Equal(expected, Glob.CaseSensitive(pattern).IsMatch(value));

    [Theory]
    [InlineData("GLUE:Notify*", "glue:notifyEvent", true)]
    [InlineData("glue:notify?vent", "GLUE:NOTIFYEVENT", true)]
    [InlineData("s3:Get*", "glue:GetWorkflow", false)]
    public void CaseInsensitive_ForActions(string pattern, string value, bool expected) =>
        Assert.Equal(expected, Glob.CaseInsensitive(pattern).IsMatch(value));

    [Fact]
    public void CaseSensitive_ForResources_DiffersByCase() =>
        Assert.False(Glob.CaseSensitive("arn:aws:s3:::Bucket/*").IsMatch("arn:aws:s3:::bucket/a"));

    [Fact]
    public void AnyPattern_MatchesExactlyWhatTheEquivalentRegexMatches()
    {
        var pattern = Gen.Char["ab*?"].Array[0, 8].Select(c => new string(c));
        var value = Gen.Char["abAB"].Array[0, 10].Select(c => new string(c));

        Gen.Select(pattern, value, Gen.Bool).Sample((p, v, ignoreCase) =>
        {
            var regex = new Regex(
                "^" + Regex.Escape(p).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
                (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None) | RegexOptions.Singleline | RegexOptions.CultureInvariant);
            var glob = ignoreCase ? Glob.CaseInsensitive(p) : Glob.CaseSensitive(p);
            return glob.IsMatch(v) == regex.IsMatch(v);
        });
    }
}
