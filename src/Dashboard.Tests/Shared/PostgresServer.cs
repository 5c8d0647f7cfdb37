using System.Diagnostics;
using Npgsql;

namespace Dashboard.Tests.Shared;

/// <summary>
/// A throwaway PostgreSQL for the audit store's tests: the server from Debian's <c>postgresql</c> package, started
/// on a free loopback port in a temporary folder (as the <c>postgres</c> user when the tests run as root), or the
/// server named by <c>DASHBOARD_TEST_POSTGRES</c> (a connection string). Each test gets its own database.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string ConnectionVariable = "DASHBOARD_TEST_POSTGRES";

    private Process? _server;
    private string? _folder;
    private string? _admin;

    public string? UnavailableReason { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } given)
        {
            _admin = given;
            return;
        }

        var bin = FindBin();
        if (bin is null)
        {
            UnavailableReason = $"PostgreSQL's initdb was not found on PATH or under /usr/lib/postgresql (apt-get install -y postgresql), and {ConnectionVariable} is not set.";
            return;
        }

        var asRoot = Environment.UserName == "root";
        if (asRoot && Requirements.FindOnPath("/usr/sbin/runuser") is null)
        {
            UnavailableReason = "Running as root, PostgreSQL must run as another user, but /usr/sbin/runuser is missing.";
            return;
        }

        _folder = Path.Combine(Path.GetTempPath(), "dashboard-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_folder);
        if (asRoot)
        {
            await RunAsync("/bin/chown", ["postgres:postgres", _folder]);
        }

        var data = Path.Combine(_folder, "data");
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"], asRoot);

        var port = MotoServer.FreePort();
        _server = Start(Path.Combine(bin, "postgres"),
            ["-D", data, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-c", "listen_addresses=127.0.0.1",
             "-c", $"unix_socket_directories={_folder}", "-c", "fsync=off", "-c", "full_page_writes=off"], asRoot);
        _admin = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false;Timeout=5";

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_admin);
                await connection.OpenAsync();
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline && !_server.HasExited)
            {
                // Still starting: poll until the deadline.
            }

            if (_server.HasExited || DateTime.UtcNow >= deadline)
            {
                throw new InvalidOperationException($"PostgreSQL did not start on port {port} (exit code {(_server.HasExited ? _server.ExitCode : -1)}).");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Skips (or, under CI, fails) the calling test when no PostgreSQL can be had.</summary>
    public void Require()
    {
        if (UnavailableReason is not null)
        {
            Requirements.Unavailable(UnavailableReason);
        }
    }

    /// <summary>A connection string to a new, empty database.</summary>
    public async Task<string> NewDatabaseAsync()
    {
        Require();
        var name = "audit_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(_admin))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE {name}";
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(_admin) { Database = name, Pooling = true }.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }

        _server?.Dispose();
        if (_folder is not null && Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static string? FindBin()
    {
        if (Requirements.FindOnPath("initdb") is { } onPath && Requirements.FindOnPath("postgres") is not null)
        {
            return Path.GetDirectoryName(Path.GetFullPath(ResolveLink(onPath)));
        }

        return Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb")))
                .OrderByDescending(b => b, StringComparer.Ordinal).FirstOrDefault()
            : null;
    }

    private static string ResolveLink(string path) => new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;

    private static Process Start(string executable, string[] arguments, bool asPostgres)
    {
        var start = asPostgres
            ? new ProcessStartInfo("/usr/sbin/runuser", ["-u", "postgres", "--", executable, .. arguments])
            : new ProcessStartInfo(executable, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task RunAsync(string executable, string[] arguments, bool asPostgres = false)
    {
        var start = asPostgres
            ? new ProcessStartInfo("/usr/sbin/runuser", ["-u", "postgres", "--", executable, .. arguments])
            : new ProcessStartInfo(executable, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{executable} failed ({process.ExitCode}): {await error}{await output}");
        }
    }
}
