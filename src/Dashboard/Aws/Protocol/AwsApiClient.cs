using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace Dashboard.Aws.Protocol;

/// <summary>
/// The base of our hand-written clients. AWSSDK.Core's pipeline does the rest: credentials, endpoint resolution,
/// SigV4, retries with backoff (throttling and 5xx included), logging and <c>AWS_ENDPOINT_URL[_&lt;SERVICE&gt;]</c>.
/// </summary>
public abstract class AwsApiClient : AmazonServiceClient
{
    private readonly AwsServiceSpec _spec;

    protected AwsApiClient(AWSCredentials credentials, AwsClientConfig config)
        : base(credentials, config)
    {
        _spec = config.Spec;
    }

    /// <summary>Calls one operation and returns its typed output.</summary>
    protected async Task<TOutput> InvokeAsync<TInput, TOutput>(string operation, TInput input, CancellationToken cancellationToken)
        where TInput : notnull
    {
        var options = new InvokeOptions();
        if (_spec.Protocol == WireProtocol.Query)
        {
            options.RequestMarshaller = new QueryRequestMarshaller(_spec);
            options.ResponseUnmarshaller = new QueryResponseUnmarshaller<TOutput>(_spec, operation);
        }
        else
        {
            options.RequestMarshaller = new JsonRequestMarshaller(_spec);
            options.ResponseUnmarshaller = new JsonResponseUnmarshaller<TOutput>(_spec, operation);
        }

        var response = await InvokeAsync<OperationResponse<TOutput>>(
            new OperationRequest(operation, input), options, cancellationToken);
        return response.Output
            ?? throw new InvalidOperationException($"{_spec.ServiceId} {operation} returned no output.");
    }

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        base.CustomizeRuntimePipeline(pipeline);
        pipeline.AddHandlerAfter<EndpointResolver>(new SigV4AuthResolver());
        pipeline.AddHandlerBefore<EndpointResolver>(new RateLimitHandler());
    }
}
