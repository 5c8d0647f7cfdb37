using Dashboard.Cloud;
using Dashboard.Configuration;
using Dashboard.Formatting;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.JSInterop;

namespace Dashboard.Components.Layout;

public partial class MainLayout : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private IDisposable? _environmentGuard;
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

    /// <summary>The environment this circuit shows, from <c>?env=</c>.</summary>
    [Inject]
    public required EnvironmentSelection Environments { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    protected override async Task OnInitializedAsync()
    {
        _environmentGuard = Navigation.RegisterLocationChangingHandler(KeepEnvironmentAsync);
        if (Environments.Environments.HasChoice && Environments.UnknownName is null)
        {
            // The switch shows the current environment's account: ask once (cached per environment) before rendering.
            try
            {
                await Environments.Services.GetRequiredService<ICloudIdentity>().GetAsync(_disposed.Token);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The badge says what failed; the switch shows the name and region without the account.
                Logger.LogWarning(error, "Could not resolve the identity of environment {Environment}.", Environments.Current.Name);
            }
        }
    }

    /// <summary>Links keep <c>?env=</c>; one to another environment loads the page anew, in a circuit of its own.</summary>
    private ValueTask KeepEnvironmentAsync(LocationChangingContext context)
    {
        var (move, target) = EnvironmentNavigation.Decide(context.TargetLocation, Environments.RequestedName, Environments.Current);
        if (move != EnvironmentMove.Stay)
        {
            context.PreventNavigation();
            Navigation.NavigateTo(target, forceLoad: move == EnvironmentMove.Reload);
        }

        return ValueTask.CompletedTask;
    }

    private void SwitchEnvironment(ChangeEventArgs change)
    {
        if (change.Value is string name && Environments.Environments.Find(name) is { } chosen)
        {
            Navigation.NavigateTo(DashboardUrls.WithEnvironment(Navigation.Uri, chosen.Name), forceLoad: true);
        }
    }

    /// <summary>"prod · 111122223333 · eu-west-1" once the account is known, "prod · eu-west-1" before.</summary>
    private string SwitchLabel(CloudEnvironment environment)
    {
        var account = Environments.Environments.ServicesOf(environment).GetRequiredService<ICloudIdentity>().Known?.AccountId;
        return string.Join(" · ", new[] { environment.Name, account, environment.Region }.Where(p => p is { Length: > 0 }));
    }

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
        _environmentGuard?.Dispose();
        _disposed.Cancel();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }
}
