using Amazon.Runtime;

namespace Dashboard.Aws.Protocol;

/// <summary>
/// Carries one typed AWS input through AWSSDK.Core's pipeline, which only accepts
/// <see cref="AmazonWebServiceRequest"/>. The input record itself stays a plain shape named after AWS's.
/// </summary>
internal sealed class OperationRequest(string operation, object input) : AmazonWebServiceRequest
{
    public string Operation { get; } = operation;

    public object Input { get; } = input;
}

/// <summary>Carries one typed AWS output back out of the pipeline.</summary>
internal sealed class OperationResponse<TOutput> : AmazonWebServiceResponse
{
    public TOutput? Output { get; init; }
}
