using MudBlazor;

namespace Dashboard.Components.Layout;

/// <summary>The dashboard's MudBlazor theme: quiet surfaces, one blue accent, offline-safe fonts.</summary>
public static class DashboardTheme
{
    private static readonly string[] UiFonts =
        ["system-ui", "-apple-system", "Segoe UI", "Noto Sans", "Liberation Sans", "DejaVu Sans", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    /// <summary>One instance for every circuit: the theme provider builds its CSS once per theme and mode.</summary>
    public static MudTheme Theme { get; } = Create();

    private static MudTheme Create() => new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5fa8",
            Secondary = "#6b4fbb",
            AppbarBackground = "#14365e",
            AppbarText = "#ffffff",
            Background = "#f5f7fa",
            Surface = "#ffffff",
            DrawerBackground = "#ffffff",
            TextPrimary = "#1b2430",
            TextSecondary = "#556274",
            Success = "#1e7d45",
            Warning = "#9a5b00",
            Error = "#b3261e",
            Info = "#1f5fa8",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#7fb2ec",
            Secondary = "#b4a2ec",
            AppbarBackground = "#0f1b2b",
            AppbarText = "#e6edf5",
            Background = "#0b121c",
            Surface = "#131d2b",
            DrawerBackground = "#111a27",
            TextPrimary = "#e6edf5",
            TextSecondary = "#a3b1c2",
            Success = "#5cc98a",
            Warning = "#f0b35c",
            Error = "#ff8a80",
            Info = "#7fb2ec",

            // Dark mode's accents are light, so text on them is dark: white on #7fb2ec fails WCAG AA.
            PrimaryContrastText = "#0b121c",
            SecondaryContrastText = "#0b121c",
            SuccessContrastText = "#0b121c",
            WarningContrastText = "#0b121c",
            ErrorContrastText = "#0b121c",
            InfoContrastText = "#0b121c",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = UiFonts },
            H1 = new H1Typography { FontFamily = UiFonts },
            H2 = new H2Typography { FontFamily = UiFonts },
            H3 = new H3Typography { FontFamily = UiFonts },
            H4 = new H4Typography { FontFamily = UiFonts },
            H5 = new H5Typography { FontFamily = UiFonts, FontWeight = "600" },
            H6 = new H6Typography { FontFamily = UiFonts, FontWeight = "600" },
            Button = new ButtonTypography { FontFamily = UiFonts, TextTransform = "none", FontWeight = "600" },
            Body1 = new Body1Typography { FontFamily = UiFonts },
            Body2 = new Body2Typography { FontFamily = UiFonts },
            Caption = new CaptionTypography { FontFamily = UiFonts },
            Subtitle1 = new Subtitle1Typography { FontFamily = UiFonts },
            Subtitle2 = new Subtitle2Typography { FontFamily = UiFonts },
            Overline = new OverlineTypography { FontFamily = UiFonts },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px" },
    };
}
