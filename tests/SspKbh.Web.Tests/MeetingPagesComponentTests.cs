using System.Globalization;
using Bunit;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain;
using SspKbh.Domain.Meetings;
using SspKbh.Web.Audit;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Features.Meetings;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The interactive meeting overview pages in bUnit over the real app and a real database: "Mine møder"
/// (<see cref="MyMeetings"/>), a group's meetings with the new-meeting form and the plan (<see cref="GroupMeetingsPage"/>), and the
/// ledergruppe board (<see cref="LeaderBoardPage"/>) whose sort and filter live in the address. The prerendered HTML, status
/// codes per role and the audit of a board view are covered over HTTP by <see cref="MeetingTests"/> and <see cref="OverdueDefinitionTests"/>.
/// </summary>
public abstract class MeetingPagesComponentTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private const string Secretary = "sekretaer@sspkbh.dk";
    private const string Member = "myndighed@sspkbh.dk";
    private const string Leader = "leder@sspkbh.dk";
    private const string NonAuthority = "ikke-myndighed@sspkbh.dk";
    private const string Admin = "admin@sspkbh.dk";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static string Text<T>(IRenderedComponent<T> cut, string testId) where T : Microsoft.AspNetCore.Components.IComponent =>
        cut.FindAll($"[data-testid='{testId}']") is { Count: > 0 } found ? Page.Normalize(found[0].TextContent) : "";

    /// <summary>The group page at its address, with the route's group id as the router gives it.</summary>
    private static IRenderedComponent<GroupMeetingsPage> GroupPage(ComponentHost host, int groupId)
    {
        host.Navigation.NavigateTo($"/moeder/grupper/{groupId}");
        return host.RenderPage<GroupMeetingsPage>(p => p.Add(x => x.GroupId, groupId));
    }

    /// <summary>The board at <paramref name="url"/> (its address may carry a view), with the route's group id.</summary>
    private static IRenderedComponent<LeaderBoardPage> Board(ComponentHost host, int groupId, string url)
    {
        host.Navigation.NavigateTo(url);
        return host.RenderPage<LeaderBoardPage>(p => p.Add(x => x.LeaderGroupId, groupId));
    }

    private async Task<int> GroupIdAsync(string name)
    {
        await using var db = App.CreateDbContext();
        return await db.Groups.Where(g => g.Name == name).Select(g => g.Id).SingleAsync();
    }

    [Fact]
    public async Task My_meetings_lists_the_groups_to_plan_the_boards_and_the_meetings_each_user_may_open()
    {
        await using (var host = await ComponentHost.ForAsync(App, Secretary))
        {
            var cut = host.RenderAt<MyMeetings>("/moeder");
            cut.WaitForAssertion(() => Assert.Contains("Koordinationsgruppe Amager Øst", Text(cut, "plannable-groups"), StringComparison.Ordinal), Wait);
            var groupLink = cut.Find("[data-testid='plannable-groups'] a");
            Assert.Equal($"/moeder/grupper/{await GroupIdAsync("Koordinationsgruppe Amager Øst")}", groupLink.GetAttribute("href"));
            // The demo meeting (in three days) is upcoming; its link leads to the (static) meeting page.
            Assert.Contains(cut.FindAll("[data-testid='upcoming-meetings'] [data-testid='meeting-row'] a"), a => a.GetAttribute("href")!.StartsWith("/moeder/", StringComparison.Ordinal));
            Assert.Empty(cut.FindAll("[data-testid='leader-boards']"));
        }

        await using (var host = await ComponentHost.ForAsync(App, Leader))
        {
            var cut = host.RenderAt<MyMeetings>("/moeder");
            cut.WaitForAssertion(() => Assert.Contains(Texts.LeaderBoard_Title, Text(cut, "leader-boards"), StringComparison.Ordinal), Wait);
            Assert.Equal($"/moeder/ledergrupper/{await GroupIdAsync("SSP-ledergruppe Amager")}", cut.Find("[data-testid='leader-boards'] a").GetAttribute("href"));
        }

        // The guest without authority status plans nothing and sees only meetings she is invited to, with no personal data.
        await using (var host = await ComponentHost.ForAsync(App, NonAuthority))
        {
            var cut = host.RenderAt<MyMeetings>("/moeder");
            cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid='upcoming-meetings'] [data-testid='meeting-row']")), Wait);
            Assert.Empty(cut.FindAll("[data-testid='plannable-groups']"));
            Assert.Empty(cut.FindAll("[data-testid='leader-boards']"));
            await using var db = App.CreateDbContext();
            var names = await db.YoungPersons.Select(p => p.FullName).ToListAsync();
            Assert.DoesNotContain(names, n => cut.Markup.Contains(n, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_secretary_creates_a_meeting_on_the_proposed_working_day_and_a_date_in_the_past_gets_its_message_beside_the_field()
    {
        var groupId = await GroupIdAsync("Koordinationsgruppe Amager Øst");
        await using var host = await ComponentHost.ForAsync(App, Secretary);
        var cut = GroupPage(host, groupId);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#date")), Wait);

        // The date proposed is the group plan's next date, never on a weekend or a public holiday (issue 16 #11).
        var (_, view) = await App.AsUserAsync<MeetingService, (LookupOutcome, GroupMeetings?)>(Secretary, (s, u) => s.GroupAsync(groupId, u, CancellationToken.None));
        var proposed = DateOnly.ParseExact(cut.Find("#date").GetAttribute("value")!, "dd.MM.yyyy", CultureInfo.InvariantCulture);
        Assert.Equal(view!.NextDate, proposed);
        Assert.True(DanishCalendar.IsWorkingDay(proposed), $"{proposed} is not a working day");
        Assert.True(proposed >= view.Today);

        // Yesterday and no place: the messages stand beside the fields, nothing is saved, the page lives on.
        var before = await App.CreateDbContext().Meetings.CountAsync(m => m.GroupId == groupId);
        cut.Find("#date").Change(view.Today.AddDays(-1).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture));
        cut.Find("#place").Input("");
        await cut.InvokeAsync(() => cut.Find("[data-testid='create-meeting']").Click());
        cut.WaitForAssertion(() =>
        {
            Assert.Equal(Texts.Error_MeetingDateInPast, Page.Normalize(cut.Find("#date-error").TextContent));
            Assert.Equal(Texts.Error_MeetingPlaceRequired, Page.Normalize(cut.Find("#place-error").TextContent));
        }, Wait);
        Assert.Contains(Texts.Error_MeetingDateInPast, Text(cut, "error-summary"), StringComparison.Ordinal);
        Assert.Equal(before, await App.CreateDbContext().Meetings.CountAsync(m => m.GroupId == groupId));
        Assert.Empty(cut.FindAll("[data-testid='circuit-error']"));
        Assert.Equal($"moeder/grupper/{groupId}", host.RelativeUri);

        // A working day ahead, a time and a place: the meeting is created and the (static) meeting page is loaded.
        var date = DanishCalendar.OnOrAfterWorkingDay(view.Today.AddDays(40));
        cut.Find("#date").Change(date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture));
        cut.Find("#starttime").Change("09:30");
        cut.Find("#place").Input("Sundby Skole, lokale 2");
        await cut.InvokeAsync(() => cut.Find("[data-testid='create-meeting']").Click());
        host.WaitForAddress(a => Assert.Matches(@"^moeder/\d+\?gemt=1$", a), Wait);
        var id = int.Parse(host.RelativeUri["moeder/".Length..].Split('?')[0], CultureInfo.InvariantCulture);
        await using var db = App.CreateDbContext();
        var meeting = await db.Meetings.Include(m => m.Items).SingleAsync(m => m.Id == id);
        Assert.Equal((groupId, date, new TimeOnly(9, 30), "Sundby Skole, lokale 2"), (meeting.GroupId, meeting.Date, meeting.StartTime, meeting.Place));
        Assert.Equal(3, meeting.Items.Count(i => i.Part == AgendaPart.General));
        Assert.Contains(await App.AuditEntriesAsync(), e => e.Action == AuditActions.MeetingCreated && e.SubjectId == id.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_plan_is_saved_with_a_message_saying_so_bad_input_is_refused_beside_the_field_and_a_stale_plan_offers_the_newest()
    {
        // The ledergruppe's plan, as its chair: the other tests here plan nothing for it.
        var groupId = await GroupIdAsync("SSP-ledergruppe Amager");
        await using var host = await ComponentHost.ForAsync(App, Leader);
        var cut = GroupPage(host, groupId);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#interval")), Wait);

        cut.Find("#interval").Change("400");
        await cut.InvokeAsync(() => cut.Find("[data-testid='save-series']").Click());
        cut.WaitForAssertion(() => Assert.Equal(Texts.Meeting_Validation_IntervalRange, Page.Normalize(cut.Find("#interval-error").TextContent)), Wait);
        Assert.DoesNotContain(host.Snackbars.ShownSnackbars, s => s.Message == Texts.Meeting_SeriesSaved);

        cut.Find("#interval").Change("21");
        cut.Find("#defaultplace").Input("Rådhuset, lokale 12");
        await cut.InvokeAsync(() => cut.Find("[data-testid='save-series']").Click());
        cut.WaitForAssertion(() => Assert.Contains(host.Snackbars.ShownSnackbars, s => s.Message == Texts.Meeting_SeriesSaved), Wait);
        await using (var db = App.CreateDbContext())
        {
            var series = await db.MeetingSeries.SingleAsync(s => s.GroupId == groupId);
            Assert.Equal((21, "Rådhuset, lokale 12"), (series.IntervalDays, series.DefaultPlace));

            // Someone else saves the plan meanwhile: this page's save is refused with a way to the newest version.
            series.IntervalDays = 28;
            series.ConcurrencyStamp = Guid.NewGuid().ToString("N");
            await db.SaveChangesAsync();
        }

        cut.Find("#interval").Change("14");
        await cut.InvokeAsync(() => cut.Find("[data-testid='save-series']").Click());
        cut.WaitForAssertion(() => Assert.Contains(Texts.Concurrency_Conflict, Text(cut, "error-summary"), StringComparison.Ordinal), Wait);
        Assert.Equal(28, (await App.CreateDbContext().MeetingSeries.SingleAsync(s => s.GroupId == groupId)).IntervalDays);
        await cut.InvokeAsync(() => cut.Find("[data-testid='reload-latest']").Click());
        cut.WaitForAssertion(() => Assert.Equal("28", cut.Find("#interval").GetAttribute("value")), Wait);
        Assert.Empty(cut.FindAll("[data-testid='error-summary']"));
    }

    [Fact]
    public async Task A_member_sees_the_meetings_without_the_forms_and_someone_outside_the_group_gets_the_danish_refusal()
    {
        var groupId = await GroupIdAsync("Koordinationsgruppe Amager Øst");
        await using (var host = await ComponentHost.ForAsync(App, Member))
        {
            var cut = GroupPage(host, groupId);
            cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid='group-meetings'] [data-testid='meeting-row']")), Wait);
            Assert.Empty(cut.FindAll("[data-testid='create-meeting']"));
            Assert.Empty(cut.FindAll("[data-testid='save-series']"));
        }

        await using (var host = await ComponentHost.ForAsync(App, Admin))
        {
            var cut = GroupPage(host, groupId);
            cut.WaitForAssertion(() => Assert.Equal(Texts.Forbidden_Title, Text(cut, "status-heading")), Wait);
            Assert.Empty(cut.FindAll("[data-testid='group-meetings']"));
        }

        await using (var host = await ComponentHost.ForAsync(App, Leader))
        {
            var cut = Board(host, groupId, $"/moeder/ledergrupper/{groupId}");
            cut.WaitForAssertion(() => Assert.Equal(Texts.NotFound_Title, Text(cut, "status-heading")), Wait);
        }
    }

    [Fact]
    public async Task The_board_sorts_and_filters_by_the_address_and_coming_back_from_a_case_shows_the_same_view()
    {
        var leaderGroup = await GroupIdAsync("SSP-ledergruppe Amager");
        var boardPath = $"moeder/ledergrupper/{leaderGroup}";
        var host = await ComponentHost.ForAsync(App, Leader);
        var views = await BoardViewsAsync();
        var cut = Board(host, leaderGroup, "/" + boardPath);
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid='board-row']")), Wait);
        Assert.Equal(views + 1, await BoardViewsAsync());
        var (_, board) = await App.AsUserAsync<LeaderBoardService, (LookupOutcome, LeaderBoard?)>(Leader, (s, u) => s.BoardAsync(leaderGroup, u, CancellationToken.None));
        views = await BoardViewsAsync();
        List<string> Rows() => cut.FindAll("[data-testid='board-row']").Select(r => r.GetAttribute("data-case")!).ToList();
        Assert.Equal(board!.Cases.Select(c => c.CaseNumber), Rows()); // what needs the group most first

        // Sorting by case number: the address says so, the rows follow, and the column tells screen readers.
        await cut.InvokeAsync(() => cut.Find("[data-testid='sort-case']").Click());
        host.WaitForAddress(a => Assert.Equal($"{boardPath}?sortering=Case&retning=stigende", a), Wait);
        cut.WaitForAssertion(() => Assert.Equal(board.Cases.Select(c => c.CaseNumber).Order(StringComparer.CurrentCulture), Rows()), Wait);
        Assert.Equal("ascending", cut.Find("[data-testid='sort-case']").Closest("th")!.GetAttribute("aria-sort"));
        await cut.InvokeAsync(() => cut.Find("[data-testid='sort-case']").Click());
        cut.WaitForAssertion(() => Assert.Equal(board.Cases.Select(c => c.CaseNumber).OrderDescending(StringComparer.CurrentCulture), Rows()), Wait);
        Assert.Equal($"{boardPath}?sortering=Case&retning=faldende", host.RelativeUri);

        // Only overdue cases.
        cut.FindComponents<MudBlazor.MudCheckBox<bool>>().Single().Find("input").Change(true);
        var overdue = board.Cases.Where(c => c.Overdue.Any).Select(c => c.CaseNumber).OrderDescending(StringComparer.CurrentCulture).ToList();
        cut.WaitForAssertion(() => Assert.Equal(overdue, Rows()), Wait);
        var view = $"{boardPath}?sortering=Case&retning=faldende&forsinket=true";
        Assert.Equal(view, host.RelativeUri);
        Assert.Equal(string.Format(Texts.Culture, Texts.LeaderBoard_Shown, overdue.Count, board.Cases.Count), Text(cut, "board-total"));

        // Sorting and filtering read nothing again.
        Assert.Equal(views, await BoardViewsAsync());

        // A case opened from the board, then back (the browser's back button is a navigation to the address before): the same view.
        if (overdue.Count > 0)
        {
            var caseLink = cut.Find("[data-testid='board-row'] a");
            Assert.StartsWith("/sager/", caseLink.GetAttribute("href"), StringComparison.Ordinal);
        }

        await host.DisposeAsync();
        await using var again = await ComponentHost.ForAsync(App, Leader);
        var back = Board(again, leaderGroup, "/" + view);
        back.WaitForAssertion(() => Assert.Equal(overdue, back.FindAll("[data-testid='board-row']").Select(r => r.GetAttribute("data-case")!).ToList()), Wait);
        Assert.Equal("descending", back.Find("[data-testid='sort-case']").Closest("th")!.GetAttribute("aria-sort"));
        // The goals link keeps the view too.
        Assert.All(back.FindAll("[data-testid='last-decision'] a"), a => Assert.StartsWith("/" + view + "#sag-", a.GetAttribute("href"), StringComparison.Ordinal));
    }

    private async Task<int> BoardViewsAsync() =>
        (await App.AuditEntriesAsync()).Count(e => e.Action == AuditActions.LeaderBoardView && e.Outcome != AuditOutcomes.Denied);
}

public sealed class MeetingPagesComponentTestsSqlite(SqliteApp fixture) : MeetingPagesComponentTests(fixture), IClassFixture<SqliteApp>;

public sealed class MeetingPagesComponentTestsPostgres(PostgresApp fixture) : MeetingPagesComponentTests(fixture), IClassFixture<PostgresApp>;
