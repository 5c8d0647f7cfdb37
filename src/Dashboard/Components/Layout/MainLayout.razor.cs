using Dashboard.Configuration;
using Dashboard.Formatting;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Dashboard.Components.Layout;

public partial class MainLayout : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private SharedThemeProvider? _themeProvider;
    private bool _isDarkMode;
    private bool _drawerOpen = true;
    private bool _circuitReady;
    private TimeZoneInfo _timeZone = TimeZoneInfo.Utc;

    [Inject]
    public required ThemePreference ThemePreference { get; init; }

    [Inject]
    public required IOptions<CloudOptions> Cloud { get; init; }

    /// <summary>The playground writes to buckets: it exists against LocalCloud only.</summary>
    private bool IsLocal => Cloud.Value.Mode == CloudMode.Local;

    [Inject]
    public required ILogger<MainLayout> Logger { get; init; }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        try
        {
            var stored = await ThemePreference.LoadAsync(_disposed.Token);
            _isDarkMode = stored ?? (_themeProvider is not null && await _themeProvider.GetSystemDarkModeAsync());
        }
        catch (JSException error)
        {
            // A browser that blocks local storage still gets the light theme and a working app.
            Logger.LogWarning(error, "Could not read the stored theme; using the light theme.");
        }

        try
        {
            _timeZone = LocalTimeText.Zone(await ThemePreference.TimeZoneAsync(_disposed.Token));
        }
        catch (JSException error)
        {
            Logger.LogWarning(error, "Could not read the browser's time zone; showing times in UTC.");
        }

        _circuitReady = true;
        StateHasChanged();
    }

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    private async Task ToggleDarkModeAsync()
    {
        _isDarkMode = !_isDarkMode;
        try
        {
            await ThemePreference.SaveAsync(_isDarkMode, _disposed.Token);
        }
        catch (JSException error)
        {
            Logger.LogWarning(error, "Could not remember the theme choice.");
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }
}
