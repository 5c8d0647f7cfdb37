using System.Net;
using System.Text.Json;
using Dashboard.Audit;
using Dashboard.Aws.CloudWatch;
using Dashboard.Aws.EventBridge;
using Dashboard.Aws.Glue;
using Dashboard.Tests.Shared;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Audit;

/// <summary><c>GET /audit/export.csv</c> in the app, over a real SQLite audit log.</summary>
[Collection(AppHostCollection.Name)]
public sealed class AuditExportEndpointTests : IAsyncLifetime
{
    private readonly TempAuditLog _audit = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    private static WebApplicationFactory<Program> Factory(IAuditLog log) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");

            // The cloud is faked: these tests are about the audit log.
            builder.UseSetting("Cloud:Mode", "Aws");
            builder.UseSetting("SignIn:Anonymous", "Viewer");
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<Dashboard.Cloud.ICloudIdentity>(new FakeCloudIdentity());
                services.AddSingleton<IGlueApi>(new FakeGlue());
                services.AddSingleton<IEventBridgeApi>(new FakeEventBridge());
                services.AddSingleton<ICloudWatchApi>(new FakeCloudWatch());
                services.AddSingleton(log);
            });
        });

    [Fact]
    public async Task Export_NoFilter_IsEveryRecordOldestFirst_AsACsvAttachment()
    {
        var pending = await AppendAsync("ana", AuditResult.Pending, "trigger/products-start");
        var outcome = await AppendAsync("ana", AuditResult.Succeeded, "trigger/products-start", correlation: pending.Id);
        await using var factory = Factory(_audit.Log);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/audit/export.csv", UriKind.Relative), _ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Matches(@"^attachment; filename=""audit-\d{8}-\d{6}\.csv""$", Assert.Single(response.Content.Headers.GetValues("Content-Disposition")));
        var lines = (await response.Content.ReadAsStringAsync(_ct)).Split("\r\n");
        Assert.Equal(string.Join(',', AuditCsv.Header), lines[0]);
        Assert.StartsWith($"{pending.Id:D},2026-11-25T12:00:01.0000000Z,local,ana,UpdateTrigger,products,trigger/products-start,Pending,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith($"{outcome.Id:D},", lines[2], StringComparison.Ordinal);
        Assert.Contains($",{pending.Id:D},", lines[2], StringComparison.Ordinal);
        Assert.Equal([""], lines[3..]);
    }

    [Fact]
    public async Task Export_Filters_TakeTheSameRecordsAsThePage()
    {
        await AppendAsync("ana", AuditResult.Refused, "trigger/a");
        var wanted = await AppendAsync("bo", AuditResult.Refused, "trigger/b");
        await AppendAsync("bo", AuditResult.Conflict, "trigger/c");
        _clock.Advance(TimeSpan.FromDays(2));
        await AppendAsync("bo", AuditResult.Refused, "trigger/d");
        await using var factory = Factory(_audit.Log);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/audit/export.csv?actor=bo&result=refused&from=2026-11-25&to=2026-11-25", UriKind.Relative), _ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = (await response.Content.ReadAsStringAsync(_ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[1..];
        Assert.StartsWith($"{wanted.Id:D},", Assert.Single(rows), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("from=yesterday", "from 'yesterday' is not a time.")]
    [InlineData("result=done", "result 'done' is not an audit result. Use one of Pending, Succeeded, Failed, Conflict, Refused.")]
    [InlineData("from=2026-11-25T10:00Z&to=2026-11-25T09:00Z", "from '2026-11-25T10:00Z' must be before to '2026-11-25T09:00Z'")]
    public async Task Export_BadFilter_Is400SayingWhich(string query, string expected)
    {
        await AppendAsync("ana", AuditResult.Refused, "trigger/a");
        await using var factory = Factory(_audit.Log);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/audit/export.csv?" + query, UriKind.Relative), _ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Content.Headers.ContentDisposition);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(_ct)).RootElement;
        Assert.Equal("The audit filter is not valid.", problem.GetProperty("title").GetString());
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_StoreFailsBeforeTheFirstByte_Is503SayingWhere()
    {
        await using var factory = Factory(new UnreadableAuditLog());
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/audit/export.csv", UriKind.Relative), _ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentDisposition);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(_ct)).RootElement;
        Assert.Equal("Reading the audit store (UnreadableAuditLog) failed: disk I/O error", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public void FileName_IsTheUtcTime()
    {
        Assert.Equal("audit-20261125-130509.csv", AuditExportEndpoint.FileName(new DateTimeOffset(2026, 11, 25, 14, 5, 9, TimeSpan.FromHours(1))));
    }

    private async Task<AuditRecord> AppendAsync(string actor, AuditResult result, string target, Guid? correlation = null)
    {
        _clock.Advance(TimeSpan.FromSeconds(1));
        var record = AuditRecord.Create(_clock, actor, "local", AuditActions.UpdateTrigger, target, "products", result, result.ToString(), correlationId: correlation);
        await _audit.Log.AppendAsync(record, _ct);
        return record;
    }

    public ValueTask DisposeAsync() => _audit.DisposeAsync();

    private sealed class UnreadableAuditLog : IAuditLog
    {
        public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken) => throw new IOException("disk I/O error");

        public Task<AuditRecordPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken) => throw new IOException("disk I/O error");

        public Task WriteCsvAsync(AuditFilter filter, Stream output, CancellationToken cancellationToken) => throw new IOException("disk I/O error");
    }
}
