using LocalCloud.Hosting;
using LocalCloud.S3;

namespace LocalCloud.Persistence;

/// <summary>
/// At start, delivers the S3 events that were acknowledged but not yet delivered when LocalCloud stopped (or was
/// killed). Every backend has restored its state by then: they are built before LocalCloud listens.
/// </summary>
public sealed class OutboxRedelivery(DurableStore durable, S3Backend s3, ILogger<OutboxRedelivery> logger) : ILocalCloudStartup
{
    public async Task StartAsync(LocalCloudHost host, CancellationToken cancellationToken)
    {
        if (!durable.IsEnabled)
        {
            return;
        }

        var delivered = await s3.RedeliverPendingAsync(cancellationToken);
        if (delivered > 0)
        {
            logger.LogWarning("Delivered {Count} S3 events again that were acknowledged before LocalCloud stopped but not yet delivered.", delivered);
        }
    }
}
