using System.Net;
using LocalCloud.Protocol;
using LocalCloud.Sqs;

namespace LocalCloud.Faults;

/// <summary>How a request reached LocalCloud, which decides how AWS words a throttle or a failure.</summary>
public enum WireProtocol
{
    /// <summary>AWS JSON 1.0/1.1 (Glue, EventBridge, CloudTrail, CloudWatch's JSON) and Smithy RPC v2 CBOR.</summary>
    Json,

    /// <summary>AWS Query with XML answers (CloudWatch, IAM, STS).</summary>
    Query,

    /// <summary>S3's REST XML.</summary>
    RestXml,
}

/// <summary>
/// The errors an injected fault answers with, as AWS answers them, each of which botocore's retry handlers and the AWS
/// SDK for .NET retry: JSON <c>ThrottlingException</c> (400) and <c>InternalFailure</c> (500); Query <c>Throttling</c>
/// (400) and <c>InternalFailure</c> (500); S3 <c>SlowDown</c> (503) and <c>InternalError</c> (500); SQS, which keeps its
/// Query codes on every protocol, <c>RequestThrottled</c> (403, as botocore's SQS retry policy expects) and <c>InternalFailure</c> (500).
/// </summary>
public static class FaultErrors
{
    public static AwsServiceException For(FaultKind kind, WireProtocol protocol, string service)
    {
        if (kind == FaultKind.Latency)
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Latency delays a call; it has no error.");
        }

        var throttle = kind == FaultKind.Throttle;
        if (service == SqsFrontEnd.SigningName)
        {
            return throttle
                ? new SqsException("RequestThrottled", "RequestThrottled", "Request is throttled (injected by LocalCloud).", HttpStatusCode.Forbidden)
                : new SqsException("InternalFailure", "InternalFailure", InternalMessage, HttpStatusCode.InternalServerError, senderFault: false);
        }

        return (protocol, throttle) switch
        {
            (WireProtocol.Json, true) => new AwsServiceException("ThrottlingException", "Rate exceeded (injected by LocalCloud)."),
            (WireProtocol.Query, true) => new AwsServiceException("Throttling", "Rate exceeded (injected by LocalCloud)."),
            (WireProtocol.RestXml, true) => new AwsServiceException("SlowDown", "Please reduce your request rate. (injected by LocalCloud)", HttpStatusCode.ServiceUnavailable, senderFault: false),
            (WireProtocol.RestXml, false) => new AwsServiceException("InternalError", "We encountered an internal error. Please try again. (injected by LocalCloud)", HttpStatusCode.InternalServerError, senderFault: false),
            _ => new AwsServiceException("InternalFailure", InternalMessage, HttpStatusCode.InternalServerError, senderFault: false),
        };
    }

    private const string InternalMessage = "The request processing has failed because of an unknown error, exception or failure (injected by LocalCloud).";
}
