using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace Durability;

/// <summary>
/// The AWS wire protocols the benchmark speaks to LocalCloud by hand (AWS JSON 1.1 with X-Amz-Target, and Query for IAM),
/// because the registry serves no SDK for Glue, EventBridge, CloudTrail or IAM. Only public APIs: the benchmark proves
/// durability the way a user could.
/// </summary>
internal sealed class AwsWire(int port) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

    public Task<JsonElement> GlueAsync(string operation, object body, CancellationToken cancellationToken) =>
        JsonAsync("glue", "AWSGlue." + operation, body, "application/x-amz-json-1.1", cancellationToken);

    public Task<JsonElement> EventsAsync(string operation, object body, CancellationToken cancellationToken) =>
        JsonAsync("events", "AWSEvents." + operation, body, "application/x-amz-json-1.1", cancellationToken);

    public Task<JsonElement> CloudTrailAsync(string operation, object body, CancellationToken cancellationToken) =>
        JsonAsync("cloudtrail", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101." + operation, body, "application/x-amz-json-1.1", cancellationToken);

    /// <summary>An IAM Query call; the answer's XML, or an exception with AWS's error text.</summary>
    public async Task<XDocument> IamAsync(string action, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string>(parameters) { ["Action"] = action, ["Version"] = "2010-05-08" };
        using var request = new HttpRequestMessage(HttpMethod.Post, "") { Content = new FormUrlEncodedContent(form) };
        Sign(request, "iam");
        using var response = await _http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode ? XDocument.Parse(text) : throw new HttpRequestException($"iam {action}: {(int)response.StatusCode} {text}");
    }

    private async Task<JsonElement> JsonAsync(string service, string target, object body, string contentType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "") { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        Sign(request, service);
        using var response = await _http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{target}: {(int)response.StatusCode} {text}");
        }

        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>LocalCloud reads the account and service from the credential scope; it does not check the signature.</summary>
    private static void Sign(HttpRequestMessage request, string service) =>
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential=test/20261126/us-east-1/{service}/aws4_request, SignedHeaders=host, Signature=0");

    public void Dispose() => _http.Dispose();
}
