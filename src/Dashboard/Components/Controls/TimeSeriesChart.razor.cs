using System.Globalization;
using Dashboard.Charts;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Controls;

/// <summary>
/// Line or bar series on one time axis, with vertical markers for events (such as workflow run starts), a hover
/// title per bucket, ticks in the viewer's time zone, colours from the theme, and a data table for keyboards and
/// screen readers. With no data it still draws the axis and says so.
/// </summary>
public partial class TimeSeriesChart
{
    private static int _instances;
    private readonly string _tableId = $"ts-table-{Interlocked.Increment(ref _instances)}";
    private TimeSeriesLayout _layout = TimeSeriesLayout.Create(new TimeGrid(DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(1), 0), [], [], TimeZoneInfo.Utc);
    private string _summary = string.Empty;
    private (TimeGrid?, IReadOnlyList<ChartSeries>?, IReadOnlyList<ChartMarker>?, TimeZoneInfo?, string?) _laidOut;
    private bool _showTable;

    /// <summary>What the chart shows; also the start of its screen-reader summary.</summary>
    [Parameter, EditorRequired]
    public string Title { get; set; } = string.Empty;

    /// <summary>The buckets every series is on.</summary>
    [Parameter, EditorRequired]
    public TimeGrid Grid { get; set; } = new(DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(1), 0);

    [Parameter]
    public IReadOnlyList<ChartSeries> Series { get; set; } = [];

    /// <summary>Events drawn as vertical lines, each with its own hover title.</summary>
    [Parameter]
    public IReadOnlyList<ChartMarker> Markers { get; set; } = [];

    /// <summary>The markers' legend entry, for example "Workflow run starts"; no entry when null.</summary>
    [Parameter]
    public string? MarkerLegend { get; set; }

    /// <summary>Under the chart: what a value means, for example "Sum per 5 min".</summary>
    [Parameter]
    public string? Note { get; set; }

    [Parameter]
    public string EmptyText { get; set; } = "No data in this range";

    /// <summary>The plot's height in CSS pixels; the width follows the container.</summary>
    [Parameter]
    public int Height { get; set; } = 160;

    [Parameter]
    public string? TestId { get; set; }

    /// <summary>The browser's zone, cascaded by the layout once the circuit knows it.</summary>
    [CascadingParameter]
    public TimeZoneInfo? Zone { get; set; }

    private TimeZoneInfo ActiveZone => Zone ?? TimeZoneInfo.Utc;

    private string ZoneName => ActiveZone == TimeZoneInfo.Utc ? "UTC" : ActiveZone.Id;

    private string StepText => Grid.Step switch
    {
        { TotalDays: >= 1 } step when step.TotalDays == Math.Floor(step.TotalDays) => $"{step.TotalDays:0} d",
        { TotalHours: >= 1 } step when step.TotalHours == Math.Floor(step.TotalHours) => $"{step.TotalHours:0} h",
        { TotalMinutes: >= 1 } step => $"{step.TotalMinutes:0} min",
        var step => $"{step.TotalSeconds:0} s",
    };

    protected override void OnParametersSet()
    {
        // Lay out again only when the data changed: a parent's re-render with the same series costs nothing.
        var inputs = (Grid, Series, Markers, ActiveZone, Title);
        if (!ReferenceEquals(inputs.Grid, _laidOut.Item1) || !ReferenceEquals(inputs.Series, _laidOut.Item2)
            || !ReferenceEquals(inputs.Markers, _laidOut.Item3) || !ReferenceEquals(inputs.Item4, _laidOut.Item4) || inputs.Title != _laidOut.Item5)
        {
            _layout = TimeSeriesLayout.Create(Grid, Series, Markers, ActiveZone);
            _summary = _layout.Summary(Title, MarkerLegend, ActiveZone);
            _laidOut = inputs;
        }
    }

    private void ToggleTable() => _showTable = !_showTable;

    private static string Number(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    private static string Percent(double value) => Number(value) + "%";
}
