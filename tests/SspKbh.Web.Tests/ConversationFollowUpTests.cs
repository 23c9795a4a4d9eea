using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Cases;
using SspKbh.Domain.Conversations;
using SspKbh.Web.Audit;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Features.Conversations;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The "Under" and "Efter" parts of a concern conversation through their services, as the interactive pages call
/// them: phase notes, agreements that become follow-up case actions on the case page and on the follow-up
/// professional's home page, outcomes that finish those actions, refused input, stale forms; over HTTP the
/// prerendered pages and who may not see them. The pages themselves are in ConversationPagesComponentTests.
/// </summary>
public abstract class ConversationFollowUpTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private const string Secretary = "sekretaer@sspkbh.dk";
    private const string Member = "myndighed@sspkbh.dk";
    private const string Leader = "leder@sspkbh.dk";
    private const string ClubWorker = "fritid@sspkbh.dk";

    private static string Text(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The demo conversation (Freja Nielsen's level 1 case in Koordinationsgruppe Amager Øst).</summary>
    private static async Task<(int Id, int CaseId)> DemoConversationAsync(SspAppFactory app)
    {
        await using var db = app.CreateDbContext();
        var c = await db.ConcernConversations.AsNoTracking()
            .Where(x => db.Cases.Any(k => k.Id == x.CaseId && db.YoungPersons.Any(p => p.Id == k.YoungPersonId && p.FullName == "Freja Nielsen")))
            .OrderBy(x => x.Id).Select(x => new { x.Id, x.CaseId }).FirstAsync();
        return (c.Id, c.CaseId);
    }

    private static async Task<ConcernConversation> RecordAsync(SspAppFactory app, int id)
    {
        await using var db = app.CreateDbContext();
        return await db.ConcernConversations.AsNoTracking().Include(c => c.Agreements).SingleAsync(c => c.Id == id);
    }

    private static Task<ConversationResult> AsAsync(SspAppFactory app, string email, Func<ConversationFollowUpService, System.Security.Claims.ClaimsPrincipal, Task<ConversationResult>> change) =>
        app.AsAsync<ConversationFollowUpService, ConversationResult>(email, change);

    private static void AssertSaved(ConversationResult result) =>
        Assert.True(result.Succeeded, $"{result.Outcome}: {string.Join(" | ", AllErrors(result))}");

    private static IEnumerable<string> AllErrors(ConversationResult result) => result.Result.GeneralErrors.Concat(result.Result.FieldErrors.SelectMany(f => f.Value));

    private static PhaseNotesInput Phases(ConcernConversation record, Action<PhaseNotesInput> change)
    {
        var input = PhaseNotesInput.From(record);
        input.ConcurrencyStamp = record.ConcurrencyStamp;
        change(input);
        return input;
    }

    /// <summary>What a text field shows in the prerendered page (a text area holds its text, an input its value).</summary>
    private static string? FieldText(Page page, string id) =>
        page.Document.GetElementById(id) is { } field ? (field.TextContent.Trim() is { Length: > 0 } text ? text : field.GetAttribute("value")) : null;

    [Fact]
    public async Task Phase_notes_and_an_agreement_followed_up_by_a_member_become_a_case_action_that_the_outcome_finishes()
    {
        // An app of its own: the flow changes the demo conversation and the clock.
        await using var app = await SspAppFactory.StartAsync(App.Provider);
        var (id, caseId) = await DemoConversationAsync(app);
        var today = DanishTime.Today(app.Clock);
        var jonas = await app.UserIdAsync(Member);
        using var secretary = app.CreateBrowser();
        await secretary.SignInAsync(Secretary);

        // The five phases with the record's own checklist items as reminders; notes are saved.
        var page = await secretary.GetAsync($"/samtaler/{id}/under");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        for (var phase = 1; phase <= 5; phase++)
        {
            Assert.NotNull(page.Document.QuerySelector($"[data-testid='phase-{phase}'] #phase-{phase}-note"));
            Assert.NotEmpty(page.Document.QuerySelectorAll($"[data-testid='phase-{phase}-reminders'] li"));
        }

        Assert.NotNull(page.Document.QuerySelector("[data-testid='checklist-during']"));
        var record = await RecordAsync(app, id);
        AssertSaved(await AsAsync(app, Secretary, (followUps, user) => followUps.SavePhaseNotesAsync(id,
            Phases(record, p => (p.Phase1Note, p.Phase3Note) = ("Alle præsenterede sig.", "Freja er glad for håndbold.")), user, CancellationToken.None)));
        record = await RecordAsync(app, id);
        Assert.Equal("Alle præsenterede sig.", record.Phase1Note);
        Assert.Equal("Freja er glad for håndbold.", record.Phase3Note);
        Assert.Null(record.Phase2Note);
        Assert.Contains(await app.AuditEntriesAsync(), e => e.Action == AuditActions.ConversationUpdated && e.SubjectId == Text(caseId)
            && e.Details!.Contains($"conversation={id}; phases", StringComparison.Ordinal));

        // An agreement followed up by Jonas Krag (POL): saved with a case action of his, due on the follow-up date.
        page = await secretary.GetAsync($"/samtaler/{id}/under");
        Assert.Equal("Freja er glad for håndbold.", FieldText(page, "phase-3-note"));
        Assert.NotNull(page.Document.GetElementById("agreement-follow-up-user"));
        // The follow-up field offers Jonas Krag (the page's select lists the same candidates).
        var state = await app.AsAsync<ConversationService, ConversationPageState>(Secretary, (conversations, user) => ConversationPageState.LoadAsync(conversations, id, "during", user));
        Assert.Equal("Jonas Krag", state.Candidates.FirstOrDefault(c => c.UserId == jonas)?.Name);
        var followUpOn = today.AddDays(12);
        AssertSaved(await AsAsync(app, Secretary, (followUps, user) => followUps.AddAgreementAsync(id, new AgreementInput
        {
            What = "Freja møder i skole hver dag kl. 8.00",
            ResponsibleKind = AgreementResponsible.YoungPerson,
            ResponsibleName = "Freja Nielsen",
            DueOn = today.AddDays(10),
            FollowUpHow = "Opringning til mor",
            FollowUpOn = followUpOn,
            FollowUpUserId = jonas,
            ConcurrencyStamp = state.View!.Record.ConcurrencyStamp,
        }, user, CancellationToken.None)));
        record = await RecordAsync(app, id);
        var agreement = Assert.Single(record.Agreements);
        Assert.Equal(AgreementResponsible.YoungPerson, agreement.ResponsibleKind);
        Assert.Equal(jonas, agreement.FollowUpUserId);
        CaseAction action;
        await using (var db = app.CreateDbContext())
        {
            action = await db.CaseActions.AsNoTracking().SingleAsync(a => a.ConversationAgreementId == agreement.Id);
        }

        Assert.Equal((caseId, jonas, "Jonas Krag", followUpOn, ActionStatus.Planned), (action.CaseId, action.OwnerUserId, action.OwnerName, action.DueOn, action.Status));
        Assert.Contains("Freja møder i skole hver dag kl. 8.00", (await secretary.GetAsync($"/samtaler/{id}/under")).TestIdText("agreements"), StringComparison.Ordinal);
        // The case shows who keeps the agreement and by when (Freja, day 10), and apart from that who follows it up when (Jonas, day 12).
        var row = Assert.Single((await secretary.GetAsync($"/sager/{caseId}")).TestIdTexts("action-row"), r => r.Contains("Freja møder i skole hver dag", StringComparison.Ordinal));
        Assert.Contains($"Freja Nielsen (den unge)", row, StringComparison.Ordinal);
        Assert.Contains($"Aftalt senest {today.AddDays(10):dd.MM.yyyy}", row, StringComparison.Ordinal);
        Assert.Contains("Følges op af Jonas Krag", row, StringComparison.Ordinal);
        Assert.Contains($"Opfølgning {followUpOn:dd.MM.yyyy}", row, StringComparison.Ordinal);

        // So does the view shared under a consent that covers goals and actions.
        await using (var db = app.CreateDbContext())
        {
            var clubParty = await db.Users.Where(u => u.Email == ClubWorker).Select(u => u.PartyId).SingleAsync();
            var holder = await db.CustodyHolders.Where(h => db.Cases.Any(c => c.Id == caseId && c.YoungPersonId == h.YoungPersonId)).Select(h => h.Id).FirstAsync();
            var consent = await app.AsUserAsync<SspKbh.Web.Features.Consents.ConsentRegister, (LookupOutcome, ServiceResult)>(Secretary, (register, user) => register.RecordAsync(caseId,
                new SspKbh.Web.Features.Consents.ConsentInput
                {
                    GivenBy = SspKbh.Domain.Consents.ConsentGiver.CustodyHolder, CustodyHolderId = holder, Purpose = SspKbh.Domain.Consents.ConsentPurpose.JointEffort,
                    IncludeIdentity = true, IncludeGoalsAndActions = true, GivenOn = today, ExpiresOn = today.AddMonths(6),
                    Parties = { [Text(clubParty)] = true },
                }, user, CancellationToken.None));
            Assert.True(consent.Item2.Succeeded, string.Join(" | ", consent.Item2.FieldErrors.SelectMany(f => f.Value)));
            var consentId = await db.Consents.Where(c => c.Recipients.Any(r => r.PartyId == clubParty) && db.Cases.Any(k => k.Id == caseId && k.YoungPersonId == c.YoungPersonId))
                .OrderByDescending(c => c.Id).Select(c => c.Id).FirstAsync();
            using var club = app.CreateBrowser();
            await club.SignInAsync(ClubWorker);
            var shared = Assert.Single((await club.GetAsync($"/delt/{consentId}")).TestIdTexts("shared-action-row"), r => r.Contains("Freja møder i skole hver dag", StringComparison.Ordinal));
            Assert.Contains($"Freja Nielsen (den unge)", shared, StringComparison.Ordinal);
            Assert.Contains($"Aftalt senest {today.AddDays(10):dd.MM.yyyy}", shared, StringComparison.Ordinal);
            Assert.Contains($"Opfølgning {followUpOn:dd.MM.yyyy}", shared, StringComparison.Ordinal);
        }

        // Jonas's home page lists it as his follow-up of the agreement.
        using var member = app.CreateBrowser();
        await member.SignInAsync(Member);
        Assert.Contains("Følg op på aftalen: Freja møder i skole hver dag kl. 8.00", (await member.GetAsync("/")).TestIdText("home-actions"), StringComparison.Ordinal);

        // After the conversation: the network date cannot lie in the future; today it is saved.
        app.Clock.Advance(TimeSpan.FromDays(7));
        today = DanishTime.Today(app.Clock);
        using var later = app.CreateBrowser();
        await later.SignInAsync(Member);
        page = await later.GetAsync($"/samtaler/{id}/efter");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.NotNull(page.Document.QuerySelector("[data-testid='checklist-after']"));
        Assert.NotNull(page.Document.QuerySelector($"[data-testid='status-pointer'] a[href='/samtaler/{id}#status']"));
        var stamp = (await RecordAsync(app, id)).ConcurrencyStamp;
        var refused = await AsAsync(app, Member, (followUps, user) => followUps.SaveAfterAsync(id,
            new AfterInput { DebriefNote = "God stemning.", NetworkInformedOn = today.AddDays(1), ConcurrencyStamp = stamp }, user, CancellationToken.None));
        Assert.Equal(LookupOutcome.Found, refused.Outcome);
        Assert.Equal([Texts.Error_ConversationDateInFuture], refused.Result.FieldErrors[nameof(AfterInput.NetworkInformedOn)]);
        Assert.Null((await RecordAsync(app, id)).DebriefNote);
        AssertSaved(await AsAsync(app, Member, (followUps, user) => followUps.SaveAfterAsync(id,
            new AfterInput { DebriefNote = "God stemning.", NetworkInformedOn = today, NetworkInformedNote = "Klubben er orienteret.", ConcurrencyStamp = stamp }, user, CancellationToken.None)));
        record = await RecordAsync(app, id);
        Assert.Equal(("God stemning.", (DateOnly?)today, "Klubben er orienteret."), (record.DebriefNote, record.NetworkInformedOn, record.NetworkInformedNote));

        // Recording the outcome finishes the follow-up action: gone from Jonas's home page.
        // The outcome form has one row per agreement, this one first.
        var outcomes = OutcomeInput.From(record);
        Assert.Equal(agreement.Id, Assert.Single(outcomes.Rows).AgreementId);
        (outcomes.Rows[0].Outcome, outcomes.Rows[0].Note, outcomes.ConcurrencyStamp) = (AgreementOutcome.Kept, "Intet fravær i to uger.", record.ConcurrencyStamp);
        AssertSaved(await AsAsync(app, Member, (followUps, user) => followUps.RecordOutcomesAsync(id, outcomes, user, CancellationToken.None)));
        record = await RecordAsync(app, id);
        Assert.Equal((AgreementOutcome.Kept, "Intet fravær i to uger."), (record.Agreements[0].Outcome, record.Agreements[0].OutcomeNote));
        await using (var db = app.CreateDbContext())
        {
            action = await db.CaseActions.AsNoTracking().SingleAsync(a => a.ConversationAgreementId == agreement.Id);
        }

        Assert.Equal((ActionStatus.Done, (DateOnly?)today), (action.Status, action.CompletedOn));
        Assert.Equal(AgreementOutcome.Kept, OutcomeInput.From(record).Rows[0].Outcome);
        page = await later.GetAsync($"/samtaler/{id}/efter");
        Assert.Contains(Texts.AgreementOutcome_Kept, page.TestIdText("agreement-outcome"), StringComparison.Ordinal);
        var home = await later.GetAsync("/");
        Assert.DoesNotContain("Freja møder i skole hver dag", home.TestIdText("home-actions") ?? "", StringComparison.Ordinal);
        Assert.Contains(await app.AuditEntriesAsync(), e => e.Action == AuditActions.ConversationUpdated && e.Details!.Contains($"conversation={id}; outcome=", StringComparison.Ordinal));

        // Recorded by mistake and set back to open: the follow-up is on Jonas's list again.
        outcomes = OutcomeInput.From(record);
        (outcomes.Rows[0].Outcome, outcomes.Rows[0].Note, outcomes.ConcurrencyStamp) = (AgreementOutcome.Open, "", record.ConcurrencyStamp);
        AssertSaved(await AsAsync(app, Member, (followUps, user) => followUps.RecordOutcomesAsync(id, outcomes, user, CancellationToken.None)));
        await using (var db = app.CreateDbContext())
        {
            action = await db.CaseActions.AsNoTracking().SingleAsync(a => a.ConversationAgreementId == agreement.Id);
        }

        Assert.Equal((ActionStatus.Planned, (DateOnly?)null), (action.Status, action.CompletedOn));
        Assert.Contains("Freja møder i skole hver dag", (await later.GetAsync("/")).TestIdText("home-actions") ?? "", StringComparison.Ordinal);

        // On a closed case no new agreement is made.
        await using (var db = app.CreateDbContext())
        {
            await db.Cases.Where(c => c.Id == caseId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CaseStatus.Closed));
        }

        stamp = (await RecordAsync(app, id)).ConcurrencyStamp;
        var closed = await AsAsync(app, Member, (followUps, user) => followUps.AddAgreementAsync(id, new AgreementInput
        {
            What = "Ny aftale", ResponsibleKind = AgreementResponsible.Parent, ResponsibleName = "Mor", FollowUpOn = today.AddDays(5), FollowUpUserId = jonas, ConcurrencyStamp = stamp,
        }, user, CancellationToken.None));
        Assert.Equal(LookupOutcome.Found, closed.Outcome);
        Assert.Contains(Texts.Error_CaseIsClosed, AllErrors(closed));
        Assert.Single((await RecordAsync(app, id)).Agreements);
    }

    [Fact]
    public async Task An_agreement_without_follow_up_date_or_responsible_name_is_refused_next_to_the_field_and_nothing_is_saved()
    {
        var (id, _) = await DemoConversationAsync(App);
        var before = (await RecordAsync(App, id)).Agreements.Count;
        var jonas = await App.UserIdAsync(Member);
        var stamp = (await RecordAsync(App, id)).ConcurrencyStamp;

        var refused = await AsAsync(App, Secretary, (followUps, user) => followUps.AddAgreementAsync(id, new AgreementInput
        {
            What = "Forældrene ringer til klubben", ResponsibleKind = AgreementResponsible.Parent, ResponsibleName = "", FollowUpOn = null, FollowUpUserId = jonas, ConcurrencyStamp = stamp,
        }, user, CancellationToken.None));
        Assert.Equal(LookupOutcome.Found, refused.Outcome);
        Assert.Equal([Texts.Error_AgreementFollowUpDateRequired], refused.Result.FieldErrors[nameof(AgreementInput.FollowUpOn)]);
        Assert.Equal([Texts.Error_AgreementResponsibleNameRequired], refused.Result.FieldErrors[nameof(AgreementInput.ResponsibleName)]);
        Assert.False(refused.Result.FieldErrors.ContainsKey(nameof(AgreementInput.What)));

        Assert.Equal(before, (await RecordAsync(App, id)).Agreements.Count);
        await using var db = App.CreateDbContext();
        Assert.False(await db.CaseActions.AnyAsync(a => a.What == "Forældrene ringer til klubben"));
    }

    [Fact]
    public async Task A_stale_phase_form_is_refused_and_the_newer_notes_are_kept()
    {
        var (id, _) = await DemoConversationAsync(App);
        // Two pages opened on the same version.
        var opened = await RecordAsync(App, id);

        AssertSaved(await AsAsync(App, Secretary, (followUps, user) => followUps.SavePhaseNotesAsync(id, Phases(opened, p => p.Phase2Note = "Bekymringen blev sagt ligeud."), user, CancellationToken.None)));
        var stale = await AsAsync(App, Secretary, (followUps, user) => followUps.SavePhaseNotesAsync(id, Phases(opened, p => p.Phase2Note = "Overskriver"), user, CancellationToken.None));
        Assert.Equal(LookupOutcome.Found, stale.Outcome);
        Assert.Contains(Texts.Concurrency_Conflict, AllErrors(stale));
        Assert.Equal("Bekymringen blev sagt ligeud.", (await RecordAsync(App, id)).Phase2Note);

        // The "Efter" page's forms carry the stamp too.
        var afterOpened = await RecordAsync(App, id);
        AssertSaved(await AsAsync(App, Secretary, (followUps, user) => followUps.SavePhaseNotesAsync(id, Phases(afterOpened, p => p.Phase2Note = "Bekymringen blev sagt ligeud. Igen."), user, CancellationToken.None)));
        var staleAfter = await AsAsync(App, Secretary, (followUps, user) => followUps.SaveAfterAsync(id,
            new AfterInput { DebriefNote = "For sent", ConcurrencyStamp = afterOpened.ConcurrencyStamp }, user, CancellationToken.None));
        Assert.Contains(Texts.Concurrency_Conflict, AllErrors(staleAfter));
        Assert.Null((await RecordAsync(App, id)).DebriefNote);
    }

    [Fact]
    public async Task The_leader_group_member_may_not_see_the_during_and_after_pages()
    {
        var (id, _) = await DemoConversationAsync(App);
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(Leader);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync($"/samtaler/{id}/under")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync($"/samtaler/{id}/efter")).Status);
    }
}

public sealed class ConversationFollowUpTestsSqlite(SqliteApp fixture) : ConversationFollowUpTests(fixture), IClassFixture<SqliteApp>;

public sealed class ConversationFollowUpTestsPostgres(PostgresApp fixture) : ConversationFollowUpTests(fixture), IClassFixture<PostgresApp>;
