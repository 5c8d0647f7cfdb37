using System.Net;
using System.Text;
using Amazon.Runtime;
using Dashboard.Aws.Protocol;

namespace Dashboard.Tests.Shared;

/// <summary>A captured HTTP request, with its body read.</summary>
public sealed record CapturedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string Header(string name) =>
        Headers.TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"No header '{name}'. Headers: {string.Join(", ", Headers.Keys)}");

    /// <summary>The body's form parameters, for Query requests.</summary>
    public IReadOnlyDictionary<string, string> Form() => Body.Split('&', StringSplitOptions.RemoveEmptyEntries)
        .Select(pair => pair.Split('=', 2))
        .ToDictionary(p => Uri.UnescapeDataString(p[0].Replace('+', ' ')), p => p.Length > 1 ? Uri.UnescapeDataString(p[1].Replace('+', ' ')) : string.Empty);
}

/// <summary>
/// An HTTP handler that records every request and answers from a queue of canned responses, so that wire-format
/// tests run the real SDK pipeline (signing, retries, error parsing) without a socket.
/// </summary>
public sealed class FakeAwsHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpResponseMessage>> _responses = new();

    public List<CapturedRequest> Requests { get; } = [];

    public FakeAwsHandler RespondJson(string json, HttpStatusCode status = HttpStatusCode.OK, string contentType = "application/x-amz-json-1.1", IReadOnlyDictionary<string, string>? headers = null)
    {
        _responses.Enqueue(() => Response(json, status, contentType, headers));
        return this;
    }

    public FakeAwsHandler RespondXml(string xml, HttpStatusCode status = HttpStatusCode.OK) =>
        RespondJson(xml, status, "text/xml");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers)
        {
            headers[header.Key] = string.Join(",", header.Value);
        }

        var body = string.Empty;
        if (request.Content is not null)
        {
            foreach (var header in request.Content.Headers)
            {
                headers[header.Key] = string.Join(",", header.Value);
            }

            body = await request.Content.ReadAsStringAsync(cancellationToken);
        }

        Requests.Add(new CapturedRequest(request.Method, request.RequestUri!, headers, body));
        if (!_responses.TryDequeue(out var next))
        {
            throw new InvalidOperationException($"No canned response left for request #{Requests.Count} ({headers.GetValueOrDefault("X-Amz-Target") ?? body}).");
        }

        return next();
    }

    private static HttpResponseMessage Response(string body, HttpStatusCode status, string contentType, IReadOnlyDictionary<string, string>? headers)
    {
        var response = new HttpResponseMessage(status)
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        response.Headers.Add("x-amzn-RequestId", "11111111-2222-3333-4444-555555555555");
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }
}

/// <summary>Builds our clients over a <see cref="FakeAwsHandler"/> or a real endpoint.</summary>
public static class TestClients
{
    public static readonly BasicAWSCredentials Credentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

    public static AwsClientConfig FakeConfig(AwsServiceSpec spec, FakeAwsHandler handler, string region = "eu-west-1") =>
        new(spec)
        {
            RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(region),
            HttpClientFactory = new FakeHttpClientFactory(handler),
            MaxErrorRetry = 2,
            // No real waiting between retries in unit tests.
            ThrottleRetries = false,
        };

    public static AwsClientConfig EndpointConfig(AwsServiceSpec spec, Uri endpoint, string region = "us-east-1") =>
        new(spec)
        {
            ServiceURL = endpoint.ToString(),
            AuthenticationRegion = region,
            MaxErrorRetry = 0,
        };

    private sealed class FakeHttpClientFactory(FakeAwsHandler handler) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler, disposeHandler: false);

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;
    }
}
