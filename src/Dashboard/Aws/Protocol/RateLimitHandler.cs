using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace Dashboard.Aws.Protocol;

/// <summary>
/// Waits for the client's <see cref="RequestQuotas"/> before each attempt, retries included, so that what reaches AWS
/// stays under the quota whatever the callers do.
/// </summary>
internal sealed class RateLimitHandler : PipelineHandler
{
    public override async Task<T> InvokeAsync<T>(IExecutionContext executionContext)
    {
        var request = executionContext.RequestContext;
        if (request.ClientConfig is AwsClientConfig { Quotas: { } quotas } config
            && request.OriginalRequest is OperationRequest operation
            && quotas.For(config.Spec.ServiceId, operation.Operation) is { } limiter)
        {
            await limiter.WaitAsync(request.CancellationToken);
        }

        return await base.InvokeAsync<T>(executionContext);
    }
}
