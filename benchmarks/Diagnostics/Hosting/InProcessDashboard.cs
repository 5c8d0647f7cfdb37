using Dashboard.Diagnostics;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DiagnosticsBenchmark.Hosting;

/// <summary>
/// The real dashboard, built by its own composition root (<see cref="WebApplicationFactory{TEntryPoint}"/>, no socket) in
/// Aws mode against LocalCloud, so that <see cref="DiagnosticsRunner"/> comes with everything the app gives it: the typed
/// clients on the environment's <c>RequestQuotas</c>, the environment's HybridCache, STS for the identity. The SDK reads
/// the endpoint and credentials from the process environment, as it would on a server; a 12-digit access key id is
/// LocalCloud's account.
/// </summary>
public sealed class InProcessDashboard : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    private InProcessDashboard(WebApplicationFactory<Program> factory) => _factory = factory;

    public DiagnosticsRunner Runner => _factory.Services.GetRequiredService<DiagnosticsRunner>();

    public static InProcessDashboard Start(Uri cloud, string account, string region)
    {
        foreach (var name in Environment.GetEnvironmentVariables().Keys.OfType<string>().Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)))
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL", cloud.ToString());
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", account);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "benchmark");
        Environment.SetEnvironmentVariable("AWS_REGION", region);
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");

        // WebApplicationFactory finds the dashboard's content root through MvcTestingAppManifest.json, relative to the
        // current directory: the build output's.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            web.UseSetting("Cloud:Mode", "Aws");
            web.UseSetting("SignIn:Anonymous", "Viewer");
            web.UseSetting("Logging:LogLevel:Default", "Warning");
        });

        // Builds and starts the host: the options are validated here, as at the app's start.
        _ = factory.Services;
        return new InProcessDashboard(factory);
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();
}
