using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Cases;
using SspKbh.Domain.Organisation;
using SspKbh.Web.Audit;
using SspKbh.Web.Data;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;

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

/// <summary>One lokalområde's counts per level.</summary>
public sealed record StatisticsRow(int AreaId, string AreaName, IReadOnlyDictionary<CaseLevel, int> Counts)
{
    public int Total => Counts.Values.Sum();
}

public sealed record StatisticsTable(StatisticsMeasure Measure, IReadOnlyList<StatisticsRow> Rows)
{
    public int Total(CaseLevel level) => Rows.Sum(r => r.Counts[level]);

    public int Total() => Rows.Sum(r => r.Total);
}

/// <summary>The tables, and the name of the koordinationsgruppe filtered by (null: all).</summary>
public sealed record StatisticsReport(IReadOnlyList<StatisticsTable> Tables, string? GroupName);

public sealed record StatisticsGroupOption(int Id, string Name);

/// <summary>
/// Counts of cases per lokalområde and level for the half-yearly report. Each measure is one GROUP BY
/// query: no case row leaves the database, and the result holds no personal data (no names, ids or
/// case numbers), only counts. Anonymised cases count like any other. Every view and export is audited.
/// </summary>
public sealed class StatisticsQuery(SspDbContext db, AuditService audit, TimeProvider clock)
{
    public static readonly IReadOnlyList<StatisticsMeasure> Measures = Enum.GetValues<StatisticsMeasure>();

    private static readonly StringComparer DanishOrder = StringComparer.Create(CultureInfo.GetCultureInfo("da-DK"), ignoreCase: true);

    private sealed record AreaLevelCount(int AreaId, CaseLevel Level, int Count);

    // A class with init members (not a positional record), so EF can filter and group on the projection.
    private sealed class CaseFacts
    {
        public int Id { get; init; }

        public int AreaId { get; init; }

        public CaseLevel Level { get; init; }

        public DateOnly RaisedOn { get; init; }

        public DateOnly? ClosedOn { get; init; }

        /// <summary>The level the case was registered at: the first row of its level history (From is null).</summary>
        public CaseLevel RegisteredLevel { get; init; }
    }

    public DateOnly Today => DanishTime.Today(clock);

    /// <summary>The koordinationsgrupper to filter by, inactive ones too (their cases are still counted).</summary>
    public async Task<List<StatisticsGroupOption>> GroupsAsync(CancellationToken cancellationToken) =>
        (await db.Groups.AsNoTracking().Where(g => g.Kind == GroupKind.CoordinationGroup)
            .Select(g => new StatisticsGroupOption(g.Id, g.Name)).ToListAsync(cancellationToken))
        .OrderBy(g => g.Name, DanishOrder).ToList();

    /// <summary>
    /// Checks the group against the database and, when the filter is valid, counts and audits the view
    /// (or the export). Returns the filter (with a message if the group is unknown) and the report, or
    /// no report when the filter has errors.
    /// </summary>
    public async Task<(StatisticsFilter Filter, StatisticsReport? Report)> ReportAsync(
        StatisticsFilter filter, ClaimsPrincipal user, bool export, CancellationToken cancellationToken)
    {
        string? groupName = null;
        if (filter.GroupId is { } groupId)
        {
            groupName = await db.Groups.AsNoTracking().Where(g => g.Id == groupId && g.Kind == GroupKind.CoordinationGroup)
                .Select(g => g.Name).FirstOrDefaultAsync(cancellationToken);
            if (groupName is null)
            {
                filter = filter.WithError("gruppe", Texts.Statistics_GroupUnknown);
            }
        }

        if (!filter.IsValid)
        {
            return (filter, null);
        }

        var report = new StatisticsReport(await CountAsync(filter, cancellationToken), groupName);
        await audit.WriteAsync(new AuditEvent(export ? AuditActions.StatisticsExport : AuditActions.StatisticsView,
            Purpose: AuditPurposes.Statistics, Details: filter.Describe(), Actor: user), cancellationToken);
        return (filter, report);
    }

    private async Task<List<StatisticsTable>> CountAsync(StatisticsFilter filter, CancellationToken cancellationToken)
    {
        var (from, to) = (filter.From, filter.To);
        var endUtc = DanishTime.StartOfDayUtc(to.AddDays(1));
        var cases = Facts(filter.GroupId);

        var registered = await Count(cases
            .Where(c => c.RaisedOn >= from && c.RaisedOn <= to)
            .Select(c => new CaseFacts { AreaId = c.AreaId, Level = c.RegisteredLevel }), cancellationToken);

        // The level at the end of the period: the newest level change before the day after the period
        // (one index seek per case on CaseId, ChangedAtUtc). A case registered after the period with an
        // earlier RaisedOn has no such row; it counts at its registration level.
        var active = await Count(cases
            .Where(c => c.RaisedOn <= to && (c.ClosedOn == null || c.ClosedOn >= from))
            .Select(c => new CaseFacts
            {
                AreaId = c.AreaId,
                Level = db.CaseLevelChanges.Where(h => h.CaseId == c.Id && h.ChangedAtUtc < endUtc)
                            .OrderByDescending(h => h.ChangedAtUtc).ThenByDescending(h => h.Id).Select(h => (CaseLevel?)h.To).FirstOrDefault()
                        ?? c.RegisteredLevel,
            }), cancellationToken);

        // A closed case cannot change level, so its current level is the level it was closed at.
        var closed = await Count(cases.Where(c => c.ClosedOn >= from && c.ClosedOn <= to), cancellationToken);

        var counts = new Dictionary<StatisticsMeasure, List<AreaLevelCount>>
        {
            [StatisticsMeasure.New] = registered,
            [StatisticsMeasure.Active] = active,
            [StatisticsMeasure.Closed] = closed,
        };
        var areas = await AreasAsync(filter.GroupId, counts.Values.SelectMany(c => c).Select(c => c.AreaId).Distinct().ToList(), cancellationToken);
        return Measures.Select(m => new StatisticsTable(m, areas.Select(a => new StatisticsRow(a.Id, a.Name,
            Enum.GetValues<CaseLevel>().ToDictionary(l => l, l => counts[m].Where(c => c.AreaId == a.Id && c.Level == l).Sum(c => c.Count)))).ToList())).ToList();
    }

    private IQueryable<CaseFacts> Facts(int? groupId)
    {
        var cases = db.Cases.AsNoTracking();
        if (groupId is { } group)
        {
            cases = cases.Where(c => c.CoordinationGroupId == group);
        }

        return cases.Join(db.YoungPersons, c => c.YoungPersonId, p => p.Id, (c, p) => new CaseFacts
        {
            Id = c.Id,
            AreaId = p.LocalAreaId,
            Level = c.Level,
            RaisedOn = c.RaisedOn,
            ClosedOn = c.ClosedOn,
            RegisteredLevel = db.CaseLevelChanges.Where(h => h.CaseId == c.Id && h.From == null).Select(h => (CaseLevel?)h.To).FirstOrDefault() ?? c.Level,
        });
    }

    private static Task<List<AreaLevelCount>> Count(IQueryable<CaseFacts> cases, CancellationToken cancellationToken) =>
        cases.GroupBy(c => new { c.AreaId, c.Level })
            .Select(g => new AreaLevelCount(g.Key.AreaId, g.Key.Level, g.Count()))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// The rows: every lokalområde, or with a group filter the group's own areas, plus any area that has
    /// a count (a young person's area need not be one of the group's). Danish alphabetical order.
    /// </summary>
    private async Task<List<(int Id, string Name)>> AreasAsync(int? groupId, List<int> counted, CancellationToken cancellationToken)
    {
        var areas = await db.LocalAreas.AsNoTracking()
            .Where(a => groupId == null || a.CoordinationGroupId == groupId || counted.Contains(a.Id))
            .Select(a => new { a.Id, a.Name }).ToListAsync(cancellationToken);
        return areas.OrderBy(a => a.Name, DanishOrder).ThenBy(a => a.Id).Select(a => (a.Id, a.Name)).ToList();
    }
}
