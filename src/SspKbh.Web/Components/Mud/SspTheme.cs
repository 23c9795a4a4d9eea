using MudBlazor;

namespace SspKbh.Web.Components.Mud;

/// <summary>
/// SspKbh's MudBlazor theme: Copenhagen's calm blues and greens on light grey, every text colour at
/// a contrast of at least 4.5:1 against its background (WCAG 2.1 AA; checked by axe in the browser
/// tests), and IBM Plex Sans served from wwwroot/fonts (no font CDN can be reached, and none should be).
/// </summary>
public static class SspTheme
{
    private static readonly string[] FontFamily = ["IBM Plex Sans", "Arial", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1d4e89",            // 8.6:1 on white
            PrimaryContrastText = "#ffffff",
            Secondary = "#2d6a4f",          // 6.4:1 on white
            SecondaryContrastText = "#ffffff",
            Tertiary = "#5b3f8c",
            Info = "#1d4e89",
            Success = "#2b6a2f",            // 6.6:1 on white
            Warning = "#8a4b00",            // 6.3:1 on white
            WarningContrastText = "#ffffff",
            Error = "#b3261e",              // 6.5:1 on white
            Dark = "#1f2328",
            AppbarBackground = "#1d4e89",
            AppbarText = "#ffffff",
            Background = "#f6f7f9",
            Surface = "#ffffff",
            DrawerBackground = "#ffffff",
            DrawerText = "#1f2328",
            DrawerIcon = "#1d4e89",
            TextPrimary = "#1f2328",
            TextSecondary = "#4a5058",      // 8.0:1 on white
            TextDisabled = "#6b7178",       // 4.9:1 on white
            ActionDefault = "#4a5058",
            ActionDisabled = "#6b7178",
            LinesDefault = "#d0d5db",
            TableLines = "#d0d5db",
            Divider = "#d0d5db",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontFamily, FontSize = "1rem", LineHeight = "1.5" },
            H1 = new H1Typography { FontFamily = FontFamily, FontSize = "2rem", FontWeight = "600", LineHeight = "1.25" },
            H2 = new H2Typography { FontFamily = FontFamily, FontSize = "1.5rem", FontWeight = "600", LineHeight = "1.3" },
            H3 = new H3Typography { FontFamily = FontFamily, FontSize = "1.25rem", FontWeight = "600", LineHeight = "1.35" },
            H4 = new H4Typography { FontFamily = FontFamily, FontSize = "1.125rem", FontWeight = "600", LineHeight = "1.4" },
            H5 = new H5Typography { FontFamily = FontFamily, FontSize = "1rem", FontWeight = "600", LineHeight = "1.4" },
            H6 = new H6Typography { FontFamily = FontFamily, FontSize = "1rem", FontWeight = "600", LineHeight = "1.4" },
            Button = new ButtonTypography { FontFamily = FontFamily, TextTransform = "none", FontWeight = "600" },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "4px", DrawerWidthLeft = "240px" },
    };
}
