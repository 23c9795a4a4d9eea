namespace SspKbh.Web.Features.Admin;

/// <summary>Markup shared by the administration pages' tables.</summary>
public static class AdminMarkup
{
    /// <summary>MudLink's look for a link in a table row, written as plain markup (ADR 0024: rows hold no components).</summary>
    public const string LinkClass = "mud-typography mud-link mud-primary-text mud-link-underline-hover mud-typography-body2";
}
