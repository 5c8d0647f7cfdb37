using System.Globalization;
using Dashboard.Aws.Protocol;
using Dashboard.Batching.WhatIf;
using Dashboard.Charts;
using Dashboard.Cloud;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Components.Pages;

/// <summary>
/// The what-if simulator for one workflow: 7 days of its arrivals replayed through every (BatchSize, BatchWindow) of
/// the grid, freshness plotted against cost with the frontier, and the cheapest setting that meets a freshness target,
/// one click from the editor. The target and the price live in the URL, so a link shows the same answer.
/// </summary>
public partial class TuningPage : IDisposable
{
    /// <summary>Frontier rows shown before "Show all".</summary>
    public const int FrontierRowsShown = 12;

    private CancellationTokenSource _loading = new();
    private List<BreadcrumbItem> _breadcrumbs = [];
    private string? _loadedFor;
    private TuningLookup? _lookup;
    private string? _error;
    private TuningModel? _model;
    private TuningGrid? _grid;
    private decimal? _gridPrice;
    private SlotDuration? _gridSlot;
    private ScatterLayout? _layout;
    private TimeSpan? _target;
    private string? _targetProblem;
    private string? _targetText;
    private string? _priceText;
    private string? _priceProblem;
    private bool _showAllFrontier;

    [Parameter]
    public string Name { get; set; } = string.Empty;

    [SupplyParameterFromQuery(Name = "p95")]
    public string? TargetQuery { get; set; }

    [SupplyParameterFromQuery(Name = "price")]
    public string? PriceQuery { get; set; }

    /// <summary><c>p90</c> to hold each replayed run's slot for the 90th percentile duration; the median otherwise.</summary>
    [SupplyParameterFromQuery(Name = "slot")]
    public string? SlotQuery { get; set; }

    [Inject]
    public required WorkflowTuning Tuning { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required ILogger<TuningPage> Logger { get; init; }

    private decimal Price => QueryPrice ?? CostModel.DefaultPricePerDpuHour;

    private decimal? QueryPrice => TuningQuery.ParsePrice(PriceQuery).Price;

    private SlotDuration Slot => string.Equals(SlotQuery, "p90", StringComparison.OrdinalIgnoreCase) ? SlotDuration.P90 : SlotDuration.Median;

    /// <summary>The recommendation for the target, worked out with the layout (a sort of the grid, not one per render).</summary>
    private SimulationResult? Recommended { get; set; }

    private IReadOnlyList<SimulationResult> Frontier { get; set; } = [];

    protected override async Task OnParametersSetAsync()
    {
        _breadcrumbs = [new("Workflows", DashboardUrls.Workflows), new(Name, DashboardUrls.Workflow(Name)), new("What-if", null, disabled: true)];
        (_target, _targetProblem) = TuningQuery.ParseTarget(TargetQuery);
        _targetText = _target is { } t ? FormatMinutes(t) : TargetQuery;
        _priceProblem = TuningQuery.ParsePrice(PriceQuery).Problem;
        _priceText ??= Price.ToString(CultureInfo.InvariantCulture);
        if (_loadedFor != Name)
        {
            _loadedFor = Name;
            await LoadAsync();
        }
        else if (_gridPrice != Price || _gridSlot != Slot)
        {
            await ReplayAsync(_loading.Token);
        }

        Lay();
    }

    private Task ReloadAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        await _loading.CancelAsync();
        _loading.Dispose();
        _loading = new CancellationTokenSource();
        var token = _loading.Token;
        (_lookup, _error, _model, _grid, _layout, _gridPrice, _gridSlot) = (null, null, null, null, null, null, null);
        try
        {
            _lookup = await Tuning.LoadAsync(Name, token);
        }
        catch (AwsApiException error)
        {
            Logger.LogWarning(error, "Could not read the tuning inputs of {Workflow}.", Name);
            _error = AwsErrorText.Explain(error);
            return;
        }

        if (_lookup.Inputs is null)
        {
            return;
        }

        // Show what was read while the grid replays.
        StateHasChanged();
        await ReplayAsync(token);
        Lay();
    }

    private async Task ReplayAsync(CancellationToken cancellationToken)
    {
        if (_lookup?.Inputs is not { } inputs)
        {
            return;
        }

        var (price, slot) = (Price, Slot);
        var model = new TuningModel(inputs, price, slot);
        var grid = await Task.Run(() => model.Evaluate(cancellationToken), cancellationToken);
        (_model, _grid, _gridPrice, _gridSlot) = (model, grid, price, slot);
    }

    /// <summary>Works out the frontier and the recommendation, and places the chart, for the grid and the target.</summary>
    private void Lay()
    {
        if (_grid is not { } grid || _model is not { } model)
        {
            (_layout, Frontier, Recommended) = (null, [], null);
            return;
        }

        Frontier = grid.Pessimistic.Frontier();
        Recommended = _target is { } target ? grid.Pessimistic.Recommend(target) : null;

        var frontier = Frontier.Select(r => r.Setting).ToHashSet();
        var points = new List<ScatterPoint>();
        foreach (var band in grid.Bands)
        {
            var worst = band.Pessimistic;
            points.Add(Point(worst, worst.RefusedBatches == 0 ? ScatterKind.Allowed : ScatterKind.Excluded, model));
            if (frontier.Contains(band.Setting))
            {
                points.Add(Point(worst, ScatterKind.Frontier, model) with
                {
                    XLow = band.P95Wait.Low.TotalSeconds,
                    XHigh = band.P95Wait.High.TotalSeconds,
                    YLow = (double)band.EstimatedCostPerDay.Low,
                    YHigh = (double)band.EstimatedCostPerDay.High,
                });
            }
        }

        points.Add(Point(grid.Current.Pessimistic, ScatterKind.Current, model));
        if (Recommended is { } recommended)
        {
            points.Add(Point(recommended, ScatterKind.Recommended, model));
        }

        _layout = ScatterLayout.Place(points, _target?.TotalSeconds, y => TuningText.Money((decimal)y, model.HasCost));
    }

    private static ScatterPoint Point(SimulationResult result, ScatterKind kind, TuningModel model) => new(
        result.P95Wait.TotalSeconds,
        (double)result.EstimatedCostPerDay,
        kind,
        $"{(kind == ScatterKind.Current ? "Now: " : kind == ScatterKind.Recommended ? "Recommended: " : string.Empty)}{TuningText.Setting(result.Setting)} · "
            + $"p95 {TuningText.Wait(result.P95Wait)} · {TuningText.RunsPerDay(result.RunsPerDay)} runs/day · {TuningText.Money(result.EstimatedCostPerDay, model.HasCost)}/day"
            + (result.RefusedBatches > 0 ? $" · {TuningText.Count(result.RefusedBatches)} refused" : string.Empty));

    private void SetTarget(TimeSpan? target) => Navigate(target is { } t ? TuningQuery.FormatTarget(t) : null, PriceQuery, SlotQuery);

    private void SetSlot(SlotDuration slot) => Navigate(TargetQuery, PriceQuery, slot == SlotDuration.P90 ? "p90" : null);

    private void OnTargetTyped(string? text)
    {
        _targetText = text;
        var (target, problem) = TuningQuery.ParseTarget(text);
        if (problem is not null)
        {
            // Keep the typed text and say what is wrong with it; the URL keeps the last good target.
            _targetProblem = problem;
            return;
        }

        SetTarget(target);
    }

    private void OnPriceTyped(string? text)
    {
        _priceText = text;
        var (price, problem) = TuningQuery.ParsePrice(text);
        _priceProblem = problem;
        if (problem is null)
        {
            Navigate(TargetQuery, price?.ToString(CultureInfo.InvariantCulture), SlotQuery);
        }
    }

    private void Navigate(string? target, string? price, string? slot) =>
        Navigation.NavigateTo(
            Navigation.GetUriWithQueryParameters(new Dictionary<string, object?> { ["p95"] = target, ["price"] = price, ["slot"] = slot }),
            new NavigationOptions { ReplaceHistoryEntry = true });

    /// <summary>The frontier's rows: all of them, or evenly spaced ones that keep the recommendation and the ends.</summary>
    private IReadOnlyList<SimulationResult> FrontierRows()
    {
        var frontier = Frontier;
        if (_showAllFrontier || frontier.Count <= FrontierRowsShown)
        {
            return frontier;
        }

        var step = (frontier.Count - 1) / (double)(FrontierRowsShown - 1);
        var picked = Enumerable.Range(0, FrontierRowsShown).Select(i => (int)Math.Round(i * step)).ToHashSet();
        if (Recommended is { } recommended && frontier.ToList().FindIndex(r => r.Setting == recommended.Setting) is >= 0 and var at)
        {
            picked.Add(at);
        }

        return [.. picked.Order().Select(i => frontier[i])];
    }

    /// <summary>
    /// The settings that refuse the fewest batches, when every setting refuses some; of settings with the same figures,
    /// to the second, the one with the smallest window.
    /// </summary>
    private IReadOnlyList<SimulationResult> LeastRefusing() =>
        _grid is { } grid
            ? [.. grid.Pessimistic.Results
                .OrderBy(r => r.RefusedBatches).ThenBy(r => r.EstimatedCost).ThenBy(r => r.P95Wait).ThenBy(r => r.Setting.BatchWindowSeconds)
                .DistinctBy(r => (r.RefusedBatches, r.Runs, Math.Round(r.P95Wait.TotalSeconds), Math.Round(r.MeanWait.TotalSeconds)))
                .Take(5)]
            : [];

    private string ChartSummary(TuningModel model, TuningGrid grid)
    {
        var frontier = Frontier;
        var text = $"{grid.Bands.Count:N0} settings plotted by p95 wait and cost per day. {frontier.Count} are on the frontier";
        if (frontier.Count > 0)
        {
            text += $", from {TuningText.Setting(frontier[0].Setting)} (p95 {TuningText.Wait(frontier[0].P95Wait)}, {TuningText.Money(frontier[0].EstimatedCostPerDay, model.HasCost)}/day)"
                + $" to {TuningText.Setting(frontier[^1].Setting)} (p95 {TuningText.Wait(frontier[^1].P95Wait)}, {TuningText.Money(frontier[^1].EstimatedCostPerDay, model.HasCost)}/day)";
        }

        var now = grid.Current.Pessimistic;
        return text + $". Now: {TuningText.Setting(now.Setting)}, p95 {TuningText.Wait(now.P95Wait)}, {TuningText.Money(now.EstimatedCostPerDay, model.HasCost)}/day.";
    }

    private static string FormatMinutes(TimeSpan target) =>
        (target.TotalSeconds % 60 == 0 ? target.TotalMinutes : Math.Round(target.TotalMinutes, 2)).ToString(CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _loading.Cancel();
        _loading.Dispose();
        GC.SuppressFinalize(this);
    }
}
