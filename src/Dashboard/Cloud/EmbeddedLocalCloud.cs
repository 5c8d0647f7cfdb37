using Dashboard.Configuration;
using LocalCloud;
using LocalCloud.Hosting;
using Microsoft.Extensions.Options;

namespace Dashboard.Cloud;

/// <summary>
/// Starts LocalCloud in-process in Local mode, before the dashboard serves its first request, and stops it with
/// the app. The clients point at <see cref="Endpoint"/>, which is only known once it listens (port 0 picks one).
/// </summary>
public sealed class EmbeddedLocalCloud(IOptions<CloudOptions> cloud, IOptions<LocalCloudOptions> local, TimeProvider time, ILogger<EmbeddedLocalCloud> logger)
    : IHostedService, IAsyncDisposable
{
    private LocalCloudHost? _host;

    public Uri Endpoint => _host?.Endpoint ?? local.Value.Endpoint;

    /// <summary>Where the LocalCloud started here listens; null when none runs (Aws mode, or not started yet).</summary>
    public Uri? RunningEndpoint => _host?.Endpoint;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (cloud.Value.Mode != CloudMode.Local)
        {
            return;
        }

        var settings = new LocalCloudSettings
        {
            Host = local.Value.Host,
            Port = local.Value.Port,
            AccountId = local.Value.AccountId,
            DataPath = local.Value.DataPath,
            SeedDemo = local.Value.SeedDemo,
            SyntheticTraffic = local.Value.SyntheticTraffic,
            Faults = local.Value.Faults,
        };
        _host = await LocalCloudHost.StartAsync(settings, time, cancellationToken);
        logger.LogInformation("LocalCloud is listening on {Endpoint} (account {Account}).", _host.Endpoint, settings.AccountId);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
            _host = null;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);
}
