using Dashboard.Audit;
using Dashboard.Batching;
using Dashboard.Hosting;
using Dashboard.Security;
using Dashboard.Tests.Shared;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Audit;

/// <summary>The audit log in the running app: where it goes, what stops the start, and that it outlives a restart.</summary>
[Collection(AppHostCollection.Name)]
public sealed class AuditHostingTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "audit-hosting-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private string AuditPath => Path.Combine(_folder, "state", "audit.db");

    private WebApplicationFactory<Program> Factory() =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("LocalCloud:Port", "0");
            builder.UseSetting("LocalCloud:SyntheticTraffic", "false");
            builder.UseSetting("Audit:Path", AuditPath);
        });

    [Fact]
    public async Task Save_InTheApp_IsAudited_AndTheRecordsOutliveARestart_OnThePageAndInTheExport()
    {
        Guid correlation;
        await using (var factory = Factory())
        {
            var editor = factory.Services.GetRequiredService<TriggerEditor>();
            var session = (await editor.OpenAsync(EditTarget.Workflow("products_raw_ingest"), _ct)).Session!;
            var result = await editor.SaveAsync(session, new BatchingChange(7, 300), Actor.LocalUser, "demo", _ct);
            Assert.Equal(SaveOutcome.Saved, result.Outcome);
            correlation = result.CorrelationId!.Value;
            Assert.True(File.Exists(AuditPath), "the schema is created at start-up, in a folder made for it");
        }

        await using (var restarted = Factory())
        {
            var log = restarted.Services.GetRequiredService<IAuditLog>();

            var records = (await log.QueryAsync(new AuditQuery { Filter = new() { CorrelationId = correlation } }, _ct)).Records;

            Assert.Equal([AuditResult.Succeeded, AuditResult.Pending], records.Select(r => r.Result));
            Assert.All(records, r => Assert.Equal((Actor.LocalUser.Name, "local", "products_raw_ingest", "demo"), (r.Actor, r.Environment, r.Workflow, r.Reason)));

            // The page and the download read what was written before the restart.
            using var client = restarted.CreateClient();
            var html = await client.GetStringAsync(new Uri("/audit?workflow=products_raw_ingest", UriKind.Relative), _ct);
            Assert.Contains($"data-correlation=\"{correlation}\"", html, StringComparison.Ordinal);
            Assert.Contains($"data-state=\"{AuditWriteState.Completed}\"", html, StringComparison.Ordinal);
            var csv = await client.GetStringAsync(new Uri("/audit/export.csv?workflow=products_raw_ingest", UriKind.Relative), _ct);
            Assert.Equal(2, csv.Split("\r\n").Count(line => line.Contains(correlation.ToString("D"), StringComparison.Ordinal)));
        }
    }

    [Theory]
    [InlineData("Audit:ConnectionString", "Host=db;Password=s3cret;Bogus Keyword=1", "Audit:ConnectionString cannot be used: it is not a valid Npgsql connection string")]
    [InlineData("Audit:ConnectionString", "Database=audit;Password=s3cret", "Audit:ConnectionString cannot be used: it names no Host.")]
    [InlineData("Audit:Path", "/tmp/", "Audit:Path is '/tmp/', but it must be a file path for the SQLite audit database, such as data/audit.db (relative to the content root).")]
    public async Task Startup_BadAuditSetting_StopsWithTheKey(string key, string value, string expected)
    {
        await using var app = Build($"--{key}={value}");

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(_ct));

        Assert.Contains(error.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
        Assert.DoesNotContain(error.Failures, f => f.Contains("s3cret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Startup_BothAuditStores_StopsAndSaysToChooseOne()
    {
        await using var app = Build($"--Audit:Path={AuditPath}", "--Audit:ConnectionString=Host=db;Database=audit");

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(_ct));

        Assert.Contains("Audit:Path and Audit:ConnectionString are both set, but the audit trail goes to one place: set Audit:Path for an SQLite file, or Audit:ConnectionString for PostgreSQL.", error.Failures);
    }

    [Fact]
    public async Task Startup_AuditPathThatCannotBeCreated_StopsWithTheKey()
    {
        Directory.CreateDirectory(_folder);
        var file = Path.Combine(_folder, "a-file");
        await File.WriteAllTextAsync(file, "not a folder", _ct);
        await using var app = Build($"--Audit:Path={Path.Combine(file, "audit.db")}");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync(_ct));

        Assert.StartsWith($"The audit log could not be opened at {Path.Combine(file, "audit.db")} (Audit:Path):", error.Message, StringComparison.Ordinal);
    }

    private static WebApplication Build(params string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Development",
            Args = ["--urls", "http://127.0.0.1:0", "--LocalCloud:Port=0", "--LocalCloud:SeedDemo=false", .. args],
        });
        builder.AddDashboard();
        var app = builder.Build();
        app.MapDashboard();
        return app;
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
