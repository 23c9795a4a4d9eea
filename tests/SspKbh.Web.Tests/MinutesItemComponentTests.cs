using System.Globalization;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using MudBlazor.Extensions;
using SspKbh.Domain.Cases;
using SspKbh.Domain.Meetings;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Features.Meetings;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The interactive minutes page of one agenda item (<see cref="MinutesItemPage"/>) in bUnit over the real app and a real
/// database: messages beside the fields and nothing saved, a save that names the item, a stale save refused with a way to
/// reload, previous/next and "Gem og næste" through the agenda without losing what is typed, the level 3 form in place
/// (issue 16 #3), and a task that appears in the list. The rules behind each save are tested on the services in
/// <see cref="MeetingTests"/>.
/// </summary>
public abstract class MinutesItemComponentTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private const string Secretary = "sekretaer@sspkbh.dk";
    private const string Member = "myndighed@sspkbh.dk";
    private const string NonAuthority = "ikke-myndighed@sspkbh.dk";
    private static readonly TimeSpan Wait = CasePageSteps.Patience;

    private DateOnly Today => DanishTime.Today(App.Clock);

    /// <summary>A new meeting of the koordinationsgruppe today (so its minutes may be written), made through the service as the group page does.</summary>
    private async Task<int> NewMeetingAsync(string place)
    {
        await using var db = App.CreateDbContext();
        var groupId = await db.Groups.Where(g => g.Name == "Koordinationsgruppe Amager Øst").Select(g => g.Id).SingleAsync();
        var created = await App.AsUserAsync<MeetingService, MeetingResult>(Secretary, (s, u) =>
            s.CreateAsync(groupId, new MeetingInput { Date = Today, StartTime = new TimeOnly(14, 0), Place = place }, u, CancellationToken.None));
        Assert.True(created.Succeeded);
        return int.Parse(created.Result.CreatedId!, CultureInfo.InvariantCulture);
    }

    /// <summary>The agenda item of the person's case on the meeting; the secretary adds the case first when the proposal left it out.</summary>
    private async Task<int> CaseItemAsync(int meetingId, string personName)
    {
        await using var db = App.CreateDbContext();
        var caseId = await db.Cases.Where(c => db.YoungPersons.Any(p => p.Id == c.YoungPersonId && p.FullName == personName)).Select(c => c.Id).SingleAsync();
        if (!await db.AgendaItems.AnyAsync(i => i.MeetingId == meetingId && i.CaseId == caseId))
        {
            var stamp = await db.Meetings.Where(m => m.Id == meetingId).Select(m => m.ConcurrencyStamp).SingleAsync();
            var added = await App.AsUserAsync<AgendaService, MeetingResult>(Secretary, (s, u) =>
                s.AddCaseItemAsync(meetingId, new CaseItemInput { CaseId = caseId, ConcurrencyStamp = stamp }, u, CancellationToken.None));
            Assert.True(added.Succeeded);
        }

        return await db.AgendaItems.Where(i => i.MeetingId == meetingId && i.CaseId == caseId).Select(i => i.Id).SingleAsync();
    }

    private async Task<List<AgendaItem>> GeneralItemsAsync(int meetingId)
    {
        await using var db = App.CreateDbContext();
        return await db.AgendaItems.AsNoTracking().Where(i => i.MeetingId == meetingId && i.Part == AgendaPart.General).OrderBy(i => i.Position).ToListAsync();
    }

    private async Task<AgendaItem> ItemAsync(int itemId)
    {
        await using var db = App.CreateDbContext();
        return await db.AgendaItems.AsNoTracking().SingleAsync(i => i.Id == itemId);
    }

    private async Task<SspCase> CaseOfAsync(int itemId)
    {
        await using var db = App.CreateDbContext();
        return await db.Cases.AsNoTracking().SingleAsync(c => db.AgendaItems.Any(i => i.Id == itemId && i.CaseId == c.Id));
    }

    private static IRenderedComponent<MinutesItemPage> Open(ComponentHost host, int meetingId, int itemId)
    {
        host.Navigation.NavigateTo($"/moeder/{meetingId}/punkter/{itemId}");
        var page = host.RenderPage<MinutesItemPage>(p => p.Add(x => x.Id, meetingId).Add(x => x.ItemId, itemId));
        WaitForItem(page, itemId);
        return page;
    }

    /// <summary>What the router does after a navigation inside the circuit: the same page, given the item the address names.</summary>
    private static void FollowToItem(ComponentHost host, IRenderedComponent<MinutesItemPage> page, int itemId)
    {
        // The navigation lock is asked first (asynchronously): the address changes once it lets the navigation go.
        host.WaitForAddress(a => Assert.EndsWith($"/punkter/{itemId}", a, StringComparison.Ordinal), Wait);
        page.Render(p => p.Add(x => x.ItemId, itemId));
        WaitForItem(page, itemId);
    }

    private static void WaitForItem(IRenderedComponent<MinutesItemPage> page, int itemId) =>
        page.WaitForAssertion(() =>
        {
            Assert.Equal(itemId, page.Instance.State?.Item?.Id ?? page.Instance.ItemId);
            Assert.NotNull(page.Instance.State);
            Assert.NotEmpty(page.FindAll("[data-testid='minutes-heading'], [data-testid='status-heading']"));
        }, Wait);

    private static string ErrorOf(IRenderedComponent<MinutesItemPage> page, string id) =>
        page.FindAll($"#{id}-error").Select(e => e.TextContent.Trim()).FirstOrDefault() ?? "";

    private static string ValueOf(IRenderedComponent<MinutesItemPage> page, string id) =>
        page.Find($"#{id}").GetAttribute("value") ?? page.Find($"#{id}").TextContent;

    /// <summary>Chooses a value in the page's MudSelect whose input has this id, as picking the option does.</summary>
    private static async Task ChooseAsync<T>(IRenderedComponent<MinutesItemPage> page, string inputId, T value)
    {
        var select = page.FindComponents<MudSelect<T>>().Single(s => s.Instance.GetState(x => x.InputId) == inputId);
        await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(value));
    }

    private static void Saw(ComponentHost host, IRenderedComponent<MinutesItemPage> page, string message) =>
        page.WaitForAssertion(() => Assert.Contains(host.Snackbars.ShownSnackbars, s => s.Message == message), Wait);

    [Fact]
    public async Task Messages_stand_beside_the_fields_and_nothing_is_saved_until_the_minutes_are_complete_then_the_save_names_the_item()
    {
        var meeting = await NewMeetingAsync("Referatmødet");
        var item = await CaseItemAsync(meeting, "Freja Nielsen");
        var reviewedBefore = (await CaseOfAsync(item)).LastReviewedOn;
        await using var host = await ComponentHost.ForAsync(App, Secretary);
        var page = Open(host, meeting, item);

        // No decision: the message stands at the decision field, and nothing is saved.
        page.Find("#summary").Input("Skolen fortæller om mere fremmøde.");
        await page.ClickAsync("save-minutes");
        page.WaitForAssertion(() => Assert.Equal(Texts.Meeting_Validation_DecisionRequired, ErrorOf(page, "decision")), Wait);
        Assert.Contains(Texts.Meeting_Validation_DecisionRequired, page.TestIdText("error-summary"), StringComparison.Ordinal);
        Assert.Null((await ItemAsync(item)).Summary);

        // "Other" asks for the decision in words: refused at that field, still nothing saved.
        await ChooseAsync<MeetingDecision?>(page, "decision", MeetingDecision.Other);
        await page.ClickAsync("save-minutes");
        page.WaitForAssertion(() => Assert.Equal(Texts.Meeting_Validation_DecisionTextRequired, ErrorOf(page, "decisiontext")), Wait);
        Assert.Equal("", ErrorOf(page, "decision"));
        Assert.Null((await ItemAsync(item)).Decision);
        Assert.Equal(reviewedBefore, (await CaseOfAsync(item)).LastReviewedOn);

        // Complete: saved, the snackbar names the item, and the decision is fixed on the page.
        page.Find("#decisiontext").Input("Klubben inviterer Freja til at starte på holdet.");
        await page.ClickAsync("save-minutes");
        var label = AgendaTable.Label(page.Instance.State!.Item!);
        Saw(host, page, string.Format(Texts.Culture, Texts.Meeting_MinutesItemSaved, label));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='decision-applied']")), Wait);
        Assert.StartsWith("Referat af punkt ", string.Format(Texts.Culture, Texts.Meeting_MinutesItemSaved, label), StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#decision"));
        Assert.Contains("Klubben inviterer Freja til at starte på holdet.", page.TestIdText("decision-applied"), StringComparison.Ordinal);
        var saved = await ItemAsync(item);
        Assert.Equal(("Skolen fortæller om mere fremmøde.", MeetingDecision.Other), (saved.Summary, saved.Decision!.Value));
        Assert.NotNull(saved.DecisionAppliedAtUtc);
        Assert.Equal(Today, (await CaseOfAsync(item)).LastReviewedOn);
        Assert.False(page.Instance.Dirty);
    }

    [Fact]
    public async Task A_save_on_an_old_view_is_refused_with_a_way_to_reload_the_newest()
    {
        var meeting = await NewMeetingAsync("Konfliktmødet");
        var item = (await GeneralItemsAsync(meeting))[0].Id;
        await using var host = await ComponentHost.ForAsync(App, Secretary);
        var page = Open(host, meeting, item);

        // Another secretary saves the same item first, on another app instance: no signal reaches this page.
        await using (var db = App.CreateDbContext())
        {
            var saved = await db.AgendaItems.SingleAsync(i => i.Id == item);
            saved.Summary = "Den anden sekretærs referat.";
            saved.Touch();
            await db.SaveChangesAsync();
        }

        page.Find("#summary").Input("Mit referat.");
        await page.ClickAsync("save-minutes");
        page.WaitForAssertion(() => Assert.Contains(Texts.Concurrency_Conflict, page.TestIdText("error-summary"), StringComparison.Ordinal), Wait);
        Assert.Equal("Den anden sekretærs referat.", (await ItemAsync(item)).Summary);
        Assert.DoesNotContain(host.Snackbars.ShownSnackbars, s => s.Severity == Severity.Success);

        // "Hent den nyeste version": the other secretary's minutes, and a save that now goes through.
        await page.ClickAsync("reload-latest");
        page.WaitForAssertion(() => Assert.Equal("Den anden sekretærs referat.", ValueOf(page, "summary")), Wait);
        Assert.Empty(page.FindAll("[data-testid='error-summary']"));
        page.Find("#summary").Input("Den anden sekretærs referat. Tilføjet: mødet sluttede kl. 15.");
        await page.ClickAsync("save-minutes");
        Saw(host, page, string.Format(Texts.Culture, Texts.Meeting_MinutesItemSaved, AgendaTable.Label(page.Instance.State!.Item!)));
        Assert.Equal("Den anden sekretærs referat. Tilføjet: mødet sluttede kl. 15.", (await ItemAsync(item)).Summary);
    }

    [Fact]
    public async Task A_save_by_someone_else_shows_at_once_and_text_being_typed_is_kept_with_a_warning_instead_of_replaced()
    {
        var meeting = await NewMeetingAsync("Livereferatet");
        var item = (await GeneralItemsAsync(meeting))[0].Id;
        await using var host = await ComponentHost.ForAsync(App, Secretary);
        var page = Open(host, meeting, item);

        async Task OtherSavesAsync(string summary)
        {
            var stamp = (await ItemAsync(item)).ConcurrencyStamp;
            var other = await App.AsUserAsync<MinutesService, MeetingResult>(Secretary, (s, u) =>
                s.SaveAsync(meeting, item, new MinutesInput { Summary = summary, ConcurrencyStamp = stamp }, u, CancellationToken.None));
            Assert.True(other.Succeeded);
        }

        // Nothing typed here: the other secretary's minutes appear in the field, and the page says why.
        await OtherSavesAsync("Skrevet af den anden sekretær.");
        page.WaitForAssertion(() => Assert.Equal("Skrevet af den anden sekretær.", ValueOf(page, "summary")), Wait);
        Assert.Equal(Texts.Meeting_ItemUpdatedLive, page.TestIdText("item-updated"));
        Assert.False(page.Instance.Dirty);

        // Typing here, then another save: what is typed stays, and the page warns at once that a save would be refused.
        page.Find("#summary").Input("Mit eget udkast.");
        // The field's input handler finishes on the renderer's dispatcher, which a busy machine may run a moment later.
        page.WaitForAssertion(() => Assert.True(page.Instance.Dirty), Wait);
        await OtherSavesAsync("Rettet igen af den anden sekretær.");
        page.WaitForAssertion(() => Assert.StartsWith(Texts.Meeting_ItemChangedWhileTyping, page.TestIdText("item-changed-while-typing"), StringComparison.Ordinal), Wait);
        Assert.Equal("Mit eget udkast.", ValueOf(page, "summary"));
        Assert.True(page.Instance.Dirty);
        await page.ClickAsync("save-minutes");
        page.WaitForAssertion(() => Assert.Contains(Texts.Concurrency_Conflict, page.TestIdText("error-summary"), StringComparison.Ordinal), Wait);
        Assert.Equal("Rettet igen af den anden sekretær.", (await ItemAsync(item)).Summary);

        // The newest version on request; the warning goes.
        await page.ClickAsync("reload-changed");
        page.WaitForAssertion(() => Assert.Equal("Rettet igen af den anden sekretær.", ValueOf(page, "summary")), Wait);
        Assert.Empty(page.FindAll("[data-testid='item-changed-while-typing']"));
        Assert.False(page.Instance.Dirty);
    }

    [Fact]
    public async Task Previous_and_next_walk_the_agenda_ask_before_unsaved_text_is_left_and_never_show_the_previous_items_text()
    {
        var meeting = await NewMeetingAsync("Navigationsmødet");
        var general = await GeneralItemsAsync(meeting);
        Assert.True(general.Count >= 2);
        var (first, second) = (general[0], general[1]);
        await using var host = await ComponentHost.ForAsync(App, Secretary);
        var page = Open(host, meeting, first.Id);
        Assert.Empty(page.FindAll("[data-testid='previous-item']"));
        Assert.Equal($"/moeder/{meeting}/punkter/{second.Id}", page.Find("[data-testid='next-item']").GetAttribute("href"));

        // Typed and not saved: going on asks first; staying keeps the text where it was.
        page.Find("#summary").Input("Tekst der ikke må gå tabt.");
        page.WaitForAssertion(() => Assert.True(page.Instance.Dirty), Wait);
        host.FollowLink(page.Find("[data-testid='next-item']"));
        await host.Dialogs.AnswerAsync(Texts.Meeting_UnsavedStay);
        Assert.EndsWith($"/punkter/{first.Id}", host.RelativeUri, StringComparison.Ordinal);
        Assert.Equal("Tekst der ikke må gå tabt.", ValueOf(page, "summary"));

        // Saved, the next item opens without asking, with its own (empty) minutes.
        await page.ClickAsync("save-minutes");
        Saw(host, page, string.Format(Texts.Culture, Texts.Meeting_MinutesItemSaved, AgendaTable.Label(page.Instance.State!.Item!)));
        host.FollowLink(page.Find("[data-testid='next-item']"));
        FollowToItem(host, page, second.Id);
        Assert.Empty(host.Dialogs.FindAll(".mud-message-box"));
        Assert.Contains($"{Texts.Meeting_MinutesFor} {second.Position}: {second.Title}", page.TestIdText("minutes-heading"), StringComparison.Ordinal);
        Assert.Equal("", ValueOf(page, "summary"));
        Assert.DoesNotContain("Tekst der ikke må gå tabt.", page.Markup, StringComparison.Ordinal);

        // Back to the first: its saved text; leaving with changes and confirming drops only what the user chose to drop.
        Assert.Equal($"/moeder/{meeting}/punkter/{first.Id}", page.Find("[data-testid='previous-item']").GetAttribute("href"));
        page.Find("#summary").Input("Kladde til punkt to.");
        page.WaitForAssertion(() => Assert.True(page.Instance.Dirty), Wait);
        host.FollowLink(page.Find("[data-testid='previous-item']"));
        await host.Dialogs.AnswerAsync(Texts.Meeting_UnsavedLeave);
        FollowToItem(host, page, first.Id);
        Assert.Equal("Tekst der ikke må gå tabt.", ValueOf(page, "summary"));
        Assert.Null((await ItemAsync(second.Id)).Summary);
    }

    [Fact]
    public async Task Gem_og_naeste_saves_the_item_and_then_shows_the_next_one()
    {
        var meeting = await NewMeetingAsync("Gem-og-næste-mødet");
        var general = await GeneralItemsAsync(meeting);
        var (first, second) = (general[0], general[1]);
        await using var host = await ComponentHost.ForAsync(App, Secretary);
        var page = Open(host, meeting, first.Id);

        page.Find("#summary").Input("Velkomst og godkendelse af dagsordenen.");
        page.Find("#decisiontext").Input("Dagsordenen blev godkendt.");
        Assert.Equal(string.Format(Texts.Culture, Texts.Meeting_SaveAndNextNamed, AgendaTable.Label(page.Instance.State!.AgendaOrder()[1])),
            page.Find("[data-testid='save-and-next']").GetAttribute("aria-label"));
        var label = AgendaTable.Label(page.Instance.State!.Item!);
        await page.ClickAsync("save-and-next");
        Saw(host, page, string.Format(Texts.Culture, Texts.Meeting_MinutesItemSaved, label));
        host.WaitForAddress(a => Assert.EndsWith($"/punkter/{second.Id}", a, StringComparison.Ordinal), Wait);
        Assert.Empty(host.Dialogs.FindAll(".mud-message-box"));
        var saved = await ItemAsync(first.Id);
        Assert.Equal(("Velkomst og godkendelse af dagsordenen.", "Dagsordenen blev godkendt."), (saved.Summary, saved.DecisionText));

        FollowToItem(host, page, second.Id);
        Assert.Contains($"{Texts.Meeting_MinutesFor} {second.Position}: {second.Title}", page.TestIdText("minutes-heading"), StringComparison.Ordinal);
        Assert.Equal("", ValueOf(page, "summary"));
        Assert.Equal("", ValueOf(page, "decisiontext"));
    }

    [Fact]
    public async Task A_level_3_decision_takes_the_level_form_in_place_and_without_it_the_message_stands_at_the_form_field()
    {
        var meeting = await NewMeetingAsync("Niveaumødet");
        var item = await CaseItemAsync(meeting, "Oliver Hansen");
        Assert.Equal(CaseLevel.WorryingBehaviour, (await CaseOfAsync(item)).Level);
        var lead = await App.UserIdAsync(Member);
        await using var host = await ComponentHost.ForAsync(App, Secretary);
        var page = Open(host, meeting, item);

        // Chosen "change the level" to level 3: the level 3–4 form appears in the minutes themselves.
        Assert.Empty(page.FindAll("[data-testid='minutes-level-form']"));
        await ChooseAsync<MeetingDecision?>(page, "decision", MeetingDecision.ChangeLevel);
        await ChooseAsync<CaseLevel?>(page, "newlevel", CaseLevel.RepeatedSeriousCrime);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid='minutes-level-form'] #f-offence")), Wait);
        page.Find("#levelreason").Input("To nye sigtelser for røveri.");
        await ChooseAsync<string?>(page, "newlead", lead);

        // Saved without the form: refused at the form's fields, and the case keeps its level.
        await page.ClickAsync("save-minutes");
        page.WaitForAssertion(() =>
        {
            Assert.Equal(CaseTexts.FormFieldRequired("OffenceSituation"), ErrorOf(page, "f-offence"));
            Assert.Equal(CaseTexts.FormFieldRequired("TriedSoFar"), ErrorOf(page, "f-tried"));
        }, Wait);
        Assert.Equal(CaseLevel.WorryingBehaviour, (await CaseOfAsync(item)).Level);
        Assert.Null((await ItemAsync(item)).Decision);

        // With the form: the case is at level 3 with the form as written.
        page.Find("#f-offence").Input("To røverier af mobiltelefoner.");
        page.Find("#f-school").Input("Stort fravær.");
        page.Find("#f-leisure").Input("Ingen fritidsaktivitet.");
        page.Find("#f-home").Input("Mor ønsker hjælp.");
        page.Find("#f-network").Input("Ældre venner i bebyggelsen.");
        page.Find("#f-tried").Input("Samtale med skolen.");
        page.WaitForAssertion(() => Assert.Equal("", ErrorOf(page, "f-offence")), Wait);
        await page.ClickAsync("save-minutes");
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='decision-applied']")), Wait);
        var c = await CaseOfAsync(item);
        Assert.Equal(CaseLevel.RepeatedSeriousCrime, c.Level);
        Assert.Equal(("To røverier af mobiltelefoner.", "Samtale med skolen."), (c.FormOffenceSituation, c.FormTriedSoFar));
        Assert.Equal(lead, c.LeadUserId);
        Assert.Equal(MeetingDecision.ChangeLevel, (await ItemAsync(item)).Decision);
    }

    [Fact]
    public async Task A_task_is_refused_at_its_fields_until_complete_and_then_appears_in_the_list_without_a_reload()
    {
        var meeting = await NewMeetingAsync("Opgavemødet");
        var item = await CaseItemAsync(meeting, "Lucas Holm");
        await using var host = await ComponentHost.ForAsync(App, Secretary);
        var page = Open(host, meeting, item);
        Assert.NotEmpty(page.FindAll("[data-testid='no-tasks']"));

        // The owner select offers the case's authority people, and "someone outside".
        Assert.NotEmpty(page.Instance.State!.Candidates);
        await page.InvokeAsync(() => page.Find("#task-owneruser").Closest("div.mud-input-control")!.MouseDown());
        host.Popovers.WaitForElement(".mud-popover-open .mud-list-item", Wait);
        var offered = host.Popovers.FindAll(".mud-popover-open .mud-list-item").Select(o => o.TextContent.Trim()).ToList();
        Assert.Equal([Texts.CaseAction_OwnerOutside, .. page.Instance.State.Candidates.Select(c => $"{c.FullName} ({c.PartyCode})")], offered);
        await page.InvokeAsync(() => host.Popovers.FindAll(".mud-popover-open .mud-list-item")[0].Click());

        // What is typed in the minutes meanwhile stays.
        page.Find("#summary").Input("Referatet skrives stadig.");
        page.Find("#task-what").Input("Klasselæreren ringer til mor");
        await page.ClickAsync("add-task");
        page.WaitForAssertion(() =>
        {
            Assert.Equal(Texts.Case_Validation_ActionOwnerRequired, ErrorOf(page, "task-ownername"));
            Assert.Equal(Texts.Case_Validation_ActionDueRequired, ErrorOf(page, "task-dueon"));
            Assert.Equal(Texts.Validation_PartyRequired, ErrorOf(page, "task-ownerparty"));
        }, Wait);
        await using (var db = App.CreateDbContext())
        {
            Assert.False(await db.CaseActions.AnyAsync(a => a.AgendaItemId == item));
        }

        page.Find("#task-ownername").Input("Klasselæreren");
        int buf;
        await using (var db = App.CreateDbContext())
        {
            buf = await db.Parties.Where(p => p.Code == "BUF").Select(p => p.Id).SingleAsync();
        }

        await ChooseAsync<int?>(page, "task-ownerparty", buf);
        await page.InvokeAsync(() => page.Find("#task-dueon").Change(Today.AddDays(7).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)));
        await page.ClickAsync("add-task");
        page.WaitForAssertion(() => Assert.Contains("Klasselæreren ringer til mor – Klasselæreren (BUF)", page.TestIdText("tasks"), StringComparison.Ordinal), Wait);
        Saw(host, page, string.Format(Texts.Culture, Texts.Meeting_TaskAddedSaved, "Klasselæreren ringer til mor", AgendaTable.Label(page.Instance.State!.Item!)));
        Assert.Empty(page.FindAll("[data-testid='no-tasks']"));
        Assert.Equal("", ValueOf(page, "task-what"));
        Assert.Equal("Referatet skrives stadig.", ValueOf(page, "summary"));
        await using (var db = App.CreateDbContext())
        {
            var action = await db.CaseActions.AsNoTracking().SingleAsync(a => a.AgendaItemId == item);
            Assert.Equal(("Klasselæreren ringer til mor", Today.AddDays(7)), (action.What, action.DueOn));
        }
    }

    [Fact]
    public async Task Only_the_secretary_writes_the_minutes_a_member_and_a_guest_are_refused_without_any_of_the_items_data()
    {
        var meeting = await NewMeetingAsync("Adgangsmødet");
        var item = await CaseItemAsync(meeting, "Adam Khalil");
        var person = "Adam Khalil";
        foreach (var email in new[] { Member, NonAuthority })
        {
            await using var host = await ComponentHost.ForAsync(App, email);
            var page = Open(host, meeting, item);
            Assert.Equal(LookupOutcome.Forbidden, page.Instance.State!.Outcome);
            Assert.Equal(Texts.Forbidden_Title, page.TestIdText("status-heading").Trim());
            Assert.DoesNotContain(person, page.Markup, StringComparison.Ordinal);
            Assert.Empty(page.FindAll("#summary, [data-testid='save-minutes'], [data-testid='add-task']"));
        }

        // An item of another meeting is unknown here.
        await using (var host = await ComponentHost.ForAsync(App, Secretary))
        {
            var other = await NewMeetingAsync("Det andet møde");
            var page = Open(host, other, item);
            Assert.Equal(LookupOutcome.NotFound, page.Instance.State!.Outcome);
            Assert.Equal(Texts.NotFound_Title, page.TestIdText("status-heading").Trim());
        }
    }
}

public sealed class MinutesItemComponentTestsSqlite(SqliteApp fixture) : MinutesItemComponentTests(fixture), IClassFixture<SqliteApp>;

public sealed class MinutesItemComponentTestsPostgres(PostgresApp fixture) : MinutesItemComponentTests(fixture), IClassFixture<PostgresApp>;
