using System.Net;
using LocalCloud.Protocol;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LocalCloud.Hosting;

/// <summary>
/// A running LocalCloud: its own Kestrel server on <c>Host:Port</c>, with every service backend. The dashboard
/// embeds it; <c>dotnet run --project src/LocalCloud</c> runs it alone.
/// </summary>
public sealed class LocalCloudHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalCloudHost(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<LocalCloudHost> StartAsync(
        LocalCloudSettings settings, TimeProvider time, CancellationToken cancellationToken, Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();

        // LocalCloud takes its settings as arguments, never from the host app's files, and keeps its logs quiet:
        // the embedding dashboard's "Now listening on" must stay the only one.
        builder.Configuration.Sources.Clear();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.None);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = 5L * 1024 * 1024 * 1024;
            if (IPAddress.TryParse(settings.Host, out var address))
            {
                kestrel.Listen(address, settings.Port);
            }
            else if (settings.Host == "localhost")
            {
                kestrel.ListenLocalhost(settings.Port);
            }
            else
            {
                kestrel.ListenAnyIP(settings.Port);
            }
        });

        builder.Services.AddSingleton(settings);
        builder.Services.TryAddSingleton(time);
        builder.Services.AddLocalCloudServices();
        configure?.Invoke(builder.Services);

        var app = builder.Build();
        var router = app.Services.GetRequiredService<AwsRouter>();
        app.MapWhen(RequestLogEndpoint.Matches, requestLog => requestLog.Run(RequestLogEndpoint.HandleAsync));
        app.MapWhen(Faults.FaultsEndpoint.Matches, faults => faults.Run(Faults.FaultsEndpoint.HandleAsync));
        app.Run(router.HandleAsync);
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("LocalCloud started without an address.");
        var endpoint = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal) + "/");

        var host = new LocalCloudHost(app, endpoint);
        foreach (var starter in app.Services.GetServices<ILocalCloudStartup>())
        {
            await starter.StartAsync(host, cancellationToken);
        }

        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Work done once LocalCloud listens, such as seeding the demo through the public APIs.</summary>
public interface ILocalCloudStartup
{
    Task StartAsync(LocalCloudHost host, CancellationToken cancellationToken);
}
