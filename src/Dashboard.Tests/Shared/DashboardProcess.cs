using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Dashboard.Tests.Shared;

/// <summary>
/// The real dashboard binary, started as its own process on <c>127.0.0.1:0</c> with the environment a user would
/// give it (for example <c>AWS_ENDPOINT_URL</c>). Process-wide variables like that one must not leak into the
/// other tests, which is why this is a child process and not an in-process host.
/// </summary>
public sealed partial class DashboardProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private DashboardProcess(Process process) => _process = process;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<DashboardProcess> StartAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(DashboardAssembly) ?? throw new InvalidOperationException("No directory for the dashboard assembly."),
        };
        start.ArgumentList.Add(DashboardAssembly);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Development serves static assets from the build output; Production expects a published app.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_NOLOGO"] = "1";

        // The seeded demo holds still: a test that wants uploads makes them.
        start.Environment["LocalCloud__SyntheticTraffic"] = "false";
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The dashboard did not start.");
        var dashboard = new DashboardProcess(process);
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (dashboard._output)
            {
                dashboard._output.AppendLine(line);
            }

            if (ListeningPattern().Match(line) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups["url"].Value + "/"));
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"The dashboard exited with {process.ExitCode}:\n{dashboard.Output}"));

        dashboard.BaseAddress = await listening.Task.WaitAsync(TimeSpan.FromSeconds(90));
        return dashboard;
    }

    /// <summary>The dashboard's own build output, where its static web assets manifest lives.</summary>
    private static string DashboardAssembly
    {
        get
        {
            var testDirectory = new DirectoryInfo(AppContext.BaseDirectory);

            // …/src/Dashboard.Tests/bin/<Configuration>/net10.0/ → …/src/Dashboard/bin/<Configuration>/net10.0/Dashboard.dll
            var framework = testDirectory.Name;
            var configuration = testDirectory.Parent?.Name ?? "Debug";
            var src = testDirectory.Parent?.Parent?.Parent?.Parent ?? throw new InvalidOperationException("Unexpected test output layout.");
            var path = Path.Combine(src.FullName, "Dashboard", "bin", configuration, framework, "Dashboard.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build src/Dashboard first.", path);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"Now listening on: (?<url>http://[^\s]+)")]
    private static partial Regex ListeningPattern();
}
