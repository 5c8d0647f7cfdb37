using Amazon.Runtime;
using Dashboard.Aws.Protocol;

namespace Dashboard.Cloud;

/// <summary>Turns AWS failures into sentences a data engineer can act on.</summary>
public static class AwsErrorText
{
    public static string Explain(Exception error) => error switch
    {
        AwsAccessDeniedException denied =>
            $"The dashboard's credentials may not call {ActionOf(denied)}. Grant that action in its IAM policy. (AWS said: {denied.AwsMessage})",
        AwsAuthenticationException auth =>
            $"AWS rejected the dashboard's credentials when calling {ActionOf(auth)}: {auth.AwsMessage} Check the profile, SSO session or keys.",
        AwsThrottlingException throttled =>
            $"AWS throttled {ActionOf(throttled)} even after retries. The data will load on the next refresh.",
        AwsNotFoundException missing => $"{ActionOf(missing)}: {missing.AwsMessage}",
        AwsServiceFailureException failed =>
            $"{failed.Service} failed on its side (HTTP {(int)failed.StatusCode}) for {failed.Operation}, even after retries: {failed.AwsMessage}",
        AwsApiException api => $"{ActionOf(api)} failed: {api.ErrorCode}: {api.AwsMessage}",
        AmazonServiceException service when service.StatusCode == System.Net.HttpStatusCode.Forbidden =>
            $"The dashboard's credentials were refused ({service.ErrorCode}): {service.Message}",
        AmazonServiceException { ErrorCode: null or "" } service =>
            $"AWS answered HTTP {(int)service.StatusCode} without an error code{(service.RequestId is { Length: > 0 } id ? $" (request {id})" : string.Empty)}. Is the endpoint an AWS service?",
        AmazonServiceException service => $"AWS returned {service.ErrorCode}: {service.Message}",
        AmazonClientException client when client.InnerException is HttpRequestException http =>
            $"Could not reach AWS: {http.Message}",
        AmazonClientException client => $"The AWS client could not make the call: {client.Message}",
        HttpRequestException http => $"Could not reach the cloud endpoint: {http.Message}",
        _ => error.Message,
    };

    /// <summary>The IAM action of a failed call, for example <c>glue:GetWorkflow</c>.</summary>
    public static string ActionOf(AwsApiException error) => $"{IamPrefix(error.Service)}:{error.Operation}";

    private static string IamPrefix(string serviceId) => serviceId switch
    {
        "EventBridge" => "events",
        "CloudWatch" => "cloudwatch",
        "CloudTrail" => "cloudtrail",
        "IAM" => "iam",
        "STS" => "sts",
        _ => serviceId.ToLowerInvariant(),
    };
}
