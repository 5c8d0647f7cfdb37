using Bunit;
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
    protected DashboardComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options => options.SnackbarConfiguration.ShowTransitionDuration = 0);
        Services.AddSingleton<TimeProvider>(Clock);
    }

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
}
