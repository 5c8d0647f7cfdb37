using LocalCloud.Tests.Shared;

namespace LocalCloud.Tests.S3;

/// <summary>The high-level <c>aws s3 …</c> commands print text, not JSON.</summary>
public static class AwsCliText
{
    /// <summary>Runs a command that prints text, expects success, and returns its standard output.</summary>
    public static async Task<string> RunTextAsync(this AwsCli cli, params string[] arguments)
    {
        var result = await cli.TryRunAsync(arguments);
        Assert.True(result.ExitCode == 0, $"aws {string.Join(' ', arguments)} failed ({result.ExitCode}): {result.Stderr}");
        return result.Stdout;
    }
}
