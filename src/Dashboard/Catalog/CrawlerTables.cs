using Dashboard.Aws.Glue;
using Dashboard.Aws.Protocol;
using Dashboard.Cloud;
using Microsoft.Extensions.Caching.Hybrid;

namespace Dashboard.Catalog;

/// <summary>A catalog table a crawler writes.</summary>
public sealed record CrawledTable(string Crawler, string Database, string Table, string? Location, DateTimeOffset? UpdateTime);

/// <summary>The tables of a workflow's crawlers, and what could not be read.</summary>
public sealed record CrawlerTableList(IReadOnlyList<CrawledTable> Tables, IReadOnlyList<string> CrawlersWithoutTables, string? Problem);

/// <summary>
/// Finds the tables a workflow's crawlers write: <c>BatchGetCrawlers</c> for their databases and S3 targets, then
/// <c>GetTables</c> in each database. A table is a crawler's when Glue marked it <c>UPDATED_BY_CRAWLER</c> with the
/// crawler's name, or when its location lies under one of the crawler's S3 targets.
/// </summary>
public sealed class CrawlerTables(IGlueApi glue, IGlueCatalogApi catalog, HybridCache cache, ILogger<CrawlerTables> logger)
{
    private static readonly HybridCacheEntryOptions CacheOptions = new() { Expiration = TimeSpan.FromSeconds(30), LocalCacheExpiration = TimeSpan.FromSeconds(30) };

    public async Task<CrawlerTableList> ForCrawlersAsync(IReadOnlyList<string> crawlers, CancellationToken cancellationToken)
    {
        var names = crawlers.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return names.Count == 0
            ? new CrawlerTableList([], [], null)
            : await cache.GetOrCreateAsync($"crawler-tables:{string.Join(',', names)}", (Owner: this, Names: names),
                static (state, ct) => new ValueTask<CrawlerTableList>(state.Owner.LoadAsync(state.Names, ct)), CacheOptions, cancellationToken: cancellationToken);
    }

    private async Task<CrawlerTableList> LoadAsync(List<string> names, CancellationToken cancellationToken)
    {
        try
        {
            var found = new List<CrawledTable>();
            var crawlers = (await glue.BatchGetCrawlersAsync(new() { CrawlerNames = names }, cancellationToken)).Crawlers ?? [];
            foreach (var group in crawlers.Where(c => c.DatabaseName is { Length: > 0 }).GroupBy(c => c.DatabaseName ?? string.Empty, StringComparer.Ordinal))
            {
                await foreach (var page in catalog.GetTablesPagesAsync(new() { DatabaseName = group.Key }, cancellationToken))
                {
                    foreach (var table in page.TableList ?? [])
                    {
                        if (group.FirstOrDefault(c => Writes(c, table)) is { Name: { } crawler })
                        {
                            found.Add(new CrawledTable(crawler, table.DatabaseName ?? group.Key, table.Name ?? string.Empty, table.StorageDescriptor?.Location, table.UpdateTime));
                        }
                    }
                }
            }

            return new CrawlerTableList(
                [.. found.OrderBy(t => t.Database, StringComparer.Ordinal).ThenBy(t => t.Table, StringComparer.Ordinal)],
                [.. names.Where(n => found.All(t => t.Crawler != n))],
                null);
        }
        catch (AwsApiException error) when (error is AwsAccessDeniedException or AwsThrottlingException or AwsNotFoundException)
        {
            logger.LogWarning(error, "Could not list the tables of crawlers {Crawlers}.", string.Join(", ", names));
            return new CrawlerTableList([], names, AwsErrorText.Explain(error));
        }
    }

    internal static bool Writes(Crawler crawler, Table table)
    {
        if (table.Parameters?.GetValueOrDefault("UPDATED_BY_CRAWLER") is { } by)
        {
            return by == crawler.Name;
        }

        var location = Normalize(table.StorageDescriptor?.Location);
        return location is not null && (crawler.Targets?.S3Targets ?? []).Any(t => Normalize(t.Path) is { } path && location.StartsWith(path, StringComparison.Ordinal));
    }

    private static string? Normalize(string? path) => path is null ? null : path.EndsWith('/') ? path : path + "/";
}
