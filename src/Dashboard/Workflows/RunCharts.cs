using Dashboard.Charts;

namespace Dashboard.Workflows;

/// <summary>The workflow page's two charts for a range: runs started (by health) and events per run, on one grid.</summary>
public sealed record RunChartData(TimeGrid Grid, IReadOnlyList<ChartSeries> Runs, IReadOnlyList<ChartSeries> Events, IReadOnlyList<ChartMarker> Starts);

public static class RunCharts
{
    /// <summary>Bucket sizes to choose from: the smallest that keeps a range to about <see cref="TargetBuckets"/> bars.</summary>
    private static readonly int[] StepMinutes = [1, 5, 10, 15, 30, 60, 120, 240, 360, 720, 1440];

    public const int TargetBuckets = 60;

    /// <summary>The grid for a range: whole steps, aligned to the step, covering <paramref name="start"/> to <paramref name="end"/>.</summary>
    public static TimeGrid GridFor(DateTimeOffset start, DateTimeOffset end)
    {
        var length = end - start;
        var minutes = StepMinutes.FirstOrDefault(m => length.TotalMinutes / m <= TargetBuckets, StepMinutes[^1]);
        var step = TimeSpan.FromMinutes(minutes);
        var first = new DateTimeOffset(start.UtcTicks - (start.UtcTicks % step.Ticks), TimeSpan.Zero);
        var count = (int)Math.Ceiling((end - first) / step);
        return new TimeGrid(first, step, Math.Max(1, count));
    }

    public static RunChartData Build(RunsInRange range)
    {
        var grid = GridFor(range.Start, range.End);
        var healthy = new double[grid.Count];
        var unhealthy = new double[grid.Count];
        var other = new double[grid.Count];
        var events = new double[grid.Count];
        var starts = new List<ChartMarker>();
        foreach (var run in range.Runs)
        {
            if (run.StartedOn is not { } started || started < grid.Start || started >= grid.End)
            {
                continue;
            }

            var bucket = (int)((started - grid.Start) / grid.Step);
            var counts = run.Health switch
            {
                RunHealth.Succeeded => healthy,
                _ when RunAssessment.IsUnhealthy(run.Health) => unhealthy,
                _ => other,
            };
            counts[bucket]++;
            events[bucket] += run.EventCount;
            starts.Add(new ChartMarker(started, $"{run.RunId}: {RunAssessment.Describe(run.Health)}, {RunAssessment.Describe(run.Cause)}, {run.EventCount} events"));
        }

        return new RunChartData(
            grid,
            [
                new ChartSeries("Succeeded", healthy, ChartColor.Success, SeriesStyle.Bars),
                new ChartSeries("Failed or partial", unhealthy, ChartColor.Error, SeriesStyle.Bars),
                new ChartSeries("Running, stopped or unknown", other, ChartColor.Neutral, SeriesStyle.Bars),
            ],
            [new ChartSeries("Events that started runs", events, ChartColor.Primary, SeriesStyle.Bars)],
            starts);
    }
}
