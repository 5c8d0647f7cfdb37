using System.Net.Http.Headers;
using System.Text.Json;
using Amazon.Runtime;
using Dashboard.Aws.Protocol;
using LocalCloud;
using LocalCloud.Hosting;

namespace Dashboard.Tests.Shared;

/// <summary>
/// LocalCloud on a free loopback port without the demo, for service tests that go over the wire. Tests seed their
/// own uniquely named resources through the raw JSON protocol, as any AWS client would.
/// </summary>
public sealed class LocalCloudServer : IAsyncLifetime
{
    /// <summary>The account of requests signed with the access key "test".</summary>
    public const string Account = "000000000000";

    private readonly HttpClient _http = new();

    public LocalCloudHost Cloud { get; private set; } = null!;

    public Uri Endpoint => Cloud.Endpoint;

    public async ValueTask InitializeAsync() =>
        Cloud = await LocalCloudHost.StartAsync(new LocalCloudSettings { Port = 0, SeedDemo = false }, TimeProvider.System, CancellationToken.None);

    /// <summary>A client config for this LocalCloud whose HTTP requests are counted.</summary>
    public AwsClientConfig Config(AwsServiceSpec spec, RequestCounter counter) => new(spec)
    {
        ServiceURL = Endpoint.ToString(),
        AuthenticationRegion = "us-east-1",
        MaxErrorRetry = 0,
        HttpClientFactory = new CountingHttpClientFactory(counter),
    };

    public static BasicAWSCredentials Credentials { get; } = new("test", "test");

    /// <summary>
    /// Calls a Glue operation with a JSON body, signed (loosely) as the demo account, or as the account that a 12-digit
    /// <paramref name="accessKey"/> names.
    /// </summary>
    public async Task<JsonElement> GlueAsync(string operation, object body, string accessKey = "test")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint)
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, AwsJson.Options)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSGlue." + operation);
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential={accessKey}/20261125/us-east-1/glue/aws4_request, SignedHeaders=host, Signature=0");
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{operation} failed ({(int)response.StatusCode}): {text}");
        }

        return JsonDocument.Parse(string.IsNullOrEmpty(text) ? "{}" : text).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Cloud.DisposeAsync();
    }
}

/// <summary>Counts HTTP requests, whatever the operation.</summary>
public sealed class RequestCounter
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Add() => Interlocked.Increment(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);
}

public sealed class CountingHttpClientFactory(RequestCounter counter) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new CountingHandler(counter, new SocketsHttpHandler()));

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;

    private sealed class CountingHandler(RequestCounter counter, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            counter.Add();
            return base.SendAsync(request, cancellationToken);
        }
    }
}
