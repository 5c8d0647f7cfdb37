using Amazon.Runtime;
using Dashboard.Aws.Protocol;

namespace Dashboard.Aws.Glue;

/// <summary>
/// The Glue Data Catalog operations the dashboard reads. Apart from <see cref="IGlueApi"/> because it is its own part
/// of the API (databases, tables, partitions), used by its own capability (Catalog). Names mirror the AWS API.
/// </summary>
public interface IGlueCatalogApi : IAmazonService, IDisposable
{
    static ClientConfig IAmazonService.CreateDefaultClientConfig() => new AwsClientConfig(GlueClient.Spec);

    static IAmazonService IAmazonService.CreateDefaultServiceClient(AWSCredentials awsCredentials, ClientConfig clientConfig) =>
        new GlueCatalogClient(awsCredentials, (AwsClientConfig)clientConfig);

    Task<GetDatabasesResponse> GetDatabasesAsync(GetDatabasesRequest request, CancellationToken cancellationToken = default);

    Task<GetTablesResponse> GetTablesAsync(GetTablesRequest request, CancellationToken cancellationToken = default);

    Task<GetTableResponse> GetTableAsync(GetTableRequest request, CancellationToken cancellationToken = default);

    Task<GetPartitionsResponse> GetPartitionsAsync(GetPartitionsRequest request, CancellationToken cancellationToken = default);
}

/// <summary>The Glue Data Catalog over AWS JSON 1.1, on AWSSDK.Core's pipeline: Glue's service, endpoint and signing.</summary>
public sealed class GlueCatalogClient(AWSCredentials credentials, AwsClientConfig config) : AwsApiClient(credentials, config), IGlueCatalogApi
{
    public Task<GetDatabasesResponse> GetDatabasesAsync(GetDatabasesRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<GetDatabasesRequest, GetDatabasesResponse>("GetDatabases", request, cancellationToken);

    public Task<GetTablesResponse> GetTablesAsync(GetTablesRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<GetTablesRequest, GetTablesResponse>("GetTables", request, cancellationToken);

    public Task<GetTableResponse> GetTableAsync(GetTableRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<GetTableRequest, GetTableResponse>("GetTable", request, cancellationToken);

    public Task<GetPartitionsResponse> GetPartitionsAsync(GetPartitionsRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<GetPartitionsRequest, GetPartitionsResponse>("GetPartitions", request, cancellationToken);
}

/// <summary>Async paginators for the Data Catalog's list operations: each yields every page, then stops.</summary>
public static class GlueCatalogPaginators
{
    public static IAsyncEnumerable<GetDatabasesResponse> GetDatabasesPagesAsync(
        this IGlueCatalogApi glue, GetDatabasesRequest request, CancellationToken cancellationToken = default) =>
        Paginator.PagesAsync((token, ct) => glue.GetDatabasesAsync(request with { NextToken = token }, ct), page => page.NextToken, cancellationToken);

    public static IAsyncEnumerable<GetTablesResponse> GetTablesPagesAsync(
        this IGlueCatalogApi glue, GetTablesRequest request, CancellationToken cancellationToken = default) =>
        Paginator.PagesAsync((token, ct) => glue.GetTablesAsync(request with { NextToken = token }, ct), page => page.NextToken, cancellationToken);

    public static IAsyncEnumerable<GetPartitionsResponse> GetPartitionsPagesAsync(
        this IGlueCatalogApi glue, GetPartitionsRequest request, CancellationToken cancellationToken = default) =>
        Paginator.PagesAsync((token, ct) => glue.GetPartitionsAsync(request with { NextToken = token }, ct), page => page.NextToken, cancellationToken);
}
