using System.Net;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;

namespace Dashboard.Aws.Protocol;

/// <summary>Writes an operation as an AWS JSON 1.0 or 1.1 request: POST /, <c>X-Amz-Target</c>, a JSON body.</summary>
internal sealed class JsonRequestMarshaller(AwsServiceSpec spec) : IMarshaller<IRequest, AmazonWebServiceRequest>
{
    public IRequest Marshall(AmazonWebServiceRequest input)
    {
        var operation = (OperationRequest)input;
        var request = new DefaultRequest(input, spec.ServiceId)
        {
            HttpMethod = "POST",
            ResourcePath = "/",
            Content = AwsJson.Serialize(operation.Input),
        };
        request.Headers["X-Amz-Target"] = $"{spec.TargetPrefix}.{operation.Operation}";
        if (spec.Protocol == WireProtocol.AwsJson10QueryCompatible)
        {
            request.Headers["Content-Type"] = "application/x-amz-json-1.0";
            request.Headers["x-amzn-query-mode"] = "true";
        }
        else
        {
            request.Headers["Content-Type"] = "application/x-amz-json-1.1";
        }

        return request;
    }
}

/// <summary>Reads an AWS JSON response body into <typeparamref name="TOutput"/>, and errors into typed exceptions.</summary>
internal sealed class JsonResponseUnmarshaller<TOutput>(AwsServiceSpec spec, string operation) : JsonResponseUnmarshaller
{
    public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext context)
    {
        using var buffer = new MemoryStream();
        context.Stream.CopyTo(buffer);
        return new OperationResponse<TOutput> { Output = AwsJson.Deserialize<TOutput>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)) };
    }

    public override AmazonServiceException UnmarshallException(
        JsonUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode)
    {
        var reader = new StreamingUtf8JsonReader(context.Stream);
        var error = JsonErrorResponseUnmarshaller.GetInstance().Unmarshall(context, ref reader);

        // Query-compatible services (CloudWatch) put the Query-era code in x-amzn-query-error: "Code;Sender".
        var code = error.Code;
        var queryError = context.ResponseData?.GetHeaderValue("x-amzn-query-error");
        if (!string.IsNullOrEmpty(queryError))
        {
            code = queryError.Split(';')[0];
        }

        var details = new AwsErrorDetails(
            spec.ServiceId,
            operation,
            AwsErrors.NormalizeCode(code),
            error.Message ?? string.Empty,
            error.RequestId ?? context.ResponseData?.GetHeaderValue("x-amzn-RequestId"),
            statusCode,
            error.Type);
        return AwsErrors.Create(details, innerException);
    }
}
