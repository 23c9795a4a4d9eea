using Microsoft.AspNetCore.WebUtilities;

namespace SspKbh.Web.Features.Meetings;

/// <summary>The orders the ledergruppe board offers; <see cref="Need"/> is the service's: what needs the group most first.</summary>
public enum BoardSort
{
    Need,
    Case,
    Level,
    Group,
    Raised,
    OverdueActions,
    NextReview,
    LastDecision,
}

/// <summary>
/// The board's view as the address holds it (as the case list, ADR 0022): sort, direction, koordinationsgruppe and
/// "overdue only". Opening a case from the board and coming back restores it from the address. The board is read once
/// (and audited once) per visit; sorting and filtering work on the cases read, without reading them again.
/// </summary>
public sealed record BoardFilter(BoardSort Sort = BoardSort.Need, bool Descending = false, string? Group = null, bool OverdueOnly = false)
{
    /// <summary>Longest group name taken from an address; a longer one matches no group anyway.</summary>
    private const int MaxGroupLength = 200;

    public static BoardFilter FromQueryString(string query)
    {
        var values = QueryHelpers.ParseQuery(query);
        string? Value(string key) => values.TryGetValue(key, out var v) ? v.ToString() : null;
        var sort = Enum.TryParse<BoardSort>(Value("sortering"), out var s) && Enum.IsDefined(s) ? s : BoardSort.Need;
        var group = Value("gruppe") is { Length: > 0 and <= MaxGroupLength } g ? g : null;
        return new BoardFilter(sort, Value("retning") == "faldende", group, Value("forsinket") is "true" or "1");
    }

    public string ToQueryString()
    {
        var parts = new List<string>();
        if (Sort != BoardSort.Need)
        {
            parts.Add("sortering=" + Sort);
            parts.Add("retning=" + (Descending ? "faldende" : "stigende"));
        }

        if (Group is not null)
        {
            parts.Add("gruppe=" + Uri.EscapeDataString(Group));
        }

        if (OverdueOnly)
        {
            parts.Add("forsinket=true");
        }

        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    /// <summary>The filter after a click on a column's sort button: the same column turns round, another starts in its natural direction.</summary>
    public BoardFilter SortedBy(BoardSort sort) =>
        this with { Sort = sort, Descending = sort == Sort ? !Descending : NaturallyDescending(sort) };

    /// <summary>The direction a column starts in: the highest level, most overdue and newest decision first; the oldest case first.</summary>
    public static bool NaturallyDescending(BoardSort sort) => sort is BoardSort.Level or BoardSort.OverdueActions or BoardSort.LastDecision;

    /// <summary>The cases shown: filtered, then sorted; ties keep the service's order (what needs the group most first).</summary>
    public IReadOnlyList<BoardCase> Apply(IReadOnlyList<BoardCase> cases)
    {
        var shown = cases.Select((c, index) => (Case: c, Index: index))
            .Where(x => Group is null || x.Case.GroupName == Group)
            .Where(x => !OverdueOnly || x.Case.Overdue.Any);
        if (Sort == BoardSort.Need)
        {
            return shown.Select(x => x.Case).ToList();
        }

        var ordered = Descending ? shown.OrderByDescending(x => Key(x.Case)) : shown.OrderBy(x => Key(x.Case));
        return ordered.ThenBy(x => x.Index).Select(x => x.Case).ToList();
    }

    private IComparable Key(BoardCase c) => Sort switch
    {
        BoardSort.Case => c.CaseNumber,
        BoardSort.Level => c.Level,
        BoardSort.Group => c.GroupName,
        BoardSort.Raised => c.RaisedOn,
        BoardSort.OverdueActions => c.Overdue.OverdueActions,
        BoardSort.NextReview => c.Overdue.ReviewDue,
        BoardSort.LastDecision => c.LastDecision?.MeetingDate ?? DateOnly.MinValue,
        _ => 0,
    };
}
