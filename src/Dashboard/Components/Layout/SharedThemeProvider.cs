using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace Dashboard.Components.Layout;

/// <summary>
/// MudBlazor's theme provider, rendering what it renders, with the theme's CSS variables built once per theme and mode
/// and shared by every circuit. The stock provider builds that 60 KB string on every render, and each circuit keeps the
/// last two renders: 120 KB per open tab, more than the rest of the overview page together.
/// </summary>
public sealed class SharedThemeProvider : MudThemeProvider
{
    /// <summary>The hover filter of MudBlazor's charts, as the stock provider writes it.</summary>
    private const string ChartHoverCss = "<style>\n    .mud-chart-serie:hover {\n        filter: url(#lighten);\n    }\n\n    .mud-chart-serie-hovered \n    {\n        filter: url(#lighten);\n    }\n</style>\n\n";

    /// <summary>Per theme, the light (0) and dark (1) CSS; a benign race can build one twice, never wrongly.</summary>
    private static readonly ConditionalWeakTable<MudTheme, string?[]> ThemeCss = [];

    private static readonly string ScrollbarCss = BuildMudBlazorScrollbar();

    protected override void BuildRenderTree(RenderTreeBuilder __builder)
    {
        if (!DefaultScrollbar)
        {
            __builder.AddMarkupContent(0, ScrollbarCss);
        }

        __builder.AddMarkupContent(1, ChartHoverCss);
        var css = ThemeCss.GetValue(GetTheme(), _ => new string?[2]);

        // The layout sets IsDarkMode and never lets the provider change it (no system watch, no IsDarkModeChanged), so the
        // parameter is the state the CSS is built from.
#pragma warning disable MUD0010
        var mode = IsDarkMode ? 1 : 0;
#pragma warning restore MUD0010
        __builder.AddMarkupContent(2, css[mode] ??= BuildTheme());
    }
}
