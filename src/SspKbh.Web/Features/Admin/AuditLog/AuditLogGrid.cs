using System.Diagnostics;
using System.Globalization;
using System.Linq.Expressions;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Access;
using SspKbh.Domain.Audit;
using SspKbh.Web.Audit;
using SspKbh.Web.Data;

namespace SspKbh.Web.Features.Admin.AuditLog;

public sealed record AuditRow(
    long Sequence, DateTime OccurredAtUtc, string? UserId, string? UserName, string? Roles, string? Party,
    string Action, string? SubjectType, string? SubjectId, string? Purpose, string Outcome, string? Details);

public sealed record AuditUserOption(string Id, string FullName, string? Email);

public sealed record AuditPartyOption(string Code, string Name);

/// <summary>The users and parties the viewer's filters offer (staff, not data subjects: read again freely).</summary>
public sealed record AuditFilterChoices(IReadOnlyList<AuditUserOption> Users, IReadOnlyList<AuditPartyOption> Parties);

/// <summary>
/// One page the grid asks for: its index from 0, its size, the order (newest first unless oldest first), and how far
/// to count the matching entries (never further than <see cref="AuditLogGrid.MaxCountedEntries"/>).
/// </summary>
public sealed record AuditGridRequest(int Page, int PageSize, bool OldestFirst, int CountLimit = AuditLogGrid.MaxCountedEntries);

/// <summary>
/// One page of entries and how many entries match, counted up to <see cref="AuditLogGrid.MaxCountedEntries"/>
/// (<see cref="TotalCapped"/> when there are more). <see cref="Refused"/> when the user may not read the trail.
/// </summary>
public sealed record AuditGridPage(IReadOnlyList<AuditRow> Rows, int Total, bool TotalCapped, bool Refused = false);

/// <summary>
/// The audit viewer's reads (the grid on /admin/audit). The filter, the order and the page are applied in SQL, and
/// each filter has an index that ends in the sequence number (migration AuditViewerIndexes), so a page is one ordered
/// index range whatever the size of the trail. The count stops at <see cref="MaxCountedEntries"/>, and so do the
/// pages: counting or skipping a million entries would cost what the index saves, and a filter that matches more
/// than ten thousand entries is narrowed by period instead. Every page read is itself written to the trail.
/// <para>
/// A period is read as a range of sequence numbers (<see cref="PeriodAsync"/>), so it narrows every filter's index
/// instead of needing one of its own, and each choice filter's index carries the other choice columns, so several
/// filters together are checked in one index without reading the table (migration AuditGridPeriodsAndCombinations,
/// ADR 0039).
/// </para>
/// </summary>
public sealed class AuditLogGrid(SspDbContext db, AuditService audit)
{
    public const int DefaultPageSize = 50;

    public const int MaxCountedEntries = 10_000;

    public static readonly IReadOnlyList<int> PageSizes = [25, 50, 100];

    public static bool MayRead(ClaimsPrincipal user) => user.IsInRole(nameof(AppRole.Administrator));

    public async Task<AuditFilterChoices?> ChoicesAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!MayRead(user))
        {
            return null;
        }

        var users = await db.Users.AsNoTracking().OrderBy(u => u.FullName).ThenBy(u => u.Email)
            .Select(u => new AuditUserOption(u.Id, u.FullName, u.Email)).ToListAsync(cancellationToken);
        var parties = await db.Parties.AsNoTracking().OrderBy(p => p.Code)
            .Select(p => new AuditPartyOption(p.Code, p.Name)).ToListAsync(cancellationToken);
        return new AuditFilterChoices(users, parties);
    }

    public async Task<AuditGridPage> PageAsync(AuditFilter filter, AuditGridRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!MayRead(user))
        {
            return new AuditGridPage([], 0, false, Refused: true);
        }

        var pageSize = PageSizes.Contains(request.PageSize) ? request.PageSize : DefaultPageSize;
        var countLimit = Math.Clamp(request.CountLimit, 1, MaxCountedEntries);
        var lastPage = (countLimit - 1) / pageSize;
        var page = Math.Clamp(request.Page, 0, lastPage);
        List<AuditRecord> entries = [];
        var matching = 0;
        var period = filter.IsValid ? await PeriodAsync(filter, cancellationToken) : null;
        if (filter.IsValid && period is not { Count: 0 })
        {
            var query = Apply(db.AuditEntries.AsNoTracking(), filter, period);
            var ordered = request.OldestFirst ? query.OrderBy(a => a.Sequence) : query.OrderByDescending(a => a.Sequence);
            entries = await ordered.Skip(page * pageSize).Take(pageSize).ToListAsync(cancellationToken);
            matching = await query.OrderBy(a => a.Sequence).Take(countLimit + 1).CountAsync(cancellationToken);
        }

        var ids = entries.Where(e => e.UserId != null).Select(e => e.UserId!).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, cancellationToken);

        // Looking at the trail shows who looked at whom, so it is itself recorded.
        await audit.WriteAsync(new AuditEvent(AuditActions.AuditView,
            SubjectType: filter.SubjectType, SubjectId: filter.SubjectId, Purpose: AuditPurposes.AuditReview,
            Details: string.Join("; ", new[]
            {
                filter.Describe(),
                string.Create(CultureInfo.InvariantCulture, $"page={page + 1}; order={(request.OldestFirst ? "oldest" : "newest")}; rows={entries.Count}"),
            }.Where(p => p.Length > 0)), Actor: user), cancellationToken);

        var rows = entries.Select(e => new AuditRow(e.Sequence, e.OccurredAtUtc, e.UserId, e.UserId is null ? null : names.GetValueOrDefault(e.UserId),
            e.Roles, e.Party, e.Action, e.SubjectType, e.SubjectId, e.Purpose, e.Outcome, e.Details)).ToList();
        return new AuditGridPage(rows, Math.Min(matching, countLimit), matching > countLimit);
    }

    /// <summary>
    /// The sequence numbers of the period's entries: the first, the last and how many there are (one read of the
    /// index on (OccurredAtUtc, Sequence), which holds both columns), or null when the filter has no period.
    /// </summary>
    /// <remarks>
    /// An entry's time is taken when it is made, and the chain's writer gives it its sequence number when it is
    /// written: entries held until a business transaction commits (AuditService.HoldUntilCommit), a batch from another
    /// instance or a clock set back can put times out of sequence order. So the bounds are the smallest and largest
    /// sequence number of the entries inside the period themselves (never a guess from the first entry in time
    /// order), and no entry of the period lies outside them. When the period's entries fill the range (as many
    /// entries as numbers in it: sequence numbers are unique), no entry outside the period lies inside it either, and
    /// the range alone is the period; otherwise the time is checked as well (<see cref="PeriodRange.IsExact"/>).
    /// </remarks>
    private async Task<PeriodRange?> PeriodAsync(AuditFilter filter, CancellationToken cancellationToken)
    {
        if (filter.From is null && filter.To is null)
        {
            return null;
        }

        // MIN, MAX and COUNT in one pass over the index; LINQ says an aggregate of a whole set only with a GROUP BY,
        // which SQLite carries out by sorting the period's entries.
        DateTime? fromUtc = filter.From is { } from ? AuditFilter.StartOfDayUtc(from) : null;
        DateTime? toUtc = filter.To is { } to ? AuditFilter.StartOfDayUtc(to.AddDays(1)) : null;
        FormattableString sql = (fromUtc, toUtc) switch
        {
            ({ } f, { } t) => $"""SELECT MIN("Sequence") AS "First", MAX("Sequence") AS "Last", COUNT(*) AS "Count" FROM "AuditEntries" WHERE "OccurredAtUtc" >= {f} AND "OccurredAtUtc" < {t}""",
            ({ } f, null) => $"""SELECT MIN("Sequence") AS "First", MAX("Sequence") AS "Last", COUNT(*) AS "Count" FROM "AuditEntries" WHERE "OccurredAtUtc" >= {f}""",
            (null, { } t) => $"""SELECT MIN("Sequence") AS "First", MAX("Sequence") AS "Last", COUNT(*) AS "Count" FROM "AuditEntries" WHERE "OccurredAtUtc" < {t}""",
            _ => throw new UnreachableException(),
        };
        var row = (await db.Database.SqlQuery<PeriodRow>(sql).ToListAsync(cancellationToken)).Single();
        return row is { First: { } first, Last: { } last } ? new PeriodRange(first, last, row.Count) : new PeriodRange(0, 0, 0);
    }

    /// <summary>The entries whose time lies in the filter's period (whole Danish days).</summary>
    private static IQueryable<AuditRecord> InPeriod(IQueryable<AuditRecord> query, AuditFilter filter)
    {
        if (filter.From is { } from)
        {
            var fromUtc = AuditFilter.StartOfDayUtc(from);
            query = query.Where(a => a.OccurredAtUtc >= fromUtc);
        }

        if (filter.To is { } to)
        {
            var toUtc = AuditFilter.StartOfDayUtc(to.AddDays(1));
            query = query.Where(a => a.OccurredAtUtc < toUtc);
        }

        return query;
    }

    private IQueryable<AuditRecord> Apply(IQueryable<AuditRecord> query, AuditFilter filter, PeriodRange? period)
    {
        if (period is { } range)
        {
            long first = range.First, last = range.Last;
            query = query.Where(a => a.Sequence >= first && a.Sequence <= last);
            if (!range.IsExact)
            {
                query = InPeriod(query, filter);
            }
        }

        query = Matching(query, filter.UserId, a => a.UserId);
        query = Matching(query, filter.Party, a => a.Party);
        query = Matching(query, filter.Action, a => a.Action);
        query = Matching(query, filter.SubjectType, a => a.SubjectType);
        if (filter.SubjectId is { } subjectId)
        {
            // The record itself, or a view (list, board, meeting) that showed it among others.
            var listed = db.AuditEntrySubjects.Where(s => s.SubjectId == subjectId).Select(s => s.AuditSequence);
            query = query.Where(a => a.SubjectId == subjectId || listed.Contains(a.Sequence));
        }

        query = Matching(query, filter.Outcome, a => a.Outcome);
        return Matching(query, filter.Purpose, a => a.Purpose);
    }

    /// <summary>The entries whose <paramref name="column"/> equals <paramref name="value"/> (a query parameter), or all when no value is given.</summary>
    private static IQueryable<AuditRecord> Matching(IQueryable<AuditRecord> query, string? value, Expression<Func<AuditRecord, string?>> column)
    {
        if (value is null)
        {
            return query;
        }

        Expression<Func<string?>> parameter = () => value;
        return query.Where(Expression.Lambda<Func<AuditRecord, bool>>(Expression.Equal(column.Body, parameter.Body), column.Parameters));
    }

    /// <summary>
    /// The first and last sequence number of a period's entries and their number. <see cref="IsExact"/> when they
    /// fill the range, so that every entry in the range is in the period (sequence numbers are unique).
    /// </summary>
    private sealed record PeriodRange(long First, long Last, long Count)
    {
        public bool IsExact => Count > 0 && Last - First + 1 == Count;
    }

    /// <summary>The row the period's query reads (no entries: no first and last).</summary>
    private sealed class PeriodRow
    {
        public long? First { get; init; }

        public long? Last { get; init; }

        public long Count { get; init; }
    }
}
