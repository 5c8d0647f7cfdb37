namespace LocalCloud.Tests.Shared;

/// <summary>
/// External tools the CLI conformance tests need. Missing on a laptop: the test skips with the reason.
/// Missing under <c>CI=true</c>: the test fails, because CI installs them.
/// </summary>
public static class Requirements
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static void Unavailable(string reason)
    {
        if (IsCi)
        {
            Assert.Fail($"Required under CI=true: {reason}");
        }

        Assert.Skip(reason);
    }

    public static string? FindOnPath(string name)
    {
        if (Path.IsPathRooted(name))
        {
            return File.Exists(name) ? name : null;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, name))
            .FirstOrDefault(File.Exists);
    }
}
