using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LocalCloud.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace LocalCloud.Tests.Hosting;

/// <summary>The request log counts what clients cost, by service and operation, and answers on <c>/_localcloud/requests</c>.</summary>
public sealed class RequestLogTests
{
    private const string Account = "123412341234";

    private static Task<LocalCloudHost> StartAsync() =>
        LocalCloudHost.StartAsync(new LocalCloud.LocalCloudSettings { Port = 0, SeedDemo = false }, TimeProvider.System, TestContext.Current.CancellationToken);

    private static async Task<HttpStatusCode> SendAsync(HttpClient http, HttpMethod method, string path, string service, HttpContent? content = null, string? target = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential={Account}/20261125/us-east-1/{service}/aws4_request, SignedHeaders=host, Signature=0");
        if (target is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        }

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    private static StringContent Json(string body)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        return content;
    }

    private static async Task<JsonElement> ReadLogAsync(HttpClient http) =>
        JsonDocument.Parse(await http.GetStringAsync(new Uri(RequestLogEndpoint.Path, UriKind.Relative), TestContext.Current.CancellationToken)).RootElement.Clone();

    private static long CountOf(JsonElement log, string service, string operation) =>
        log.GetProperty("requests").EnumerateArray()
            .Where(r => r.GetProperty("service").GetString() == service && r.GetProperty("operation").GetString() == operation)
            .Select(r => r.GetProperty("count").GetInt64())
            .SingleOrDefault();

    [Fact]
    public async Task Endpoint_CountsEveryProtocolByServiceAndOperation()
    {
        await using var cloud = await StartAsync();
        using var http = new HttpClient { BaseAddress = cloud.Endpoint };

        await SendAsync(http, HttpMethod.Post, "/", "glue", Json("{}"), "AWSGlue.ListWorkflows");
        await SendAsync(http, HttpMethod.Post, "/", "glue", Json("{}"), "AWSGlue.ListWorkflows");
        var refused = await SendAsync(http, HttpMethod.Post, "/", "glue", Json("{}"), "AWSGlue.CreateDevEndpoint");
        await SendAsync(http, HttpMethod.Post, "/", "sts", new FormUrlEncodedContent(new Dictionary<string, string> { ["Action"] = "GetCallerIdentity", ["Version"] = "2011-06-15" }));
        await SendAsync(http, HttpMethod.Get, "/", "s3");

        var log = await ReadLogAsync(http);

        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Equal(2, CountOf(log, "glue", "ListWorkflows"));
        Assert.Equal(1, CountOf(log, "glue", "CreateDevEndpoint"));
        Assert.Equal(1, CountOf(log, "sts", "GetCallerIdentity"));
        Assert.Equal(1, CountOf(log, "s3", "GET"));
        Assert.Equal(5, log.GetProperty("total").GetInt64());
        Assert.Equal(5, cloud.Services.GetRequiredService<RequestLog>().Total);
    }

    [Fact]
    public async Task Delete_StartsTheCountAgain()
    {
        await using var cloud = await StartAsync();
        using var http = new HttpClient { BaseAddress = cloud.Endpoint };
        await SendAsync(http, HttpMethod.Post, "/", "events", Json("{}"), "AWSEvents.ListEventBuses");

        using var cleared = await http.DeleteAsync(new Uri(RequestLogEndpoint.Path, UriKind.Relative), TestContext.Current.CancellationToken);
        await SendAsync(http, HttpMethod.Post, "/", "events", Json("{}"), "AWSEvents.ListRules");
        var log = await ReadLogAsync(http);

        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Equal(0, CountOf(log, "events", "ListEventBuses"));
        Assert.Equal(1, CountOf(log, "events", "ListRules"));
        Assert.Equal(1, log.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task SignedRequestToTheReservedPath_IsAnAwsRequest()
    {
        await using var cloud = await StartAsync();
        using var http = new HttpClient { BaseAddress = cloud.Endpoint };

        // S3 would name this bucket "_localcloud", which S3 refuses; the request is counted, not answered with the log.
        var status = await SendAsync(http, HttpMethod.Get, RequestLogEndpoint.Path, "s3");

        Assert.NotEqual(HttpStatusCode.OK, status);
        Assert.Equal(1, cloud.Services.GetRequiredService<RequestLog>().Count("s3", "GET"));
    }

    [Fact]
    public void Snapshot_IsOrderedByServiceThenOperation()
    {
        var log = new RequestLog();
        log.Record("glue", "ListWorkflows");
        log.Record("events", "ListRules");
        log.Record("glue", "BatchGetWorkflows");
        log.Record("glue", "ListWorkflows");

        Assert.Equal(
            [new RequestCount("events", "ListRules", 1), new RequestCount("glue", "BatchGetWorkflows", 1), new RequestCount("glue", "ListWorkflows", 2)],
            log.Snapshot());
        Assert.Equal(4, log.Total);
    }
}
