using System.Globalization;
using System.Net;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SspKbh.Domain.Cases;
using SspKbh.Domain.Meetings;
using SspKbh.Web.Audit;
using SspKbh.Web.Components.Shared;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Features.Meetings;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// Meetings over HTTP, as the secretary, a member, a guest without authority status and the leader group
/// use them: planning with a proposed agenda, minutes whose decisions change the case through the case's
/// own rules, tasks that become actions, locking, concurrent edits and the §115 boundary at the meeting.
/// </summary>
public abstract class MeetingTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private const string Secretary = "sekretaer@sspkbh.dk";
    private const string Member = "myndighed@sspkbh.dk";
    private const string Leader = "leder@sspkbh.dk";
    private const string NonAuthority = "ikke-myndighed@sspkbh.dk";
    private const string CoordinationGroup = "Koordinationsgruppe Amager Øst";
    private const string LeaderGroup = "SSP-ledergruppe Amager";

    private DateOnly Today => DanishTime.Today(App.Clock);

    private Task<int> GroupIdAsync(string name) => GroupIdAsync(App, name);

    private static async Task<int> GroupIdAsync(SspAppFactory app, string name)
    {
        await using var db = app.CreateDbContext();
        return await db.Groups.Where(g => g.Name == name).Select(g => g.Id).SingleAsync();
    }

    /// <summary>
    /// Creates a meeting as the group page does (the page is interactive: its form saves through <see cref="MeetingService.CreateAsync"/>,
    /// as the signed-in user, with the group plan's start time); returns its id. The page itself is tested in <see cref="GroupMeetingsComponentTests"/>.
    /// </summary>
    private static async Task<int> CreateMeetingAsync(SspAppFactory app, TestBrowser browser, string email, int groupId, DateOnly date, string place = "Mødelokale 1")
    {
        var page = await browser.GetAsync($"/moeder/grupper/{groupId}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var created = await app.AsUserAsync<MeetingService, MeetingResult>(email, async (s, u) =>
        {
            var (_, group) = await s.GroupAsync(groupId, u, CancellationToken.None);
            return await s.CreateAsync(groupId, new MeetingInput { Date = date, StartTime = group!.Series.DefaultStartTime, Place = place }, u, CancellationToken.None);
        });
        Assert.True(created.Succeeded, $"expected the meeting to be created: {string.Join("; ", created.Result.FieldErrors.SelectMany(f => f.Value).Concat(created.Result.GeneralErrors))}");
        return int.Parse(created.Result.CreatedId!, CultureInfo.InvariantCulture);
    }

    /// <summary>The meeting's concurrency stamp, as the meeting page shows it and hands it to the service with a command.</summary>
    private static async Task<string> StampAsync(SspAppFactory app, int meetingId)
    {
        await using var db = app.CreateDbContext();
        return await db.Meetings.Where(m => m.Id == meetingId).Select(m => m.ConcurrencyStamp).SingleAsync();
    }

    /// <summary>
    /// A command of the (interactive) meeting page, through the service its button calls, as the signed-in user with the
    /// stamp the page shows; the page itself is tested in <see cref="MeetingPageComponentTests"/>.
    /// </summary>
    private static async Task<MeetingResult> CommandAsync<TService>(SspAppFactory app, string email, int meetingId, Func<TService, string, System.Security.Claims.ClaimsPrincipal, Task<MeetingResult>> command)
        where TService : notnull
    {
        var stamp = await StampAsync(app, meetingId);
        return await app.AsUserAsync<TService, MeetingResult>(email, (s, u) => command(s, stamp, u));
    }

    private static void AssertSaved(MeetingResult result) =>
        Assert.True(result.Succeeded, $"expected the change to be saved ({result.Outcome}): {string.Join("; ", result.Result.FieldErrors.SelectMany(f => f.Value).Concat(result.Result.GeneralErrors))}");

    /// <summary>The agenda item's concurrency stamp, as the minutes page shows it and hands it to the service with a save.</summary>
    private static async Task<string> ItemStampAsync(SspAppFactory app, int itemId)
    {
        await using var db = app.CreateDbContext();
        return await db.AgendaItems.Where(i => i.Id == itemId).Select(i => i.ConcurrencyStamp).SingleAsync();
    }

    /// <summary>
    /// The minutes of one item saved as the (interactive) minutes page saves them: through <see cref="MinutesService.SaveAsync"/>, as the
    /// signed-in user, with the item's stamp as the page shows it (or an older one the page still showed); the page itself is tested in
    /// <see cref="MinutesItemComponentTests"/>.
    /// </summary>
    private static async Task<MeetingResult> SaveMinutesAsync(SspAppFactory app, string email, int meetingId, int itemId, MinutesInput input, string? shownStamp = null)
    {
        input.ConcurrencyStamp = shownStamp ?? await ItemStampAsync(app, itemId);
        return await app.AsUserAsync<MinutesService, MeetingResult>(email, (s, u) => s.SaveAsync(meetingId, itemId, input, u, CancellationToken.None));
    }

    /// <summary>A task added as the minutes page's task form adds it (<see cref="MinutesService.AddTaskAsync"/>).</summary>
    private static Task<MeetingResult> AddTaskAsync(SspAppFactory app, string email, int meetingId, int itemId, ActionInput input) =>
        app.AsUserAsync<MinutesService, MeetingResult>(email, (s, u) => s.AddTaskAsync(meetingId, itemId, input, u, CancellationToken.None));

    /// <summary>Every message of a refused save, field and general, as the page's error summary lists them.</summary>
    private static List<string> Messages(MeetingResult result) => [.. result.Result.FieldErrors.SelectMany(f => f.Value), .. result.Result.GeneralErrors];

    private async Task<Meeting> MeetingAsync(int id)
    {
        await using var db = App.CreateDbContext();
        return await db.Meetings.AsNoTracking().Include(m => m.Items).Include(m => m.Attendees).Include(m => m.Addenda).SingleAsync(m => m.Id == id);
    }

    /// <summary>The agenda item of the person's case; the secretary adds the case first when the proposal left it out.</summary>
    private async Task<int> CaseItemAsync(TestBrowser browser, int meetingId, string personName)
    {
        await using var db = App.CreateDbContext();
        var caseId = await db.Cases.Where(c => db.YoungPersons.Any(p => p.Id == c.YoungPersonId && p.FullName == personName)).Select(c => c.Id).SingleAsync();
        if (!await db.AgendaItems.AnyAsync(i => i.MeetingId == meetingId && i.CaseId == caseId))
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/moeder/{meetingId}")).Status);
            AssertSaved(await CommandAsync<AgendaService>(App, Secretary, meetingId, (s, stamp, u) =>
                s.AddCaseItemAsync(meetingId, new CaseItemInput { CaseId = caseId, ConcurrencyStamp = stamp }, u, CancellationToken.None)));
        }

        return await db.AgendaItems.Where(i => i.MeetingId == meetingId && i.CaseId == caseId).Select(i => i.Id).SingleAsync();
    }

    [Fact]
    public async Task A_new_meeting_gets_the_members_the_standard_items_and_an_agenda_proposed_from_the_cases_with_reasons()
    {
        // An app of its own: the proposal depends on which cases were on earlier agendas.
        await using var app = await SspAppFactory.StartAsync(App.Provider);
        using var browser = app.CreateBrowser();
        await browser.SignInAsync(Secretary);
        var groupId = await GroupIdAsync(app, CoordinationGroup);

        // Before the demo meeting (in three days), so every case of the group is new to it.
        var id = await CreateMeetingAsync(app, browser, Secretary, groupId, Today.AddDays(1));

        var page = await browser.GetAsync($"/moeder/{id}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(Texts.Meeting_State_Draft, page.TestIdText("meeting-state"));
        Assert.Equal(3, page.Document.QuerySelectorAll("[data-testid='general-items'] [data-testid='agenda-item']").Length);
        var cases = page.Document.QuerySelectorAll("[data-testid='case-items'] [data-testid='agenda-item']").Select(r => Page.Normalize(r.TextContent)).ToList();
        // The level 4 case of the group comes first, proposed as new to the group.
        Assert.Contains("Yusuf Amin", cases[0], StringComparison.Ordinal);
        Assert.Contains(MeetingTexts.Reason(AgendaReason.NewCase), cases[0], StringComparison.Ordinal);
        Assert.DoesNotContain(cases, c => c.Contains("Ida Larsen", StringComparison.Ordinal)); // another group's case
        Assert.Contains("Jonas Krag", page.TestIdText("attendees"), StringComparison.Ordinal);
        Assert.Contains(await app.AuditEntriesAsync(), e => e.Action == AuditActions.MeetingCreated && e.SubjectId == id.ToString(CultureInfo.InvariantCulture));

        // A meeting after the demo meeting does not propose the cases already on the demo agenda as new.
        var later = await CreateMeetingAsync(app, browser, Secretary, groupId, Today.AddDays(7));
        await using (var db = app.CreateDbContext())
        {
            var onDemoAgenda = await db.AgendaItems.Where(i => i.MeetingId != id && i.MeetingId != later && i.CaseId != null).Select(i => i.CaseId).ToListAsync();
            Assert.NotEmpty(onDemoAgenda);
            Assert.DoesNotContain(await db.AgendaItems.Where(i => i.MeetingId == later && onDemoAgenda.Contains(i.CaseId)).ToListAsync(), i => i.Reasons.HasFlag(AgendaReason.NewCase));
        }

        // A member sees nothing of the draft; once it is sent out, it is among their meetings.
        using var member = app.CreateBrowser();
        await member.SignInAsync(Member);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync($"/moeder/{id}")).Status);
        AssertSaved(await CommandAsync<AgendaService>(app, Secretary, id, (s, stamp, u) => s.PublishAsync(id, stamp, u, CancellationToken.None)));
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/moeder/{id}")).Status);
        Assert.Contains($"/moeder/{id}", (await member.GetAsync("/moeder")).Document.QuerySelectorAll("[data-testid='upcoming-meetings'] a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task A_meeting_in_the_past_is_refused_with_a_message_next_to_the_date_and_nothing_is_saved()
    {
        // The group page's form saves through the service; the page shows these messages beside its fields (GroupMeetingsComponentTests).
        var groupId = await GroupIdAsync(CoordinationGroup);
        var before = await App.CreateDbContext().Meetings.CountAsync();
        var refused = await App.AsUserAsync<MeetingService, MeetingResult>(Secretary, (s, u) =>
            s.CreateAsync(groupId, new MeetingInput { Date = Today.AddDays(-1), StartTime = new TimeOnly(14, 0), Place = "" }, u, CancellationToken.None));

        Assert.Equal(LookupOutcome.Found, refused.Outcome);
        Assert.False(refused.Succeeded);
        Assert.Equal([Texts.Error_MeetingDateInPast], refused.Result.FieldErrors[nameof(MeetingInput.Date)]);
        Assert.Equal([Texts.Error_MeetingPlaceRequired], refused.Result.FieldErrors[nameof(MeetingInput.Place)]);
        Assert.Equal(before, await App.CreateDbContext().Meetings.CountAsync());

        // A plan with an interval out of range or no time (a value no form would send) is refused the same way, with the form's messages.
        var (_, group) = await App.AsUserAsync<MeetingService, (LookupOutcome, GroupMeetings?)>(Secretary, (s, u) => s.GroupAsync(groupId, u, CancellationToken.None));
        var savedPlan = await App.CreateDbContext().MeetingSeries.Where(x => x.GroupId == groupId).Select(x => x.ConcurrencyStamp).SingleOrDefaultAsync();
        var series = await App.AsUserAsync<MeetingService, MeetingResult>(Secretary, (s, u) =>
            s.SaveSeriesAsync(groupId, new SeriesInput { IntervalDays = 0, DefaultStartTime = null, DefaultPlace = new string('x', Meeting.PlaceMaxLength + 1), ConcurrencyStamp = group!.Series.ConcurrencyStamp }, u, CancellationToken.None));
        Assert.Equal([Texts.Meeting_Validation_IntervalRange], series.Result.FieldErrors[nameof(SeriesInput.IntervalDays)]);
        Assert.Equal([Texts.Error_MeetingTimeRequired], series.Result.FieldErrors[nameof(SeriesInput.DefaultStartTime)]);
        Assert.Equal([Texts.Validation_TooLong], series.Result.FieldErrors[nameof(SeriesInput.DefaultPlace)]);
        var (_, after) = await App.AsUserAsync<MeetingService, (LookupOutcome, GroupMeetings?)>(Secretary, (s, u) => s.GroupAsync(groupId, u, CancellationToken.None));
        Assert.Equal(group!.Series.IntervalDays, after!.Series.IntervalDays);
        Assert.Equal(savedPlan, await App.CreateDbContext().MeetingSeries.Where(x => x.GroupId == groupId).Select(x => x.ConcurrencyStamp).SingleOrDefaultAsync());

        // Only the group's secretary plans: a member of the group is refused (and it is audited), a group that is not there is not found.
        var member = await App.AsUserAsync<MeetingService, MeetingResult>(Member, (s, u) =>
            s.CreateAsync(groupId, new MeetingInput { Date = Today, StartTime = new TimeOnly(14, 0), Place = "Mødelokale 1" }, u, CancellationToken.None));
        Assert.Equal(LookupOutcome.Forbidden, member.Outcome);
        Assert.Contains(await App.AuditEntriesAsync(), e => e.Action == AuditActions.MeetingUpdated && e.Outcome == AuditOutcomes.Denied && e.SubjectId == groupId.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(before, await App.CreateDbContext().Meetings.CountAsync());
        Assert.Equal(LookupOutcome.NotFound, (await App.AsUserAsync<MeetingService, MeetingResult>(Secretary, (s, u) =>
            s.SaveSeriesAsync(int.MaxValue, new SeriesInput { IntervalDays = 14, DefaultStartTime = new TimeOnly(14, 0) }, u, CancellationToken.None))).Outcome);
    }

    [Fact]
    public async Task Agenda_items_are_added_moved_and_removed_and_a_stale_agenda_form_is_refused()
    {
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(Secretary);
        var id = await CreateMeetingAsync(App, browser, Secretary, await GroupIdAsync(CoordinationGroup), Today.AddDays(10));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/moeder/{id}")).Status);
        AssertSaved(await CommandAsync<AgendaService>(App, Secretary, id, (s, stamp, u) =>
            s.AddGeneralItemAsync(id, new GeneralItemInput { Title = "Årsplan: sommeraktiviteter", ConcurrencyStamp = stamp }, u, CancellationToken.None)));
        var meeting = await MeetingAsync(id);
        var added = meeting.Part(AgendaPart.General).Last();
        Assert.Equal("Årsplan: sommeraktiviteter", added.Title);

        var shown = await StampAsync(App, id);
        AssertSaved(await App.AsUserAsync<AgendaService, MeetingResult>(Secretary, (s, u) => s.MoveItemAsync(id, added.Id, -1, shown, u, CancellationToken.None)));
        Assert.Equal(added.Id, (await MeetingAsync(id)).Part(AgendaPart.General).ElementAt(2).Id);

        // The same (now stale) view sends a command again: refused, nothing moves.
        var stale = await App.AsUserAsync<AgendaService, MeetingResult>(Secretary, (s, u) => s.RemoveItemAsync(id, added.Id, shown, u, CancellationToken.None));
        Assert.Equal(LookupOutcome.Found, stale.Outcome);
        Assert.Equal([Texts.Concurrency_Conflict], stale.Result.GeneralErrors);
        Assert.Contains((await MeetingAsync(id)).Items, i => i.Id == added.Id);

        // Dropped at the top of its part (dragging): it is number 1 and the others follow without gaps.
        AssertSaved(await CommandAsync<AgendaService>(App, Secretary, id, (s, stamp, u) => s.MoveItemToAsync(id, added.Id, 1, stamp, u, CancellationToken.None)));
        var general = (await MeetingAsync(id)).Part(AgendaPart.General).ToList();
        Assert.Equal(added.Id, general[0].Id);
        Assert.Equal(Enumerable.Range(1, general.Count), general.Select(i => i.Position));

        // A title no form would send (empty, too long) is refused at the field, and nothing is added.
        var count = (await MeetingAsync(id)).Items.Count;
        var empty = await CommandAsync<AgendaService>(App, Secretary, id, (s, stamp, u) => s.AddGeneralItemAsync(id, new GeneralItemInput { Title = "", ConcurrencyStamp = stamp }, u, CancellationToken.None));
        Assert.Equal([Texts.Meeting_Validation_TitleRequired], empty.Result.FieldErrors[nameof(GeneralItemInput.Title)]);
        var tooLong = await CommandAsync<AgendaService>(App, Secretary, id, (s, stamp, u) =>
            s.AddGeneralItemAsync(id, new GeneralItemInput { Title = new string('x', AgendaItem.TitleMaxLength + 1), ConcurrencyStamp = stamp }, u, CancellationToken.None));
        Assert.Equal([Texts.Validation_TooLong], tooLong.Result.FieldErrors[nameof(GeneralItemInput.Title)]);
        var noCase = await CommandAsync<AgendaService>(App, Secretary, id, (s, stamp, u) => s.AddCaseItemAsync(id, new CaseItemInput { ConcurrencyStamp = stamp }, u, CancellationToken.None));
        Assert.Equal([Texts.Meeting_Validation_CaseRequired], noCase.Result.FieldErrors[nameof(CaseItemInput.CaseId)]);
        Assert.Equal(count, (await MeetingAsync(id)).Items.Count);

        AssertSaved(await CommandAsync<AgendaService>(App, Secretary, id, (s, stamp, u) => s.RemoveItemAsync(id, added.Id, stamp, u, CancellationToken.None)));
        Assert.DoesNotContain((await MeetingAsync(id)).Items, i => i.Id == added.Id);
        Assert.Equal(Enumerable.Range(1, general.Count - 1), (await MeetingAsync(id)).Part(AgendaPart.General).Select(i => i.Position));
    }

    [Fact]
    public async Task A_decision_in_the_minutes_changes_the_case_through_the_case_rules_and_tasks_become_actions_on_the_case()
    {
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(Secretary);
        var id = await CreateMeetingAsync(App, browser, Secretary, await GroupIdAsync(CoordinationGroup), Today);

        // Freja's case has no named lead: moving it to level 2 breaks the case's own rule, so nothing changes.
        var freja = await CaseItemAsync(browser, id, "Freja Nielsen");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/moeder/{id}/punkter/{freja}")).Status);
        var missing = await SaveMinutesAsync(App, Secretary, id, freja, new MinutesInput { Decision = MeetingDecision.ChangeLevel });
        Assert.Equal([Texts.Meeting_Validation_NewLevelRequired], missing.Result.FieldErrors[nameof(MinutesInput.NewLevel)]);
        Assert.Equal([Texts.Meeting_Validation_LevelReasonRequired], missing.Result.FieldErrors[nameof(MinutesInput.LevelReason)]);
        var rule = await SaveMinutesAsync(App, Secretary, id, freja, new MinutesInput
        {
            Decision = MeetingDecision.ChangeLevel, NewLevel = CaseLevel.FirstTimeCrime, LevelReason = "Sigtet for tyveri.",
        });
        Assert.Equal(LookupOutcome.Found, rule.Outcome);
        Assert.Contains(Messages(rule), m => m.Contains(Texts.Error_LeadPersonRequired, StringComparison.Ordinal));
        await using (var db = App.CreateDbContext())
        {
            Assert.Equal(CaseLevel.WorryingBehaviour, await db.Cases.Where(c => db.AgendaItems.Any(i => i.Id == freja && i.CaseId == c.Id)).Select(c => c.Level).SingleAsync());
            Assert.Null((await db.AgendaItems.SingleAsync(i => i.Id == freja)).Decision);
        }

        // Adam's case (level 2, named lead) goes down to level 1 from the minutes.
        var adam = await CaseItemAsync(browser, id, "Adam Khalil");
        AssertSaved(await SaveMinutesAsync(App, Secretary, id, adam, new MinutesInput
        {
            Summary = "Gruppen drøftede sagen.", Decision = MeetingDecision.ChangeLevel, NewLevel = CaseLevel.WorryingBehaviour, LevelReason = "Ingen nye sigtelser i tre måneder.",
        }));
        int caseId;
        await using (var db = App.CreateDbContext())
        {
            var item = await db.AgendaItems.SingleAsync(i => i.Id == adam);
            caseId = item.CaseId!.Value;
            Assert.Equal(MeetingDecision.ChangeLevel, item.Decision);
            Assert.NotNull(item.DecisionAppliedAtUtc);
            Assert.Equal(CaseLevel.WorryingBehaviour, await db.Cases.Where(c => c.Id == caseId).Select(c => c.Level).SingleAsync());
            Assert.Contains(await db.CaseLevelChanges.Where(h => h.CaseId == caseId).ToListAsync(), h => h.Reason == "Ingen nye sigtelser i tre måneder.");
        }

        // The decision is fixed now: the minutes page (as prerendered) shows it and no longer offers the choice.
        var page = await browser.GetAsync($"/moeder/{id}/punkter/{adam}");
        Assert.NotNull(page.TestIdText("decision-applied"));
        Assert.Null(page.Document.GetElementById("decision"));

        // A task without owner or due date is refused at the fields; a complete one becomes an action.
        var refused = await AddTaskAsync(App, Secretary, id, adam, new ActionInput { What = "Ring til mor", OwnerName = "" });
        Assert.Equal([Texts.Case_Validation_ActionOwnerRequired], refused.Result.FieldErrors[nameof(ActionInput.OwnerName)]);
        Assert.Equal([Texts.Case_Validation_ActionDueRequired], refused.Result.FieldErrors[nameof(ActionInput.DueOn)]);
        await using (var db = App.CreateDbContext())
        {
            Assert.False(await db.CaseActions.AnyAsync(a => a.AgendaItemId == adam));
        }

        var policeId = (await App.CreateDbContext().Parties.SingleAsync(p => p.Code == "POL")).Id;
        AssertSaved(await AddTaskAsync(App, Secretary, id, adam, new ActionInput
        {
            What = "Hjemmebesøg hos familien", OwnerName = "Jonas Krag", OwnerPartyId = policeId, DueOn = Today.AddDays(14),
        }));
        var casePage = await browser.GetAsync($"/sager/{caseId}");
        Assert.Contains("Hjemmebesøg hos familien", casePage.Text, StringComparison.Ordinal);
        Assert.Contains("Hjemmebesøg hos familien", (await browser.GetAsync($"/moeder/{id}")).TestIdText("case-items"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approved_minutes_are_locked_and_corrections_go_into_addenda()
    {
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(Secretary);
        var id = await CreateMeetingAsync(App, browser, Secretary, await GroupIdAsync(CoordinationGroup), Today);
        var guestId = await App.UserIdAsync(NonAuthority);
        var invited = await App.AsUserAsync<AttendanceService, MeetingResult>(Secretary, (s, u) => s.AddGuestAsync(id, new GuestInput { UserId = guestId }, u, CancellationToken.None));
        Assert.True(invited.Result.Succeeded, string.Join("; ", invited.Result.GeneralErrors.Concat(invited.Result.FieldErrors.SelectMany(f => f.Value))));
        var page = await browser.GetAsync($"/moeder/{id}");
        // The refusal names every case item without a decision and links to its minutes (the page's button, in a circuit).
        var undecided = (await MeetingAsync(id)).Part(AgendaPart.Cases).Where(i => i.CaseId is not null && i.Decision is null).ToList();
        Assert.NotEmpty(undecided);
        await using (var host = await ComponentHost.ForAsync(App, Secretary))
        {
            host.Navigation.NavigateTo($"/moeder/{id}");
            var cut = host.RenderPage<MeetingPage>(p => p.Add(x => x.Id, id));
            cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid='approve-minutes']")));
            await cut.InvokeAsync(() => cut.Find("[data-testid='approve-minutes']").Click());
            cut.WaitForAssertion(() => Assert.Equal(RoleNames.Error("MinutesMissingDecisions"), Page.Normalize(cut.Find("[data-testid='meeting-error']").TextContent)));
            var links = cut.FindAll("[data-testid='items-missing-decision'] a");
            Assert.Equal(undecided.Select(i => $"/moeder/{id}/punkter/{i.Id}"), links.Select(a => a.GetAttribute("href")));
            Assert.All(links.Zip(undecided), pair => Assert.StartsWith($"Punkt {pair.Second.Position}: ", pair.First.TextContent, StringComparison.Ordinal));
        }

        Assert.Null((await MeetingAsync(id)).MinutesApprovedAtUtc);

        foreach (var item in (await MeetingAsync(id)).Part(AgendaPart.Cases))
        {
            AssertSaved(await SaveMinutesAsync(App, Secretary, id, item.Id, new MinutesInput { Decision = MeetingDecision.KeepLevel, Summary = "Status quo." }));
        }

        page = await browser.GetAsync($"/moeder/{id}");
        var firstItem = (await MeetingAsync(id)).Part(AgendaPart.Cases).First().Id;
        // The minutes page of the first item stays open while the minutes are approved.
        var before = await ItemStampAsync(App, firstItem);
        AssertSaved(await CommandAsync<MinutesService>(App, Secretary, id, (s, stamp, u) => s.ApproveAsync(id, stamp, u, CancellationToken.None)));

        page = await browser.GetAsync($"/moeder/{id}");
        Assert.Equal(Texts.Meeting_State_Approved, page.TestIdText("meeting-state"));
        Assert.Empty(page.Document.QuerySelectorAll("[data-testid='write-minutes']"));
        var locked = await SaveMinutesAsync(App, Secretary, id, firstItem, new MinutesInput { Summary = "Ændret bagefter." }, before);
        Assert.Equal(LookupOutcome.Found, locked.Outcome);
        Assert.Contains(Texts.Error_MinutesLocked, Messages(locked));
        Assert.Equal("Status quo.", (await MeetingAsync(id)).Items.Single(i => i.Id == firstItem).Summary);

        // A guest without authority status sees that the meeting takes no more concerns, not an offer without a form (issue 16 #13).
        using var guest = App.CreateBrowser();
        await guest.SignInAsync(NonAuthority);
        var guestView = await guest.GetAsync($"/moeder/{id}");
        Assert.Equal(HttpStatusCode.OK, guestView.Status);
        Assert.Equal(Texts.Meeting_HandOverClosed, guestView.TestIdText("hand-over-closed"));
        Assert.DoesNotContain(Texts.Meeting_HandOverHeading, guestView.Text, StringComparison.Ordinal);
        Assert.Empty(guestView.Document.QuerySelectorAll("[data-testid='hand-over']"));

        var emptyAddendum = await App.AsUserAsync<MinutesService, MeetingResult>(Secretary, (s, u) => s.AddAddendumAsync(id, new TextInput { Text = " " }, u, CancellationToken.None));
        Assert.Equal([Texts.Meeting_Validation_TextRequired], emptyAddendum.Result.FieldErrors[nameof(TextInput.Text)]);
        AssertSaved(await App.AsUserAsync<MinutesService, MeetingResult>(Secretary, (s, u) => s.AddAddendumAsync(id, new TextInput { Text = "Rettelse: mødet sluttede kl. 11." }, u, CancellationToken.None)));
        Assert.Contains("Rettelse: mødet sluttede kl. 11.", (await browser.GetAsync($"/moeder/{id}")).TestIdText("addenda"), StringComparison.Ordinal);
        Assert.Contains(await App.AuditEntriesAsync(), e => e.Action == AuditActions.MinutesApproved && e.SubjectId == id.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Two_secretaries_writing_the_same_minutes_do_not_overwrite_each_other()
    {
        using var first = App.CreateBrowser();
        await first.SignInAsync(Secretary);
        var id = await CreateMeetingAsync(App, first, Secretary, await GroupIdAsync(CoordinationGroup), Today);
        var itemId = (await MeetingAsync(id)).Part(AgendaPart.General).First().Id;
        // Both secretaries' pages show the item as it is now.
        var shown = await ItemStampAsync(App, itemId);

        AssertSaved(await SaveMinutesAsync(App, Secretary, id, itemId, new MinutesInput { Summary = "Den første version." }, shown));
        var conflict = await SaveMinutesAsync(App, Secretary, id, itemId, new MinutesInput { Summary = "Den anden version." }, shown);

        Assert.Equal(LookupOutcome.Found, conflict.Outcome);
        Assert.Equal([Texts.Concurrency_Conflict], conflict.Result.GeneralErrors);
        Assert.Equal("Den første version.", (await MeetingAsync(id)).Items.Single(i => i.Id == itemId).Summary);
    }

    [Fact]
    public async Task A_guest_without_authority_status_sees_the_general_part_only_and_hands_over_a_concern_to_the_members()
    {
        await using var db = App.CreateDbContext();
        var meetingId = await db.Meetings.Where(m => m.Attendees.Any(a => a.IsGuest && !a.IsAuthorityPerson)).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
        var names = await db.YoungPersons.Select(p => p.FullName).ToListAsync();
        var caseNumbers = await db.Cases.Select(c => c.CaseNumber).ToListAsync();
        using var guest = App.CreateBrowser();
        await guest.SignInAsync(NonAuthority);

        foreach (var url in new[] { "/moeder", $"/moeder/{meetingId}", $"/moeder/{meetingId}/udskriv" })
        {
            var page = await guest.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            var html = page.Document.DocumentElement.OuterHtml;
            Assert.DoesNotContain(names, n => html.Contains(n, StringComparison.Ordinal));
            Assert.DoesNotContain(caseNumbers, n => html.Contains(n, StringComparison.Ordinal));
        }

        var meeting = await guest.GetAsync($"/moeder/{meetingId}");
        Assert.NotNull(meeting.TestIdText("case-part-closed"));
        Assert.Null(meeting.TestIdText("case-items"));
        Assert.Equal(HttpStatusCode.Forbidden, (await guest.GetAsync($"/moeder/{meetingId}/punkter/{(await MeetingAsync(meetingId)).Items.First().Id}")).Status);

        var emptyConcern = await App.AsUserAsync<AttendanceService, MeetingResult>(NonAuthority, (s, u) => s.HandOverConcernAsync(meetingId, new TextInput { Text = "" }, u, CancellationToken.None));
        Assert.Equal([Texts.Meeting_Validation_TextRequired], emptyConcern.Result.FieldErrors[nameof(TextInput.Text)]);
        AssertSaved(await App.AsUserAsync<AttendanceService, MeetingResult>(NonAuthority, (s, u) =>
            s.HandOverConcernAsync(meetingId, new TextInput { Text = "En gruppe drenge hænger ud ved legepladsen om aftenen." }, u, CancellationToken.None)));
        using var secretary = App.CreateBrowser();
        await secretary.SignInAsync(Secretary);
        var withConcern = await secretary.GetAsync($"/moeder/{meetingId}");
        Assert.Contains("En gruppe drenge hænger ud ved legepladsen om aftenen.", withConcern.TestIdText("concerns"), StringComparison.Ordinal);

        // The secretary registers a case from it: the form starts from the concern, and the concern then points at the case.
        var concernId = await db.HandedOverConcerns.Where(c => c.MeetingId == meetingId).OrderByDescending(c => c.Id).Select(c => c.Id).FirstAsync();
        var link = withConcern.Document.QuerySelectorAll("[data-testid='register-from-concern']").Select(a => a.GetAttribute("href")).Single(h => h == $"/sager/ny?bekymring={concernId}");
        var form = await secretary.GetAsync(link!);
        Assert.NotNull(form.TestIdText("from-concern"));
        Assert.Equal("En gruppe drenge hænger ud ved legepladsen om aftenen.", form.Document.GetElementById("concern")?.TextContent);

        // The registration page is interactive: the secretary completes it in a circuit (bUnit over the app's services).
        var areaId = await db.LocalAreas.Where(a => a.Name == "Amager Øst").Select(a => a.Id).SingleAsync();
        await using (var host = await ComponentHost.ForAsync(App, Secretary))
        {
            var navigation = host.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
            navigation.NavigateTo(link!);
            var page = host.RenderPage<SspKbh.Web.Features.Cases.CaseRegister>();
            page.WaitForAssertion(() => Assert.NotNull(page.Instance.Input));
            Assert.NotEmpty(page.FindAll("[data-testid='from-concern']"));
            Assert.Equal("En gruppe drenge hænger ud ved legepladsen om aftenen.", page.Instance.Input!.Concern);
            await page.InvokeAsync(() =>
            {
                var input = page.Instance.Input!;
                input.FullName = $"Ny Dreng {Guid.NewGuid().ToString("N")[..6]}";
                input.DateOfBirth = new DateOnly(2012, 3, 3);
                input.LocalAreaId = areaId;
                input.Level = CaseLevel.WorryingBehaviour;
            });
            page.Render();
            await page.InvokeAsync(() => page.Find("[data-testid='register-case']").Click());
            page.WaitForAssertion(() => Assert.Matches("/sager/[0-9]+\\?oprettet=1$", navigation.Uri));
        }

        await using (var check = App.CreateDbContext())
        {
            var caseId = (await check.HandedOverConcerns.SingleAsync(c => c.Id == concernId)).RegisteredCaseId;
            Assert.NotNull(caseId);
            Assert.Equal("En gruppe drenge hænger ud ved legepladsen om aftenen.", (await check.Cases.SingleAsync(c => c.Id == caseId)).Concern);
        }

        // The guest cannot open the registration form from the concern.
        Assert.Null((await guest.GetAsync($"/sager/ny?bekymring={concernId}")).TestIdText("from-concern"));

        // The printed minutes hold the concern (issue 16 #12): the members' print says a case came of it, the guest's does not.
        var printed = await secretary.GetAsync($"/moeder/{meetingId}/udskriv");
        Assert.Contains("En gruppe drenge hænger ud ved legepladsen om aftenen.", printed.TestIdText("print-concerns"), StringComparison.Ordinal);
        Assert.Contains(Texts.Meeting_ConcernRegistered, printed.TestIdText("print-concerns"), StringComparison.Ordinal);
        var guestPrint = await guest.GetAsync($"/moeder/{meetingId}/udskriv");
        Assert.Contains("En gruppe drenge hænger ud ved legepladsen om aftenen.", guestPrint.TestIdText("print-concerns"), StringComparison.Ordinal);
        Assert.DoesNotContain(Texts.Meeting_ConcernRegistered, guestPrint.Text, StringComparison.Ordinal);

        // A member cannot hand over a concern for the guest, and the guest cannot change the agenda.
        var firstItem = (await MeetingAsync(meetingId)).Items.First().Id;
        var agenda = await CommandAsync<AgendaService>(App, NonAuthority, meetingId, (s, stamp, u) => s.RemoveItemAsync(meetingId, firstItem, stamp, u, CancellationToken.None));
        Assert.Equal(LookupOutcome.Forbidden, agenda.Outcome);
        Assert.Contains((await MeetingAsync(meetingId)).Items, i => i.Id == firstItem);
        var forMember = await App.AsUserAsync<AttendanceService, MeetingResult>(Member, (s, u) => s.HandOverConcernAsync(meetingId, new TextInput { Text = "Fra et medlem." }, u, CancellationToken.None));
        Assert.Equal(LookupOutcome.Forbidden, forMember.Outcome);
    }

    [Fact]
    public async Task The_leader_group_gets_its_level_3_4_cases_proposed_and_its_goals_and_take_up_again_reach_the_case()
    {
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(Leader);
        var id = await CreateMeetingAsync(App, browser, Leader, await GroupIdAsync(LeaderGroup), Today);
        var page = await browser.GetAsync($"/moeder/{id}");
        var items = page.TestIdText("case-items") ?? "";
        Assert.Contains("Yusuf Amin", items, StringComparison.Ordinal);
        Assert.Contains(MeetingTexts.Reason(AgendaReason.FlaggedForLeaderGroup), items, StringComparison.Ordinal);
        Assert.DoesNotContain("Freja Nielsen", items, StringComparison.Ordinal); // level 1

        var yusuf = await CaseItemAsync(browser, id, "Yusuf Amin");
        AssertSaved(await SaveMinutesAsync(App, Leader, id, yusuf, new MinutesInput
        {
            Decision = MeetingDecision.TakeUpAgain,
            OverallGoal = "Yusuf går i skole hver dag og holder sig fra kriminalitet.", GoalSchool = "Skolen vækker ham kl. 8.30, hvis han ikke er mødt.",
        }));
        await using var db = App.CreateDbContext();
        var c = await db.Cases.SingleAsync(x => db.AgendaItems.Any(i => i.Id == yusuf && i.CaseId == x.Id));
        Assert.Equal("Yusuf går i skole hver dag og holder sig fra kriminalitet.", c.OverallGoal);
        Assert.True(c.FlaggedForLeaderGroup);
        Assert.Equal(Today, c.LastReviewedOn);
    }

    /// <summary>A new ledergruppe meeting (in an app of the test's own) and the agenda item of Yusuf Amin's level 4 case on it.</summary>
    private static async Task<(int Meeting, int Item, int CaseId, int PoliceParty)> LeaderMeetingOnYusufAsync(SspAppFactory app, TestBrowser browser, DateOnly date)
    {
        await using var db = app.CreateDbContext();
        var leaderGroup = await db.Groups.Where(g => g.Name == LeaderGroup).Select(g => g.Id).SingleAsync();
        var yusufCase = await db.Cases.Where(c => db.YoungPersons.Any(p => p.Id == c.YoungPersonId && p.FullName == "Yusuf Amin")).Select(c => c.Id).SingleAsync();
        var police = await db.Parties.Where(p => p.Code == "POL").Select(p => p.Id).SingleAsync();
        var meeting = await CreateMeetingAsync(app, browser, Leader, leaderGroup, date);
        var item = await db.AgendaItems.Where(i => i.MeetingId == meeting && i.CaseId == yusufCase).Select(i => i.Id).SingleAsync();
        return (meeting, item, yusufCase, police);
    }

    [Fact]
    public async Task Raising_a_case_to_level_3_in_the_minutes_takes_the_level_form_in_place()
    {
        await using var app = await SspAppFactory.StartAsync(App.Provider);
        using var browser = app.CreateBrowser();
        await browser.SignInAsync(Secretary);
        int group, oliver;
        await using (var db = app.CreateDbContext())
        {
            group = await db.Groups.Where(g => g.Name == CoordinationGroup).Select(g => g.Id).SingleAsync();
            oliver = await db.Cases.Where(c => db.YoungPersons.Any(p => p.Id == c.YoungPersonId && p.FullName == "Oliver Hansen")).Select(c => c.Id).SingleAsync();
        }

        var meeting = await CreateMeetingAsync(app, browser, Secretary, group, Today);
        int item;
        await using (var db = app.CreateDbContext())
        {
            if (!await db.AgendaItems.AnyAsync(i => i.MeetingId == meeting && i.CaseId == oliver))
            {
                AssertSaved(await CommandAsync<AgendaService>(app, Secretary, meeting, (s, stamp, u) =>
                    s.AddCaseItemAsync(meeting, new CaseItemInput { CaseId = oliver, ConcurrencyStamp = stamp }, u, CancellationToken.None)));
            }

            item = await db.AgendaItems.Where(i => i.MeetingId == meeting && i.CaseId == oliver).Select(i => i.Id).SingleAsync();
        }

        // Without the form: each missing field is refused at its own field of the minutes form (the page shows the form in place,
        // MinutesItemComponentTests), not sent to the case, and the case keeps its level.
        var lead = await app.UserIdAsync(Member);
        MinutesInput Decision() => new()
        {
            Decision = MeetingDecision.ChangeLevel, NewLevel = CaseLevel.RepeatedSeriousCrime, LevelReason = "To nye sigtelser for røveri.", NewLeadUserId = lead,
        };
        var refused = await SaveMinutesAsync(app, Secretary, meeting, item, Decision());
        Assert.Equal(LookupOutcome.Found, refused.Outcome);
        Assert.Equal([CaseTexts.FormFieldRequired("OffenceSituation")], refused.Result.FieldErrors[nameof(MinutesInput.FormOffenceSituation)]);
        Assert.Equal([CaseTexts.FormFieldRequired("TriedSoFar")], refused.Result.FieldErrors[nameof(MinutesInput.FormTriedSoFar)]);
        Assert.DoesNotContain(Messages(refused), m => m.Contains(string.Format(Texts.Meeting_FixOnCase, "", "").Trim(), StringComparison.Ordinal));
        await using (var db = app.CreateDbContext())
        {
                Assert.Equal(CaseLevel.WorryingBehaviour, await db.Cases.Where(c => c.Id == oliver).Select(c => c.Level).SingleAsync());
        }

        // With the form: the case is at level 3 with the form as written, and the decision is recorded.
        var withForm = Decision();
        (withForm.FormOffenceSituation, withForm.FormSchool, withForm.FormLeisure) = ("To røverier af mobiltelefoner.", "Stort fravær.", "Ingen fritidsaktivitet.");
        (withForm.FormHome, withForm.FormNetwork, withForm.FormTriedSoFar) = ("Mor ønsker hjælp.", "Ældre venner i bebyggelsen.", "Samtale med skolen.");
        AssertSaved(await SaveMinutesAsync(app, Secretary, meeting, item, withForm));
        await using (var db = app.CreateDbContext())
        {
            var c = await db.Cases.SingleAsync(x => x.Id == oliver);
            Assert.Equal(CaseLevel.RepeatedSeriousCrime, c.Level);
            Assert.Equal(("To røverier af mobiltelefoner.", "Samtale med skolen."), (c.FormOffenceSituation, c.FormTriedSoFar));
            Assert.Equal(await app.UserIdAsync(Member), c.LeadUserId);
            var minutes = await db.AgendaItems.SingleAsync(i => i.Id == item);
            Assert.Equal(MeetingDecision.ChangeLevel, minutes.Decision);
            Assert.NotNull(minutes.DecisionAppliedAtUtc);
        }
    }

    [Fact]
    public async Task Minutes_and_the_case_change_they_decide_are_saved_together_or_not_at_all_with_their_audit_entries_after_the_commit()
    {
        // An app of its own: a case is closed behind the meeting's back, and the audit trail is counted.
        await using var app = await SspAppFactory.StartAsync(App.Provider);
        using var browser = app.CreateBrowser();
        await browser.SignInAsync(Leader);
        var (meeting, yusufItem, yusufCase, _) = await LeaderMeetingOnYusufAsync(app, browser, Today);
        string? goalBefore, stampBefore;
        int malikItem, malikCase;
        await using (var db = app.CreateDbContext())
        {
            // Yusuf's case is closed after the agenda was made: the ledergruppe's goals would save, "take it up again" is refused.
            var yusuf = await db.Cases.SingleAsync(c => c.Id == yusufCase);
            Assert.Null(yusuf.ChangeStatus(CaseStatus.Closed, "Flyttet fra kommunen", CloseReason.ConcernResolved, "test", app.Clock.GetUtcNow().UtcDateTime, Today));
            await db.SaveChangesAsync();
            (goalBefore, stampBefore) = (yusuf.OverallGoal, yusuf.ConcurrencyStamp);
            malikCase = await db.Cases.Where(c => db.YoungPersons.Any(p => p.Id == c.YoungPersonId && p.FullName == "Malik Ahmed")).Select(c => c.Id).SingleAsync();
            malikItem = await db.AgendaItems.Where(i => i.MeetingId == meeting && i.CaseId == malikCase).Select(i => i.Id).SingleAsync();
        }

        var notifier = app.Services.GetRequiredService<MeetingChangeNotifier>();
        var signals = 0;
        using var listening = notifier.Subscribe(meeting, () => { Interlocked.Increment(ref signals); return Task.CompletedTask; });
        var auditBefore = (await app.AuditEntriesAsync()).Count;
        var refused = await app.AsUserAsync<MinutesService, MeetingResult>(Leader, async (s, u) =>
        {
            await using var db = app.CreateDbContext();
            var stamp = await db.AgendaItems.Where(i => i.Id == yusufItem).Select(i => i.ConcurrencyStamp).SingleAsync();
            return await s.SaveAsync(meeting, yusufItem, new MinutesInput
            {
                Decision = MeetingDecision.TakeUpAgain, Summary = "Ledergruppen følger sagen.", OverallGoal = "Et mål der ikke må gemmes alene.", ConcurrencyStamp = stamp,
            }, u, CancellationToken.None);
        });
        Assert.Equal(LookupOutcome.Found, refused.Outcome);
        Assert.Equal([CaseTexts.Error("CaseIsClosed")], refused.Result.FieldErrors[nameof(MinutesInput.Decision)]);
        await using (var db = app.CreateDbContext())
        {
            // Neither the goals (saved first, inside the transaction) nor the minutes are there.
            var yusuf = await db.Cases.AsNoTracking().SingleAsync(c => c.Id == yusufCase);
            Assert.Equal((goalBefore, stampBefore), (yusuf.OverallGoal, yusuf.ConcurrencyStamp));
            var item = await db.AgendaItems.AsNoTracking().SingleAsync(i => i.Id == yusufItem);
            Assert.Null(item.Decision);
            Assert.Null(item.Summary);
            Assert.Null(item.DecisionAppliedAtUtc);
        }

        Assert.DoesNotContain((await app.AuditEntriesAsync()).Skip(auditBefore), e => e.Outcome != AuditOutcomes.Denied);
        await Task.Delay(200);
        Assert.Equal(0, signals);

        // Malik's case: the goals, the flag and the minutes are saved together, each with its audit entry, and the open pages hear of it once.
        var saved = await app.AsUserAsync<MinutesService, MeetingResult>(Leader, async (s, u) =>
        {
            await using var db = app.CreateDbContext();
            var stamp = await db.AgendaItems.Where(i => i.Id == malikItem).Select(i => i.ConcurrencyStamp).SingleAsync();
            return await s.SaveAsync(meeting, malikItem, new MinutesInput
            {
                Decision = MeetingDecision.TakeUpAgain, Summary = "Malik følges til næste møde.", OverallGoal = "Malik gennemfører 9. klasse.", ConcurrencyStamp = stamp,
            }, u, CancellationToken.None);
        });
        AssertSaved(saved);
        await using (var db = app.CreateDbContext())
        {
            var malik = await db.Cases.AsNoTracking().SingleAsync(c => c.Id == malikCase);
            Assert.Equal("Malik gennemfører 9. klasse.", malik.OverallGoal);
            Assert.True(malik.FlaggedForLeaderGroup);
            var item = await db.AgendaItems.AsNoTracking().SingleAsync(i => i.Id == malikItem);
            Assert.Equal((MeetingDecision.TakeUpAgain, "Malik følges til næste møde."), (item.Decision!.Value, item.Summary));
        }

        var written = (await app.AuditEntriesAsync()).Skip(auditBefore).ToList();
        var caseId = malikCase.ToString(CultureInfo.InvariantCulture);
        Assert.Contains(written, e => e.Action == AuditActions.CaseUpdate && e.SubjectId == caseId && e.Details == "goals");
        Assert.Contains(written, e => e.Action == AuditActions.CaseUpdate && e.SubjectId == caseId && e.Details == "leader-group=flagged");
        Assert.Contains(written, e => e.Action == AuditActions.MinutesUpdated && e.SubjectId == meeting.ToString(CultureInfo.InvariantCulture)
            && e.Details == $"minutes decision={MeetingDecision.TakeUpAgain} item={malikItem}");
        await Task.Delay(200);
        Assert.Equal(1, signals);
    }

    [Fact]
    public async Task Approved_minutes_keep_the_group_name_they_were_held_under_after_the_group_is_renamed()
    {
        await using var app = await SspAppFactory.StartAsync(App.Provider);
        using var browser = app.CreateBrowser();
        await browser.SignInAsync(Leader);
        var (meeting, _, yusufCase, _) = await LeaderMeetingOnYusufAsync(app, browser, Today);
        List<int> items;
        await using (var db = app.CreateDbContext())
        {
            items = await db.AgendaItems.Where(i => i.MeetingId == meeting && i.CaseId != null).Select(i => i.Id).ToListAsync();
        }

        foreach (var item in items)
        {
            AssertSaved(await SaveMinutesAsync(app, Leader, meeting, item, new MinutesInput { Decision = MeetingDecision.TakeUpAgain }));
        }

        AssertSaved(await CommandAsync<MinutesService>(app, Leader, meeting, (s, stamp, u) => s.ApproveAsync(meeting, stamp, u, CancellationToken.None)));
        const string NewName = "SSP-ledergruppe Amager Øst og Vest";
        await using (var db = app.CreateDbContext())
        {
            var group = await db.Groups.SingleAsync(g => g.Name == LeaderGroup);
            group.Name = NewName;
            await db.SaveChangesAsync();
        }

        // The approved minutes, their print and the case's journal extract still say where they were held.
        Assert.Equal(LeaderGroup, (await browser.GetAsync($"/moeder/{meeting}")).TestIdText("meeting-heading"));
        Assert.Contains(LeaderGroup, (await browser.GetAsync($"/moeder/{meeting}/udskriv")).Text, StringComparison.Ordinal);
        var extract = await browser.GetAsync($"/sager/{yusufCase}/journaludtraek");
        Assert.Contains(extract.TestIdTexts("extract-meeting"), e => e.Contains($"{LeaderGroup}, {Today:dd.MM.yyyy}", StringComparison.Ordinal));
        Assert.DoesNotContain(extract.TestIdTexts("extract-meeting"), e => e.Contains(NewName, StringComparison.Ordinal));

        // A meeting not approved yet goes by the group's name of today.
        var next = await CreateMeetingAsync(app, browser, Leader, (await MeetingOfAsync(app, meeting)).GroupId, Today.AddDays(14));
        Assert.Equal(NewName, (await browser.GetAsync($"/moeder/{next}")).TestIdText("meeting-heading"));
    }

    private static async Task<Meeting> MeetingOfAsync(SspAppFactory app, int id)
    {
        await using var db = app.CreateDbContext();
        return await db.Meetings.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    [Fact]
    public async Task A_task_in_the_leader_groups_minutes_goes_to_someone_who_works_on_the_case_and_reaches_their_home_page()
    {
        await using var app = await SspAppFactory.StartAsync(App.Provider);
        using var browser = app.CreateBrowser();
        await browser.SignInAsync(Leader);
        var (meeting, item, _, police) = await LeaderMeetingOnYusufAsync(app, browser, Today);

        // The owners offered are the authority people of the case's koordinationsgruppe and of the ledergruppe, not only "not a user".
        var jonas = await app.UserIdAsync(Member);
        var outsider = await app.UserIdAsync("ssp-plus@sspkbh.dk"); // an authority member of another group
        // (The page's owner select lists its state's candidates, every one: MinutesItemComponentTests.)
        var state = await app.AsUserAsync<MinutesPageLoader, MinutesPageState>(Leader, (s, u) => s.LoadAsync(meeting, item, u, CancellationToken.None));
        var offered = state.Candidates.Select(c => c.UserId).ToList();
        Assert.Contains(jonas, offered);
        Assert.Contains(await app.UserIdAsync(Leader), offered);
        Assert.Contains(await app.UserIdAsync(Secretary), offered);
        Assert.DoesNotContain(outsider, offered);

        // Someone without the case is refused next to the field, and nothing is saved.
        var refused = await AddTaskAsync(app, Leader, meeting, item, new ActionInput { What = "Møde med skolens ledelse", OwnerUserId = outsider, OwnerPartyId = police, DueOn = Today.AddDays(7) });
        Assert.Equal([Texts.Case_Validation_ActionOwnerNoAccess], refused.Result.FieldErrors[nameof(ActionInput.OwnerUserId)]);
        await using (var db = app.CreateDbContext())
        {
            Assert.False(await db.CaseActions.AnyAsync(a => a.AgendaItemId == item));
        }

        // Jonas Krag gets the task, and it is on his home page.
        AssertSaved(await AddTaskAsync(app, Leader, meeting, item, new ActionInput { What = "Møde med skolens ledelse", OwnerUserId = jonas, OwnerPartyId = police, DueOn = Today.AddDays(7) }));
        using var member = app.CreateBrowser();
        await member.SignInAsync(Member);
        Assert.Contains("Møde med skolens ledelse", (await member.GetAsync("/")).TestIdText("home-actions"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_next_leader_group_agenda_says_a_case_was_taken_up_again_and_has_open_tasks_from_the_last_meeting()
    {
        // An app of its own: which meeting is "the last one" must not depend on other tests' meetings.
        await using var app = await SspAppFactory.StartAsync(App.Provider);
        using var browser = app.CreateBrowser();
        await browser.SignInAsync(Leader);
        var (first, item, yusufCase, police) = await LeaderMeetingOnYusufAsync(app, browser, Today);
        int leaderGroup;
        await using (var db = app.CreateDbContext())
        {
            leaderGroup = await db.Meetings.Where(m => m.Id == first).Select(m => m.GroupId).SingleAsync();
        }

        AssertSaved(await SaveMinutesAsync(app, Leader, first, item, new MinutesInput { Decision = MeetingDecision.TakeUpAgain }));
        AssertSaved(await AddTaskAsync(app, Leader, first, item, new ActionInput
        {
            What = "Skolen og politiet aftaler en fælles plan", OwnerName = "Jonas Krag", OwnerPartyId = police, DueOn = Today.AddDays(30),
        }));

        var next = await CreateMeetingAsync(app, browser, Leader, leaderGroup, Today.AddDays(14));
        AgendaReason reasons;
        await using (var db = app.CreateDbContext())
        {
            reasons = await db.AgendaItems.Where(i => i.MeetingId == next && i.CaseId == yusufCase).Select(i => i.Reasons).SingleAsync();
        }

        // Why it is on the agenda now: the ledergruppe said so, and its task is still open; it is neither new nor freshly sent up.
        Assert.True(reasons.HasFlag(AgendaReason.TakenUpAgain), reasons.ToString());
        Assert.True(reasons.HasFlag(AgendaReason.OpenTasksFromLastMeeting), reasons.ToString());
        Assert.False(reasons.HasFlag(AgendaReason.NewCase), reasons.ToString());
        Assert.False(reasons.HasFlag(AgendaReason.FlaggedForLeaderGroup), reasons.ToString());
        var shown = (await browser.GetAsync($"/moeder/{next}")).TestIdText("case-items") ?? "";
        Assert.Contains(MeetingTexts.Reason(AgendaReason.TakenUpAgain), shown, StringComparison.Ordinal);
        Assert.Contains(MeetingTexts.Reason(AgendaReason.OpenTasksFromLastMeeting), shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_leader_board_shows_every_open_level_3_4_case_under_the_leader_group_with_what_is_overdue_the_last_decision_goals_and_who_does_what()
    {
        // An app of its own: the clock moves forward.
        await using var app = await SspAppFactory.StartAsync(App.Provider);
        using var browser = app.CreateBrowser();
        await browser.SignInAsync(Leader);
        int leaderGroup, coordinationGroup;
        await using (var db = app.CreateDbContext())
        {
            leaderGroup = await db.Groups.Where(g => g.Name == LeaderGroup).Select(g => g.Id).SingleAsync();
            coordinationGroup = await db.Groups.Where(g => g.Name == CoordinationGroup).Select(g => g.Id).SingleAsync();
        }

        // The ledergruppe decides on Yusuf's case: take it up again, a goal, and a named task due in three days.
        var meetingId = await CreateMeetingAsync(app, browser, Leader, leaderGroup, DanishTime.Today(app.Clock), "Rådhuset");
        int yusufItem, yusufCase;
        await using (var db = app.CreateDbContext())
        {
            yusufCase = await db.Cases.Where(c => db.YoungPersons.Any(p => p.Id == c.YoungPersonId && p.FullName == "Yusuf Amin")).Select(c => c.Id).SingleAsync();
            yusufItem = await db.AgendaItems.Where(i => i.MeetingId == meetingId && i.CaseId == yusufCase).Select(i => i.Id).SingleAsync();
        }

        AssertSaved(await SaveMinutesAsync(app, Leader, meetingId, yusufItem, new MinutesInput
        {
            Decision = MeetingDecision.TakeUpAgain, DecisionText = "Status på skolegangen ved næste møde.", OverallGoal = "Yusuf kommer i skole hver dag.",
        }));
        var policeId = (await app.CreateDbContext().Parties.SingleAsync(p => p.Code == "POL")).Id;
        AssertSaved(await AddTaskAsync(app, Leader, meetingId, yusufItem, new ActionInput
        {
            What = "Hjemmebesøg sammen med SOF", OwnerName = "Jonas Krag", OwnerPartyId = policeId, DueOn = DanishTime.Today(app.Clock).AddDays(3),
        }));

        app.Clock.Advance(TimeSpan.FromDays(10));
        await browser.SignInAsync(Leader); // the session did not outlive ten days
        var board = await browser.GetAsync($"/moeder/ledergrupper/{leaderGroup}");
        Assert.Equal(HttpStatusCode.OK, board.Status);
        var rows = board.Document.QuerySelectorAll("[data-testid='board-row']").ToList();
        var names = rows.Select(r => Page.Normalize(r.TextContent)).ToList();
        Assert.Contains(names, n => n.Contains("Malik Ahmed", StringComparison.Ordinal));
        Assert.Contains(names, n => n.Contains("Mikkel Sørensen", StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => n.Contains("Freja Nielsen", StringComparison.Ordinal)); // level 1
        Assert.DoesNotContain(names, n => n.Contains("Ida Larsen", StringComparison.Ordinal)); // level 2, the other coordination group
        // Level 4 first, with its overdue task, the review date, the last decision and "take up again".
        var yusuf = rows[0];
        Assert.Contains("Yusuf Amin", yusuf.TextContent, StringComparison.Ordinal);
        Assert.Equal("1", Page.Normalize(yusuf.QuerySelector("[data-testid='overdue-actions']")!.TextContent));
        Assert.Contains(MeetingTexts.Decision(MeetingDecision.TakeUpAgain), yusuf.QuerySelector("[data-testid='last-decision']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(LeaderGroup, yusuf.QuerySelector("[data-testid='last-decision']")!.TextContent, StringComparison.Ordinal);
        // The badge says what put the case on the list: Yusuf's was the ledergruppe's own decision; Malik's, his level 3 alone
        // (no group sent him up, whatever the last decision was).
        Assert.Equal(string.Format(Texts.Culture, Texts.LeaderBoard_TakeUpAgain, DanishTime.Today(app.Clock).AddDays(-10).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)),
            Page.Normalize(yusuf.QuerySelector("[data-testid='take-up-again']")!.TextContent));
        var malik = rows.Single(r => r.TextContent.Contains("Malik Ahmed", StringComparison.Ordinal));
        Assert.Null(malik.QuerySelector("[data-testid='take-up-again'], [data-testid='sent-up']"));
        DateOnly malikLevelSetOn;
        await using (var db = app.CreateDbContext())
        {
            malikLevelSetOn = await db.Cases.Where(c => db.YoungPersons.Any(p => p.Id == c.YoungPersonId && p.FullName == "Malik Ahmed")).Select(c => c.LevelSetOn).SingleAsync();
        }

        Assert.Equal(string.Format(Texts.Culture, Texts.LeaderBoard_ReachedLevel, malikLevelSetOn.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)),
            Page.Normalize(malik.QuerySelector("[data-testid='reached-level']")!.TextContent));
        Assert.Contains("15 dage siden", Page.Normalize(yusuf.QuerySelector("[data-testid='raised']")!.TextContent), StringComparison.Ordinal); // raised 5 days before the seed, plus 10
        Assert.Contains(CaseLevel.CrimeDangerousToPersons.DefaultLeadParty(), yusuf.QuerySelector("[data-testid='lead']")!.TextContent, StringComparison.Ordinal);
        var details = board.Document.QuerySelectorAll("[data-testid='board-case']").Single(s => s.GetAttribute("data-case") == yusuf.GetAttribute("data-case"));
        Assert.Contains("Yusuf kommer i skole hver dag.", details.TextContent, StringComparison.Ordinal);
        Assert.Contains("Status på skolegangen ved næste møde.", details.TextContent, StringComparison.Ordinal);
        Assert.Contains("Hjemmebesøg sammen med SOF", details.QuerySelector("[data-testid='board-tasks']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Jonas Krag (POL)", Page.Normalize(details.QuerySelector("[data-testid='board-tasks']")!.TextContent), StringComparison.Ordinal);

        // The look is audited with the ids of the cases shown.
        var entry = (await app.AuditEntriesAsync()).Last(e => e.Action == AuditActions.LeaderBoardView);
        Assert.Equal("case", entry.SubjectType);
        Assert.Contains(yusufCase.ToString(CultureInfo.InvariantCulture), entry.ListedIds);
        Assert.Equal(AuditPurposes.LeaderGroupBoard, entry.Purpose);

        // A closed case leaves the board.
        await using (var db = app.CreateDbContext())
        {
            var mikkel = await db.Cases.SingleAsync(c => db.YoungPersons.Any(p => p.Id == c.YoungPersonId && p.FullName == "Mikkel Sørensen"));
            Assert.Null(mikkel.ChangeStatus(CaseStatus.Closed, "Overdraget", CloseReason.ConcernResolved, "test", app.Clock.GetUtcNow().UtcDateTime, DanishTime.Today(app.Clock)));
            await db.SaveChangesAsync();
        }

        Assert.DoesNotContain("Mikkel Sørensen", (await browser.GetAsync($"/moeder/ledergrupper/{leaderGroup}")).TestIdText("leader-board"), StringComparison.Ordinal);

        // The secretary of a coordination group is no member of the ledergruppe; a coordination group has no board.
        using var secretary = app.CreateBrowser();
        await secretary.SignInAsync(Secretary);
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.GetAsync($"/moeder/ledergrupper/{leaderGroup}")).Status);
        Assert.Contains(await app.AuditEntriesAsync(), e => e.Action == AuditActions.LeaderBoardView && e.Outcome == AuditOutcomes.Denied);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/moeder/ledergrupper/{coordinationGroup}")).Status);
        Assert.Contains($"/moeder/ledergrupper/{leaderGroup}", (await browser.GetAsync("/moeder")).Document.QuerySelectorAll("[data-testid='leader-boards'] a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task The_journal_extract_of_a_case_lists_its_minutes_decisions_and_tasks_for_the_records_system()
    {
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(Secretary);
        var id = await CreateMeetingAsync(App, browser, Secretary, await GroupIdAsync(CoordinationGroup), Today, place: "Journalmødet");
        var item = await CaseItemAsync(browser, id, "Lucas Holm");
        AssertSaved(await SaveMinutesAsync(App, Secretary, id, item, new MinutesInput
        {
            Summary = "Fritidscentret fortæller om bedre fremmøde.", Decision = MeetingDecision.KeepLevel, DecisionText = "Sagen følges på næste møde.",
        }));
        var buf = (await App.CreateDbContext().Parties.SingleAsync(p => p.Code == "BUF")).Id;
        AssertSaved(await AddTaskAsync(App, Secretary, id, item, new ActionInput { What = "Klasselæreren ringer til mor", OwnerName = "Klasselæreren", OwnerPartyId = buf, DueOn = Today.AddDays(7) }));
        int caseId;
        await using (var db = App.CreateDbContext())
        {
            caseId = (await db.AgendaItems.SingleAsync(i => i.Id == item)).CaseId!.Value;
        }

        var casePage = await browser.GetAsync($"/sager/{caseId}");
        var link = casePage.Document.QuerySelector("[data-testid='journal-extract-link']")!.GetAttribute("href");
        var extract = await browser.GetAsync(link!);
        Assert.Equal(HttpStatusCode.OK, extract.Status);
        var section = extract.Document.QuerySelectorAll("[data-testid='extract-meeting']").Select(s => Page.Normalize(s.TextContent))
            .Single(t => t.Contains("Fritidscentret fortæller om bedre fremmøde.", StringComparison.Ordinal));
        Assert.Contains(CoordinationGroup, section, StringComparison.Ordinal);
        Assert.Contains(MeetingTexts.Decision(MeetingDecision.KeepLevel), section, StringComparison.Ordinal);
        Assert.Contains("Sagen følges på næste møde.", section, StringComparison.Ordinal);
        Assert.Contains("Klasselæreren ringer til mor", section, StringComparison.Ordinal);
        Assert.Contains(Texts.JournalExtract_NotApproved, section, StringComparison.Ordinal);
        Assert.Contains(await App.AuditEntriesAsync(), e => e.Action == AuditActions.CaseView && e.SubjectId == caseId.ToString(CultureInfo.InvariantCulture)
            && e.Details != null && e.Details.StartsWith("view=journal-extract", StringComparison.Ordinal));

        // The ledergruppe sees level 3–4 cases only: Lucas's case (level 1) is refused, and audited.
        using var leader = App.CreateBrowser();
        await leader.SignInAsync(Leader);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync(link!)).Status);
    }

    [Fact]
    public async Task The_journal_extract_links_only_to_minutes_the_reader_may_open()
    {
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(Secretary);
        var id = await CreateMeetingAsync(App, browser, Secretary, await GroupIdAsync(CoordinationGroup), Today, place: "Udtræksmødet");
        var item = await CaseItemAsync(browser, id, "Malik Ahmed");
        AssertSaved(await SaveMinutesAsync(App, Secretary, id, item, new MinutesInput { Summary = "Status fra skolen om Malik.", Decision = MeetingDecision.KeepLevel }));
        int caseId;
        await using (var db = App.CreateDbContext())
        {
            caseId = (await db.AgendaItems.SingleAsync(i => i.Id == item)).CaseId!.Value;
        }

        // The group's secretary may open the whole minutes, and the extract links to them.
        var own = await browser.GetAsync($"/sager/{caseId}/journaludtraek");
        var ownLink = own.Document.QuerySelectorAll("[data-testid='extract-whole-minutes']").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains($"/moeder/{id}/udskriv", ownLink);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/moeder/{id}/udskriv")).Status);

        // The ledergruppe reads the level 3–4 case and its extract, but the koordinationsgruppe's minutes are not hers: no link to them.
        using var leader = App.CreateBrowser();
        await leader.SignInAsync(Leader);
        var extract = await leader.GetAsync($"/sager/{caseId}/journaludtraek");
        Assert.Equal(HttpStatusCode.OK, extract.Status);
        Assert.Contains(extract.Document.QuerySelectorAll("[data-testid='extract-meeting']"), s => s.TextContent.Contains("Status fra skolen om Malik.", StringComparison.Ordinal));
        Assert.DoesNotContain($"/moeder/{id}/udskriv", extract.Document.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync($"/moeder/{id}/udskriv")).Status);
    }

    [Fact]
    public async Task Attendance_is_saved_per_person_a_stale_click_is_refused_and_guests_are_added_with_their_status_from_the_account()
    {
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(Secretary);
        var id = await CreateMeetingAsync(App, browser, Secretary, await GroupIdAsync(CoordinationGroup), Today.AddDays(12), place: "Fremmødet");
        var attendees = (await MeetingAsync(id)).Attendees.OrderBy(a => a.Id).ToList();
        Assert.True(attendees.Count >= 2);

        // One click, one person: only that person's status changes.
        var shown = await StampAsync(App, id);
        AssertSaved(await App.AsUserAsync<AttendanceService, MeetingResult>(Secretary, (s, u) => s.SetAttendanceAsync(id, attendees[0].Id, AttendanceStatus.Apologies, shown, u, CancellationToken.None)));
        var after = (await MeetingAsync(id)).Attendees.ToDictionary(a => a.Id, a => a.Status);
        Assert.Equal(AttendanceStatus.Apologies, after[attendees[0].Id]);
        Assert.All(attendees.Skip(1), a => Assert.Equal(a.Status, after[a.Id]));

        // A click on the view shown before that save is stale: refused, nothing changes.
        var stale = await App.AsUserAsync<AttendanceService, MeetingResult>(Secretary, (s, u) => s.SetAttendanceAsync(id, attendees[1].Id, AttendanceStatus.Absent, shown, u, CancellationToken.None));
        Assert.Equal([Texts.Concurrency_Conflict], stale.Result.GeneralErrors);
        Assert.Equal(attendees[1].Status, (await MeetingAsync(id)).Attendees.Single(a => a.Id == attendees[1].Id).Status);

        // An attendee of no such meeting or a status that does not exist: refused, nothing saved, no 500.
        var unknown = await CommandAsync<AttendanceService>(App, Secretary, id, (s, stamp, u) => s.SetAttendanceAsync(id, int.MaxValue, AttendanceStatus.Present, stamp, u, CancellationToken.None));
        Assert.False(unknown.Succeeded);
        var badStatus = await CommandAsync<AttendanceService>(App, Secretary, id, (s, stamp, u) => s.SetAttendanceAsync(id, attendees[1].Id, (AttendanceStatus)99, stamp, u, CancellationToken.None));
        Assert.False(badStatus.Succeeded);
        Assert.Equal(attendees[1].Status, (await MeetingAsync(id)).Attendees.Single(a => a.Id == attendees[1].Id).Status);

        // Only the secretary records attendance (once published, a member is refused, and it is audited).
        AssertSaved(await CommandAsync<AgendaService>(App, Secretary, id, (s, stamp, u) => s.PublishAsync(id, stamp, u, CancellationToken.None)));
        var member = await CommandAsync<AttendanceService>(App, Member, id, (s, stamp, u) => s.SetAttendanceAsync(id, attendees[1].Id, AttendanceStatus.Absent, stamp, u, CancellationToken.None));
        Assert.Equal(LookupOutcome.Forbidden, member.Outcome);
        Assert.Contains(await App.AuditEntriesAsync(), e => e.Action == AuditActions.MeetingUpdated && e.Outcome == AuditOutcomes.Denied && e.SubjectId == id.ToString(CultureInfo.InvariantCulture));

        // A guest without an account needs a name, a party and an authority status; with an account, the status is the account's.
        var missing = await App.AsUserAsync<AttendanceService, MeetingResult>(Secretary, (s, u) => s.AddGuestAsync(id, new GuestInput(), u, CancellationToken.None));
        Assert.Equal([Texts.Meeting_Validation_GuestNameRequired], missing.Result.FieldErrors[nameof(GuestInput.Name)]);
        Assert.Equal([Texts.Validation_PartyRequired], missing.Result.FieldErrors[nameof(GuestInput.PartyId)]);
        Assert.Equal([Texts.Meeting_Validation_GuestAuthorityRequired], missing.Result.FieldErrors[nameof(GuestInput.IsAuthorityPerson)]);
        Assert.Equal(attendees.Count, (await MeetingAsync(id)).Attendees.Count);
        var guestId = await App.UserIdAsync(NonAuthority);
        AssertSaved(await App.AsUserAsync<AttendanceService, MeetingResult>(Secretary, (s, u) => s.AddGuestAsync(id, new GuestInput { UserId = guestId, IsAuthorityPerson = true }, u, CancellationToken.None)));
        var guest = (await MeetingAsync(id)).Attendees.Single(a => a.UserId == guestId);
        Assert.True(guest.IsGuest);
        Assert.False(guest.IsAuthorityPerson);
        var again = await App.AsUserAsync<AttendanceService, MeetingResult>(Secretary, (s, u) => s.AddGuestAsync(id, new GuestInput { UserId = guestId }, u, CancellationToken.None));
        Assert.Equal([Texts.Meeting_Validation_GuestAlreadyThere], again.Result.FieldErrors[nameof(GuestInput.UserId)]);
        var offered = await App.AsUserAsync<AttendanceService, List<GuestAccount>>(Secretary, (s, u) => s.GuestAccountsAsync(id, NonAuthority, u, CancellationToken.None));
        Assert.DoesNotContain(offered, a => a.Id == guestId);
    }

    [Fact]
    public async Task A_saved_change_signals_the_open_pages_of_that_meeting_and_a_refused_one_does_not()
    {
        await using var app = await SspAppFactory.StartAsync(App.Provider);
        using var browser = app.CreateBrowser();
        await browser.SignInAsync(Secretary);
        var groupId = await GroupIdAsync(app, CoordinationGroup);

        var id = await CreateMeetingAsync(app, browser, Secretary, groupId, Today.AddDays(1));
        var notifier = app.Services.GetRequiredService<MeetingChangeNotifier>();
        var signals = 0;
        var signalled = new TaskCompletionSource();
        using var listening = notifier.Subscribe(id, () => { Interlocked.Increment(ref signals); signalled.TrySetResult(); return Task.CompletedTask; });

        // A member without the secretary's role cannot change the agenda: refused, and the open pages hear nothing.
        string stamp;
        await using (var db = app.CreateDbContext())
        {
            stamp = await db.Meetings.Where(m => m.Id == id).Select(m => m.ConcurrencyStamp).SingleAsync();
        }

        var refused = await app.AsUserAsync<AgendaService, MeetingResult>(Member, (s, u) =>
            s.AddGeneralItemAsync(id, new GeneralItemInput { Title = "Orientering", ConcurrencyStamp = stamp }, u, CancellationToken.None));
        Assert.False(refused.Succeeded);
        await Task.Delay(200);
        Assert.Equal(0, signals);

        var added = await app.AsUserAsync<AgendaService, MeetingResult>(Secretary, (s, u) =>
            s.AddGeneralItemAsync(id, new GeneralItemInput { Title = "Orientering", ConcurrencyStamp = stamp }, u, CancellationToken.None));
        Assert.True(added.Succeeded);
        await signalled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, signals);
    }
}

public sealed class MeetingTestsSqlite(SqliteApp fixture) : MeetingTests(fixture), IClassFixture<SqliteApp>;

public sealed class MeetingTestsPostgres(PostgresApp fixture) : MeetingTests(fixture), IClassFixture<PostgresApp>;
