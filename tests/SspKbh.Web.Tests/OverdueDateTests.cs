using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Cases;
using SspKbh.Web.Data;
using SspKbh.Web.Features.Admin.Deadlines;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Features.Home;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// Issue 15 #3, ADR 0040: every case stores the day from which it counts as overdue (<see cref="SspCase.OverdueFrom"/>), and
/// the home page counts the overdue cases from it. The stored day must be what the one definition
/// (<see cref="CaseOverdue.From"/>) says, computed from scratch, after every kind of change to its inputs; and the home
/// page's count must be the number of cases the case list marks overdue (the list's marker still applies the rule to each row).
/// </summary>
public abstract class OverdueDateTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private const string Secretary = "sekretaer@sspkbh.dk";
    private const string Leader = "leder@sspkbh.dk";
    private const string Admin = "admin@sspkbh.dk";
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task After_every_kind_of_change_the_stored_day_is_what_the_rule_computes_from_scratch()
    {
        var cases = new List<int>
        {
            (await App.NewCaseAsync("Amager Øst")).CaseId,
            (await App.NewCaseAsync("Amager Øst", CaseLevel.FirstTimeCrime)).CaseId,
            (await App.NewCaseAsync("Amager Øst", CaseLevel.RepeatedSeriousCrime)).CaseId,
        };
        await AssertStoredDaysAsync(cases, "the new cases");

        var random = new Random(15);
        var kinds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var step = 0; step < 60; step++)
        {
            // Days pass between the changes, so the levels, reviews and actions get dates of their own.
            App.Clock.Advance(TimeSpan.FromDays(random.Next(0, 12)));
            // Each kind of change once on the level 1–2 cases first, then at random.
            var caseId = step < 13 ? cases[step % 2] : cases[random.Next(cases.Count)];
            var kind = await ChangeAsync(caseId, random, step < 13 ? step : random.Next(13));
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
            await AssertStoredDaysAsync(cases, $"step {step}: {kind} on case {caseId}");
        }

        // Every kind of change was made (and saved) at least once.
        foreach (var kind in new[] { "action added", "action done", "action cancelled", "action re-dated", "action removed", "reviewed", "leader flag", "level set", "closed", "reopened", "deadlines changed" })
        {
            Assert.True(kinds.GetValueOrDefault(kind) > 0, $"'{kind}' never happened: {string.Join(", ", kinds.Select(k => $"{k.Key}={k.Value}"))}");
        }

        await AssertHomeCountIsTheListsAsync(Secretary);
        await AssertHomeCountIsTheListsAsync(Leader);
    }

    [Fact]
    public async Task A_levels_deadlines_changed_by_the_administrator_move_the_day_of_every_case_at_that_level()
    {
        var (caseId, actionId) = await App.NewCaseAsync("Amager Øst", CaseLevel.FirstTimeCrime);
        DateOnly levelSet, actionDue;
        await using (var db = App.CreateDbContext())
        {
            levelSet = await db.Cases.Where(c => c.Id == caseId).Select(c => c.LevelSetOn).SingleAsync();
            actionDue = await db.CaseActions.Where(a => a.Id == actionId).Select(a => a.DueOn).SingleAsync();
        }

        var review = await SetReviewDaysAsync(CaseLevel.FirstTimeCrime, 90);
        await using (var db = App.CreateDbContext())
        {
            // Raised ten days ago with an action due in five (which meets the first action): the action decides.
            Assert.Equal(actionDue.AddDays(1), await StoredAsync(db, caseId));
        }

        await SetReviewDaysAsync(CaseLevel.FirstTimeCrime, 2);
        await using (var db = App.CreateDbContext())
        {
            // Now the review was due two days after the level was set: overdue from the day after.
            Assert.Equal(levelSet.AddDays(3), await StoredAsync(db, caseId));
        }

        await AssertStoredDaysAsync(await AllCaseIdsAsync(), "after the administrator changed a level's deadlines");
        await AssertHomeCountIsTheListsAsync(Secretary);

        await SetReviewDaysAsync(CaseLevel.FirstTimeCrime, review);
        await AssertStoredDaysAsync(await AllCaseIdsAsync(), "after the administrator changed them back");
    }

    [Fact]
    public async Task Actions_added_to_one_case_at_the_same_moment_all_count_in_its_stored_day()
    {
        // Each save reads the case's actions after its own insert: without the case's row locked first (PostgreSQL), two
        // saves at once could each miss the other's action and the later write would keep a day that ignores one of them.
        var (caseId, _) = await App.NewCaseAsync("Amager Øst", CaseLevel.FirstTimeCrime);
        int buf;
        DateOnly levelSet;
        await using (var db = App.CreateDbContext())
        {
            buf = await db.Parties.Where(p => p.Code == "BUF").Select(p => p.Id).SingleAsync();
            levelSet = await db.Cases.Where(c => c.Id == caseId).Select(c => c.LevelSetOn).SingleAsync();
        }

        // Each action due a day before the one before it (none before the case was raised), all before anything else on the case.
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => App.WorkAsync(Secretary, (w, u) => w.AddActionAsync(caseId,
            new ActionInput { What = $"Opgave {i}", OwnerName = "Klasselæreren", OwnerPartyId = buf, DueOn = levelSet.AddDays(7 - i) }, u, None)))));
        Assert.All(results, r => Assert.True(r.Succeeded));
        await AssertStoredDaysAsync([caseId], "eight actions added at once");
        await using (var db = App.CreateDbContext())
        {
            Assert.Equal(levelSet.AddDays(1), await StoredAsync(db, caseId));
        }
    }

    /// <summary>Saves a level's review days through the administrator's form; returns what they were.</summary>
    private async Task<int> SetReviewDaysAsync(CaseLevel level, int days)
    {
        var form = await App.AsUserAsync<DeadlineAdministration, DeadlinesInput?>(Admin, (s, u) => s.LoadAsync(u, None));
        var row = form!.Rows.Single(r => r.Level == level);
        var was = row.ReviewDays!.Value;
        row.ReviewDays = days;
        Assert.True((await App.AsUserAsync<DeadlineAdministration, ServiceResult>(Admin, (s, u) => s.SaveAsync(form, u, None))).Succeeded);
        return was;
    }

    [Fact]
    public async Task The_migrations_sql_fills_every_case_with_the_day_the_rule_computes()
    {
        // Cases of every level and status (the demo data and a few of our own), one level's deadlines changed and one
        // level with no stored deadlines at all (the placeholders apply).
        await App.NewCaseAsync("Amager Øst", CaseLevel.CrimeDangerousToPersons);
        var (closedCase, _) = await App.NewCaseAsync("Amager Øst");
        var closeStamp = await StampAsync(closedCase);
        var closed = await App.WorkAsync(Secretary, (w, u) => w.ChangeStatusAsync(closedCase,
            new StatusInput { Status = CaseStatus.Closed, CloseReason = CloseReason.ConcernResolved, ConcurrencyStamp = closeStamp }, u, None));
        Assert.True(closed.Succeeded);
        await using (var db = App.CreateDbContext())
        {
            var worrying = await db.LevelDeadlines.SingleAsync(d => d.Level == CaseLevel.WorryingBehaviour);
            worrying.FirstActionDays = 4;
            worrying.ReviewDays = 11;
            db.LevelDeadlines.Remove(await db.LevelDeadlines.SingleAsync(d => d.Level == CaseLevel.RepeatedSeriousCrime));
            await db.SaveChangesAsync();
        }

        var all = await AllCaseIdsAsync();
        await AssertStoredDaysAsync(all, "kept by the saves");
        await using (var db = App.CreateDbContext())
        {
            await db.Cases.ExecuteUpdateAsync(s => s.SetProperty(c => c.OverdueFrom, DateOnly.MinValue));
#pragma warning disable EF1002 // The migration's own SQL, built from constants.
            await db.Database.ExecuteSqlRawAsync(OverdueDates.RecomputeSql(db.Database.Dialect(), "1 = 1"));
#pragma warning restore EF1002
        }

        await AssertStoredDaysAsync(all, "filled by the migration's SQL");
        await using (var db = App.CreateDbContext())
        {
            Assert.Null(await StoredAsync(db, closedCase));
            db.LevelDeadlines.AddRange(DeadlineRules.Placeholders.Where(p => p.Level == CaseLevel.RepeatedSeriousCrime)
                .Select(p => new LevelDeadlineSetting { Level = p.Level, FirstActionDays = p.FirstActionDays, ReviewDays = p.ReviewDays }));
            var worrying = await db.LevelDeadlines.SingleAsync(d => d.Level == CaseLevel.WorryingBehaviour);
            var placeholder = DeadlineRules.Placeholders.Single(p => p.Level == CaseLevel.WorryingBehaviour);
            (worrying.FirstActionDays, worrying.ReviewDays) = (placeholder.FirstActionDays, placeholder.ReviewDays);
            await db.SaveChangesAsync();
        }

        await AssertStoredDaysAsync(all, "with the deadlines back");
    }

    /// <summary>One change of a random kind, made as the app makes it; returns what it was ("… refused" when the service said no).</summary>
    private async Task<string> ChangeAsync(int caseId, Random random, int choice)
    {
        var today = DanishTime.Today(App.Clock);
        int buf;
        string secretaryId;
        List<(int Id, string Stamp)> planned;
        await using (var db = App.CreateDbContext())
        {
            buf = await db.Parties.Where(p => p.Code == "BUF").Select(p => p.Id).SingleAsync();
            secretaryId = await db.Users.Where(u => u.Email == Secretary).Select(u => u.Id).SingleAsync();
            planned = (await db.CaseActions.Where(a => a.CaseId == caseId && a.Status == ActionStatus.Planned).OrderBy(a => a.Id)
                .Select(a => new { a.Id, a.ConcurrencyStamp }).ToListAsync()).Select(a => (a.Id, a.ConcurrencyStamp)).ToList();
        }

        var stamp = await StampAsync(caseId);
        switch (choice)
        {
            case 0 or 1 or 2:
                return Outcome("action added", await App.WorkAsync(Secretary, (w, u) => w.AddActionAsync(caseId,
                    new ActionInput { What = "Samtale med mor", OwnerName = "Klasselæreren", OwnerPartyId = buf, DueOn = today.AddDays(random.Next(-30, 40)) }, u, None)));
            case 3 or 4 when planned.Count > 0:
                var done = planned[random.Next(planned.Count)];
                var cancel = choice == 4;
                return Outcome(cancel ? "action cancelled" : "action done", await App.WorkAsync(Secretary,
                    (w, u) => w.CompleteActionAsync(caseId, done.Id, cancel ? ActionStatus.Cancelled : ActionStatus.Done, done.Stamp, u, None)));
            case 5 when planned.Count > 0:
            {
                // No page moves an action's deadline today; a save that does goes through the context like any other.
                var redated = planned[random.Next(planned.Count)].Id;
                await using var db = App.CreateDbContext();
                var action = await db.CaseActions.SingleAsync(a => a.Id == redated);
                action.DueOn = action.DueOn.AddDays(random.Next(-20, 20));
                await db.SaveChangesAsync();
                return "action re-dated";
            }

            case 6 when planned.Count > 0:
            {
                var removed = planned[0].Id;
                await using var db = App.CreateDbContext();
                db.CaseActions.Remove(await db.CaseActions.SingleAsync(a => a.Id == removed));
                await db.SaveChangesAsync();
                return "action removed";
            }

            case 7:
                return Outcome("reviewed", await App.WorkAsync(Secretary, (w, u) => w.MarkReviewedAsync(caseId, stamp, u, None)));
            case 8:
                return Outcome("leader flag", await App.WorkAsync(Secretary, (w, u) => w.SetLeaderGroupFlagAsync(caseId, false, stamp, u, None)));
            case 9:
            {
                var level = await LevelAsync(caseId);
                if (level.RequiresLevelForm())
                {
                    return "level set refused";
                }

                var to = level == CaseLevel.WorryingBehaviour ? CaseLevel.FirstTimeCrime : CaseLevel.WorryingBehaviour;
                return Outcome("level set", await App.WorkAsync(Secretary, (w, u) => w.ChangeLevelAsync(caseId,
                    new LevelChangeInput { Level = to, Reason = "Ny vurdering", LeadUserId = secretaryId, ConcurrencyStamp = stamp }, u, None)));
            }

            case 10:
                return Outcome("closed", await App.WorkAsync(Secretary, (w, u) => w.ChangeStatusAsync(caseId,
                    new StatusInput { Status = CaseStatus.Closed, CloseReason = CloseReason.ConcernResolved, ConcurrencyStamp = stamp }, u, None)));
            case 11:
                return Outcome("reopened", await App.WorkAsync(Secretary, (w, u) => w.ChangeStatusAsync(caseId,
                    new StatusInput { Status = CaseStatus.Open, Reason = "Ny bekymring", ConcurrencyStamp = stamp }, u, None)));
            case 12:
            {
                var form = await App.AsUserAsync<DeadlineAdministration, DeadlinesInput?>(Admin, (s, u) => s.LoadAsync(u, None));
                var row = form!.Rows[random.Next(form.Rows.Count)];
                row.FirstActionDays = random.Next(1, 40);
                row.ReviewDays = random.Next(1, 90);
                var saved = await App.AsUserAsync<DeadlineAdministration, ServiceResult>(Admin, (s, u) => s.SaveAsync(form, u, None));
                return saved.Succeeded ? "deadlines changed" : "deadlines changed refused";
            }

            default:
                return Outcome("action added", await App.WorkAsync(Secretary, (w, u) => w.AddActionAsync(caseId,
                    new ActionInput { What = "Hjemmebesøg", OwnerName = "Klubmedarbejderen", OwnerPartyId = buf, DueOn = today.AddDays(random.Next(-5, 10)) }, u, None)));
        }
    }

    private static string Outcome(string kind, WorkResult result) => result.Succeeded ? kind : kind + " refused";

    /// <summary>The stored day of each case equals <see cref="CaseOverdue.From"/> over what the database holds now, and says "overdue" exactly when the rule does.</summary>
    private async Task AssertStoredDaysAsync(IReadOnlyCollection<int> caseIds, string after)
    {
        await using var db = App.CreateDbContext();
        var deadlines = await LevelDeadlines.AllAsync(db, None);
        var cases = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id)).ToListAsync();
        var actions = (await db.CaseActions.AsNoTracking().Where(a => caseIds.Contains(a.CaseId)).ToListAsync()).ToLookup(a => a.CaseId, a => (a.Status, a.DueOn));
        var today = DanishTime.Today(App.Clock);
        Assert.Equal(caseIds.Count, cases.Count);
        foreach (var c in cases)
        {
            var open = c.Status != CaseStatus.Closed;
            var expected = CaseOverdue.From(open, c.LevelSetOn, c.LastReviewedOn, deadlines[c.Level], actions[c.Id]);
            Assert.True(expected == c.OverdueFrom, $"After {after}: case {c.Id} stores {c.OverdueFrom}, the rule says {expected}.");
            foreach (var day in new[] { today.AddDays(-30), today.AddDays(-1), today, today.AddDays(1), today.AddDays(30) })
            {
                Assert.Equal(CaseOverdue.For(open, c.LevelSetOn, c.LastReviewedOn, deadlines[c.Level], actions[c.Id], day).Any, c.OverdueFrom <= day);
            }
        }
    }

    /// <summary>The home page's count is the number of rows the case list marks overdue, and its "overdue only" filter finds exactly those.</summary>
    private async Task AssertHomeCountIsTheListsAsync(string email)
    {
        var home = await App.AsUserAsync<HomeDashboard, HomeView>(email, (s, u) => s.LoadAsync(u, None));
        var rows = await App.AsUserAsync<CaseListQuery, IReadOnlyList<CaseRow>>(email, (s, u) => s.ExportAsync(new CaseFilter(), u, None));
        var overdueOnly = await App.AsUserAsync<CaseListQuery, IReadOnlyList<CaseRow>>(email, (s, u) => s.ExportAsync(new CaseFilter { OverdueOnly = true }, u, None));
        var marked = rows.Where(r => r.Overdue).Select(r => r.Id).Order().ToList();
        Assert.NotEmpty(marked);
        Assert.Equal(marked.Count, home.OverdueCases);
        Assert.Equal(marked, overdueOnly.Select(r => r.Id).Order().ToList());
    }

    private async Task<string> StampAsync(int caseId)
    {
        await using var db = App.CreateDbContext();
        return await db.Cases.Where(c => c.Id == caseId).Select(c => c.ConcurrencyStamp).SingleAsync();
    }

    private async Task<CaseLevel> LevelAsync(int caseId)
    {
        await using var db = App.CreateDbContext();
        return await db.Cases.Where(c => c.Id == caseId).Select(c => c.Level).SingleAsync();
    }

    private async Task<List<int>> AllCaseIdsAsync()
    {
        await using var db = App.CreateDbContext();
        return await db.Cases.Select(c => c.Id).ToListAsync();
    }

    private static Task<DateOnly?> StoredAsync(SspDbContext db, int caseId) =>
        db.Cases.Where(c => c.Id == caseId).Select(c => c.OverdueFrom).SingleAsync();
}

public sealed class OverdueDateTestsSqlite(SqliteApp fixture) : OverdueDateTests(fixture), IClassFixture<SqliteApp>;

public sealed class OverdueDateTestsPostgres(PostgresApp fixture) : OverdueDateTests(fixture), IClassFixture<PostgresApp>;
