using System.Net;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Dashboard.Tests.Shared;

/// <summary>
/// An HTTP proxy on loopback in front of an AWS-compatible endpoint that fails every request while
/// <see cref="Failing"/> is set, the way a service outage or a throttling storm looks to the dashboard.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase) { "Host", "Connection", "Transfer-Encoding", "Keep-Alive", "Content-Length" };

    private readonly WebApplication _app;
    private readonly HttpClient _client = new();
    private int _failed;
    private volatile bool _failing;

    private FaultProxy(WebApplication app)
    {
        _app = app;
    }

    public Uri Endpoint { get; private set; } = new("http://127.0.0.1/");

    /// <summary>While true, every request gets a 500 InternalFailure.</summary>
    public bool Failing
    {
        get => _failing;
        set => _failing = value;
    }

    public int FailedRequests => Volatile.Read(ref _failed);

    public static async Task<FaultProxy> StartAsync(Uri target, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var proxy = new FaultProxy(app);
        app.Run(context => proxy.HandleAsync(context, target));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.First()
            ?? throw new InvalidOperationException("The fault proxy has no address.");
        proxy.Endpoint = new Uri(address);
        return proxy;
    }

    private async Task HandleAsync(HttpContext context, Uri target)
    {
        if (Failing)
        {
            Interlocked.Increment(ref _failed);
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            context.Response.ContentType = "application/x-amz-json-1.1";
            await context.Response.WriteAsync("""{"__type":"InternalFailure","message":"Injected fault: the service is unavailable."}""", context.RequestAborted);
            return;
        }

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(target, context.Request.Path + context.Request.QueryString));
        var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        body.Position = 0;
        request.Content = new StreamContent(body);
        foreach (var (name, values) in context.Request.Headers.Where(h => !HopByHop.Contains(h.Key)))
        {
            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        using var response = await _client.SendAsync(request, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers).Where(h => !HopByHop.Contains(h.Key)))
        {
            context.Response.Headers[name] = values.ToArray();
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _client.Dispose();
    }
}
