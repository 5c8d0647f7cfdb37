using System.Diagnostics;
using System.Text;

namespace Overview.Hosting;

/// <summary>
/// The parent's handle on a <see cref="DashboardServer"/> child process: the dashboard in Aws mode, pointed at
/// LocalCloud through <c>AWS_ENDPOINT_URL</c> with a 12-digit access key id, which LocalCloud takes as the account.
/// </summary>
public sealed class DashboardChild : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(2) };

    private DashboardChild(Process process) => _process = process;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public int ProcessId => _process.Id;

    public static async Task<DashboardChild> StartAsync(Uri cloud, string account, string region, int refreshSeconds, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,

            // WebApplicationFactory finds the dashboard's content root through MvcTestingAppManifest.json in the
            // current directory.
            WorkingDirectory = AppContext.BaseDirectory,
        };
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            start.ArgumentList.Add(typeof(DashboardChild).Assembly.Location);
        }

        start.ArgumentList.Add(DashboardServer.Role);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["AWS_ENDPOINT_URL"] = cloud.ToString();
        start.Environment["AWS_ACCESS_KEY_ID"] = account;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "benchmark";
        start.Environment["AWS_REGION"] = region;
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment["Cloud__Mode"] = "Aws";
        start.Environment["SignIn__Anonymous"] = "Viewer";
        start.Environment["Cloud__RefreshSeconds"] = refreshSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["DOTNET_NOLOGO"] = "1";

        var process = Process.Start(start) ?? throw new InvalidOperationException("The dashboard did not start.");
        var child = new DashboardChild(process);
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (child._output)
            {
                child._output.AppendLine(line);
            }

            if (line.StartsWith(DashboardServer.ListeningPrefix, StringComparison.Ordinal))
            {
                listening.TrySetResult(new Uri(line[DashboardServer.ListeningPrefix.Length..].Trim() + "/"));
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"The dashboard exited with {process.ExitCode}:\n{child.Output}"));

        child.BaseAddress = await listening.Task.WaitAsync(TimeSpan.FromSeconds(90), cancellationToken);
        return child;
    }

    /// <summary>What the dashboard printed: its warnings and errors.</summary>
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

    /// <summary>The warnings and errors the dashboard logged, each with its first line of message.</summary>
    public IReadOnlyList<string> Problems()
    {
        var lines = Output.Split('\n');
        return
        [
            .. lines.Index()
                .Where(l => l.Item.StartsWith("warn:", StringComparison.Ordinal) || l.Item.StartsWith("fail:", StringComparison.Ordinal))
                .Select(l => $"{l.Item.TrimEnd()} {lines.ElementAtOrDefault(l.Index + 1)?.Trim()}"),
        ];
    }

    public async Task<ServerMemory> MemoryAsync(CancellationToken cancellationToken) =>
        await _http.GetFromJsonAsync<ServerMemory>(new Uri(BaseAddress, DashboardServer.MemoryPath), cancellationToken)
            ?? throw new InvalidOperationException("The memory probe answered nothing.");

    /// <summary>Waits until no feed polls: every page is gone and its feed stopped.</summary>
    public async Task WaitForIdleAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while ((await _http.GetFromJsonAsync<ServerStatus>(new Uri(BaseAddress, DashboardServer.StatusPath), cancellationToken)) is null or { Circuits: > 0 } or { ActiveFeeds: > 0 })
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException("The dashboard still has circuits or polling feeds a minute after its pages closed.");
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }
}
