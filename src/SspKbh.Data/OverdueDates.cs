using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using SspKbh.Domain.Cases;
using SspKbh.Web.Data;

namespace SspKbh.Web.Features.Cases;

/// <summary>
/// Keeps <see cref="SspCase.OverdueFrom"/> equal to <see cref="CaseOverdue.From"/> (ADR 0040). <see cref="SspDbContext"/>
/// calls it on every save: before the save it notes which cases had an input of the rule changed (status, level,
/// level date or last review of a case; an action added, removed, re-dated or finished; a level's deadlines), and
/// after the save, in the same transaction, it reads those cases and their actions again and stores the date the
/// Domain rule gives. No service has to remember it, and a save that changes no input costs nothing.
/// </summary>
public static class OverdueDates
{
    private static readonly string[] CaseInputs =
        [nameof(SspCase.Status), nameof(SspCase.Level), nameof(SspCase.LevelSetOn), nameof(SspCase.LastReviewedOn)];

    private static readonly string[] ActionInputs = [nameof(CaseAction.Status), nameof(CaseAction.DueOn), nameof(CaseAction.CaseId)];

    /// <summary>What one save changes of the rule's inputs, noted before the save (entries are unchanged after it).</summary>
    public sealed class Pending
    {
        /// <summary>Cases that exist already (their rows are locked first on PostgreSQL).</summary>
        public HashSet<int> ExistingCaseIds { get; } = [];

        /// <summary>New cases and new actions: their ids are known after the save.</summary>
        public List<SspCase> NewCases { get; } = [];

        public List<CaseAction> NewActions { get; } = [];

        public HashSet<CaseLevel> Levels { get; } = [];

        public bool IsEmpty => ExistingCaseIds.Count == 0 && NewCases.Count == 0 && NewActions.Count == 0 && Levels.Count == 0;
    }

    /// <summary>Notes the cases and levels whose overdue date this save may change.</summary>
    public static Pending Collect(ChangeTracker tracker)
    {
        var pending = new Pending();
        // Entries() detects changes first, unless the caller switched that off (as the save would).
        foreach (var entry in tracker.Entries())
        {
            switch (entry.Entity)
            {
                case SspCase c when entry.State == EntityState.Added:
                    pending.NewCases.Add(c);
                    break;
                case SspCase c when entry.State == EntityState.Modified && CaseInputs.Any(p => entry.Property(p).IsModified):
                    pending.ExistingCaseIds.Add(c.Id);
                    break;
                case CaseAction a when entry.State == EntityState.Added:
                    pending.NewActions.Add(a);
                    break;
                case CaseAction a when entry.State == EntityState.Deleted
                                       || (entry.State == EntityState.Modified && ActionInputs.Any(p => entry.Property(p).IsModified)):
                    pending.ExistingCaseIds.Add(a.CaseId);
                    pending.ExistingCaseIds.Add((int)entry.Property(nameof(CaseAction.CaseId)).OriginalValue!);
                    break;
                case LevelDeadlineSetting d when entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted:
                    pending.Levels.Add(d.Level);
                    break;
            }
        }

        // A new action on a case that exists: that case's row is locked like the others.
        foreach (var action in pending.NewActions.Where(a => a.CaseId > 0))
        {
            pending.ExistingCaseIds.Add(action.CaseId);
        }

        pending.ExistingCaseIds.RemoveWhere(id => id <= 0);
        return pending;
    }

    /// <summary>
    /// PostgreSQL and SQL Server: takes the rows of the cases this save changes before anything is written, so two saves
    /// of one case (two people adding an action at the same moment) run one after the other and the second reads the
    /// first's action. SQLite needs nothing: the save's transaction holds the database's write lock from its start.
    /// </summary>
    public static async Task LockAsync(SspDbContext db, Pending pending, CancellationToken cancellationToken)
    {
        if (pending.ExistingCaseIds.Count == 0)
        {
            return;
        }

        var ids = pending.ExistingCaseIds.Order().ToArray();
        switch (db.Database.Dialect())
        {
            case SqlDialect.Postgres:
                await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Cases" WHERE "Id" = ANY({ids}) ORDER BY "Id" FOR UPDATE""", cancellationToken);
                break;
            case SqlDialect.SqlServer:
                // An update lock held to the end of the transaction; the ids are integers, so the list is no injection.
                var list = string.Join(",", ids.Select(id => id.ToString(CultureInfo.InvariantCulture)));
#pragma warning disable EF1002 // Integers only.
                await db.Database.ExecuteSqlRawAsync($"""SELECT COUNT(*) FROM "Cases" WITH (UPDLOCK, HOLDLOCK, ROWLOCK) WHERE "Id" IN ({list})""", cancellationToken);
#pragma warning restore EF1002
                break;
        }
    }

    /// <summary>After the save, in its transaction: stores the rule's date on every case noted (and every case of a level whose deadlines changed).</summary>
    public static async Task ApplyAsync(SspDbContext db, Pending pending, CancellationToken cancellationToken)
    {
        if (pending.Levels.Count > 0)
        {
            await RecomputeLevelsAsync(db, pending.Levels, cancellationToken);
        }

        var ids = pending.ExistingCaseIds.Concat(pending.NewCases.Select(c => c.Id)).Concat(pending.NewActions.Select(a => a.CaseId))
            .Where(id => id > 0).Distinct().Order().ToList();
        if (ids.Count == 0)
        {
            return;
        }

        var deadlines = await LevelDeadlines.AllAsync(db, cancellationToken);
        foreach (var chunk in ids.Chunk(500))
        {
            var cases = await db.Cases.AsNoTracking().Where(c => chunk.Contains(c.Id))
                .Select(c => new { c.Id, c.Status, c.Level, c.LevelSetOn, c.LastReviewedOn, c.OverdueFrom }).ToListAsync(cancellationToken);
            var actions = (await db.CaseActions.AsNoTracking().Where(a => chunk.Contains(a.CaseId))
                    .Select(a => new { a.CaseId, a.Status, a.DueOn }).ToListAsync(cancellationToken))
                .ToLookup(a => a.CaseId, a => (a.Status, a.DueOn));
            foreach (var c in cases)
            {
                var from = CaseOverdue.From(c.Status != CaseStatus.Closed, c.LevelSetOn, c.LastReviewedOn, deadlines[c.Level], actions[c.Id]);
                if (from != c.OverdueFrom)
                {
                    // Not through the tracked entity: the case's concurrency stamp stays, so adding an action conflicts with no edit.
                    await db.Cases.Where(x => x.Id == c.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.OverdueFrom, from), cancellationToken);
                }

                Track(db, c.Id, from);
            }
        }
    }

    /// <summary>A tracked case shows the stored value, without counting as changed.</summary>
    private static void Track(SspDbContext db, int id, DateOnly? from)
    {
        foreach (var entry in db.ChangeTracker.Entries<SspCase>().Where(e => e.Entity.Id == id && e.State != EntityState.Deleted).ToList())
        {
            var property = entry.Property(c => c.OverdueFrom);
            var wasModified = property.IsModified;
            property.CurrentValue = from;
            property.OriginalValue = from;
            property.IsModified = wasModified && entry.State == EntityState.Modified;
        }
    }

    /// <summary>A level's deadlines changed: every case of the level gets its date again, in one statement.</summary>
    private static async Task RecomputeLevelsAsync(SspDbContext db, IReadOnlyCollection<CaseLevel> levels, CancellationToken cancellationToken)
    {
        var list = string.Join(", ", levels.Select(l => ((int)l).ToString(CultureInfo.InvariantCulture)));
#pragma warning disable EF1002 // Built from enum values and constants only, no input.
        await db.Database.ExecuteSqlRawAsync(RecomputeSql(db.Database.Dialect(), $"\"Level\" IN ({list})"), cancellationToken);
#pragma warning restore EF1002
    }

    /// <summary>
    /// <see cref="CaseOverdue.From"/> written as one UPDATE over the cases that match <paramref name="where"/> (a condition
    /// on "Cases"), for each database: the migration that adds the column fills it with this, and a level's
    /// changed deadlines use it. <c>OverdueDateTests</c> holds it to the C# rule. A level with no stored deadlines has
    /// the placeholders, as <see cref="LevelDeadlines.AllAsync"/> gives them.
    /// </summary>
    public static string RecomputeSql(SqlDialect dialect, string where)
    {
        string Days(string column, Func<LevelDeadline, int> placeholder) =>
            $"""COALESCE((SELECT d."{column}" FROM "LevelDeadlines" d WHERE d."Level" = "Cases"."Level"), CASE "Cases"."Level" """
            + string.Concat(DeadlineRules.Placeholders.Select(p => string.Create(CultureInfo.InvariantCulture, $"WHEN {(int)p.Level} THEN {placeholder(p)} ")))
            + "END)";
        var reviewDays = Days(nameof(LevelDeadlineSetting.ReviewDays), p => p.ReviewDays);
        var firstActionDays = Days(nameof(LevelDeadlineSetting.FirstActionDays), p => p.FirstActionDays);
        var closed = ((int)CaseStatus.Closed).ToString(CultureInfo.InvariantCulture);
        var planned = ((int)ActionStatus.Planned).ToString(CultureInfo.InvariantCulture);
        const string noFirstAction = """NOT EXISTS (SELECT 1 FROM "CaseActions" a WHERE a."CaseId" = "Cases"."Id" AND a."DueOn" >= "Cases"."LevelSetOn")""";
        var earliestPlanned = $"""(SELECT MIN(a."DueOn") FROM "CaseActions" a WHERE a."CaseId" = "Cases"."Id" AND a."Status" = {planned})""";
        if (dialect == SqlDialect.SqlServer)
        {
            // LEAST (SQL Server 2022) passes over NULLs like PostgreSQL's; DATEADD adds days to a date.
            return $"""
                UPDATE "Cases" SET "OverdueFrom" = CASE WHEN "Status" = {closed} THEN NULL ELSE DATEADD(day, 1, LEAST(
                    DATEADD(day, {reviewDays}, COALESCE("LastReviewedOn", "LevelSetOn")),
                    CASE WHEN {noFirstAction} THEN DATEADD(day, {firstActionDays}, "LevelSetOn") END,
                    {earliestPlanned})) END
                WHERE {where}
                """;
        }

        if (dialect == SqlDialect.Postgres)
        {
            // LEAST passes over NULLs; date + integer is a date.
            return $"""
                UPDATE "Cases" SET "OverdueFrom" = CASE WHEN "Status" = {closed} THEN NULL ELSE LEAST(
                    COALESCE("LastReviewedOn", "LevelSetOn") + {reviewDays},
                    CASE WHEN {noFirstAction} THEN "LevelSetOn" + {firstActionDays} END,
                    {earliestPlanned}) + 1 END
                WHERE {where}
                """;
        }

        // SQLite keeps a date as its 'yyyy-MM-dd' text: date() adds days, and text order is date order. Its min() of
        // several values is NULL when one is, hence the far date for "no such deadline".
        return $"""
            UPDATE "Cases" SET "OverdueFrom" = CASE WHEN "Status" = {closed} THEN NULL ELSE date(min(
                date(COALESCE("LastReviewedOn", "LevelSetOn"), '+' || {reviewDays} || ' days'),
                COALESCE(CASE WHEN {noFirstAction} THEN date("LevelSetOn", '+' || {firstActionDays} || ' days') END, '9999-12-31'),
                COALESCE({earliestPlanned}, '9999-12-31')), '+1 day') END
            WHERE {where}
            """;
    }
}
