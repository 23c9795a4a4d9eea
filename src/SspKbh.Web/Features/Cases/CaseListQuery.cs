using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Cases;
using SspKbh.Web.Audit;
using SspKbh.Web.Data;
using SspKbh.Web.Infrastructure;

namespace SspKbh.Web.Features.Cases;

public sealed record CaseRow(
    int Id, string CaseNumber, string PersonName, DateOnly DateOfBirth, CaseLevel Level, CaseStatus Status,
    string GroupName, string LeadParty, DateOnly RaisedOn, bool Overdue, bool Received = false);

public sealed record CasePage(IReadOnlyList<CaseRow> Rows, string? NextCursor, IReadOnlyDictionary<CaseLevel, int> CountsByLevel, int Total);

/// <summary>
/// The case list: the user's scope, the filter, a sort with a unique tie-breaker and keyset paging
/// (page 2,000 costs what page 1 costs). Every list and export is audited.
/// </summary>
public sealed partial class CaseListQuery(SspDbContext db, IDbContextFactory<SspDbContext> contextFactory, CaseAccess access, AuditService audit, TimeProvider clock)
{
    public const int PageSize = 50;
    public const int MaxExportRows = 10_000;

    // A class with init members (not a positional record): EF can sort and filter on member-initialised projections.
    private sealed class Projected
    {
        public int Id { get; init; }

        public string CaseNumber { get; init; } = "";

        public string PersonName { get; init; } = "";

        public string NormalizedName { get; init; } = "";

        public DateOnly DateOfBirth { get; init; }

        public CaseLevel Level { get; init; }

        public CaseStatus Status { get; init; }

        public int GroupId { get; init; }

        public int? SspPlusGroupId { get; init; }

        public int LeadPartyId { get; init; }

        public DateOnly RaisedOn { get; init; }

        public DateOnly LevelSetOn { get; init; }

        public DateOnly? LastReviewedOn { get; init; }
    }

    /// <summary>A page of rows and the counts per level, read side by side (the list's first view, the benchmarks).</summary>
    public async Task<CasePage> PageAsync(CaseFilter filter, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = await access.ScopeForAsync(user, cancellationToken);
        if (scope.IsEmpty)
        {
            return new CasePage([], null, NoCounts(), 0);
        }

        var today = DanishTime.Today(clock);
        var deadlines = await LevelDeadlines.AllAsync(db, cancellationToken);

        // The counts per level (no personal data) are read on a context of their own while this one reads the page and
        // the page's audit entry is written: the view costs the slower of the two, not their sum (docs/performance.md).
        // On the thread pool: SQLite's provider runs a query synchronously inside its async methods.
        var counting = Task.Run(() => CountByLevelAsync(scope, filter, today, cancellationToken), cancellationToken);
        var reading = ReadPageAsync(scope, filter, user, today, deadlines, cancellationToken);
        await Task.WhenAll(counting, reading);
        var (rows, nextCursor) = await reading;
        return WithCounts(new CasePage(rows, nextCursor, NoCounts(), 0), filter, await counting);
    }

    /// <summary>A page of rows only (audited); the counts follow from <see cref="CountsAsync"/>.</summary>
    public async Task<CasePage> RowsAsync(CaseFilter filter, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = await access.ScopeForAsync(user, cancellationToken);
        if (scope.IsEmpty)
        {
            return new CasePage([], null, NoCounts(), 0);
        }

        var (rows, nextCursor) = await ReadPageAsync(scope, filter, user, DanishTime.Today(clock), await LevelDeadlines.AllAsync(db, cancellationToken), cancellationToken);
        return new CasePage(rows, nextCursor, NoCounts(), 0);
    }

    /// <summary>How many cases in the user's scope match the filter, per level (whatever level the filter asks for).</summary>
    public async Task<IReadOnlyDictionary<CaseLevel, int>> CountsAsync(CaseFilter filter, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = await access.ScopeForAsync(user, cancellationToken);
        return scope.IsEmpty
            ? NoCounts()
            : await CountByLevelAsync(scope, filter, DanishTime.Today(clock), cancellationToken);
    }

    /// <summary>The page with these counts and the total they give for the filter's level (or all levels).</summary>
    public static CasePage WithCounts(CasePage page, CaseFilter filter, IReadOnlyDictionary<CaseLevel, int> counts) =>
        page with { CountsByLevel = counts, Total = filter.Level is { } level ? counts[level] : counts.Values.Sum() };

    private static Dictionary<CaseLevel, int> NoCounts() => Enum.GetValues<CaseLevel>().ToDictionary(l => l, _ => 0);

    private async Task<IReadOnlyDictionary<CaseLevel, int>> CountByLevelAsync(CaseScope scope, CaseFilter filter, DateOnly today, CancellationToken cancellationToken)
    {
        await using var counter = await contextFactory.CreateDbContextAsync(cancellationToken);
        var counts = await Filter(counter, scope, filter with { Level = null }, today, QueryShape.Count)
            .GroupBy(c => c.Level).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return Enum.GetValues<CaseLevel>().ToDictionary(l => l, l => counts.FirstOrDefault(c => c.Key == l)?.Count ?? 0);
    }

    /// <summary>One page of rows, audited before it is returned.</summary>
    private async Task<(List<CaseRow> Rows, string? NextCursor)> ReadPageAsync(CaseScope scope, CaseFilter filter, ClaimsPrincipal user, DateOnly today,
        IReadOnlyDictionary<CaseLevel, LevelDeadline> deadlines, CancellationToken cancellationToken)
    {
        var filtered = Filter(db, scope, filter, today, QueryShape.Rows);
        var rows = await FirstRowsAsync(filtered, filter, scope, cancellationToken);
        var hasMore = rows.Count > PageSize;
        rows = rows.Take(PageSize).ToList();
        var result = await ToRowsAsync(rows, scope, today, deadlines, cancellationToken);
        await audit.WriteListAsync(new AuditEvent(AuditActions.CaseList, Purpose: "case-list",
            Details: filter.Describe() + $"; rows={result.Count}", Actor: user), "case", result.Select(r => r.Id), cancellationToken);
        return (result, hasMore ? CaseListCursor.Of(rows[^1].Id, rows[^1].Level, rows[^1].NormalizedName, filter.Sort) : null);
    }

    /// <summary>How many open cases in the user's scope have a deadline that has passed (a count, no personal data).</summary>
    public async Task<int?> CountOverdueAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = await access.ScopeForAsync(user, cancellationToken);
        if (scope.IsEmpty)
        {
            return null;
        }

        // One range of IX_Cases_CoordinationGroupId_OverdueFrom_Level per group (ADR 0040): costs the overdue cases, not the open ones.
        var today = DanishTime.Today(clock);
        return await scope.Apply(db.Cases.AsNoTracking()).Where(c => c.OverdueFrom <= today).CountAsync(cancellationToken);
    }

    /// <summary>A planned action of the user's; <paramref name="FollowUp"/> when it follows up an agreement from a concern conversation.</summary>
    public sealed record MyAction(int CaseId, string CaseNumber, string What, DateOnly DueOn, bool Overdue, bool FollowUp = false);

    /// <summary>The planned actions the user is responsible for, on cases they may see.</summary>
    public async Task<IReadOnlyList<MyAction>> MyActionsAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = await access.ScopeForAsync(user, cancellationToken);
        var userId = user.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        if (scope.IsEmpty || userId is null)
        {
            return [];
        }

        var today = DanishTime.Today(clock);
        var rows = await db.CaseActions.AsNoTracking()
            .Where(a => a.OwnerUserId == userId && a.Status == ActionStatus.Planned)
            .Join(scope.Apply(db.Cases.AsNoTracking()).Where(c => c.Status != CaseStatus.Closed), a => a.CaseId, c => c.Id,
                (a, c) => new { a.Id, a.CaseId, c.CaseNumber, a.What, a.DueOn, FollowUp = a.ConversationAgreementId != null })
            .OrderBy(x => x.DueOn).ThenBy(x => x.Id)
            .Take(50)
            .ToListAsync(cancellationToken);
        if (rows.Count > 0)
        {
            await audit.WriteListAsync(new AuditEvent(AuditActions.CaseList, Purpose: "my-actions", Actor: user), "case", rows.Select(r => r.CaseId), cancellationToken);
        }

        return rows.Select(r => new MyAction(r.CaseId, r.CaseNumber, r.What, r.DueOn, DeadlineRules.IsOverdue(r.DueOn, today), r.FollowUp)).ToList();
    }

    /// <summary>
    /// The next page's rows (one more than a page, to know whether there is a next page). For a user who
    /// sees several groups, each group is read along its own index and the results are merged here:
    /// one query over all groups would make the database sort every visible case (docs/performance.md).
    /// Name order keeps one query, because the database's text order must decide it.
    /// </summary>
    private async Task<List<Projected>> FirstRowsAsync(IQueryable<SspCase> filtered, CaseFilter filter, CaseScope scope, CancellationToken cancellationToken)
    {
        var groups = filter.GroupId is { } only ? [only] : scope.MemberGroupIds.Concat(scope.LeaderReviewGroupIds).Distinct().ToList();
        var lanes = groups.Select(group => filtered.Where(c => c.CoordinationGroupId == group)).ToList();
        if (filter.GroupId is null)
        {
            // Cases handed over to the user's SSP+ koordinationsgruppe belong to the group that handed them over: a lane of their own.
            lanes.AddRange(scope.ReceivingGroupIds.Select(group => filtered.Where(c => c.SspPlusGroupId == group)));
        }

        if (lanes.Count <= 1 || filter.Sort == CaseSort.Name)
        {
            return await Page(Project(filtered), filter).Take(PageSize + 1).ToListAsync(cancellationToken);
        }

        var merged = new List<Projected>();
        foreach (var lane in lanes)
        {
            merged.AddRange(await Page(Project(lane), filter).Take(PageSize + 1).ToListAsync(cancellationToken));
        }

        // A case of the user's own group that was handed over to her SSP+ group is in two lanes.
        merged = merged.DistinctBy(r => r.Id).ToList();

        IEnumerable<Projected> ordered = filter.Sort switch
        {
            CaseSort.Oldest => merged.OrderBy(r => r.Id),
            CaseSort.Level => merged.OrderByDescending(r => r.Level).ThenByDescending(r => r.Id),
            _ => merged.OrderByDescending(r => r.Id),
        };
        return ordered.Take(PageSize + 1).ToList();
    }

    /// <summary>All matching rows (up to <see cref="MaxExportRows"/>) for the CSV export.</summary>
    public async Task<IReadOnlyList<CaseRow>> ExportAsync(CaseFilter filter, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = await access.ScopeForAsync(user, cancellationToken);
        if (scope.IsEmpty)
        {
            return [];
        }

        var today = DanishTime.Today(clock);
        var deadlines = await LevelDeadlines.AllAsync(db, cancellationToken);
        var rows = await Page(Project(Filter(db, scope, filter, today, QueryShape.Rows)), filter with { After = null })
            .Take(MaxExportRows).ToListAsync(cancellationToken);
        var result = await ToRowsAsync(rows, scope, today, deadlines, cancellationToken);
        await audit.WriteAsync(new AuditEvent(AuditActions.CaseExport, SubjectType: "case", Purpose: "case-export",
            Details: filter.Describe() + $"; rows={result.Count}", Actor: user), cancellationToken);
        return result;
    }

    /// <summary>
    /// What a filtered query is for. The same filter is written two ways where the databases plan them
    /// differently (docs/performance.md): counting all matching cases starts from the people who match a
    /// person filter (an IN list over an index); reading a page walks the cases in list order and tests
    /// each one's person (EXISTS), stopping after a page.
    /// </summary>
    private enum QueryShape
    {
        Count,
        Rows,
    }

    /// <summary>The cases in the user's scope that match the filter.</summary>
    private static IQueryable<SspCase> Filter(SspDbContext source, CaseScope scope, CaseFilter filter, DateOnly today, QueryShape shape)
    {
        var cases = scope.Apply(source.Cases.AsNoTracking());
        if (filter.Level is { } level) cases = cases.Where(c => c.Level == level);
        if (filter.GroupId is { } group) cases = scope.InGroup(cases, group);
        if (filter.Status is { } status) cases = cases.Where(c => c.Status == status);
        if (filter.LeadPartyId is { } lead) cases = cases.Where(c => c.LeadPartyId == lead);
        if (filter.LocalAreaId is { } area)
        {
            cases = WherePerson(cases, source.YoungPersons.Where(p => p.LocalAreaId == area), shape);
        }

        if (filter.Age is { } age)
        {
            // Age bands as birth-date ranges, so the database can use them directly.
            var (bornAfter, bornOnOrBefore) = age switch
            {
                AgeBand.Under14 => (today.AddYears(-14), DateOnly.MaxValue),
                AgeBand.From14To15 => (today.AddYears(-16), today.AddYears(-14)),
                AgeBand.From16To17 => (today.AddYears(-18), today.AddYears(-16)),
                _ => (DateOnly.MinValue, today.AddYears(-18)),
            };
            cases = WherePerson(cases, source.YoungPersons.Where(p => p.DateOfBirth > bornAfter && p.DateOfBirth <= bornOnOrBefore), shape);
        }

        if (filter.Search is { } search)
        {
            cases = Matching(cases, source, search);
        }

        if (filter.OverdueOnly)
        {
            // The date each case became (or becomes) overdue is kept on the case (CaseOverdue.From, ADR 0040).
            cases = cases.Where(c => c.OverdueFrom <= today);
        }

        return cases;
    }

    /// <summary>The cases whose young person is one of <paramref name="people"/>, in the query shape asked for.</summary>
    /// <summary>
    /// The cases a search finds, as the list's search box finds them: a CPR number finds its person's cases, a case
    /// number its case, and words find the names where every word begins a word of the name ("ann han" finds Anna
    /// Hansen), looked up in the name-word index (docs/performance.md). Also the meeting's case picker's search.
    /// </summary>
    internal static IQueryable<SspCase> Matching(IQueryable<SspCase> cases, SspDbContext source, string search)
    {
        if (CprNumber.TryParse(search, out var cpr))
        {
            var digits = cpr.Digits;
            return cases.Where(c => source.YoungPersons.Where(p => p.Cpr == digits).Select(p => p.Id).Contains(c.YoungPersonId));
        }

        if (CaseNumberPattern().IsMatch(search))
        {
            return cases.Where(c => c.CaseNumber == search);
        }

        foreach (var word in YoungPerson.Words(search))
        {
            // Joined (not IN): the database starts from the few matching people and looks their
            // cases up, instead of walking the group's cases and testing each.
            var people = NameWordsStartingWith(source, word).Select(w => w.YoungPersonId).Distinct();
            cases = cases.Join(people, c => c.YoungPersonId, id => id, (c, _) => c);
        }

        return cases;
    }

    private static IQueryable<SspCase> WherePerson(IQueryable<SspCase> cases, IQueryable<YoungPerson> people, QueryShape shape) =>
        shape == QueryShape.Count
            ? cases.Where(c => people.Select(p => p.Id).Contains(c.YoungPersonId))
            : cases.Where(c => people.Any(p => p.Id == c.YoungPersonId));

    private static IQueryable<YoungPersonNameWord> NameWordsStartingWith(SspDbContext source, string prefix)
    {
        if (source.Database.IsSqlite())
        {
            // A range on the (Word, YoungPersonId) index; SQLite's LIKE would not use it. Words are
            // upper case and compared byte-wise, so [prefix, prefix with its last letter + 1) is exact.
            var upper = prefix[..^1] + (char)(prefix[^1] + 1);
            return source.YoungPersonNameWords.Where(w => string.Compare(w.Word, prefix) >= 0 && string.Compare(w.Word, upper) < 0);
        }

        return source.YoungPersonNameWords.Where(w => w.Word.StartsWith(prefix));
    }

    private IQueryable<Projected> Project(IQueryable<SspCase> cases) =>
        cases.Join(db.YoungPersons, c => c.YoungPersonId, p => p.Id, (c, p) => new Projected
        {
            Id = c.Id,
            CaseNumber = c.CaseNumber,
            PersonName = p.FullName,
            NormalizedName = p.NormalizedName,
            DateOfBirth = p.DateOfBirth,
            Level = c.Level,
            Status = c.Status,
            GroupId = c.CoordinationGroupId,
            SspPlusGroupId = c.SspPlusGroupId,
            LeadPartyId = c.LeadPartyId,
            RaisedOn = c.RaisedOn,
            LevelSetOn = c.LevelSetOn,
            LastReviewedOn = c.LastReviewedOn,
        });

    /// <summary>Orders by the chosen sort with the id as tie-breaker, and starts after the cursor.</summary>
    private static IQueryable<Projected> Page(IQueryable<Projected> rows, CaseFilter filter)
    {
        var cursor = CaseListCursor.Parse(filter.After);
        switch (filter.Sort)
        {
            case CaseSort.Oldest:
                if (cursor?.Id is { } oldestId) rows = rows.Where(r => r.Id > oldestId);
                return rows.OrderBy(r => r.Id);
            case CaseSort.Level:
                if (cursor is { Level: { } lvl, Id: var levelId })
                {
                    rows = rows.Where(r => r.Level < lvl || (r.Level == lvl && r.Id < levelId));
                }

                return rows.OrderByDescending(r => r.Level).ThenByDescending(r => r.Id);
            case CaseSort.Name:
                if (cursor is { Name: { } name, Id: var nameId })
                {
                    rows = rows.Where(r => string.Compare(r.NormalizedName, name) > 0 || (r.NormalizedName == name && r.Id > nameId));
                }

                return rows.OrderBy(r => r.NormalizedName).ThenBy(r => r.Id);
            default:
                if (cursor?.Id is { } newestId) rows = rows.Where(r => r.Id < newestId);
                return rows.OrderByDescending(r => r.Id);
        }
    }

    private async Task<List<CaseRow>> ToRowsAsync(List<Projected> rows, CaseScope scope, DateOnly today, IReadOnlyDictionary<CaseLevel, LevelDeadline> deadlines, CancellationToken cancellationToken)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var groupIds = rows.Select(r => r.GroupId).Distinct().ToList();
        var partyIds = rows.Select(r => r.LeadPartyId).Distinct().ToList();
        var groups = await db.Groups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, cancellationToken);
        var parties = await db.Parties.AsNoTracking().Where(p => partyIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Code, cancellationToken);
        var actions = await db.CaseActions.AsNoTracking().Where(a => ids.Contains(a.CaseId))
            .Select(a => new { a.CaseId, a.Status, a.DueOn }).ToListAsync(cancellationToken);
        return rows.Select(r =>
        {
            var overdue = CaseOverdue.For(r.Status != CaseStatus.Closed, r.LevelSetOn, r.LastReviewedOn, deadlines[r.Level],
                actions.Where(a => a.CaseId == r.Id).Select(a => (a.Status, a.DueOn)), today).Any;
            return new CaseRow(r.Id, r.CaseNumber, r.PersonName, r.DateOfBirth, r.Level, r.Status,
                groups.GetValueOrDefault(r.GroupId, ""), parties.GetValueOrDefault(r.LeadPartyId, ""), r.RaisedOn, overdue,
                scope.BasisFor(r.GroupId, r.Level, r.SspPlusGroupId) == CaseAccessBasis.SspPlusReceived);
        }).ToList();
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[0-9]{4}-[0-9]{5,}$")]
    private static partial System.Text.RegularExpressions.Regex CaseNumberPattern();
}
