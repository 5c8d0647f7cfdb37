using System.Diagnostics;
using System.Text.Json;

namespace LocalCloud.Tests.Shared;

/// <summary>The two AWS CLIs on the machine: v1 from pip (<c>aws</c> on PATH) and v2 from Debian (<c>/usr/bin/aws</c>).</summary>
public sealed record AwsCliVersion(string Name, string Executable, string InstallHint)
{
    public static readonly AwsCliVersion V1 = new("v1", "aws", "pip install awscli");
    public static readonly AwsCliVersion V2 = new("v2", "/usr/bin/aws", "apt-get install -y awscli");

    public static TheoryData<string> Both() => new(V1.Name, V2.Name);

    public static AwsCliVersion Named(string name) => name == V1.Name ? V1 : V2;

    public override string ToString() => Name;
}

/// <summary>Runs an AWS CLI against LocalCloud, as a user would.</summary>
public sealed class AwsCli(Uri endpoint, AwsCliVersion version, string accessKeyId = "test", string region = "us-east-1")
{
    public record Result(int ExitCode, string Stdout, string Stderr)
    {
        public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;
    }

    /// <summary>Runs and expects success.</summary>
    public async Task<JsonElement?> RunAsync(params string[] arguments)
    {
        var result = await TryRunAsync(arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"aws ({version}) {string.Join(' ', arguments)} failed ({result.ExitCode}): {result.Stderr}");
        }

        // High-level commands (s3 cp, s3 mb) print progress text, not JSON.
        var trimmed = result.Stdout.TrimStart();
        return trimmed.StartsWith('{') || trimmed.StartsWith('[') ? result.Json.Clone() : null;
    }

    /// <summary>Runs and returns whatever happened, for tests of errors.</summary>
    public async Task<Result> TryRunAsync(params string[] arguments)
    {
        var path = Requirements.FindOnPath(version.Executable);
        if (path is null)
        {
            Requirements.Unavailable($"AWS CLI {version} ('{version.Executable}') is not installed ({version.InstallHint}).");
        }

        var start = new ProcessStartInfo(path!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--endpoint-url");
        start.ArgumentList.Add(endpoint.ToString().TrimEnd('/'));
        start.ArgumentList.Add("--output");
        start.ArgumentList.Add("json");
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["AWS_ACCESS_KEY_ID"] = accessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "test";
        start.Environment["AWS_DEFAULT_REGION"] = region;
        start.Environment["AWS_PAGER"] = string.Empty;
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("aws did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
