using System.Globalization;
using Bunit;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Access;
using SspKbh.Domain.Meetings;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Features.Meetings;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The interactive meeting page (<see cref="MeetingPage"/>) in bUnit over the real app and a real database: the agenda
/// (add, move, drop, remove with a confirmation), attendance with one click per person, a stale click refused with a
/// way to reload, a guest's concern with its message beside the field, and the live reload when someone else saves.
/// The rules and authorization behind each command are tested on the services in <see cref="MeetingTests"/>.
/// </summary>
public abstract class MeetingPageComponentTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private const string Secretary = "sekretaer@sspkbh.dk";
    private const string Member = "myndighed@sspkbh.dk";
    private const string NonAuthority = "ikke-myndighed@sspkbh.dk";
    private static readonly TimeSpan Wait = CasePageSteps.Patience;

    private static IRenderedComponent<MeetingPage> Open(ComponentHost host, int meetingId)
    {
        host.Navigation.NavigateTo($"/moeder/{meetingId}");
        var page = host.RenderPage<MeetingPage>(p => p.Add(x => x.Id, meetingId));
        page.WaitForAssertion(() => Assert.NotNull(page.Instance.State), Wait);
        return page;
    }

    /// <summary>A new draft meeting of the koordinationsgruppe (in <paramref name="days"/> days), made through the service as the group page does.</summary>
    private async Task<int> NewMeetingAsync(int days, string place)
    {
        await using var db = App.CreateDbContext();
        var groupId = await db.Groups.Where(g => g.Name == "Koordinationsgruppe Amager Øst").Select(g => g.Id).SingleAsync();
        var created = await App.AsUserAsync<MeetingService, MeetingResult>(Secretary, (s, u) =>
            s.CreateAsync(groupId, new MeetingInput { Date = DanishTime.Today(App.Clock).AddDays(days), StartTime = new TimeOnly(14, 0), Place = place }, u, CancellationToken.None));
        Assert.True(created.Succeeded);
        return int.Parse(created.Result.CreatedId!, CultureInfo.InvariantCulture);
    }

    private async Task<Meeting> MeetingAsync(int id)
    {
        await using var db = App.CreateDbContext();
        return await db.Meetings.AsNoTracking().Include(m => m.Items).Include(m => m.Attendees).SingleAsync(m => m.Id == id);
    }

    private async Task<string> StampAsync(int id) => (await MeetingAsync(id)).ConcurrencyStamp;

    // A saved command's snackbar is awaited, not just read: the page's own change signal can reload and show the change
    // a moment before the command's reload ends and the snackbar is added.
    private static List<string> Titles(IRenderedComponent<MeetingPage> page) =>
        page.FindAll("[data-testid='general-items'] [data-testid='item-title']").Select(e => e.TextContent.Trim()).ToList();

    [Fact]
    public async Task The_secretary_adds_moves_and_removes_agenda_items_and_each_save_says_what_was_saved()
    {
        var id = await NewMeetingAsync(20, "Dagsordensmødet");
        // The proposal may have taken every case of the group: one is taken off again, so the search offers it.
        var proposed = (await MeetingAsync(id)).Part(AgendaPart.Cases).FirstOrDefault();
        if (proposed is not null)
        {
            var stamp = await StampAsync(id);
            Assert.True((await App.AsUserAsync<AgendaService, MeetingResult>(Secretary, (s, u) => s.RemoveItemAsync(id, proposed.Id, stamp, u, CancellationToken.None))).Succeeded);
        }

        await using var host = await ComponentHost.ForAsync(App, Secretary);
        var page = Open(host, id);

        // An empty title: the message stands beside the field, nothing is added, the circuit lives on.
        var before = (await MeetingAsync(id)).Items.Count;
        await page.ClickAsync("add-general");
        page.WaitForAssertion(() => Assert.Equal(Texts.Meeting_Validation_TitleRequired, page.Find("#general-title-error").TextContent.Trim()), Wait);
        Assert.Equal(before, (await MeetingAsync(id)).Items.Count);
        Assert.Empty(page.FindAll("[data-testid='circuit-error']"));
        Assert.Equal("200", page.Find("#general-title").GetAttribute("maxlength"));

        page.Find("#general-title").Input("Årsplan: sommeraktiviteter");
        await page.ClickAsync("add-general");
        page.WaitForAssertion(() => Assert.Equal("Årsplan: sommeraktiviteter", Titles(page).Last()), Wait);
        page.WaitForAssertion(() => Assert.Contains(host.Snackbars.ShownSnackbars, s => s.Message == Texts.Meeting_GeneralAddedSaved), Wait);
        page.WaitForAssertion(() => Assert.Equal("", page.Find("#general-title").GetAttribute("value") ?? ""), Wait);

        // Moved up with the keyboard's way (the button names the item it moves): one place, positions renumbered.
        var count = Titles(page).Count;
        var added = (await MeetingAsync(id)).Part(AgendaPart.General).Last();
        var up = page.FindAll("[data-testid='general-items'] [data-testid='agenda-item']")[^1].QuerySelector("[data-testid='move-up']")!;
        Assert.Equal(string.Format(Texts.Culture, Texts.Meeting_MoveUp, $"{count} (Årsplan: sommeraktiviteter)"), up.GetAttribute("aria-label"));
        await page.InvokeAsync(() => up.Click());
        page.WaitForAssertion(() => Assert.Equal("Årsplan: sommeraktiviteter", Titles(page)[count - 2]), Wait);
        page.WaitForAssertion(() => Assert.Contains(host.Snackbars.ShownSnackbars, s => s.Message == string.Format(Texts.Culture, Texts.Meeting_MovedSaved, $"{count} (Årsplan: sommeraktiviteter)", count - 1)), Wait);
        Assert.Equal(Enumerable.Range(1, count).Select(i => i.ToString(CultureInfo.InvariantCulture)),
            page.FindAll("[data-testid='general-items'] [data-testid='item-position']").Select(e => e.TextContent.Trim()));

        // Dropped at the top (what dragging does): first, and the rest follow.
        var drop = page.FindComponent<MudBlazor.MudDropContainer<AgendaItemView>>();
        var item = page.Instance.State!.View!.GeneralItems.Single(i => i.Id == added.Id);
        await page.InvokeAsync(() => drop.Instance.ItemDropped.InvokeAsync(new MudBlazor.MudItemDropInfo<AgendaItemView>(item, "general-items", 0)));
        page.WaitForAssertion(() => Assert.Equal("Årsplan: sommeraktiviteter", Titles(page)[0]), Wait);
        Assert.Equal(1, (await MeetingAsync(id)).Items.Single(i => i.Id == added.Id).Position);

        // Removing asks first; keeping it changes nothing, confirming takes it off.
        var remove = page.FindAll("[data-testid='general-items'] [data-testid='agenda-item']")[0].QuerySelector("[data-testid='remove-item']")!;
        await page.InvokeAsync(() => remove.Click());
        await host.Dialogs.AnswerAsync(Texts.Meeting_RemoveKeep);
        Assert.Contains((await MeetingAsync(id)).Items, i => i.Id == added.Id);
        remove = page.FindAll("[data-testid='general-items'] [data-testid='agenda-item']")[0].QuerySelector("[data-testid='remove-item']")!;
        await page.InvokeAsync(() => remove.Click());
        await host.Dialogs.AnswerAsync(Texts.Meeting_Remove);
        page.WaitForAssertion(() => Assert.DoesNotContain("Årsplan: sommeraktiviteter", Titles(page)), Wait);
        Assert.DoesNotContain((await MeetingAsync(id)).Items, i => i.Id == added.Id);
        page.WaitForAssertion(() => Assert.Contains(host.Snackbars.ShownSnackbars, s => s.Message == string.Format(Texts.Culture, Texts.Meeting_RemovedSaved, "1 (Årsplan: sommeraktiviteter)")), Wait);

        // A case from the group, found by the search field on the server and chosen there.
        var pick = page.FindComponent<MudBlazor.MudAutocomplete<CaseOption>>();
        var offered = (await page.InvokeAsync(() => pick.Instance.SearchFunc!("", CancellationToken.None)!))!.ToList();
        Assert.InRange(offered.Count, 1, AgendaService.CaseOptionLimit);
        var option = offered[0];
        await page.InvokeAsync(() => pick.Instance.ValueChanged.InvokeAsync(option));
        await page.ClickAsync("add-case");
        page.WaitForAssertion(() => Assert.Contains(option.CaseNumber, page.TestIdText("case-items"), StringComparison.Ordinal), Wait);
        page.WaitForAssertion(() => Assert.Contains(host.Snackbars.ShownSnackbars, s => s.Message == Texts.Meeting_CaseAddedSaved), Wait);
        Assert.Contains((await MeetingAsync(id)).Items, i => i.CaseId == option.Id);
    }

    [Fact]
    public async Task The_case_picker_searches_the_groups_open_cases_on_the_server_twenty_at_a_time_and_each_answer_is_audited()
    {
        // The cases come after the meeting is planned, so its proposal has not put them on the agenda.
        var id = await NewMeetingAsync(23, "Søgemødet");
        var prefix = $"Plukker {LettersOnly(8)}";
        await App.SeedCasesAsync("Koordinationsgruppe Amager Øst", prefix, 25);
        await using var host = await ComponentHost.ForAsync(App, Secretary);
        var page = Open(host, id);
        var pick = page.FindComponent<MudBlazor.MudAutocomplete<CaseOption>>();
        async Task<List<CaseOption>> SearchAsync(string text) =>
            (await page.InvokeAsync(() => pick.Instance.SearchFunc!(text, CancellationToken.None)!))!.ToList();

        // The page carries no list of cases into the browser; each search asks the server for at most 20.
        var byName = await SearchAsync(prefix);
        Assert.Equal(AgendaService.CaseOptionLimit, byName.Count);
        Assert.All(byName, o => Assert.StartsWith(prefix, o.PersonName, StringComparison.Ordinal));
        var one = Assert.Single(await SearchAsync(prefix + " 07"));
        Assert.Equal(prefix + " 07", one.PersonName);

        // The beginning of a case number finds it too.
        var number = $"2099-{Random.Shared.Next(1_000_000, 9_999_999)}";
        await using (var db = App.CreateDbContext())
        {
            await db.Cases.Where(c => c.Id == one.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.CaseNumber, number));
        }

        Assert.Equal(one.Id, Assert.Single(await SearchAsync(number[..9])).Id);

        // Each answer is one audit entry listing exactly the cases it showed.
        var entry = (await App.AuditEntriesAsync(a => a.Purpose == "agenda-case-picker" && a.Details!.Contains("rows=1", StringComparison.Ordinal))).Last();
        Assert.Equal([one.Id.ToString(CultureInfo.InvariantCulture)], entry.ListedIds);
        var shownByName = byName.Select(o => o.Id.ToString(CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal).ToList();
        Assert.Single(await App.AuditEntriesAsync(a => a.Purpose == "agenda-case-picker"), a => a.ListedIds.SequenceEqual(shownByName));

        // A member who is not the secretary is offered nothing, whatever is asked.
        Assert.Empty(await App.AsUserAsync<AgendaService, List<CaseOption>>(Member, (s, u) => s.CaseOptionsAsync(id, prefix, u, CancellationToken.None)));
    }

    [Fact]
    public async Task The_guest_picker_searches_accounts_on_the_server_and_a_chosen_account_becomes_a_guest_with_its_own_status()
    {
        var id = await NewMeetingAsync(25, "Gæstemødet");
        var prefix = $"Gæstesøg {LettersOnly(6)}";
        var created = new List<TestUser>();
        for (var i = 0; i < AttendanceService.GuestAccountLimit + 2; i++)
        {
            created.Add(await App.CreateUserAsync([AppRole.AuthorityMember]));
        }

        await using (var db = App.CreateDbContext())
        {
            for (var i = 0; i < created.Count; i++)
            {
                var userId = created[i].Id;
                var name = $"{prefix} {i:00}";
                await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.FullName, name));
            }
        }

        await using var host = await ComponentHost.ForAsync(App, Secretary);
        var page = Open(host, id);
        var pick = page.FindComponent<MudBlazor.MudAutocomplete<GuestAccount>>();
        async Task<List<GuestAccount>> SearchAsync(string text) =>
            (await page.InvokeAsync(() => pick.Instance.SearchFunc!(text, CancellationToken.None)!))!.ToList();

        // Each search asks the server for at most 20 accounts, whatever the case of the typed text.
        var byName = await SearchAsync(prefix.ToLowerInvariant());
        Assert.Equal(AttendanceService.GuestAccountLimit, byName.Count);
        Assert.All(byName, a => Assert.StartsWith(prefix, a.Name, StringComparison.Ordinal));
        var chosen = Assert.Single(await SearchAsync(prefix + " 21"));

        // Chosen and added: the account is a guest now and is not offered again.
        await page.InvokeAsync(() => pick.Instance.ValueChanged.InvokeAsync(chosen));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("#guest-name")), Wait);
        await page.ClickAsync("add-guest");
        page.WaitForAssertion(() => Assert.Contains(chosen.Name, page.TestIdText("attendees"), StringComparison.Ordinal), Wait);
        var guest = (await MeetingAsync(id)).Attendees.Single(a => a.UserId == chosen.Id);
        Assert.True(guest.IsGuest);
        Assert.True(guest.IsAuthorityPerson);
        Assert.Empty(await SearchAsync(prefix + " 21"));

        // A member who is not the secretary is offered no accounts, whatever is asked.
        Assert.Empty(await App.AsUserAsync<AttendanceService, List<GuestAccount>>(Member, (s, u) => s.GuestAccountsAsync(id, prefix, u, CancellationToken.None)));
    }

    [Fact]
    public async Task Attendance_is_one_click_per_person_and_a_click_on_an_old_view_is_refused_with_a_way_to_reload()
    {
        var id = await NewMeetingAsync(21, "Fremmødemødet");
        await using var host = await ComponentHost.ForAsync(App, Secretary);
        var page = Open(host, id);
        var first = page.Instance.State!.View!.Attendees[0];

        // Found and clicked in one step on the renderer: a re-render in between (a signal, a snackbar) would leave a stale button.
        AngleSharp.Dom.IElement Choice(AttendanceStatus status) => page.FindAll($"[data-testid='attendee-row'][data-attendee='{first.Id}'] [data-testid='attendance-choice']")
            .Single(b => b.GetAttribute("data-status") == status.ToString());
        Task ClickAsync(AttendanceStatus status) => page.InvokeAsync(() => Choice(status).Click());

        Assert.Equal("false", Choice(AttendanceStatus.Apologies).GetAttribute("aria-pressed"));
        await ClickAsync(AttendanceStatus.Apologies);
        page.WaitForAssertion(() => Assert.Equal("true", Choice(AttendanceStatus.Apologies).GetAttribute("aria-pressed")), Wait);
        Assert.Equal(AttendanceStatus.Apologies, (await MeetingAsync(id)).Attendees.Single(a => a.Id == first.Id).Status);
        page.WaitForAssertion(() => Assert.Contains(host.Snackbars.ShownSnackbars, s => s.Message == string.Format(Texts.Culture, Texts.Meeting_AttendanceSaved, first.Name, MeetingTexts.Attendance(AttendanceStatus.Apologies))), Wait);

        // Someone else saves in between (a page on another instance, which sends no signal here): this page's next click is stale.
        var stamp = await StampAsync(id);
        await using (var db = App.CreateDbContext())
        {
            var meeting = await db.Meetings.SingleAsync(m => m.Id == id);
            meeting.Touch();
            await db.SaveChangesAsync();
        }

        await ClickAsync(AttendanceStatus.Present);
        page.WaitForAssertion(() => Assert.Contains(Texts.Concurrency_Conflict, page.TestIdText("meeting-error"), StringComparison.Ordinal), Wait);
        Assert.Equal(AttendanceStatus.Apologies, (await MeetingAsync(id)).Attendees.Single(a => a.Id == first.Id).Status);
        Assert.NotEqual(stamp, await StampAsync(id));
        await page.ClickAsync("reload-latest");
        var newest = await StampAsync(id);
        page.WaitForAssertion(() => Assert.Equal(newest, page.Instance.State!.View!.ConcurrencyStamp), Wait);
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid='meeting-error']")), Wait);
        await ClickAsync(AttendanceStatus.Present);
        var presentSaved = string.Format(Texts.Culture, Texts.Meeting_AttendanceSaved, first.Name, MeetingTexts.Attendance(AttendanceStatus.Present));
        page.WaitForAssertion(() => Assert.Contains(host.Snackbars.ShownSnackbars, s => s.Message == presentSaved), Wait);
        Assert.Equal(AttendanceStatus.Present, (await MeetingAsync(id)).Attendees.Single(a => a.Id == first.Id).Status);

        // A guest without an account: the form says what is missing beside each field.
        await page.ClickAsync("add-guest");
        page.WaitForAssertion(() =>
        {
            Assert.Equal(Texts.Meeting_Validation_GuestNameRequired, page.Find("#guest-name-error").TextContent.Trim());
            Assert.Equal(Texts.Validation_PartyRequired, page.Find("#guest-party-error").TextContent.Trim());
            Assert.Equal(Texts.Meeting_Validation_GuestAuthorityRequired, page.Find("#guest-authority-error").TextContent.Trim());
        }, Wait);
        Assert.Contains(Texts.Meeting_Validation_GuestNameRequired, page.TestIdText("error-summary"), StringComparison.Ordinal);
        Assert.Equal(page.Instance.State!.View!.Attendees.Count, (await MeetingAsync(id)).Attendees.Count);
    }

    [Fact]
    public async Task A_guest_without_authority_status_sees_the_general_part_only_and_hands_over_a_concern_that_reaches_an_open_members_page_at_once()
    {
        await using var db = App.CreateDbContext();
        var meetingId = await db.Meetings.Where(m => m.AgendaPublishedAtUtc != null && m.MinutesApprovedAtUtc == null && m.Attendees.Any(a => a.IsGuest && !a.IsAuthorityPerson))
            .OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
        var names = await db.YoungPersons.Select(p => p.FullName).ToListAsync();
        var caseNumbers = await db.Cases.Select(c => c.CaseNumber).ToListAsync();
        const string concern = "Nogle unge samles ved cykelkælderen sent om aftenen.";

        await using var secretaryHost = await ComponentHost.ForAsync(App, Secretary);
        var secretaryPage = Open(secretaryHost, meetingId);
        await using var guestHost = await ComponentHost.ForAsync(App, NonAuthority);
        var guestPage = Open(guestHost, meetingId);

        Assert.NotEmpty(guestPage.FindAll("[data-testid='case-part-closed']"));
        Assert.Empty(guestPage.FindAll("[data-testid='case-items']"));
        Assert.Empty(guestPage.FindAll("[data-testid='add-general'], [data-testid='attendance-choice'], [data-testid='approve-minutes']"));
        Assert.DoesNotContain(names, n => guestPage.Markup.Contains(n, StringComparison.Ordinal));
        Assert.DoesNotContain(caseNumbers, n => guestPage.Markup.Contains(n, StringComparison.Ordinal));

        await guestPage.ClickAsync("hand-over");
        guestPage.WaitForAssertion(() => Assert.Equal(Texts.Meeting_Validation_TextRequired, guestPage.Find("#concern-text-error").TextContent.Trim()), Wait);
        Assert.Equal("4000", guestPage.Find("#concern-text").GetAttribute("maxlength"));

        guestPage.Find("#concern-text").Input(concern);
        await guestPage.ClickAsync("hand-over");
        guestPage.WaitForAssertion(() => Assert.Contains(guestPage.FindAll("[data-testid='my-concern']"), c => c.TextContent.Trim() == concern), Wait);
        guestPage.WaitForAssertion(() => Assert.Contains(guestHost.Snackbars.ShownSnackbars, s => s.Message == Texts.Meeting_ConcernSaved), Wait);

        // The secretary's open page shows it without a reload (MeetingChangeNotifier).
        secretaryPage.WaitForAssertion(() => Assert.Contains(concern, secretaryPage.TestIdText("concerns"), StringComparison.Ordinal), Wait);

        // The secretary puts one more case on the meeting: both open pages reload, the guest's with the general part only
        // (the count of case items grows, no name or case number appears).
        var caseItems = (await MeetingAsync(meetingId)).Part(AgendaPart.Cases).Count();
        var option = (await App.AsUserAsync<AgendaService, List<CaseOption>>(Secretary, (s, u) => s.CaseOptionsAsync(meetingId, null, u, CancellationToken.None)))[0];
        var stamp = await StampAsync(meetingId);
        var added = await App.AsUserAsync<AgendaService, MeetingResult>(Secretary, (s, u) =>
            s.AddCaseItemAsync(meetingId, new CaseItemInput { CaseId = option.Id, ConcurrencyStamp = stamp }, u, CancellationToken.None));
        Assert.True(added.Succeeded);
        secretaryPage.WaitForAssertion(() => Assert.Contains(option.PersonName, secretaryPage.TestIdText("case-items"), StringComparison.Ordinal), Wait);
        guestPage.WaitForAssertion(() => Assert.Contains(string.Format(Texts.Culture, Texts.Meeting_CasePartClosed, caseItems + 1), guestPage.TestIdText("case-part-closed"), StringComparison.Ordinal), Wait);
        Assert.DoesNotContain(names, n => guestPage.Markup.Contains(n, StringComparison.Ordinal));
        Assert.DoesNotContain(caseNumbers, n => guestPage.Markup.Contains(n, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_change_by_someone_else_appears_on_an_open_page_and_what_is_typed_there_stays()
    {
        var id = await NewMeetingAsync(22, "Livemødet");
        await using var host = await ComponentHost.ForAsync(App, Secretary);
        var page = Open(host, id);
        page.Find("#general-title").Input("Halvt skrevet punkt");
        Assert.True(App.Services.GetService(typeof(MeetingChangeNotifier)) is MeetingChangeNotifier notifier && notifier.ListenerCount(id) == 1);

        // Another secretary's tab adds an item.
        var stamp = await StampAsync(id);
        var added = await App.AsUserAsync<AgendaService, MeetingResult>(Secretary, (s, u) =>
            s.AddGeneralItemAsync(id, new GeneralItemInput { Title = "Fra en anden fane", ConcurrencyStamp = stamp }, u, CancellationToken.None));
        Assert.True(added.Succeeded);
        page.WaitForAssertion(() => Assert.Contains("Fra en anden fane", Titles(page)), Wait);
        Assert.Equal("Halvt skrevet punkt", page.Find("#general-title").GetAttribute("value"));

        // What was typed is saved on top of the newest version (adding overwrites nothing).
        await page.ClickAsync("add-general");
        page.WaitForAssertion(() => Assert.Contains("Halvt skrevet punkt", Titles(page)), Wait);
        Assert.Equal(["Fra en anden fane", "Halvt skrevet punkt"], (await MeetingAsync(id)).Part(AgendaPart.General).TakeLast(2).Select(i => i.Title));

        // A page that is closed stops listening.
        await page.InvokeAsync(() => page.Instance.Dispose());
        Assert.Equal(0, ((MeetingChangeNotifier)App.Services.GetService(typeof(MeetingChangeNotifier))!).ListenerCount(id));
    }

    [Fact]
    public async Task A_member_reads_the_meeting_without_the_secretarys_tools_and_a_draft_is_refused()
    {
        var id = await NewMeetingAsync(23, "Medlemsmødet");
        await using (var host = await ComponentHost.ForAsync(App, Member))
        {
            var page = Open(host, id);
            Assert.Equal(LookupOutcome.Forbidden, page.Instance.State!.Outcome);
            Assert.Equal(Texts.Forbidden_Title, page.TestIdText("status-heading").Trim());
        }

        var stamp = await StampAsync(id);
        Assert.True((await App.AsUserAsync<AgendaService, MeetingResult>(Secretary, (s, u) => s.PublishAsync(id, stamp, u, CancellationToken.None))).Succeeded);
        await using (var host = await ComponentHost.ForAsync(App, Member))
        {
            var page = Open(host, id);
            Assert.NotEmpty(page.FindAll("[data-testid='case-items'] [data-testid='agenda-item'], [data-testid='case-items-none']"));
            Assert.Empty(page.FindAll("[data-testid='add-general'], [data-testid='attendance-choice'], [data-testid='remove-item'], [data-testid='move-up'], [data-testid='publish-agenda'], [data-testid='approve-minutes']"));
            Assert.NotEmpty(page.FindAll("[data-testid='attendance']"));
        }
    }

    /// <summary>
    /// A unique name word of letters only (a–p). The searches below ask for "{prefix} 07": a hex word that began with
    /// "07" would match that word's prefix for every seeded person (a name is found by the beginnings of its words).
    /// </summary>
    private static string LettersOnly(int length) =>
        string.Concat(Guid.NewGuid().ToString("N")[..length].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));
}

public sealed class MeetingPageComponentTestsSqlite(SqliteApp fixture) : MeetingPageComponentTests(fixture), IClassFixture<SqliteApp>;

public sealed class MeetingPageComponentTestsPostgres(PostgresApp fixture) : MeetingPageComponentTests(fixture), IClassFixture<PostgresApp>;
