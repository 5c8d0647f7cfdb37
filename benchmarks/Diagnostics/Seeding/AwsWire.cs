using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DiagnosticsBenchmark.Seeding;

/// <summary>
/// Seeding calls on LocalCloud's wire protocols: AWS JSON 1.1 (<c>X-Amz-Target</c>) and Query (form body). The
/// Authorization header carries only what LocalCloud reads from it (the access key id as the account, the region and
/// the signing service); the benchmark measures the dashboard, not the seeding.
/// </summary>
public sealed class AwsWire(HttpClient http, string account, string region)
{
    private static readonly JsonSerializerOptions WireOptions = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public async Task JsonAsync(string service, string target, object body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/")
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, WireOptions)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        await SendAsync(request, service, target, cancellationToken);
    }

    public async Task QueryAsync(string service, string action, string version, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string>(parameters) { ["Action"] = action, ["Version"] = version };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new FormUrlEncodedContent(form) };
        await SendAsync(request, service, action, cancellationToken);
    }

    private async Task SendAsync(HttpRequestMessage request, string service, string operation, CancellationToken cancellationToken)
    {
        var date = DateTimeOffset.UtcNow.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential={account}/{date}/{region}/{service}/aws4_request, SignedHeaders=host, Signature=0");
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{service} {operation} failed ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }
}
