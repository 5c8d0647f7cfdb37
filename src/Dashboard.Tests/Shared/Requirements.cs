namespace Dashboard.Tests.Shared;

/// <summary>
/// External tools the independent checks need. On a developer's laptop a missing tool skips the test with the
/// reason; under <c>CI=true</c> it fails, because CI installs every tool.
/// </summary>
public static class Requirements
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string Tool(string name, string installHint)
    {
        var path = FindOnPath(name);
        if (path is null)
        {
            Unavailable($"'{name}' is not on PATH ({installHint}).");
        }

        return path!;
    }

    public static string File(string path, string installHint)
    {
        if (!System.IO.File.Exists(path))
        {
            Unavailable($"'{path}' does not exist ({installHint}).");
        }

        return path;
    }

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
            return System.IO.File.Exists(name) ? name : null;
        }

        var directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator);
        return directories.Select(d => Path.Combine(d, name)).FirstOrDefault(System.IO.File.Exists);
    }
}
