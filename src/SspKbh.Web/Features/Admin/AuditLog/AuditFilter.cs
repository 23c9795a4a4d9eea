using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;

namespace SspKbh.Web.Features.Admin.AuditLog;

/// <summary>
/// The audit viewer's filter, read from the address (the address is the state, as on the case list, ADR 0022: a link,
/// a bookmark or the back button shows the same filter). Dates are Danish (dd-mm-åååå) and mean whole days in
/// Copenhagen time. A value that does not parse gives a Danish message for its field; it is never guessed.
/// </summary>
public sealed record AuditFilter
{
    public const int MaxTextLength = 100;

    /// <summary>The length of <c>AuditEntries.SubjectType</c>.</summary>
    public const int MaxSubjectTypeLength = 50;

    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    /// <summary>The raw texts of the date fields, shown back in the form when they do not parse.</summary>
    public string? FromText { get; init; }

    public string? ToText { get; init; }

    public string? UserId { get; init; }

    public string? Party { get; init; }

    public string? Action { get; init; }

    public string? SubjectType { get; init; }

    public string? SubjectId { get; init; }

    public string? Outcome { get; init; }

    public string? Purpose { get; init; }

    /// <summary>Field name (the query key) → Danish message.</summary>
    public IReadOnlyDictionary<string, string> Errors { get; init; } = new Dictionary<string, string>();

    public bool IsValid => Errors.Count == 0;

    public static AuditFilter FromQueryString(string? queryString) => FromQuery(QueryHelpers.ParseQuery(queryString));

    public static AuditFilter FromQuery(IDictionary<string, StringValues> query)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        // Cut to the column's length: a longer value cannot match, and the viewer's own audit entry stores it.
        string? Text(string key, int max = MaxTextLength)
        {
            var raw = query.TryGetValue(key, out var values) ? values.ToString().Trim() : "";
            return raw.Length == 0 ? null : raw.Length > max ? raw[..max] : raw;
        }

        var fromText = Text("fra");
        var toText = Text("til");
        var from = ParseDate(fromText, "fra", errors);
        var to = ParseDate(toText, "til", errors);
        if (from is not null && to is not null && from > to)
        {
            errors["til"] = Texts.AuditFilter_FromAfterTo;
        }

        return new AuditFilter
        {
            From = from,
            To = to,
            FromText = fromText,
            ToText = toText,
            UserId = Text("bruger"),
            Party = Text("part"),
            Action = Text("handling"),
            SubjectType = Text("emnetype", MaxSubjectTypeLength),
            SubjectId = Text("emne"),
            Outcome = Text("udfald"),
            Purpose = Text("formaal"),
            Errors = errors,
        };
    }

    /// <summary>Accepts dd-mm-åååå (also with '.' or '/'), and åååå-mm-dd as a browser date field sends it.</summary>
    public static bool TryParseDanishDate(string? text, out DateOnly date) => DanishTime.TryParseDate(text, out date);

    private static DateOnly? ParseDate(string? text, string key, Dictionary<string, string> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (TryParseDanishDate(text, out var date) && date.Year >= 2000)
        {
            return date;
        }

        errors[key] = Texts.AuditFilter_DateInvalid;
        return null;
    }

    /// <summary>The start of the Danish day in UTC.</summary>
    public static DateTime StartOfDayUtc(DateOnly day) => DanishTime.StartOfDayUtc(day);

    public static string FormatDate(DateOnly date) => DanishTime.FormatInputDate(date);

    /// <summary>The query string of this filter ("?fra=...&amp;handling=..."); dates as typed, so an ill-typed one keeps its message.</summary>
    public string ToQueryString()
    {
        var parts = new List<(string, string?)>
        {
            ("fra", FromText),
            ("til", ToText),
            ("bruger", UserId),
            ("part", Party),
            ("handling", Action),
            ("emnetype", SubjectType),
            ("emne", SubjectId),
            ("udfald", Outcome),
            ("formaal", Purpose),
        };
        var query = string.Join('&', parts.Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => p.Item1 + "=" + Uri.EscapeDataString(p.Item2!)));
        return query.Length == 0 ? "" : "?" + query;
    }

    /// <summary>For the audit entry of the viewer itself: which filters were used (ids and codes only).</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                text.Append(text.Length == 0 ? "" : "; ").Append(name).Append('=').Append(value);
            }
        }

        Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("user", UserId);
        Add("party", Party);
        Add("action", Action);
        Add("subject-type", SubjectType);
        Add("subject", SubjectId);
        Add("outcome", Outcome);
        Add("purpose", Purpose);
        Add("invalid", IsValid ? null : string.Join(',', Errors.Keys.Order(StringComparer.Ordinal)));
        return text.ToString();
    }
}
