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

/// <summary>
/// Counts of cases and of distinct young people per lokalområde and level for the half-yearly report, with
/// breakdowns by source, closing reason and concern conversations held, and the cases month by month. Each count
/// is a GROUP BY query: no case row leaves the database, and the result holds no personal data (no names, ids or
/// case numbers), only counts. Anonymised cases count like any other. Every view and export is audited.
/// </summary>
public sealed partial class StatisticsQuery(SspDbContext db, AuditService audit, TimeProvider clock)
{
    public static readonly IReadOnlyList<StatisticsMeasure> Measures = Enum.GetValues<StatisticsMeasure>();

    private static readonly StringComparer DanishOrder = StringComparer.Create(CultureInfo.GetCultureInfo("da-DK"), ignoreCase: true);

    private sealed record AreaLevelCount(int AreaId, CaseLevel Level, int Cases, int Persons);

    private sealed record AreaPersons(int AreaId, int Persons);

    private sealed record MeasureCounts(List<AreaLevelCount> Cells, List<AreaPersons> Areas);

    // A class with init members (not a positional record), so EF can filter and group on the projection.
    private sealed class CaseFacts
    {
        public int Id { get; init; }

        public int PersonId { get; init; }

        public int AreaId { get; init; }

        public CaseLevel Level { get; init; }

        public DateOnly RaisedOn { get; init; }

        public DateOnly? ClosedOn { get; init; }

        public CaseSource Source { get; init; }

        public CloseReason? CloseReason { get; init; }

        /// <summary>The level the case was registered at: the first row of its level history (From is null).</summary>
        public CaseLevel RegisteredLevel { get; init; }
    }

    public DateOnly Today => DanishTime.Today(clock);

    /// <summary>The koordinationsgrupper to filter by, inactive ones too (their cases are still counted).</summary>
    public async Task<List<StatisticsGroupOption>> GroupsAsync(CancellationToken cancellationToken) =>
        (await db.Groups.AsNoTracking().Where(g => g.Kind == GroupKind.CoordinationGroup)
            .Select(g => new StatisticsGroupOption(g.Id, g.Name)).ToListAsync(cancellationToken))
        .OrderBy(g => g.Name, DanishOrder).ToList();

    /// <summary>The page's view of an address's query string ("?fra=...&amp;til=..."): the filter, the numbers and the groups.</summary>
    public async Task<StatisticsView> ViewAsync(string query, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var groups = await GroupsAsync(cancellationToken);
        var (filter, report) = await ReportAsync(StatisticsFilter.FromQueryString(query, Today), user, export: false, cancellationToken);
        return new StatisticsView(query, filter, report, groups);
    }

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

        var tables = await CountAsync(filter, cancellationToken);
        var report = new StatisticsReport(tables, groupName, await BreakdownsAsync(filter, tables, cancellationToken),
            await MonthsAsync(filter, cancellationToken));
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
            .Select(c => new CaseFacts { PersonId = c.PersonId, AreaId = c.AreaId, Level = c.RegisteredLevel }), cancellationToken);

        // The level at the end of the period: the newest level change before the day after the period
        // (one index seek per case on CaseId, ChangedAtUtc). A case registered after the period with an
        // earlier RaisedOn has no such row; it counts at its registration level.
        var active = await Count(cases
            .Where(c => c.RaisedOn <= to && (c.ClosedOn == null || c.ClosedOn >= from))
            .Select(c => new CaseFacts
            {
                PersonId = c.PersonId,
                AreaId = c.AreaId,
                Level = db.CaseLevelChanges.Where(h => h.CaseId == c.Id && h.ChangedAtUtc < endUtc)
                            .OrderByDescending(h => h.ChangedAtUtc).ThenByDescending(h => h.Id).Select(h => (CaseLevel?)h.To).FirstOrDefault()
                        ?? c.RegisteredLevel,
            }), cancellationToken);

        // A closed case cannot change level, so its current level is the level it was closed at.
        var closed = await Count(cases.Where(c => c.ClosedOn >= from && c.ClosedOn <= to), cancellationToken);

        var counts = new Dictionary<StatisticsMeasure, MeasureCounts>
        {
            [StatisticsMeasure.New] = registered,
            [StatisticsMeasure.Active] = active,
            [StatisticsMeasure.Closed] = closed,
        };
        var areas = await AreasAsync(filter.GroupId, counts.Values.SelectMany(c => c.Cells).Select(c => c.AreaId).Distinct().ToList(), cancellationToken);
        return Measures.Select(m => new StatisticsTable(m, areas.Select(a => Row(a.Id, a.Name, counts[m])).ToList())).ToList();
    }

    private static StatisticsRow Row(int areaId, string areaName, MeasureCounts counts)
    {
        var cells = counts.Cells.Where(c => c.AreaId == areaId).ToList();
        var levels = Enum.GetValues<CaseLevel>();
        return new StatisticsRow(areaId, areaName,
            levels.ToDictionary(l => l, l => cells.Where(c => c.Level == l).Sum(c => c.Cases)),
            levels.ToDictionary(l => l, l => cells.Where(c => c.Level == l).Sum(c => c.Persons)),
            counts.Areas.Where(a => a.AreaId == areaId).Sum(a => a.Persons));
    }

    /// <summary>The group's cases (all cases without a group), nothing read but the columns a query names.</summary>
    private IQueryable<SspCase> CasesOf(int? groupId)
    {
        var cases = db.Cases.AsNoTracking();
        return groupId is { } group ? cases.Where(c => c.CoordinationGroupId == group) : cases;
    }

    private IQueryable<CaseFacts> Facts(int? groupId) =>
        CasesOf(groupId).Join(db.YoungPersons, c => c.YoungPersonId, p => p.Id, (c, p) => new CaseFacts
        {
            Id = c.Id,
            PersonId = c.YoungPersonId,
            AreaId = p.LocalAreaId,
            Level = c.Level,
            RaisedOn = c.RaisedOn,
            ClosedOn = c.ClosedOn,
            Source = c.Source,
            CloseReason = c.CloseReason,
            RegisteredLevel = db.CaseLevelChanges.Where(h => h.CaseId == c.Id && h.From == null).Select(h => (CaseLevel?)h.To).FirstOrDefault() ?? c.Level,
        });

    /// <summary>
    /// Two GROUP BY queries: cases and distinct young people per area and level, then distinct young people per area
    /// (over all levels, so a young person with cases at two levels counts once in the area's total).
    /// </summary>
    private static async Task<MeasureCounts> Count(IQueryable<CaseFacts> cases, CancellationToken cancellationToken)
    {
        var cells = await cases.GroupBy(c => new { c.AreaId, c.Level })
            .Select(g => new AreaLevelCount(g.Key.AreaId, g.Key.Level, g.Count(), g.Select(c => c.PersonId).Distinct().Count()))
            .ToListAsync(cancellationToken);
        return new MeasureCounts(cells, await PersonsByArea(cases, cancellationToken));
    }

    private static Task<List<AreaPersons>> PersonsByArea(IQueryable<CaseFacts> cases, CancellationToken cancellationToken) =>
        cases.GroupBy(c => c.AreaId)
            .Select(g => new AreaPersons(g.Key, g.Select(c => c.PersonId).Distinct().Count()))
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
