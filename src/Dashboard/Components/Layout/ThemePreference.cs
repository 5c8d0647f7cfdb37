using Microsoft.JSInterop;

namespace Dashboard.Components.Layout;

/// <summary>The light/dark choice of one browser, kept in its local storage. Scoped: one per circuit.</summary>
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

    public ValueTask SaveAsync(bool isDark, CancellationToken cancellationToken) =>
        js.InvokeVoidAsync("dashboardTheme.set", cancellationToken, isDark ? Dark : Light);
}
