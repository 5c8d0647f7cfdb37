using System.Diagnostics;
using System.Text.Json;

namespace Dashboard.Tests.Shared;

/// <summary>Runs the AWS CLI against an endpoint, to seed an independent server the way a user would.</summary>
public sealed class AwsCli(Uri endpoint, string executable = "aws")
{
    public async Task<JsonElement?> RunAsync(params string[] arguments)
    {
        var path = Requirements.Tool(executable, "pip install awscli, or apt-get install -y awscli");
        var start = new ProcessStartInfo(path)
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
        start.ArgumentList.Add(endpoint.ToString());
        start.ArgumentList.Add("--output");
        start.ArgumentList.Add("json");
        start.Environment["AWS_ACCESS_KEY_ID"] = "test";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "test";
        start.Environment["AWS_DEFAULT_REGION"] = MotoServer.Region;
        start.Environment["AWS_PAGER"] = string.Empty;
        start.Environment.Remove("AWS_PROFILE");

        using var process = Process.Start(start) ?? throw new InvalidOperationException("aws did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"aws {string.Join(' ', arguments)} failed ({process.ExitCode}): {await stderr}");
        }

        var output = await stdout;
        return string.IsNullOrWhiteSpace(output) ? null : JsonDocument.Parse(output).RootElement.Clone();
    }
}
