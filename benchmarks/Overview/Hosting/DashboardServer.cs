using System.Diagnostics;
using System.Net;
using Dashboard.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Overview.Hosting;

/// <summary>
/// The child process's role: the real dashboard, built by its own composition root through
/// <see cref="WebApplicationFactory{TEntryPoint}"/>, on Kestrel at <c>127.0.0.1:0</c>. Its configuration comes from
/// the environment the parent sets (<c>AWS_ENDPOINT_URL</c>, <c>Cloud__Mode</c>, …). Alone in its process, so that
/// its managed heap holds the dashboard and nothing of the browser driver or LocalCloud. It adds one probe,
/// <see cref="MemoryPath"/> (and <see cref="StatusPath"/>, without the collection), and stops when its standard input
/// closes.
/// </summary>
public static class DashboardServer
{
    public const string Role = "serve-dashboard";
    public const string ListeningPrefix = "dashboard listening on ";
    public const string MemoryPath = "/_bench/memory";
    public const string StatusPath = "/_bench/status";

    public static async Task<int> RunAsync()
    {
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            // Development serves the static web assets from the build output, as the browser tests do.
            web.UseEnvironment("Development");
            web.ConfigureServices(services =>
            {
                services.AddSingleton<CircuitCounter>();
                services.AddSingleton<ComponentCensus>();
                services.AddSingleton<IComponentActivator>(provider => provider.GetRequiredService<ComponentCensus>());
                services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CountingCircuitHandler>());
                services.AddTransient<IStartupFilter, MemoryProbe>();
            });
        });
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        factory.StartServer();

        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The dashboard started without an address.");
        await Console.Out.WriteLineAsync(ListeningPrefix + address);
        await Console.Out.FlushAsync();

        // The parent closes standard input to stop the dashboard.
        while (await Console.In.ReadLineAsync() is not null)
        {
        }

        return 0;
    }

    /// <summary>Answers <see cref="MemoryPath"/> with the managed heap after a full collection, the RSS and the open circuits.</summary>
    private sealed class MemoryProbe(CircuitCounter circuits, LiveData live, ComponentCensus census) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Map(StatusPath, probe => probe.Run(http => http.Response.WriteAsJsonAsync(new ServerStatus(circuits.Open, live.ActiveFeeds), http.RequestAborted)));
            app.Map(MemoryPath, probe => probe.Run(async http =>
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                var heap = GC.GetTotalMemory(forceFullCollection: true);
                using var process = Process.GetCurrentProcess();
                var components = census.Count();
                await http.Response.WriteAsJsonAsync(
                    new ServerMemory(heap, process.WorkingSet64, circuits.Open, live.ActiveFeeds, components.Values.Sum(), components), http.RequestAborted);
            }));
            next(app);
        };
    }

    private sealed class CountingCircuitHandler(CircuitCounter counter) : CircuitHandler
    {
        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            counter.Opened();
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            counter.Closed();
            return Task.CompletedTask;
        }
    }

    private sealed class CircuitCounter
    {
        private int _open;

        public int Open => Volatile.Read(ref _open);

        public void Opened() => Interlocked.Increment(ref _open);

        public void Closed() => Interlocked.Decrement(ref _open);
    }
}

/// <summary>
/// The dashboard process's memory: managed heap after a full GC, resident set, open circuits, polling feeds, and the
/// live components, in all and by type.
/// </summary>
public sealed record ServerMemory(
    long HeapBytes, long RssBytes, int Circuits, int ActiveFeeds, int Components, IReadOnlyDictionary<string, int> ComponentsByType);

/// <summary>The dashboard's open circuits and polling feeds.</summary>
public sealed record ServerStatus(int Circuits, int ActiveFeeds);
