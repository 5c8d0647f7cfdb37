using LocalCloud.CloudWatch;
using LocalCloud.Events;
using LocalCloud.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace LocalCloud.Tests.CloudWatch;

public sealed class CloudWatchRegistrationTests
{
    private static ServiceProvider Services(Action<IServiceCollection>? before = null)
    {
        var services = new ServiceCollection().AddSingleton(TimeProvider.System);
        before?.Invoke(services);
        return services.AddCloudWatch().AddCloudWatch().BuildServiceProvider();
    }

    [Fact]
    public void Backend_IsOneSingleton_ServingTheApiAndTheMetricSink()
    {
        using var services = Services();

        var backend = services.GetRequiredService<CloudWatchBackend>();

        Assert.Same(backend, services.GetRequiredService<IMetricSink>());
        Assert.Same(backend, Assert.Single(services.GetServices<IAwsService>()));
        Assert.IsType<CborFrontEnd>(Assert.Single(services.GetServices<IRpcFrontEnd>()));
    }

    [Fact]
    public void AMetricSinkRegisteredBefore_IsKept()
    {
        var sink = new RecordingSink();
        using var services = Services(s => s.AddSingleton<IMetricSink>(sink));

        Assert.Same(sink, services.GetRequiredService<IMetricSink>());
    }

    private sealed class RecordingSink : IMetricSink
    {
        public void Record(string account, string region, string metricNamespace, string metricName, IReadOnlyList<KeyValuePair<string, string>> dimensions, double value, string unit, DateTimeOffset timestamp)
        {
        }
    }
}
