using LocalCloud.Protocol;
using LocalCloud.Sqs;
using Microsoft.Extensions.DependencyInjection;

namespace LocalCloud.Tests.Sqs;

public sealed class SqsRegistrationTests
{
    [Fact]
    public void AddSqs_Twice_OneBackendServingTheApiAndTheDeadLetterQueues()
    {
        using var services = new ServiceCollection().AddSingleton(TimeProvider.System).AddSqs().AddSqs().BuildServiceProvider();

        var backend = services.GetRequiredService<SqsBackend>();

        Assert.Same(backend, services.GetRequiredService<IDeadLetterQueues>());
        Assert.IsType<SqsFrontEnd>(Assert.Single(services.GetServices<IRpcFrontEnd>()));
    }
}
