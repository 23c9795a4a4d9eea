using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Cases;
using SspKbh.Domain.Conversations;
using SspKbh.Web.Audit;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The "Under" and "Efter" pages of a concern conversation over HTTP, without JavaScript: phase notes,
/// agreements that become follow-up case actions on the case page and on the follow-up professional's home
/// page, outcomes that finish those actions, refused input, stale forms, and who may not see the pages.
/// </summary>
public abstract class ConversationFollowUpTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private const string Secretary = "sekretaer@sspkbh.dk";
    private const string Member = "myndighed@sspkbh.dk";
    private const string Leader = "leder@sspkbh.dk";
    private const string ClubWorker = "fritid@sspkbh.dk";

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

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

    private static void AssertRedirect(Page result, string expectedPrefix) =>
        Assert.True(result.Status == HttpStatusCode.Redirect && (TestBrowser.Location(result.Response) ?? "").StartsWith(expectedPrefix, StringComparison.Ordinal),
            $"expected a redirect to {expectedPrefix}, got {(int)result.Status}: {result.Text[..Math.Min(600, result.Text.Length)]}");

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
        var saved = await secretary.SubmitAsync(page, "phases", [new("Phases.Phase1Note", "Alle præsenterede sig."), new("Phases.Phase3Note", "Freja er glad for håndbold.")]);
        AssertRedirect(saved, $"/samtaler/{id}/under?gemt=1");
        var record = await RecordAsync(app, id);
        Assert.Equal("Alle præsenterede sig.", record.Phase1Note);
        Assert.Equal("Freja er glad for håndbold.", record.Phase3Note);
        Assert.Null(record.Phase2Note);
        Assert.Contains(await app.AuditEntriesAsync(), e => e.Action == AuditActions.ConversationUpdated && e.SubjectId == Text(caseId)
            && e.Details!.Contains($"conversation={id}; phases", StringComparison.Ordinal));

        // An agreement followed up by Jonas Krag (POL): saved with a case action of his, due on the follow-up date.
        page = await secretary.GetAsync($"/samtaler/{id}/under");
        Assert.Equal("Phases.Phase3Note", page.Document.GetElementById("phase-3-note")?.GetAttribute("name"));
        Assert.Equal("Freja er glad for håndbold.", page.Document.GetElementById("phase-3-note")?.TextContent);
        Assert.Equal("Jonas Krag", page.Document.QuerySelectorAll("#agreement-follow-up-user option").FirstOrDefault(o => o.GetAttribute("value") == jonas)?.TextContent.Split(" (")[0]);
        var followUpOn = today.AddDays(12);
        saved = await secretary.SubmitAsync(page, "agreement",
        [
            new("Agreement.What", "Freja møder i skole hver dag kl. 8.00"),
            new("Agreement.ResponsibleKind", nameof(AgreementResponsible.YoungPerson)),
            new("Agreement.ResponsibleName", "Freja Nielsen"),
            new("Agreement.DueOn", Iso(today.AddDays(10))),
            new("Agreement.FollowUpHow", "Opringning til mor"),
            new("Agreement.FollowUpOn", Iso(followUpOn)),
            new("Agreement.FollowUpUserId", jonas),
        ]);
        AssertRedirect(saved, $"/samtaler/{id}/under?gemt=1");
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
        var refused = await later.SubmitAsync(page, "after", [new("After.DebriefNote", "God stemning."), new("After.NetworkInformedOn", Iso(today.AddDays(1)))]);
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Equal([Texts.Error_ConversationDateInFuture], refused.FieldErrors("after-network-on"));
        Assert.Null((await RecordAsync(app, id)).DebriefNote);
        saved = await later.SubmitAsync(page, "after",
            [new("After.DebriefNote", "God stemning."), new("After.NetworkInformedOn", Iso(today)), new("After.NetworkInformedNote", "Klubben er orienteret.")]);
        AssertRedirect(saved, $"/samtaler/{id}/efter?gemt=1");
        record = await RecordAsync(app, id);
        Assert.Equal(("God stemning.", (DateOnly?)today, "Klubben er orienteret."), (record.DebriefNote, record.NetworkInformedOn, record.NetworkInformedNote));

        // Recording the outcome finishes the follow-up action: gone from Jonas's home page.
        page = await later.GetAsync($"/samtaler/{id}/efter");
        Assert.Equal(Text(agreement.Id), page.Document.QuerySelector("input[name='Outcome.Rows[0].AgreementId']")?.GetAttribute("value"));
        saved = await later.SubmitAsync(page, "outcome", [new("Outcome.Rows[0].Outcome", nameof(AgreementOutcome.Kept)), new("Outcome.Rows[0].Note", "Intet fravær i to uger.")]);
        AssertRedirect(saved, $"/samtaler/{id}/efter?gemt=1");
        record = await RecordAsync(app, id);
        Assert.Equal((AgreementOutcome.Kept, "Intet fravær i to uger."), (record.Agreements[0].Outcome, record.Agreements[0].OutcomeNote));
        await using (var db = app.CreateDbContext())
        {
            action = await db.CaseActions.AsNoTracking().SingleAsync(a => a.ConversationAgreementId == agreement.Id);
        }

        Assert.Equal((ActionStatus.Done, (DateOnly?)today), (action.Status, action.CompletedOn));
        page = await later.GetAsync($"/samtaler/{id}/efter");
        Assert.Equal(nameof(AgreementOutcome.Kept), page.Document.QuerySelector("select[name='Outcome.Rows[0].Outcome'] option[selected]")?.GetAttribute("value"));
        Assert.Contains(Texts.AgreementOutcome_Kept, page.TestIdText("agreement-outcome"), StringComparison.Ordinal);
        var home = await later.GetAsync("/");
        Assert.DoesNotContain("Freja møder i skole hver dag", home.TestIdText("home-actions") ?? "", StringComparison.Ordinal);
        Assert.Contains(await app.AuditEntriesAsync(), e => e.Action == AuditActions.ConversationUpdated && e.Details!.Contains($"conversation={id}; outcome=", StringComparison.Ordinal));

        // Recorded by mistake and set back to open: the follow-up is on Jonas's list again.
        saved = await later.SubmitAsync(page, "outcome", [new("Outcome.Rows[0].Outcome", nameof(AgreementOutcome.Open)), new("Outcome.Rows[0].Note", "")]);
        AssertRedirect(saved, $"/samtaler/{id}/efter?gemt=1");
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

        page = await later.GetAsync($"/samtaler/{id}/under");
        var closed = await later.SubmitAsync(page, "agreement",
        [
            new("Agreement.What", "Ny aftale"), new("Agreement.ResponsibleKind", nameof(AgreementResponsible.Parent)), new("Agreement.ResponsibleName", "Mor"),
            new("Agreement.FollowUpOn", Iso(today.AddDays(5))), new("Agreement.FollowUpUserId", jonas),
        ]);
        Assert.Equal(HttpStatusCode.OK, closed.Status);
        Assert.Contains(Texts.Error_CaseIsClosed, closed.TestIdText("error-summary"), StringComparison.Ordinal);
        Assert.Single((await RecordAsync(app, id)).Agreements);
    }

    [Fact]
    public async Task An_agreement_without_follow_up_date_or_responsible_name_is_refused_next_to_the_field_and_nothing_is_saved()
    {
        var (id, _) = await DemoConversationAsync(App);
        var before = (await RecordAsync(App, id)).Agreements.Count;
        var jonas = await App.UserIdAsync(Member);
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(Secretary);
        var page = await browser.GetAsync($"/samtaler/{id}/under");

        var refused = await browser.SubmitAsync(page, "agreement",
        [
            new("Agreement.What", "Forældrene ringer til klubben"),
            new("Agreement.ResponsibleKind", nameof(AgreementResponsible.Parent)),
            new("Agreement.ResponsibleName", ""),
            new("Agreement.FollowUpOn", ""),
            new("Agreement.FollowUpUserId", jonas),
        ]);
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Equal([Texts.Error_AgreementFollowUpDateRequired], refused.FieldErrors("agreement-follow-up-on"));
        Assert.Equal([Texts.Error_AgreementResponsibleNameRequired], refused.FieldErrors("agreement-responsible-name"));
        Assert.Empty(refused.FieldErrors("agreement-what"));
        Assert.Equal("Forældrene ringer til klubben", refused.Document.GetElementById("agreement-what")?.TextContent);

        Assert.Equal(before, (await RecordAsync(App, id)).Agreements.Count);
        await using var db = App.CreateDbContext();
        Assert.False(await db.CaseActions.AnyAsync(a => a.What == "Forældrene ringer til klubben"));
    }

    [Fact]
    public async Task A_stale_phase_form_is_refused_and_the_newer_notes_are_kept()
    {
        var (id, _) = await DemoConversationAsync(App);
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(Secretary);
        var first = await browser.GetAsync($"/samtaler/{id}/under");
        var second = await browser.GetAsync($"/samtaler/{id}/under");

        AssertRedirect(await browser.SubmitAsync(first, "phases", [new("Phases.Phase2Note", "Bekymringen blev sagt ligeud.")]), $"/samtaler/{id}/under?gemt=1");
        var stale = await browser.SubmitAsync(second, "phases", [new("Phases.Phase2Note", "Overskriver")]);
        Assert.Equal(HttpStatusCode.OK, stale.Status);
        Assert.Contains(Texts.Concurrency_Conflict, stale.TestIdText("error-summary"), StringComparison.Ordinal);
        Assert.Equal("Bekymringen blev sagt ligeud.", (await RecordAsync(App, id)).Phase2Note);

        // The "Efter" page's forms carry the stamp too.
        var after = await browser.GetAsync($"/samtaler/{id}/efter");
        AssertRedirect(await browser.SubmitAsync(second, "phases", [new("Phases.Phase2Note", "Bekymringen blev sagt ligeud."), new("Phases.ConcurrencyStamp", (await RecordAsync(App, id)).ConcurrencyStamp)]),
            $"/samtaler/{id}/under?gemt=1");
        var staleAfter = await browser.SubmitAsync(after, "after", [new("After.DebriefNote", "For sent")]);
        Assert.Contains(Texts.Concurrency_Conflict, staleAfter.TestIdText("error-summary"), StringComparison.Ordinal);
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
