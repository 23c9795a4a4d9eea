using System.Globalization;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;

namespace SspKbh.Web.Features.Statistics;

/// <summary>
/// The statistics page's period and koordinationsgruppe, read from the query string (the page keeps its address in
/// step with the fields, so a link or bookmark shows the same numbers; the CSV link carries the same values). An empty date
/// means the current half-year (1 January–30 June or 1 July–31 December, Danish date). A value that
/// does not parse gives a Danish message for its field, and no numbers are shown; it is never guessed.
/// </summary>
public sealed record StatisticsFilter
{
    /// <summary>The longest period one report covers.</summary>
    public const int MaxYears = 5;

    public const int MinYear = 2000;

    public const int MaxYear = 2100;

    /// <summary>Longer raw values cannot be a date or an id; they are cut before being shown back in the form.</summary>
    private const int MaxRawLength = 20;

    public DateOnly From { get; init; }

    public DateOnly To { get; init; }

    public int? GroupId { get; init; }

    /// <summary>The raw texts of the fields, shown back in the form (the dates as typed, so a typo can be corrected).</summary>
    public string FromText { get; init; } = "";

    public string ToText { get; init; } = "";

    public string? GroupText { get; init; }

    /// <summary>Field name (the query key: fra, til, gruppe) → Danish message.</summary>
    public IReadOnlyDictionary<string, string> Errors { get; init; } = new Dictionary<string, string>();

    public bool IsValid => Errors.Count == 0;

    /// <summary>The half-year that <paramref name="today"/> falls in.</summary>
    public static (DateOnly From, DateOnly To) HalfYear(DateOnly today) => today.Month <= 6
        ? (new DateOnly(today.Year, 1, 1), new DateOnly(today.Year, 6, 30))
        : (new DateOnly(today.Year, 7, 1), new DateOnly(today.Year, 12, 31));

    public static StatisticsFilter FromQuery(IQueryCollection query, DateOnly today) =>
        Parse(query["fra"].ToString(), query["til"].ToString(), query["gruppe"].ToString(), today);

    /// <summary>The same rules for an address's query string ("?fra=...&amp;til=..."), as the interactive page reads it.</summary>
    public static StatisticsFilter FromQueryString(string query, DateOnly today)
    {
        var values = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query);
        return Parse(values.GetValueOrDefault("fra").ToString(), values.GetValueOrDefault("til").ToString(),
            values.GetValueOrDefault("gruppe").ToString(), today);
    }

    /// <summary>
    /// The address's query string for the fields as typed (empty ones left out), so an ill-typed date stays in the
    /// address and is shown back with its message, as it would be after following a link.
    /// </summary>
    public static string QueryStringOf(string? fromText, string? toText, string? groupText)
    {
        var parts = new[] { ("fra", fromText), ("til", toText), ("gruppe", groupText) }
            .Select(p => (p.Item1, Value: Clean(p.Item2)))
            .Where(p => p.Value is not null)
            .Select(p => p.Item1 + "=" + Uri.EscapeDataString(p.Value!))
            .ToList();
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    public static StatisticsFilter Parse(string? fromText, string? toText, string? groupText, DateOnly today)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var (defaultFrom, defaultTo) = HalfYear(today);
        fromText = Clean(fromText);
        toText = Clean(toText);
        groupText = Clean(groupText);

        var from = ParseDate(fromText, defaultFrom, "fra", errors);
        var to = ParseDate(toText, defaultTo, "til", errors);
        if (errors.Count == 0 && to < from)
        {
            errors["til"] = Texts.Statistics_ToBeforeFrom;
        }
        else if (errors.Count == 0 && to >= from.AddYears(MaxYears))
        {
            errors["til"] = string.Format(CultureInfo.CurrentCulture, Texts.Statistics_PeriodTooLong, MaxYears);
        }

        int? groupId = null;
        if (groupText is not null)
        {
            if (int.TryParse(groupText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            {
                groupId = id;
            }
            else
            {
                errors["gruppe"] = Texts.Statistics_GroupUnknown;
            }
        }

        return new StatisticsFilter
        {
            From = from,
            To = to,
            GroupId = groupId,
            FromText = fromText ?? DanishTime.FormatInputDate(from),
            ToText = toText ?? DanishTime.FormatInputDate(to),
            GroupText = groupText,
            Errors = errors,
        };
    }

    /// <summary>The filter with one more field message (a group id that is not a koordinationsgruppe).</summary>
    public StatisticsFilter WithError(string field, string message) =>
        this with { Errors = new Dictionary<string, string>(Errors, StringComparer.Ordinal) { [field] = message } };

    private static string? Clean(string? raw)
    {
        var text = raw?.Trim() ?? "";
        return text.Length == 0 ? null : text.Length > MaxRawLength ? text[..MaxRawLength] : text;
    }

    private static DateOnly ParseDate(string? text, DateOnly fallback, string key, Dictionary<string, string> errors)
    {
        if (text is null)
        {
            return fallback;
        }

        if (!DanishTime.TryParseDate(text, out var date))
        {
            errors[key] = Texts.Statistics_DateInvalid;
            return fallback;
        }

        if (date.Year is < MinYear or > MaxYear)
        {
            errors[key] = string.Format(CultureInfo.CurrentCulture, Texts.Statistics_DateOutOfRange, MinYear, MaxYear);
            return fallback;
        }

        return date;
    }

    /// <summary>The query string of this filter ("?fra=...&amp;til=...&amp;gruppe=..."), for the CSV link.</summary>
    public string ToQueryString()
    {
        var query = $"?fra={DanishTime.FormatInputDate(From)}&til={DanishTime.FormatInputDate(To)}";
        return GroupId is { } group ? query + "&gruppe=" + group.ToString(CultureInfo.InvariantCulture) : query;
    }

    /// <summary>"statistik-2026-01-01-til-2026-06-30.csv" (with the group id when filtered).</summary>
    public string FileName() =>
        string.Create(CultureInfo.InvariantCulture, $"statistik-{From:yyyy-MM-dd}-til-{To:yyyy-MM-dd}{(GroupId is { } g ? $"-gruppe-{g}" : "")}.csv");

    /// <summary>For the audit entry: the period and the group (ids only).</summary>
    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"from={From:yyyy-MM-dd}; to={To:yyyy-MM-dd}{(GroupId is { } g ? $"; group={g}" : "")}");
}
