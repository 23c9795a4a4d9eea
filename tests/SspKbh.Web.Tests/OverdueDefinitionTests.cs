using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Cases;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Features.Meetings;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// Issue 16 #4: the ledergruppe's board said "0 actions past deadline" for a case the list marked overdue, because the
/// board knew only the actions and the review. One definition (CaseOverdue) now serves the case page, the list's flag
/// and the board, and the list's "overdue only" filter (SQL) finds exactly the cases it flags.
/// </summary>
public abstract class OverdueDefinitionTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private const string Leader = "leder@sspkbh.dk";
    private const string Secretary = "sekretaer@sspkbh.dk";
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_missing_first_action_is_overdue_alike_on_the_case_page_in_the_list_and_on_the_leader_board()
    {
        // Level 3, raised ten days ago (first action due after 7 days, review after 30), and no action at all.
        var (caseId, actionId) = await App.NewCaseAsync("Amager Øst", CaseLevel.RepeatedSeriousCrime);
        string caseNumber;
        await using (var db = App.CreateDbContext())
        {
            // Through the context (not a bulk delete past it), so the case's stored overdue day follows as in the app (ADR 0040).
            db.CaseActions.Remove(await db.CaseActions.SingleAsync(a => a.Id == actionId));
            await db.SaveChangesAsync();
            caseNumber = await db.Cases.Where(c => c.Id == caseId).Select(c => c.CaseNumber).SingleAsync();
        }

        var (_, view) = await App.AsUserAsync<CaseService, (LookupOutcome, CaseView?)>(Secretary, (s, u) => s.GetAsync(caseId, u, None));
        Assert.True(view!.FirstActionOverdue);
        Assert.False(view.ReviewOverdue);

        // The list's rows as the leader sees them (every case she may see; the export reads them the way a page does).
        var listed = await App.AsUserAsync<CaseListQuery, IReadOnlyList<CaseRow>>(Leader, (s, u) => s.ExportAsync(new CaseFilter(), u, None));
        Assert.True(Assert.Single(listed, r => r.Id == caseId).Overdue);

        var leaderGroup = await LeaderGroupIdAsync();
        var (outcome, board) = await App.AsUserAsync<LeaderBoardService, (LookupOutcome, LeaderBoard?)>(Leader, (s, u) => s.BoardAsync(leaderGroup, u, None));
        Assert.Equal(LookupOutcome.Found, outcome);
        var row = Assert.Single(board!.Cases, c => c.Id == caseId);
        Assert.True(row.Overdue.FirstActionOverdue);
        Assert.Equal(0, row.Overdue.OverdueActions);
        Assert.True(row.Overdue.Any);

        // The board page shows it, next to the count of actions past their deadline.
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(Leader);
        var page = await browser.GetAsync($"/moeder/ledergrupper/{leaderGroup}");
        var shown = page.Document.QuerySelectorAll("[data-testid='board-row']").Single(r => r.GetAttribute("data-case") == caseNumber);
        Assert.NotNull(shown.QuerySelector("[data-testid='first-action-overdue']"));
        Assert.Equal("0", Page.Normalize(shown.QuerySelector("[data-testid='overdue-actions']")!.TextContent));
    }

    [Fact]
    public async Task Every_case_on_the_board_is_overdue_on_the_board_exactly_when_the_list_flags_it_and_the_overdue_filter_finds_it()
    {
        await App.NewCaseAsync("Amager Øst", CaseLevel.CrimeDangerousToPersons);
        var leaderGroup = await LeaderGroupIdAsync();
        var (_, board) = await App.AsUserAsync<LeaderBoardService, (LookupOutcome, LeaderBoard?)>(Leader, (s, u) => s.BoardAsync(leaderGroup, u, None));
        Assert.NotEmpty(board!.Cases);
        var all = await App.AsUserAsync<CaseListQuery, IReadOnlyList<CaseRow>>(Leader, (s, u) => s.ExportAsync(new CaseFilter(), u, None));
        var overdueOnly = await App.AsUserAsync<CaseListQuery, IReadOnlyList<CaseRow>>(Leader, (s, u) => s.ExportAsync(new CaseFilter { OverdueOnly = true }, u, None));
        foreach (var boardCase in board.Cases)
        {
            var row = Assert.Single(all, r => r.Id == boardCase.Id);
            Assert.True(row.Overdue == boardCase.Overdue.Any, $"{boardCase.CaseNumber}: list {row.Overdue}, board {boardCase.Overdue}");
            Assert.True(overdueOnly.Any(r => r.Id == boardCase.Id) == boardCase.Overdue.Any, $"{boardCase.CaseNumber}: the overdue filter disagrees with {boardCase.Overdue}");
        }
    }

    private async Task<int> LeaderGroupIdAsync()
    {
        await using var db = App.CreateDbContext();
        return await db.Groups.Where(g => g.Name == "SSP-ledergruppe Amager").Select(g => g.Id).SingleAsync();
    }
}

public sealed class OverdueDefinitionTestsSqlite(SqliteApp fixture) : OverdueDefinitionTests(fixture), IClassFixture<SqliteApp>;

public sealed class OverdueDefinitionTestsPostgres(PostgresApp fixture) : OverdueDefinitionTests(fixture), IClassFixture<PostgresApp>;
