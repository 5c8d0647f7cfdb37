using Microsoft.JSInterop;

namespace Dashboard.Components.Layout;

/// <summary>
/// What the dashboard asks of one browser: the light/dark choice, kept in its local storage, and its time zone.
/// Scoped: one per circuit.
/// </summary>
public sealed class ThemePreference(IJSRuntime js)
{
    private const string Dark = "dark";
    private const string Light = "light";

    /// <summary>The stored choice, or null when the user never chose.</summary>
    public async Task<bool?> LoadAsync(CancellationToken cancellationToken)
    {
        var stored = await js.InvokeAsync<string?>("dashboardTheme.get", cancellationToken);
        return stored switch
        {
            Dark => true,
            Light => false,
            _ => null,
        };
    }

    /// <summary>The browser's IANA time zone, such as Europe/Paris.</summary>
    public ValueTask<string?> TimeZoneAsync(CancellationToken cancellationToken) =>
        js.InvokeAsync<string?>("dashboardTheme.timeZone", cancellationToken);

    public ValueTask SaveAsync(bool isDark, CancellationToken cancellationToken) =>
        js.InvokeVoidAsync("dashboardTheme.set", cancellationToken, isDark ? Dark : Light);
}
