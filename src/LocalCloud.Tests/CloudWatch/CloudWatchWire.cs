using System.Net.Http.Headers;
using System.Text;
using LocalCloud.Protocol;

namespace LocalCloud.Tests.CloudWatch;

/// <summary>
/// Raw CloudWatch requests in each of its three protocols, signed (in scope only) for one account, and cancelled
/// with the test that sends them.
/// </summary>
internal sealed class CloudWatchWire(Uri endpoint, string account, CancellationToken cancellationToken) : IDisposable
{
    public const string TargetPrefix = "GraniteServiceVersion20100801";
    public const string QueryNamespace = "http://monitoring.amazonaws.com/doc/2010-08-01/";

    private readonly HttpClient _http = new() { BaseAddress = endpoint };

    public Task<HttpResponseMessage> JsonAsync(string operation, string json, bool queryMode = true)
    {
        var request = Signed(HttpMethod.Post, "/");
        request.Headers.Add("X-Amz-Target", $"{TargetPrefix}.{operation}");
        if (queryMode)
        {
            request.Headers.Add("x-amzn-query-mode", "true");
        }

        request.Content = new StringContent(json, Encoding.UTF8);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        return _http.SendAsync(request, cancellationToken);
    }

    public Task<HttpResponseMessage> QueryAsync(string action, params (string Key, string Value)[] parameters)
    {
        var request = Signed(HttpMethod.Post, "/");
        request.Content = new FormUrlEncodedContent(
            new[] { ("Action", action), ("Version", "2010-08-01") }.Concat(parameters).Select(p => KeyValuePair.Create(p.Item1, p.Item2)));
        return _http.SendAsync(request, cancellationToken);
    }

    public Task<HttpResponseMessage> CborAsync(string operation, byte[] body, bool queryMode = true, bool smithyHeader = true, string service = TargetPrefix)
    {
        var request = Signed(HttpMethod.Post, $"/service/{service}/operation/{operation}");
        if (smithyHeader)
        {
            request.Headers.Add(CborFrontEnd.ProtocolHeader, CborFrontEnd.ProtocolName);
        }

        if (queryMode)
        {
            request.Headers.Add("x-amzn-query-mode", "true");
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(CborFrontEnd.ContentType));
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(CborFrontEnd.ContentType);
        return _http.SendAsync(request, cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private HttpRequestMessage Signed(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation(
            "Authorization", $"AWS4-HMAC-SHA256 Credential={account}/20261125/us-east-1/monitoring/aws4_request, SignedHeaders=host, Signature=0");
        return request;
    }
}
