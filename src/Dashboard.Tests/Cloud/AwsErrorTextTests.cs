using System.Net;
using Amazon.Runtime;
using Dashboard.Aws.Protocol;
using Dashboard.Cloud;

namespace Dashboard.Tests.Cloud;

public sealed class AwsErrorTextTests
{
    private static AwsApiException Error(string code, string message, HttpStatusCode status = HttpStatusCode.BadRequest) =>
        AwsErrors.Create(new("Glue", "GetWorkflow", code, message, "req-1", status, ErrorType.Sender));

    [Theory]
    [InlineData("AccessDeniedException", "not authorized", "The dashboard's credentials may not call glue:GetWorkflow. Grant that action in its IAM policy. (AWS said: not authorized)")]
    [InlineData("ThrottlingException", "Rate exceeded", "AWS throttled glue:GetWorkflow even after retries. The data will load on the next refresh.")]
    [InlineData("EntityNotFoundException", "Workflow not found", "glue:GetWorkflow: Workflow not found")]
    public void Explain_TypedAwsErrors_SayWhatToDo(string code, string message, string expected) =>
        Assert.Equal(expected, AwsErrorText.Explain(Error(code, message)));

    [Fact]
    public void Explain_ServiceFailure_NamesTheServiceAndStatus() =>
        Assert.Equal(
            "Glue failed on its side (HTTP 500) for GetWorkflow, even after retries: boom",
            AwsErrorText.Explain(Error("InternalFailure", "boom", HttpStatusCode.InternalServerError)));

    [Fact]
    public void Explain_AnswerWithoutErrorCode_SaysSoInsteadOfAnEmptyCode() =>
        Assert.Equal(
            "AWS answered HTTP 404 without an error code (request r-9). Is the endpoint an AWS service?",
            AwsErrorText.Explain(new AmazonServiceException("The service returned an error.", ErrorType.Unknown, string.Empty, "r-9", HttpStatusCode.NotFound)));

    [Fact]
    public void Explain_Unreachable_SaysSo() =>
        Assert.Equal(
            "Could not reach AWS: Connection refused",
            AwsErrorText.Explain(new AmazonClientException("failed", new HttpRequestException("Connection refused"))));
}
