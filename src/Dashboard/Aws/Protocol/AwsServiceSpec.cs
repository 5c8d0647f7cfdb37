namespace Dashboard.Aws.Protocol;

/// <summary>The wire protocols our hand-written clients speak.</summary>
public enum WireProtocol
{
    /// <summary>AWS JSON 1.1: <c>X-Amz-Target</c> and a JSON body (Glue, EventBridge, CloudTrail).</summary>
    AwsJson11,

    /// <summary>AWS JSON 1.0 with <c>x-amzn-query-mode</c>, for services that moved from Query (CloudWatch).</summary>
    AwsJson10QueryCompatible,

    /// <summary>AWS Query: a form-encoded request and an XML response (IAM).</summary>
    Query,
}

/// <summary>
/// What a client needs to know about one AWS service: the facts in its botocore model's metadata.
/// </summary>
/// <param name="ServiceId">The SDK service id. It also names <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c>.</param>
/// <param name="EndpointPrefix">The host prefix: <c>glue</c> in <c>glue.eu-west-1.amazonaws.com</c>.</param>
/// <param name="SigningName">The SigV4 service name.</param>
/// <param name="ApiVersion">The API version, sent as <c>Version</c> in Query requests.</param>
/// <param name="Protocol">The wire protocol.</param>
/// <param name="TargetPrefix">The <c>X-Amz-Target</c> prefix of JSON protocols.</param>
/// <param name="GlobalRegion">For global services (IAM), the one region that signs and serves every call.</param>
public sealed record AwsServiceSpec(
    string ServiceId,
    string EndpointPrefix,
    string SigningName,
    string ApiVersion,
    WireProtocol Protocol,
    string? TargetPrefix = null,
    string? GlobalRegion = null);
