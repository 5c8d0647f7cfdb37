using Bunit;
using Dashboard.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;

namespace Dashboard.Tests.Shared;

/// <summary>
/// The one bUnit base for component tests: loose JS interop, MudBlazor services without transitions, a fake
/// clock, and a popover provider around the component so tooltips and menus render.
/// </summary>
public abstract class DashboardComponentTest : BunitContext
{
    static DashboardComponentTest()
    {
        // Renders that follow an await land on a busy shared machine later than bUnit's 1 s default; a passing
        // test still returns as soon as its assertion holds.
        DefaultWaitTimeout = TimeSpan.FromSeconds(30);
    }

    protected DashboardComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options => options.SnackbarConfiguration.ShowTransitionDuration = 0);
        Services.AddSingleton<TimeProvider>(Clock);

        // Live feeds poll on the fake clock: a test advances it to see the next poll.
        Services.AddSingleton(new LiveDataOptions(LiveInterval));
        Services.AddSingleton<LiveData>();
    }

    /// <summary>Stops the live feeds, which their owner (an environment, in the app) would stop.</summary>
    protected override async ValueTask DisposeAsyncCore()
    {
        if (Services.GetService<LiveData>() is { } live)
        {
            await live.StopAsync();
        }

        await base.DisposeAsyncCore();
    }

    protected static readonly TimeSpan LiveInterval = TimeSpan.FromSeconds(5);

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    /// <summary>Renders <typeparamref name="T"/> beside a <see cref="MudPopoverProvider"/>.</summary>
    protected IRenderedComponent<T> RenderWithProviders<T>() where T : IComponent
    {
        var host = Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<T>(1);
            builder.CloseComponent();
        });
        return host.FindComponent<T>();
    }

    /// <summary>
    /// Renders <typeparamref name="T"/> with <paramref name="parameters"/> inside the providers the layout has
    /// (popovers, dialogs, snackbars), and returns the whole tree, where dialogs and snackbars appear beside it.
    /// </summary>
    protected IRenderedComponent<IComponent> RenderInLayout<T>(params (string Name, object? Value)[] parameters) where T : IComponent =>
        Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<MudSnackbarProvider>(2);
            builder.CloseComponent();
            builder.OpenComponent<T>(3);
            foreach (var (name, value) in parameters)
            {
                builder.AddComponentParameter(4, name, value);
            }

            builder.CloseComponent();
        });
}
