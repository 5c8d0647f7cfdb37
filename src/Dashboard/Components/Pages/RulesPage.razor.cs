using Dashboard.Cloud;
using Dashboard.Metrics;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Pages;

/// <summary><c>/rules</c> (and the old <c>/metrics</c>): every bus's rules, each linking to its metrics page.</summary>
public partial class RulesPage : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private RuleIndex? _index;
    private string? _error;
    private string? _search;
    private bool _loading = true;

    [Inject]
    public required RuleCatalog Rules { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required ILogger<RulesPage> Logger { get; init; }

    protected override Task OnInitializedAsync() => LoadAsync();

    private Task RefreshAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _loading = true;
        try
        {
            _index = await Rules.ListAsync(_disposed.Token);
            _error = null;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            Logger.LogError(error, "Listing the rules failed.");
            _error = AwsErrorText.Explain(error);
        }
        finally
        {
            _loading = false;
        }
    }

    private bool Matches(RuleListing rule) =>
        string.IsNullOrWhiteSpace(_search)
        || rule.Key.RuleName.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase)
        || (rule.Description?.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase) ?? false);

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }
}
