using System.Diagnostics;
using System.Text.Json;
using LocalCloud.Tests.Shared;

namespace LocalCloud.Tests.CloudWatch;

/// <summary>
/// AWS CLI v1 made to speak Smithy RPC v2 CBOR to CloudWatch: botocore 1.43 prefers AWS JSON, so it is given (through
/// <c>AWS_DATA_PATH</c>) a copy of its own CloudWatch model that lists only <c>smithy-rpc-v2-cbor</c>. The requests
/// and the parsing of the answers are botocore's own CBOR serializer and parser.
/// </summary>
internal sealed class CborCli(Uri endpoint, string accessKeyId, string region = "us-east-1")
{
    // Written once per test run, whichever test asks first; not cancelled with that test.
    private static readonly Lazy<Task<string>> Models = new(() => WriteCborModelAsync(CancellationToken.None));

    /// <summary>Runs and expects success.</summary>
    public async Task<JsonElement?> RunAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var result = await TryRunAsync(arguments, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"aws (v1, CBOR) {string.Join(' ', arguments)} failed ({result.ExitCode}): {result.Stderr}");
        }

        return string.IsNullOrWhiteSpace(result.Stdout) ? null : result.Json.Clone();
    }

    public async Task<AwsCli.Result> TryRunAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var models = await Models.Value;
        var start = Start(AwsCliVersion.V1.Executable, arguments.Concat(["--endpoint-url", endpoint.ToString().TrimEnd('/'), "--output", "json"]));
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["AWS_DATA_PATH"] = models;
        start.Environment["AWS_ACCESS_KEY_ID"] = accessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "test";
        start.Environment["AWS_DEFAULT_REGION"] = region;
        start.Environment["AWS_PAGER"] = string.Empty;
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        return await RunAsync(start, cancellationToken);
    }

    /// <summary>botocore's CloudWatch model, with CBOR as its only protocol, in a folder laid out as botocore's data path.</summary>
    private static async Task<string> WriteCborModelAsync(CancellationToken cancellationToken)
    {
        const string Script = """
            import json, os, sys
            import botocore.loaders
            model = botocore.loaders.Loader().load_service_model('cloudwatch', 'service-2')
            model['metadata']['protocols'] = ['smithy-rpc-v2-cbor']
            model['metadata']['protocol'] = 'smithy-rpc-v2-cbor'
            folder = os.path.join(sys.argv[1], 'cloudwatch', model['metadata']['apiVersion'])
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, 'service-2.json'), 'w') as out:
                json.dump(model, out)
            """;
        if (Requirements.FindOnPath(AwsCliVersion.V1.Executable) is null || Requirements.FindOnPath("python3") is not { } python)
        {
            Requirements.Unavailable($"AWS CLI v1 and python3 with botocore are needed ({AwsCliVersion.V1.InstallHint}).");
            return string.Empty;
        }

        var folder = Path.Combine(AppContext.BaseDirectory, "cbor-models");
        var result = await RunAsync(Start(python, ["-c", Script, folder]), cancellationToken);
        if (result.ExitCode != 0)
        {
            Requirements.Unavailable($"botocore's CloudWatch model could not be copied: {result.Stderr}");
        }

        return folder;
    }

    private static ProcessStartInfo Start(string executable, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Requirements.FindOnPath(executable) ?? executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static async Task<AwsCli.Result> RunAsync(ProcessStartInfo start, CancellationToken cancellationToken)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return new AwsCli.Result(process.ExitCode, await stdout, await stderr);
    }
}
