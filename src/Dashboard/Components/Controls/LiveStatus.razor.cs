using Dashboard.Formatting;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Controls;

public partial class LiveStatus : IDisposable
{
    private ITimer? _tick;

    /// <summary>When the data shown was read; null while nothing was.</summary>
    [Parameter]
    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>Why the last poll failed; null when it worked.</summary>
    [Parameter]
    public string? Error { get; set; }

    [Parameter]
    public DateTimeOffset? FailedAt { get; set; }

    [Parameter]
    public bool Paused { get; set; }

    [Parameter]
    public EventCallback<bool> PausedChanged { get; set; }

    [Parameter]
    public EventCallback OnRefresh { get; set; }

    [Inject]
    public required TimeProvider Time { get; init; }

    private DateTimeOffset Now => Time.GetUtcNow();

    protected override void OnInitialized() =>
        // Only this small component re-renders each second, to keep "updated N s ago" true.
        _tick = Time.CreateTimer(_ => _ = InvokeAsync(StateHasChanged), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

    private static string UtcText(DateTimeOffset time) => $"Read at {RelativeTime.Utc(time)}";

    private Task TogglePausedAsync() => PausedChanged.InvokeAsync(!Paused);

    public void Dispose()
    {
        _tick?.Dispose();
        GC.SuppressFinalize(this);
    }
}
