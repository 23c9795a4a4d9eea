using Microsoft.AspNetCore.Components;

namespace SspKbh.Web.Components.Interactive;

/// <summary>
/// MudBlazor's classes for markup written by hand where a page repeats a small control many times (ADR 0024): a
/// MudIconButton is three components in the circuit (MudElement, MudIcon, itself), a MudButton two, and every component
/// keeps its render tree in the circuit's memory. The same classes give the same look without the components.
/// </summary>
public static class PlainMud
{
    public const string Link = "mud-typography mud-link mud-primary-text mud-link-underline-hover mud-typography-body1";

    public const string IconButtonSmall = "mud-button-root mud-icon-button mud-ripple mud-ripple-icon mud-icon-button-size-small";

    public const string Paper = "mud-paper mud-paper-outlined";

    /// <summary>A MudButton's classes (variant "text", "outlined" or "filled"; colour "default", "primary", "error"...).</summary>
    public static string Button(string variant, string color, string size = "small") =>
        $"mud-button-root mud-button mud-button-{variant} mud-button-{variant}-{color} mud-button-{variant}-size-{size} mud-ripple";

    /// <summary>A MudIcon's SVG (e.g. <c>Icons.Material.Filled.ArrowUpward</c>), hidden from screen readers as MudIcon is.</summary>
    public static MarkupString Icon(string icon, string size = "medium", bool disabled = false, string? cssClass = null) =>
        new($"<svg class=\"mud-icon-root{(disabled ? "" : " mud-icon-default")} mud-svg-icon mud-icon-size-{size}{(cssClass is null ? "" : " " + cssClass)}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{icon}</svg>");
}
