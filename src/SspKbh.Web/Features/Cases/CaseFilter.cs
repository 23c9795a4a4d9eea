using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using SspKbh.Domain.Cases;

namespace SspKbh.Web.Features.Cases;

public enum CaseSort
{
    Newest = 0,
    Oldest = 1,
    Level = 2,
    Name = 3,
}

public enum AgeBand
{
    Under14 = 1,
    From14To15 = 2,
    From16To17 = 3,
    From18 = 4,
}

/// <summary>
/// The case list's filter, read from the query string (so a filtered list can be bookmarked and
/// works without JavaScript). Values that do not parse are dropped and reported, never guessed.
/// </summary>
public sealed record CaseFilter
{
    public const int MaxSearchLength = 100;

    public CaseLevel? Level { get; init; }

    public int? GroupId { get; init; }

    public int? LocalAreaId { get; init; }

    public CaseStatus? Status { get; init; }

    public int? LeadPartyId { get; init; }

    public bool OverdueOnly { get; init; }

    public AgeBand? Age { get; init; }

    public string? Search { get; init; }

    public CaseSort Sort { get; init; }

    /// <summary>Keyset cursor: the sort key of the last row of the previous page.</summary>
    public string? After { get; init; }

    public IReadOnlyList<string> Ignored { get; init; } = [];

    public static CaseFilter FromQuery(IQueryCollection query) => From(key => query[key]);

    /// <summary>The filter in a parsed query string (<see cref="QueryHelpers.ParseQuery"/>), as an interactive page reads its address.</summary>
    public static CaseFilter FromQuery(IReadOnlyDictionary<string, StringValues> query) =>
        From(key => query.TryGetValue(key, out var values) ? values : StringValues.Empty);

    /// <summary>The filter in a query string ("?niveau=...&amp;q=..." or without the "?"); the same rules as a request's query.</summary>
    public static CaseFilter FromQueryString(string? queryString) => FromQuery(QueryHelpers.ParseQuery(queryString));

    private static CaseFilter From(Func<string, StringValues> query)
    {
        var ignored = new List<string>();
        T? Enum<T>(string key) where T : struct, System.Enum
        {
            var raw = query(key).ToString();
            if (string.IsNullOrEmpty(raw))
            {
                return null;
            }

            if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                if (System.Enum.IsDefined(typeof(T), number))
                {
                    return (T)System.Enum.ToObject(typeof(T), number);
                }
            }
            else if (System.Enum.TryParse<T>(raw, ignoreCase: true, out var named) && System.Enum.IsDefined(named))
            {
                return named;
            }

            ignored.Add(key);
            return null;
        }

        int? Int(string key)
        {
            var raw = query(key).ToString();
            if (string.IsNullOrEmpty(raw))
            {
                return null;
            }

            if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0)
            {
                return v;
            }

            ignored.Add(key);
            return null;
        }

        var search = query("q").ToString().Trim();
        if (search.Length > MaxSearchLength)
        {
            search = search[..MaxSearchLength];
            ignored.Add("q");
        }

        return new CaseFilter
        {
            Level = Enum<CaseLevel>("niveau"),
            GroupId = Int("gruppe"),
            LocalAreaId = Int("omraade"),
            Status = Enum<CaseStatus>("status"),
            LeadPartyId = Int("tovholder"),
            OverdueOnly = query("forsinket").ToString() is "true" or "1" or "on",
            Age = Enum<AgeBand>("alder"),
            Search = search.Length == 0 ? null : search,
            Sort = Enum<CaseSort>("sortering") ?? CaseSort.Newest,
            After = query("efter").ToString() is { Length: > 0 and <= 300 } after ? after : null,
            Ignored = ignored,
        };
    }

    /// <summary>The query string for this filter (without the cursor unless asked for).</summary>
    public string ToQueryString(string? after = null, CaseLevel? level = null, bool clearLevel = false)
    {
        var parts = new List<string>();
        void Add(string key, object? value)
        {
            if (value is not null && value.ToString() is { Length: > 0 } s)
            {
                parts.Add($"{key}={Uri.EscapeDataString(s)}");
            }
        }

        Add("niveau", clearLevel ? null : (level ?? Level)?.ToString());
        Add("gruppe", GroupId);
        Add("omraade", LocalAreaId);
        Add("status", Status?.ToString());
        Add("tovholder", LeadPartyId);
        Add("forsinket", OverdueOnly ? "true" : null);
        Add("alder", Age?.ToString());
        Add("q", Search);
        Add("sortering", Sort == CaseSort.Newest ? null : Sort.ToString());
        Add("efter", after);
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    /// <summary>A short description of the filter for the audit trail (no search text: it may be a CPR number).</summary>
    public string Describe()
    {
        var sb = new StringBuilder();
        if (Level is not null) sb.Append(CultureInfo.InvariantCulture, $"level={(int)Level};");
        if (GroupId is not null) sb.Append(CultureInfo.InvariantCulture, $"group={GroupId};");
        if (LocalAreaId is not null) sb.Append(CultureInfo.InvariantCulture, $"area={LocalAreaId};");
        if (Status is not null) sb.Append(CultureInfo.InvariantCulture, $"status={Status};");
        if (LeadPartyId is not null) sb.Append(CultureInfo.InvariantCulture, $"lead={LeadPartyId};");
        if (OverdueOnly) sb.Append("overdue;");
        if (Age is not null) sb.Append(CultureInfo.InvariantCulture, $"age={Age};");
        // The audit trail records what was searched for: the audit viewer and the data-subject report
        // need it. The trail is the protected place for it; logs never get it.
        // A CPR number is recorded masked (birth date only): the ids shown are recorded anyway (ADR 0012).
        if (Search is not null)
        {
            var terms = CprNumber.TryParse(Search, out var cpr) ? "cpr:" + cpr.Masked : "text:\"" + (Search.Length > 100 ? Search[..100] : Search).Replace('"', '\'') + "\"";
            sb.Append(CultureInfo.InvariantCulture, $"search={terms};");
        }

        sb.Append(CultureInfo.InvariantCulture, $"sort={Sort}");
        return sb.ToString();
    }
}

/// <summary>One option of a case-list filter choice: the value in the address and the text shown.</summary>
public sealed record FilterOption(string Value, string Text);
