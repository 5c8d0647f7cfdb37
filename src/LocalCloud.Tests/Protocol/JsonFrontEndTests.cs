using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LocalCloud.Tests.Shared;

namespace LocalCloud.Tests.Protocol;

/// <summary>AWS JSON 1.1 errors as AWS serializes them: status, <c>x-amzn-ErrorType</c>, and <c>__type</c> + <c>message</c>.</summary>
public sealed class JsonFrontEndTests(LocalCloudFixture cloud) : IClassFixture<LocalCloudFixture>
{
    private async Task<(HttpStatusCode Status, string? ErrorType, JsonElement Body)> PostAsync(string target, string body)
    {
        using var http = new HttpClient { BaseAddress = cloud.Endpoint };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=555566667777/20261125/eu-west-1/glue/aws4_request, SignedHeaders=host, Signature=0");
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.Single() : null, JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task UnknownOperation_IsUnknownOperationException()
    {
        var (status, type, body) = await PostAsync("AWSGlue.CreateDevEndpoint", "{}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("UnknownOperationException", type);
        Assert.Equal("UnknownOperationException", body.GetProperty("__type").GetString());
        Assert.Contains("CreateDevEndpoint", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedBody_IsSerializationException()
    {
        var (status, _, body) = await PostAsync("AWSGlue.GetWorkflow", "{\"Name\": ");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("SerializationException", body.GetProperty("__type").GetString());
    }

    [Fact]
    public async Task WrongMemberType_IsSerializationException()
    {
        var (_, _, body) = await PostAsync("AWSGlue.GetWorkflow", """{"Name": {"not": "a string"}}""");

        Assert.Equal("SerializationException", body.GetProperty("__type").GetString());
    }

    [Fact]
    public async Task BackendError_KeepsItsCodeAndMessage()
    {
        var (status, type, body) = await PostAsync("AWSGlue.GetWorkflow", """{"Name": "absent"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("EntityNotFoundException", type);
        Assert.Equal("Workflow absent not found", body.GetProperty("message").GetString());
    }
}
