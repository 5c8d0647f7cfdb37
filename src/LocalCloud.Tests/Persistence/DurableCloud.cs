using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LocalCloud.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace LocalCloud.Tests.Persistence;

/// <summary>
/// A LocalCloud on a data path in a temporary folder, on a fake clock, that a test can stop and start again on the same
/// folder; and the wire calls the restart tests make.
/// </summary>
public sealed class DurableCloud : IAsyncDisposable
{
    public const string Account = "123456789012";

    private HttpClient? _http;

    public string DataPath { get; } = Path.Combine(Path.GetTempPath(), "localcloud-durable-" + Guid.NewGuid().ToString("N"));

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    public LocalCloudHost? Cloud { get; private set; }

    public async Task StartAsync()
    {
        Cloud = await LocalCloudHost.StartAsync(new LocalCloudSettings { Port = 0, SeedDemo = false, DataPath = DataPath }, Clock, CancellationToken.None);
        _http = new HttpClient { BaseAddress = Cloud.Endpoint };
    }

    public async Task StopAsync()
    {
        _http?.Dispose();
        _http = null;
        if (Cloud is not null)
        {
            await Cloud.DisposeAsync();
            Cloud = null;
        }
    }

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    public async Task<string> S3Async(HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : new StringContent(body, Encoding.UTF8) };
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential={Account}/20261125/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0");
        request.Headers.TryAddWithoutValidation("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text;
    }

    public async Task<JsonElement> JsonAsync(string service, string target, object body, string contentType = "application/x-amz-json-1.1")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(JsonSerializer.Serialize(body)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential={Account}/20261125/us-east-1/{service}/aws4_request, SignedHeaders=host, Signature=0");
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{target}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(string.IsNullOrEmpty(text) ? "{}" : text).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (Directory.Exists(DataPath))
        {
            Directory.Delete(DataPath, recursive: true);
        }
    }

    private HttpClient Http => _http ?? throw new InvalidOperationException("Start the cloud first.");
}
