using System.Runtime.InteropServices;
using LocalCloud.Hosting;

namespace LocalCloud;

/// <summary><c>dotnet run --project src/LocalCloud</c>: LocalCloud alone, with the same <c>LocalCloud:*</c> keys.</summary>
public static class LocalCloudProgram
{
    public static async Task<int> Main(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();

        var options = LocalCloudSettings.From(configuration.GetSection(LocalCloudSettings.SectionName));
        await using var cloud = await LocalCloudHost.StartAsync(options, TimeProvider.System, CancellationToken.None);
        await Console.Out.WriteLineAsync($"LocalCloud listening on {cloud.Endpoint} (account {options.AccountId}). Press Ctrl+C to stop.");

        // Ctrl+C, and SIGTERM from docker stop or systemd, stop it cleanly.
        var stopped = new TaskCompletionSource();
        void Stop(PosixSignalContext signal)
        {
            signal.Cancel = true;
            stopped.TrySetResult();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        await stopped.Task;
        return 0;
    }
}
