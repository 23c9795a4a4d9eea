using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SspKbh.Domain.Conversations;
using SspKbh.Domain.Meetings;
using SspKbh.Web.Audit;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Features.Conversations;
using SspKbh.Web.Features.Meetings;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// Concern conversations over HTTP as the secretary, a member and users outside the case: offered from a
/// meeting decision or from the case, moved through their status with the domain's refusals, the checklist
/// of the record's own version, stale edits refused, the dashboard, and the audit trail.
/// </summary>
public abstract class ConversationTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private const string Secretary = "sekretaer@sspkbh.dk";
    private const string Member = "myndighed@sspkbh.dk";
    private const string Leader = "leder@sspkbh.dk";
    private const string NonAuthority = "ikke-myndighed@sspkbh.dk";

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>What the interactive offer page's button does: the service creates the record; its id.</summary>
    private static async Task<int> OfferAsync(SspAppFactory app, string email, int caseId)
    {
        var me = await app.UserIdAsync(email);
        var created = await app.AsAsync<ConversationService, ConversationResult>(email, (conversations, user) =>
            conversations.CreateAsync(caseId, new CreateConversationInput { ResponsibleUserId = me }, user, CancellationToken.None));
        Assert.True(created.Succeeded, string.Join(" ", created.Result.GeneralErrors.Concat(created.Result.FieldErrors.SelectMany(f => f.Value))));
        return int.Parse(created.Result.CreatedId!, CultureInfo.InvariantCulture);
    }

    private static async Task<int> CaseIdAsync(SspAppFactory app, string personName)
    {
        await using var db = app.CreateDbContext();
        return await db.Cases.Where(c => db.YoungPersons.Any(p => p.Id == c.YoungPersonId && p.FullName == personName)).Select(c => c.Id).SingleAsync();
    }

    private static async Task<ConcernConversation> RecordAsync(SspAppFactory app, int id)
    {
        await using var db = app.CreateDbContext();
        return await db.ConcernConversations.AsNoTracking().Include(c => c.Checklist).SingleAsync(c => c.Id == id);
    }

    /// <summary>The minutes of one item saved as the interactive minutes page saves them, as the secretary, with the item's stamp.</summary>
    private async Task<MeetingResult> SaveMinutesAsync(int meetingId, int itemId, MinutesInput input)
    {
        await using (var db = App.CreateDbContext())
        {
            input.ConcurrencyStamp = await db.AgendaItems.Where(i => i.Id == itemId).Select(i => i.ConcurrencyStamp).SingleAsync();
        }

        return await App.AsUserAsync<MinutesService, MeetingResult>(Secretary, (s, u) => s.SaveAsync(meetingId, itemId, input, u, CancellationToken.None));
    }

    private static void AssertMinutesSaved(MeetingResult result) =>
        Assert.True(result.Succeeded, $"expected the minutes to be saved ({result.Outcome}): {string.Join("; ", result.Result.FieldErrors.SelectMany(f => f.Value).Concat(result.Result.GeneralErrors))}");

    [Fact]
    public async Task Offering_a_conversation_in_the_minutes_creates_a_planned_record_for_the_case_that_shows_on_the_case_and_the_dashboard()
    {
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(Secretary);
        await using var db0 = App.CreateDbContext();
        var groupId = await db0.Groups.Where(g => g.Name == "Koordinationsgruppe Amager Øst").Select(g => g.Id).SingleAsync();
        // The group page is interactive: its form saves through MeetingService.CreateAsync (GroupMeetingsComponentTests).
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/moeder/grupper/{groupId}")).Status);
        var created = await App.AsUserAsync<MeetingService, MeetingResult>(Secretary, (s, u) => s.CreateAsync(groupId,
            new MeetingInput { Date = DanishTime.Today(App.Clock), StartTime = new TimeOnly(14, 0), Place = "Samtalemødet" }, u, CancellationToken.None));
        var meetingId = int.Parse(created.Result.CreatedId!, CultureInfo.InvariantCulture);
        var caseId = await CaseIdAsync(App, "Oliver Hansen");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/moeder/{meetingId}")).Status);
        if (!await db0.AgendaItems.AnyAsync(i => i.MeetingId == meetingId && i.CaseId == caseId))
        {
            // The meeting page is interactive: its "add a case" saves through AgendaService with the stamp it shows.
            var stamp = await db0.Meetings.Where(m => m.Id == meetingId).Select(m => m.ConcurrencyStamp).SingleAsync();
            var added = await App.AsUserAsync<AgendaService, MeetingResult>(Secretary, (s, u) =>
                s.AddCaseItemAsync(meetingId, new CaseItemInput { CaseId = caseId, ConcurrencyStamp = stamp }, u, CancellationToken.None));
            Assert.True(added.Succeeded);
        }

        var itemId = await db0.AgendaItems.Where(i => i.MeetingId == meetingId && i.CaseId == caseId).Select(i => i.Id).SingleAsync();
        // The minutes page is interactive: its save goes through MinutesService.SaveAsync with the item's stamp (MinutesItemComponentTests).
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/moeder/{meetingId}/punkter/{itemId}")).Status);
        AssertMinutesSaved(await SaveMinutesAsync(meetingId, itemId, new MinutesInput
        {
            Decision = MeetingDecision.OfferConcernConversation, DecisionText = "Skolen og klubben tilbyder familien en samtale.",
        }));

        await using var db = App.CreateDbContext();
        var record = await db.ConcernConversations.AsNoTracking().SingleAsync(c => c.AgendaItemId == itemId);
        Assert.Equal(caseId, record.CaseId);
        Assert.Equal(ConversationStatus.Planned, record.Status);
        var secretaryId = await db.Users.Where(u => u.Email == Secretary).Select(u => u.Id).SingleAsync();
        Assert.Equal(secretaryId, record.ResponsibleUserId); // Oliver's case has no named lead
        Assert.Equal(await db.ChecklistTemplates.MaxAsync(t => t.Version), await db.ChecklistTemplates.Where(t => t.Id == record.ChecklistTemplateId).Select(t => t.Version).SingleAsync());

        // Saving the minutes again does not offer a second conversation.
        var minutes = await browser.GetAsync($"/moeder/{meetingId}/punkter/{itemId}");
        Assert.Equal($"/samtaler/{record.Id}", minutes.Document.QuerySelector("[data-testid='offered-conversation']")?.GetAttribute("href"));
        AssertMinutesSaved(await SaveMinutesAsync(meetingId, itemId, new MinutesInput { Summary = "Tilføjet efter mødet." }));
        Assert.Equal(1, await db.ConcernConversations.CountAsync(c => c.AgendaItemId == itemId));

        var casePage = await browser.GetAsync($"/sager/{caseId}");
        Assert.Contains($"/samtaler/{record.Id}", casePage.Document.QuerySelectorAll("[data-testid='case-conversations'] a").Select(a => a.GetAttribute("href")));
        var overview = await browser.GetAsync($"/samtaler/{record.Id}");
        Assert.Equal(HttpStatusCode.OK, overview.Status);
        Assert.NotNull(overview.TestIdText("from-meeting"));
        Assert.Equal(Texts.ConversationStatus_Planned, overview.TestIdText("conversation-status"));
        var dashboard = await browser.GetAsync("/samtaler");
        var row = Assert.Single(dashboard.Document.QuerySelectorAll("[data-testid='preparing-conversations'] [data-testid='conversation-row']"),
            r => r.GetAttribute("data-id") == record.Id.ToString(CultureInfo.InvariantCulture));
        // The link says whom the conversation is about, not "no time agreed yet".
        var link = Assert.Single(row.QuerySelectorAll("a"));
        Assert.Equal($"/samtaler/{record.Id}", link.GetAttribute("href"));
        Assert.Equal("Oliver Hansen", link.TextContent.Trim());
        Assert.Contains(await App.AuditEntriesAsync(), e => e.Action == AuditActions.ConversationCreated && e.SubjectId == caseId.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_conversation_is_not_held_before_its_time_nor_journalised_before_it_is_held_and_a_journalised_one_is_closed()
    {
        // An app of its own: the clock moves forward.
        await using var app = await SspAppFactory.StartAsync(App.Provider);
        using var browser = app.CreateBrowser();
        await browser.SignInAsync(Secretary);
        var caseId = await CaseIdAsync(app, "Lucas Holm");
        var offer = await browser.GetAsync($"/sager/{caseId}/samtaler/ny");
        Assert.Equal(HttpStatusCode.OK, offer.Status);
        // The offer page is interactive: its button calls the service (ConversationCreateTests), with the user herself as responsible.
        var id = await OfferAsync(app, Secretary, caseId);

        // The overview's step buttons call the service (as the interactive page does), with the stamp the page read.
        async Task<ConversationResult> StepAsync(ConversationStep step, string? reference = null)
        {
            var stamp = (await RecordAsync(app, id)).ConcurrencyStamp;
            return await app.AsAsync<ConversationService, ConversationResult>(Secretary, (conversations, user) =>
                conversations.ChangeStatusAsync(id, new StatusChangeInput { Step = step, Reference = reference, ConcurrencyStamp = stamp }, user, CancellationToken.None));
        }

        static IEnumerable<string> Errors(ConversationResult result) => result.Result.GeneralErrors.Concat(result.Result.FieldErrors.SelectMany(f => f.Value));

        // Held before a time is set, journalised before it is held: refused, nothing changes.
        var page = await browser.GetAsync($"/samtaler/{id}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.NotNull(page.Document.QuerySelector("[data-testid='step-held']"));
        var held = await StepAsync(ConversationStep.Held);
        Assert.Equal(LookupOutcome.Found, held.Outcome);
        Assert.Contains(Texts.Error_ConversationTimeNotSet, Errors(held));
        var journalised = await StepAsync(ConversationStep.Journalised, "DOK-1");
        Assert.Contains(Texts.Error_ConversationNotHeld, Errors(journalised));
        Assert.Equal(ConversationStatus.Planned, (await RecordAsync(app, id)).Status);

        // A time two days ahead (set directly: the planning form is the "Før" page's), then prepared.
        await using (var db = app.CreateDbContext())
        {
            var r = await db.ConcernConversations.SingleAsync(c => c.Id == id);
            (r.ScheduledDate, r.StartTime) = (DanishTime.Today(app.Clock).AddDays(2), new TimeOnly(10, 0));
            r.Touch();
            await db.SaveChangesAsync();
        }

        Assert.True((await StepAsync(ConversationStep.Prepared)).Succeeded);
        held = await StepAsync(ConversationStep.Held);
        Assert.Contains(Texts.Error_ConversationNotYetHeld, Errors(held));
        Assert.Equal(ConversationStatus.Prepared, (await RecordAsync(app, id)).Status);

        // Three days later it can be marked held; it is then waiting to be journalised on the dashboard.
        app.Clock.Advance(TimeSpan.FromDays(3));
        await browser.SignInAsync(Secretary);
        Assert.True((await StepAsync(ConversationStep.Held)).Succeeded);
        Assert.Equal(DanishTime.Today(app.Clock).AddDays(-1), (await RecordAsync(app, id)).HeldOn);
        Assert.Contains((await browser.GetAsync("/samtaler")).Document.QuerySelectorAll("[data-testid='unjournalised-conversations'] [data-testid='conversation-row']"),
            r => r.GetAttribute("data-id") == id.ToString(CultureInfo.InvariantCulture));

        // Journalised needs a reference (next to the field); then the record is closed to changes.
        var noReference = await StepAsync(ConversationStep.Journalised);
        Assert.Equal([Texts.Error_JournalReferenceRequired], noReference.Result.FieldErrors[nameof(StatusChangeInput.Reference)]);
        Assert.True((await StepAsync(ConversationStep.Journalised, "SBSYS 2026-123")).Succeeded);
        var record = await RecordAsync(app, id);
        Assert.Equal(ConversationStatus.Journalised, record.Status);
        Assert.Equal("SBSYS 2026-123", record.JournalReference);
        page = await browser.GetAsync($"/samtaler/{id}");
        Assert.Empty(page.Document.QuerySelectorAll("[data-testid^='step-']"));
        Assert.Empty(page.Document.QuerySelectorAll("[data-testid='save-responsible']"));
        var closed = await app.AsAsync<ConversationService, ConversationResult>(Secretary, (conversations, user) =>
            conversations.ChangeResponsibleAsync(id, new CreateConversationInput { ResponsibleUserId = record.ResponsibleUserId, ConcurrencyStamp = record.ConcurrencyStamp }, user, CancellationToken.None));
        Assert.False(closed.Succeeded);
        Assert.Contains(await app.AuditEntriesAsync(), e => e.Action == AuditActions.ConversationUpdated && e.Details != null && e.Details.Contains("status=Journalised", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_checklist_ticks_only_items_of_the_records_own_version_and_a_stale_note_is_refused()
    {
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(Secretary);
        var caseId = await CaseIdAsync(App, "Noah Berg");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/sager/{caseId}/samtaler/ny")).Status);
        var id = await OfferAsync(App, Secretary, caseId);
        var record = await RecordAsync(App, id);
        List<ChecklistTemplateItem> items;
        await using (var db = App.CreateDbContext())
        {
            items = await db.ChecklistTemplateItems.AsNoTracking().Where(i => i.TemplateId == record.ChecklistTemplateId).OrderBy(i => i.Position).ToListAsync();
        }

        var before = items.First(i => i.Stage == ChecklistStage.Before);
        var during = items.First(i => i.Stage == ChecklistStage.During);
        // The "before" page saves each tick and note on its own (issue 16 #5), as here.
        Task<(ConversationResult Result, ChecklistRowState? Row)> TickAsync(int itemId) =>
            App.WithScopeAsync(async services => await services.GetRequiredService<ConversationChecklistService>()
                .TickAsync(id, ChecklistStage.Before, itemId, true, await AppHelpers.PrincipalAsync(services, Secretary), CancellationToken.None));
        Task<(ConversationResult Result, ChecklistRowState? Row)> NoteAsync(int itemId, string note, string? asLoaded) =>
            App.WithScopeAsync(async services => await services.GetRequiredService<ConversationChecklistService>()
                .SaveNoteAsync(id, ChecklistStage.Before, itemId, new ChecklistNoteInput { Note = note, NoteAsLoaded = asLoaded }, await AppHelpers.PrincipalAsync(services, Secretary), CancellationToken.None));

        // An item of another stage is refused and nothing is saved.
        var wrong = await TickAsync(during.Id);
        Assert.Contains(Texts.Error_ChecklistItemNotInTemplate, wrong.Result.Result.GeneralErrors);
        Assert.DoesNotContain((await RecordAsync(App, id)).Checklist, c => c.IsDone);

        Assert.True((await TickAsync(before.Id)).Result.Succeeded);
        Assert.True((await NoteAsync(before.Id, "Aftalt med skolen.", null)).Result.Succeeded);
        var row = Assert.Single((await RecordAsync(App, id)).Checklist);
        Assert.True(row.IsDone);
        Assert.Equal("Aftalt med skolen.", row.Note);

        // A note from a page that had not seen the newer one does not overwrite it.
        var stale = await NoteAsync(before.Id, "Gammel note", null);
        Assert.Contains(Texts.Error_ChecklistNoteChangedMeanwhile, stale.Result.Result.FieldErrors[nameof(ChecklistNoteInput.Note)]);
        Assert.Equal("Aftalt med skolen.", Assert.Single((await RecordAsync(App, id)).Checklist).Note);
        var overview = await browser.GetAsync($"/samtaler/{id}");
        Assert.Contains($"{ConversationTexts.Stage(ChecklistStage.Before)}: 1 af {items.Count(i => i.Stage == ChecklistStage.Before)}", overview.TestIdText("conversation-progress"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_cases_group_may_offer_or_open_a_conversation_and_the_responsible_must_be_in_it()
    {
        var frejaCase = await CaseIdAsync(App, "Freja Nielsen");
        int demoConversation;
        await using (var db = App.CreateDbContext())
        {
            demoConversation = await db.ConcernConversations.Where(c => c.CaseId == frejaCase).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        }

        using var member = App.CreateBrowser();
        await member.SignInAsync(Member);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/sager/{frejaCase}/samtaler/ny")).Status);
        var statsUser = await App.CreateUserAsync([Domain.Access.AppRole.StatisticsReader]);
        // The offer page is interactive: its button calls the service; the messages show at the field (ConversationCreateTests).
        Task<ConversationResult> OfferAsAsync(string email, string? responsible) => App.AsAsync<ConversationService, ConversationResult>(email, (conversations, user) =>
            conversations.CreateAsync(frejaCase, new CreateConversationInput { ResponsibleUserId = responsible }, user, CancellationToken.None));
        var refused = await OfferAsAsync(Member, statsUser.Id);
        Assert.Equal([Texts.Error_ConversationResponsibleNotInGroup], refused.Result.FieldErrors[nameof(CreateConversationInput.ResponsibleUserId)]);
        var empty = await OfferAsAsync(Member, "");
        Assert.Equal([Texts.Conversation_Validation_ResponsibleRequired], empty.Result.FieldErrors[nameof(CreateConversationInput.ResponsibleUserId)]);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/samtaler/{demoConversation}")).Status);

        // The ledergruppe does not see a level 1 case; a user without authority status sees no conversations at all.
        using var leader = App.CreateBrowser();
        await leader.SignInAsync(Leader);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync($"/samtaler/{demoConversation}")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync($"/sager/{frejaCase}/samtaler/ny")).Status);
        Assert.Equal(LookupOutcome.Forbidden, (await OfferAsAsync(Leader, await App.UserIdAsync(Member))).Outcome);
        Assert.Contains(await App.AuditEntriesAsync(), e => e.Action == AuditActions.ConversationView && e.Outcome == AuditOutcomes.Denied);
        using var outsider = App.CreateBrowser();
        await outsider.SignInAsync(NonAuthority);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/samtaler/{demoConversation}")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync("/samtaler")).Status);
    }
}

public sealed class ConversationTestsSqlite(SqliteApp fixture) : ConversationTests(fixture), IClassFixture<SqliteApp>;

public sealed class ConversationTestsPostgres(PostgresApp fixture) : ConversationTests(fixture), IClassFixture<PostgresApp>;
