using Dashboard.Aws.Protocol;
using Dashboard.Catalog;
using Dashboard.Cloud;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Components.Pages;

/// <summary>A catalog table: where it is, its schema and partitions, and its first rows read with DuckDB.</summary>
public partial class TablePage : IDisposable
{
    private CancellationTokenSource _loading = new();
    private List<BreadcrumbItem> _breadcrumbs = [];
    private TableLookup? _lookup;
    private string? _error;
    private TablePreviewGrid? _preview;
    private string? _previewError;

    [Parameter]
    public string Database { get; set; } = string.Empty;

    [Parameter]
    public string Table { get; set; } = string.Empty;

    [Inject]
    public required TablePreview Preview { get; init; }

    [Inject]
    public required ILogger<TablePage> Logger { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        _breadcrumbs = [new("Workflows", DashboardUrls.Workflows), new($"{Database}.{Table}", null, disabled: true)];
        await LoadAsync();
    }

    private Task ReloadAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        await _loading.CancelAsync();
        _loading.Dispose();
        _loading = new CancellationTokenSource();
        var token = _loading.Token;
        (_lookup, _error, _preview, _previewError) = (null, null, null, null);
        try
        {
            _lookup = await Preview.LookupAsync(Database, Table, token);
        }
        catch (AwsApiException error)
        {
            Logger.LogWarning(error, "Could not read table {Database}.{Table}.", Database, Table);
            _error = AwsErrorText.Explain(error);
            return;
        }

        if (_lookup.Table is not { } table)
        {
            return;
        }

        // Show the table while its files are read.
        StateHasChanged();
        try
        {
            _preview = await Preview.PreviewAsync(table, token);
        }
        catch (TablePreviewException problem)
        {
            _previewError = problem.Message;
        }
        catch (Amazon.Runtime.AmazonServiceException error) when (!token.IsCancellationRequested)
        {
            Logger.LogWarning(error, "Could not preview table {Database}.{Table}.", Database, Table);
            _previewError = $"S3 refused to read the table's files ({error.ErrorCode}): {error.Message}";
        }
    }

    public void Dispose()
    {
        _loading.Cancel();
        _loading.Dispose();
        GC.SuppressFinalize(this);
    }
}
