using SspKbh.Domain.Cases;

namespace SspKbh.Web.Features.Statistics;

/// <summary>What a table counts (docs/statistics.md).</summary>
public enum StatisticsMeasure
{
    /// <summary>Cases raised in the period, by the level they were registered at.</summary>
    New = 1,

    /// <summary>Cases open at some time in the period, by their level at the end of the period.</summary>
    Active = 2,

    /// <summary>Cases closed in the period (and still closed), by their level when closed.</summary>
    Closed = 3,
}

/// <summary>
/// One lokalområde's counts per level: cases, and the distinct young people behind them. A young person with two
/// cases at the same level counts once in that level's <see cref="PersonCounts"/>; with cases at two levels she
/// counts in both, and once in <see cref="Persons"/> (the area's distinct young people over all levels).
/// </summary>
public sealed record StatisticsRow(
    int AreaId,
    string AreaName,
    IReadOnlyDictionary<CaseLevel, int> Counts,
    IReadOnlyDictionary<CaseLevel, int> PersonCounts,
    int Persons)
{
    public int Total => Counts.Values.Sum();
}

/// <summary>
/// A measure's rows. Young people can be summed over areas (a young person lives in one lokalområde), not over
/// levels, so the totals of young people come from the areas' own distinct counts.
/// </summary>
public sealed record StatisticsTable(StatisticsMeasure Measure, IReadOnlyList<StatisticsRow> Rows)
{
    public int Total(CaseLevel level) => Rows.Sum(r => r.Counts[level]);

    public int Total() => Rows.Sum(r => r.Total);

    public int Persons(CaseLevel level) => Rows.Sum(r => r.PersonCounts[level]);

    public int Persons() => Rows.Sum(r => r.Persons);
}

/// <summary>What a breakdown counts (docs/statistics.md).</summary>
public enum StatisticsBreakdownKind
{
    /// <summary>New cases in the period by where the concern came from (the case's source).</summary>
    Source = 1,

    /// <summary>Cases closed in the period by the reason they were closed.</summary>
    CloseReason = 2,

    /// <summary>Concern conversations held in the period, by how far they have come since.</summary>
    Conversations = 3,
}

/// <summary>One category of a breakdown: its number (cases or conversations) and the distinct young people.</summary>
public sealed record StatisticsBreakdownRow(string Key, string Label, int Count, int Persons);

/// <summary>
/// A breakdown's rows and totals. <see cref="Persons"/> is the distinct young people of the whole breakdown, which
/// is less than the rows' sum when a young person is in two categories.
/// </summary>
public sealed record StatisticsBreakdown(StatisticsBreakdownKind Kind, IReadOnlyList<StatisticsBreakdownRow> Rows, int Persons)
{
    public int Total => Rows.Sum(r => r.Count);
}

/// <summary>
/// One calendar month of the period (cut to the period at its ends): cases raised, open at some time, and closed
/// in it, with the same rules as the tables. Cases only; the young people are counted in the tables.
/// </summary>
public sealed record StatisticsMonth(int Year, int Month, int New, int Active, int Closed);

/// <summary>The tables, the breakdowns, the months, and the name of the koordinationsgruppe filtered by (null: all).</summary>
public sealed record StatisticsReport(
    IReadOnlyList<StatisticsTable> Tables,
    string? GroupName,
    IReadOnlyList<StatisticsBreakdown> Breakdowns,
    IReadOnlyList<StatisticsMonth> Months)
{
    public StatisticsTable Table(StatisticsMeasure measure) => Tables.Single(t => t.Measure == measure);

    public StatisticsBreakdown Breakdown(StatisticsBreakdownKind kind) => Breakdowns.Single(b => b.Kind == kind);
}

public sealed record StatisticsGroupOption(int Id, string Name);

/// <summary>
/// One view of the statistics page: the query string it was read for, the filter as read (with its messages), the
/// numbers (none when the filter has errors) and the groups to choose from. Plain records, so the prerender's view
/// can be carried into the circuit as persisted state.
/// </summary>
public sealed record StatisticsView(string Query, StatisticsFilter Filter, StatisticsReport? Report, IReadOnlyList<StatisticsGroupOption> Groups);
