using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;

namespace Dashboard.Tests.Shared;

/// <summary>
/// botocore's service models: the authoritative shapes of the AWS APIs, from the machine's Python botocore
/// (or Debian's python3-botocore).
/// </summary>
public static class BotocoreModels
{
    private static readonly Lazy<string?> DataFolder = new(FindDataFolder);

    public static JsonElement Load(string service)
    {
        var folder = DataFolder.Value;
        if (folder is null)
        {
            Requirements.Unavailable("botocore's data folder was not found (pip install botocore, or apt-get install -y python3-botocore).");
        }

        var serviceFolder = Path.Combine(folder!, service);
        var file = Directory.Exists(serviceFolder)
            ? Directory.GetFiles(serviceFolder, "service-2.json*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).LastOrDefault()
            : null;
        if (file is null)
        {
            Requirements.Unavailable($"botocore has no model for '{service}' under {folder}.");
        }

        using var stream = File.OpenRead(file!);
        using Stream content = file!.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(stream, CompressionMode.Decompress) : stream;
        return JsonDocument.Parse(content).RootElement.Clone();
    }

    private static string? FindDataFolder()
    {
        foreach (var python in new[] { "python3", "python" })
        {
            if (Requirements.FindOnPath(python) is not { } path)
            {
                continue;
            }

            var start = new ProcessStartInfo(path, ["-c", "import botocore,os;print(os.path.dirname(botocore.__file__))"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start);
            if (process is null)
            {
                continue;
            }

            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            if (process.ExitCode == 0 && Directory.Exists(Path.Combine(output, "data")))
            {
                return Path.Combine(output, "data");
            }
        }

        const string Debian = "/usr/lib/python3/dist-packages/botocore/data";
        return Directory.Exists(Debian) ? Debian : null;
    }
}
