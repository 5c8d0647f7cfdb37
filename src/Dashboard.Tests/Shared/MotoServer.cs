using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Dashboard.Tests.Shared;

/// <summary>
/// A <c>moto_server</c> (moto 5.2.1) on a free loopback port: an AWS API server that nobody here wrote, which the
/// contract tests use as the independent reference for our clients. One per test class; each test seeds its own
/// uniquely named resources, so tests never depend on each other's leftovers.
/// </summary>
public sealed class MotoServer : IAsyncLifetime
{
    private Process? _process;

    public Uri Endpoint { get; private set; } = new("http://127.0.0.1:0");

    public string? UnavailableReason { get; private set; }

    public const string Account = "123456789012";

    public const string Region = "us-east-1";

    public async ValueTask InitializeAsync()
    {
        var executable = Requirements.FindOnPath("moto_server");
        if (executable is null)
        {
            UnavailableReason = "'moto_server' is not on PATH (pip install 'moto[server]==5.2.1').";
            return;
        }

        var port = FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo(executable, ["-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["MOTO_ALLOW_NONEXISTENT_REGION"] = "true";
        _process = Process.Start(start) ?? throw new InvalidOperationException("moto_server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(Endpoint, "/moto-api/"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                // Not listening yet: poll until the deadline.
            }

            if (_process.HasExited || DateTime.UtcNow >= deadline)
            {
                throw new InvalidOperationException($"moto_server did not become ready on {Endpoint}.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Skips (or, under CI, fails) the calling test when moto is not installed.</summary>
    public void Require()
    {
        if (UnavailableReason is not null)
        {
            Requirements.Unavailable(UnavailableReason);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
