using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;
using SspKbh.Domain.Cases;
using SspKbh.Web.Resources;

namespace SspKbh.Web.Features.Cases;

/// <summary>
/// One row of the case list as a single piece of markup (ADR 0025). Nothing in a row reacts to anything: built from
/// Razor, each row was some fifty render-tree frames held twice in every open circuit (the current and the previous
/// render), which made the list the one page over its memory goal (docs/performance.md); as markup it is one frame
/// and one string, built once per page of rows. Every value is HTML-encoded here: names, group names and lead parties
/// are typed by people and must never become markup.
/// </summary>
public static class CaseRowMarkup
{
    // Encodes what HTML needs (<, >, &, quotes) and leaves letters such as æ, ø and å as they are.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static MarkupString Build(CaseRow row)
    {
        var html = new StringBuilder(768);
        html.Append("<tr data-testid=\"case-row\"><td><a href=\"/sager/")
            .Append(row.Id.ToString(CultureInfo.InvariantCulture))
            .Append("\" data-enhance-nav=\"false\" class=\"mud-typography mud-link mud-primary-text mud-link-underline-hover\">");
        Text(html, row.CaseNumber).Append("</a></td><td>");
        Text(html, row.PersonName).Append("</td><td>").Append(Date(row.DateOfBirth)).Append("</td><td>");
        Chip(html, CaseTexts.Level(row.Level), "mud-chip-filled mud-chip-color-" + LevelColor(row.Level), CaseTexts.LevelMeaning(row.Level), "level-badge");
        html.Append("</td><td>");
        Text(html, CaseTexts.Status(row.Status));
        if (row.Overdue)
        {
            html.Append(' ');
            Chip(html, Texts.Case_Overdue, "mud-chip-outlined mud-chip-color-error", title: null, "row-overdue");
        }

        if (row.Received)
        {
            html.Append(' ');
            Chip(html, ReceivedText(row), "mud-chip-outlined mud-chip-color-info", Texts.CaseHandover_ReceivedHint, "row-received");
        }

        html.Append("</td><td>");
        Text(html, row.GroupName).Append("</td><td>");
        Text(html, row.LeadParty).Append("</td><td>").Append(Date(row.RaisedOn)).Append("</td></tr>");
        return new MarkupString(html.ToString());
    }

    /// <summary>"Modtaget fra …": the case was handed over to the user's SSP+ koordinationsgruppe by the group named.</summary>
    public static string ReceivedText(CaseRow row) => string.Format(CultureInfo.CurrentCulture, Texts.CaseHandover_ReceivedFrom, row.GroupName);

    /// <summary>The chip colour of a level: information for level 1, warning for 2, error for 3 and 4.</summary>
    public static string LevelColor(CaseLevel level) => level switch
    {
        CaseLevel.WorryingBehaviour => "info",
        CaseLevel.FirstTimeCrime => "warning",
        _ => "error",
    };

    public static string Date(DateOnly date) => date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    /// <summary>A small MudChip's markup (the classes MudChip writes), without a component behind it.</summary>
    private static void Chip(StringBuilder html, string text, string classes, string? title, string testId)
    {
        html.Append("<div class=\"mud-chip-container\"><div class=\"mud-chip mud-chip-size-small ").Append(classes).Append('"');
        if (title is not null)
        {
            html.Append(" title=\"");
            Text(html, title).Append('"');
        }

        html.Append(" data-testid=\"").Append(testId).Append("\"><span class=\"mud-chip-content\">");
        Text(html, text).Append("</span></div></div>");
    }

    private static StringBuilder Text(StringBuilder html, string value) => html.Append(Encoder.Encode(value));
}
