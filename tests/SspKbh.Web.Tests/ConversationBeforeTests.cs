using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Consents;
using SspKbh.Domain.Conversations;
using SspKbh.Web.Audit;
using SspKbh.Web.Features.Conversations;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The "before" page of a concern conversation over HTTP (JavaScript off): planning with field messages,
/// participants under the §115 consent rule, the invitation, stale forms, the guidance on many professionals,
/// and the printable invitation letter, on SQLite and PostgreSQL.
/// </summary>
public abstract class ConversationBeforeTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private const string Responsible = "sekretaer@sspkbh.dk";
    private const string Member = "myndighed@sspkbh.dk";
    private const string Leader = "leder@sspkbh.dk";
    private const string ClubWorker = "fritid@sspkbh.dk";
    private const string ConsentMessagePart = "samtykke";

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Text(int id) => id.ToString(CultureInfo.InvariantCulture);

    private DateOnly Today => DanishTime.Today(App.Clock);

    /// <summary>A fresh planned conversation on Freja Nielsen's case (level 1, Koordinationsgruppe Amager Øst), so tests do not share state.</summary>
    private async Task<int> NewConversationAsync(Action<ConcernConversation>? setUp = null)
    {
        var responsible = await App.UserIdAsync(Responsible);
        await using var db = App.CreateDbContext();
        var c = await db.Cases.Where(x => db.YoungPersons.Any(p => p.Id == x.YoungPersonId && p.FullName == "Freja Nielsen")).SingleAsync();
        var template = await db.ChecklistTemplates.OrderByDescending(t => t.Version).Select(t => t.Id).FirstAsync();
        var record = ConcernConversation.Create(c.Id, null, responsible, c.Level, template, responsible, DateTime.UtcNow);
        setUp?.Invoke(record);
        db.ConcernConversations.Add(record);
        await db.SaveChangesAsync();
        return record.Id;
    }

    private async Task<ConcernConversation> RecordAsync(int id)
    {
        await using var db = App.CreateDbContext();
        return await db.ConcernConversations.AsNoTracking().Include(c => c.Participants).SingleAsync(c => c.Id == id);
    }

    private async Task<TestBrowser> SignedInAsync(string email)
    {
        var browser = App.CreateBrowser();
        await browser.SignInAsync(email);
        return browser;
    }

    private async Task<int> PartyIdAsync(string code)
    {
        await using var db = App.CreateDbContext();
        return await db.Parties.Where(p => p.Code == code).Select(p => p.Id).SingleAsync();
    }

    [Fact]
    public async Task Planning_is_saved_shown_again_and_audited()
    {
        var id = await NewConversationAsync();
        using var browser = await SignedInAsync(Responsible);
        var page = await browser.GetAsync($"/samtaler/{id}/foer");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("60", page.Document.GetElementById("planned-minutes")!.GetAttribute("value"));

        var date = Today.AddDays(7);
        var saved = await browser.SubmitAsync(page, "planning",
        [
            new("Planning.ResourcePersons", "Fodboldtræneren; klasselæreren ringer til ham."),
            new("Planning.KnowledgeGathering", "Skolen spørger fritidscentret."),
            new("Planning.InterpreterNeeded", "true"),
            new("Planning.InterpreterLanguage", "Arabisk"),
            new("Planning.Place", nameof(ConversationPlace.LeisureCentre)),
            new("Planning.PlaceDetails", "Fritidscenter Øst, lille mødelokale"),
            new("Planning.ScheduledDate", Iso(date)),
            new("Planning.StartTime", "15:30"),
            new("Planning.PlannedMinutes", "45"),
            new("Planning.Challenges", "Fravær"),
            new("Planning.Resources", "Glad for håndbold"),
            new("Planning.QuestionsAndThemes", "Hvordan går det i skolen?"),
            new("Planning.PreMeetingOn", Iso(date.AddDays(-1))),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.StartsWith($"/samtaler/{id}/foer?gemt=1", TestBrowser.Location(saved.Response), StringComparison.Ordinal);

        var r = await RecordAsync(id);
        Assert.Equal(ConversationPlace.LeisureCentre, r.Place);
        Assert.Equal("Fritidscenter Øst, lille mødelokale", r.PlaceDetails);
        Assert.Equal(date, r.ScheduledDate);
        Assert.Equal(new TimeOnly(15, 30), r.StartTime);
        Assert.Equal(45, r.PlannedMinutes);
        Assert.True(r.InterpreterNeeded);
        Assert.Equal("Arabisk", r.InterpreterLanguage);
        Assert.Equal("Fodboldtræneren; klasselæreren ringer til ham.", r.ResourcePersons);
        Assert.Equal(date.AddDays(-1), r.PreMeetingOn);

        var again = await browser.GetAsync($"/samtaler/{id}/foer?gemt=1");
        Assert.NotNull(again.TestIdText("saved"));
        Assert.Equal("Fritidscenter Øst, lille mødelokale", again.Document.GetElementById("place-details")!.GetAttribute("value"));
        Assert.Null(again.TestIdText("length-hint"));
        Assert.Contains(await App.AuditEntriesAsync(), e => e.Action == AuditActions.ConversationUpdated && e.Details == $"conversation={id}; before=planning");

        // 90 minutes is allowed, with a hint (not an error).
        var longer = await browser.SubmitAsync(again, "planning", [new("Planning.PlannedMinutes", "90")]);
        Assert.Equal(HttpStatusCode.Redirect, longer.Status);
        Assert.Equal(90, (await RecordAsync(id)).PlannedMinutes);
        Assert.NotNull((await browser.GetAsync($"/samtaler/{id}/foer")).TestIdText("length-hint"));
    }

    [Fact]
    public async Task Bad_planning_input_gets_messages_next_to_the_fields_and_nothing_is_saved()
    {
        var id = await NewConversationAsync();
        var before = await RecordAsync(id);
        using var browser = await SignedInAsync(Responsible);
        var page = await browser.GetAsync($"/samtaler/{id}/foer");

        var refused = await browser.SubmitAsync(page, "planning",
        [
            new("Planning.Place", nameof(ConversationPlace.Other)),
            new("Planning.PlaceDetails", ""),
            new("Planning.PlannedMinutes", "5"),
            new("Planning.InterpreterNeeded", "true"),
            new("Planning.InterpreterLanguage", ""),
            new("Planning.Challenges", "Bør ikke gemmes"),
        ]);
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Equal([Texts.Error_ConversationPlaceDetailsRequired], refused.FieldErrors("place-details"));
        Assert.Equal([Texts.Error_ConversationLengthOutOfRange], refused.FieldErrors("planned-minutes"));
        Assert.Equal([Texts.Error_InterpreterLanguageRequired], refused.FieldErrors("interpreter-language"));
        Assert.NotNull(refused.TestIdText("error-summary"));

        // Letters in a date are refused, never saved as an empty date.
        var letters = await browser.SubmitAsync(page, "planning", [new("Planning.ScheduledDate", "i morgen")]);
        Assert.Equal(HttpStatusCode.OK, letters.Status);
        Assert.Contains(Texts.Validation_InvalidValue, letters.TestIdText("error-summary"), StringComparison.Ordinal);
        Assert.Equal([Texts.Validation_InvalidValue], letters.FieldErrors("scheduled-date"));

        var after = await RecordAsync(id);
        Assert.Null(after.Place);
        Assert.Null(after.Challenges);
        Assert.Equal(before.PlannedMinutes, after.PlannedMinutes);
        Assert.Equal(before.ConcurrencyStamp, after.ConcurrencyStamp);
    }

    [Fact]
    public async Task A_professional_without_authority_status_needs_a_covering_consent()
    {
        var id = await NewConversationAsync();
        var clubWorker = await App.UserIdAsync(ClubWorker);
        using var browser = await SignedInAsync(Responsible);
        var page = await browser.GetAsync($"/samtaler/{id}/foer");

        // No consent for Freja names the club worker: refused next to the authority status, nothing saved.
        var refused = await browser.SubmitAsync(page, "participant",
        [
            new("Participant.Kind", nameof(ParticipantKind.Professional)),
            new("Participant.UserId", clubWorker),
            // The form claims authority status; the account (no authority status) decides.
            new("Participant.IsAuthorityPerson", "true"),
            new("Participant.Contribution", "Kender Freja fra klubben."),
        ]);
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Equal([Texts.Error_ParticipantNeedsConsent], refused.FieldErrors("participant-authority"));
        Assert.Contains(ConsentMessagePart, Texts.Error_ParticipantNeedsConsent, StringComparison.Ordinal);
        Assert.Empty((await RecordAsync(id)).Participants);

        // A name and a party without authority status, not from an account: refused the same way.
        var byParty = await browser.SubmitAsync(page, "participant",
        [
            new("Participant.Kind", nameof(ParticipantKind.Professional)),
            new("Participant.Name", "Boligsocial medarbejder"),
            new("Participant.PartyId", Text(await PartyIdAsync("BOLIG"))),
            new("Participant.IsAuthorityPerson", "false"),
        ]);
        Assert.Equal([Texts.Error_ParticipantNeedsConsent], byParty.FieldErrors("participant-authority"));

        // A consent for a leisure activity does not cover a conversation; one for the conversation does.
        int consentId;
        await using (var db = App.CreateDbContext())
        {
            var personId = await db.Cases.Where(c => db.ConcernConversations.Any(x => x.Id == id && x.CaseId == c.Id)).Select(c => c.YoungPersonId).SingleAsync();
            var holder = await db.CustodyHolders.Where(h => h.YoungPersonId == personId).Select(h => h.Id).FirstAsync();
            Consent New(ConsentPurpose purpose) => new()
            {
                YoungPersonId = personId, GivenBy = ConsentGiver.CustodyHolder, CustodyHolderId = holder,
                Information = ConsentInformation.Identity, Purpose = purpose, GivenOn = Today.AddDays(-1), ExpiresOn = Today.AddMonths(3),
                RecordedByUserId = clubWorker, RecordedAtUtc = DateTime.UtcNow, Recipients = [new ConsentRecipient { UserId = clubWorker }],
            };
            db.Consents.Add(New(ConsentPurpose.LeisureActivity));
            await db.SaveChangesAsync();
            var stillRefused = await browser.SubmitAsync(page, "participant",
                [new("Participant.Kind", nameof(ParticipantKind.Professional)), new("Participant.UserId", clubWorker), new("Participant.IsAuthorityPerson", "false")]);
            Assert.Equal([Texts.Error_ParticipantNeedsConsent], stillRefused.FieldErrors("participant-authority"));

            var covering = New(ConsentPurpose.ConcernConversation);
            db.Consents.Add(covering);
            await db.SaveChangesAsync();
            consentId = covering.Id;
        }

        var accepted = await browser.SubmitAsync(page, "participant",
        [
            new("Participant.Kind", nameof(ParticipantKind.Professional)),
            new("Participant.UserId", clubWorker),
            new("Participant.IsAuthorityPerson", "true"),
            new("Participant.PartyId", Text(await PartyIdAsync("POL"))),
            new("Participant.Contribution", "Kender Freja fra klubben."),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, accepted.Status);
        var p = Assert.Single((await RecordAsync(id)).Participants);
        Assert.Equal("Camilla Brandt", p.Name);
        Assert.False(p.IsAuthorityPerson);
        Assert.Equal(await PartyIdAsync("ANDRE"), p.PartyId);
        Assert.Equal(consentId, p.ConsentId);

        var shown = await browser.GetAsync($"/samtaler/{id}/foer");
        Assert.Equal(Texts.ConversationBefore_ConsentCovered, shown.TestIdText("participant-consent"));
        Assert.Equal(Texts.ConversationBefore_NoAuthority, shown.TestIdText("participant-authority"));
    }

    [Fact]
    public async Task An_invited_professional_without_authority_status_sees_when_and_where_and_the_name_only_when_the_consent_covers_it()
    {
        var clubWorker = await App.UserIdAsync(ClubWorker);
        var date = Today.AddDays(5);
        var id = await NewConversationAsync(r =>
        {
            r.ScheduledDate = date;
            r.StartTime = new TimeOnly(14, 30);
            r.Place = ConversationPlace.Home;
            r.PlaceDetails = "Hjemme hos Freja, Amagerbrogade 1";
        });
        int consentId;
        await using (var db = App.CreateDbContext())
        {
            var personId = await db.Cases.Where(c => db.ConcernConversations.Any(x => x.Id == id && x.CaseId == c.Id)).Select(c => c.YoungPersonId).SingleAsync();
            var holder = await db.CustodyHolders.Where(h => h.YoungPersonId == personId).Select(h => h.Id).FirstAsync();
            // Only this test's consent names the club worker (another test of this class gives her one for Freja).
            foreach (var earlier in await db.Consents.Where(c => c.YoungPersonId == personId && c.WithdrawnOn == null && c.Recipients.Any(r => r.UserId == clubWorker)).ToListAsync())
            {
                Assert.Null(earlier.Withdraw(Today, clubWorker));
            }

            var consent = new Consent
            {
                YoungPersonId = personId, GivenBy = ConsentGiver.CustodyHolder, CustodyHolderId = holder,
                Information = ConsentInformation.None, Purpose = ConsentPurpose.ConcernConversation, GivenOn = Today.AddDays(-1), ExpiresOn = Today.AddMonths(3),
                RecordedByUserId = clubWorker, RecordedAtUtc = DateTime.UtcNow, Recipients = [new ConsentRecipient { UserId = clubWorker }],
            };
            db.Consents.Add(consent);
            await db.SaveChangesAsync();
            consentId = consent.Id;
        }

        using (var responsible = await SignedInAsync(Responsible))
        {
            var page = await responsible.GetAsync($"/samtaler/{id}/foer");
            var added = await responsible.SubmitAsync(page, "participant",
            [
                new("Participant.Kind", nameof(ParticipantKind.Professional)),
                new("Participant.UserId", clubWorker),
                new("Participant.IsAuthorityPerson", "false"),
                new("Participant.Contribution", "Fortæl om Frejas tid i klubben."),
            ]);
            Assert.Equal(HttpStatusCode.Redirect, added.Status);
        }

        // The club worker cannot open the case or the conversation, but her page of what is shared with her says when and
        // where, who invites and what she is asked to bring; not whom it is about, nor the address, as the consent leaves out identity.
        using var club = await SignedInAsync(ClubWorker);
        Assert.Equal(HttpStatusCode.Forbidden, (await club.GetAsync($"/samtaler/{id}")).Status);
        var sequence = await App.LastAuditSequenceAsync();
        var shared = await club.GetAsync("/delt");
        var row = shared.Document.QuerySelector($"[data-testid='invitation-row'][data-id='{Text(id)}']");
        Assert.NotNull(row);
        Assert.Equal(ConversationTexts.When(date, new TimeOnly(14, 30)), row.QuerySelector("[data-testid='invitation-when']")!.TextContent.Trim());
        Assert.Equal(ConversationTexts.Place(ConversationPlace.Home), row.QuerySelector("[data-testid='invitation-where']")!.TextContent.Trim());
        Assert.Equal(Texts.Invitations_NotNamed, row.QuerySelector("[data-testid='invitation-person']")!.TextContent.Trim());
        Assert.Contains("Fortæl om Frejas tid i klubben.", row.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Freja Nielsen", shared.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Amagerbrogade", shared.Text, StringComparison.Ordinal);
        Assert.Null(row.QuerySelector("a[href^='/samtaler']"));

        // With identity in the consent: the name and the place's details, and the look is audited against the case.
        await using (var db = App.CreateDbContext())
        {
            var consent = await db.Consents.SingleAsync(c => c.Id == consentId);
            consent.Information = ConsentInformation.Identity;
            await db.SaveChangesAsync();
        }

        shared = await club.GetAsync("/delt");
        row = shared.Document.QuerySelector($"[data-testid='invitation-row'][data-id='{Text(id)}']");
        Assert.Equal("Freja Nielsen", row!.QuerySelector("[data-testid='invitation-person']")!.TextContent.Trim());
        Assert.Contains("Amagerbrogade 1", row.QuerySelector("[data-testid='invitation-where']")!.TextContent, StringComparison.Ordinal);
        var caseId = (await RecordAsync(id)).CaseId;
        Assert.Contains(await App.AuditEntriesAsync(), e => e.Sequence > sequence && e.Action == AuditActions.ConversationView && e.Purpose == AuditPurposes.Invitation
            && e.UserId == clubWorker && e.SubjectType == "case" && e.SubjectId!.Split(',').Contains(Text(caseId)));

        // Withdrawn: the invitation is gone with the consent.
        await using (var db = App.CreateDbContext())
        {
            var consent = await db.Consents.SingleAsync(c => c.Id == consentId);
            Assert.Null(consent.Withdraw(Today, clubWorker));
            await db.SaveChangesAsync();
        }

        Assert.Null((await club.GetAsync("/delt")).Document.QuerySelector($"[data-testid='invitation-row'][data-id='{Text(id)}']"));
    }

    [Fact]
    public async Task Family_members_come_from_the_case_many_professionals_warn_and_a_participant_can_be_removed()
    {
        var id = await NewConversationAsync();
        using var browser = await SignedInAsync(Responsible);
        var page = await browser.GetAsync($"/samtaler/{id}/foer");
        Assert.Equal(Texts.ConversationConstellation_Level1, page.TestIdText("constellation-guidance"));
        var choices = page.Document.QuerySelectorAll("#participant-from-case option").Select(o => o.GetAttribute("value") ?? "").Where(v => v.Length > 0).ToList();
        Assert.Equal(3, choices.Count); // Freja and both parents

        foreach (var choice in choices)
        {
            page = await browser.GetAsync($"/samtaler/{id}/foer");
            Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitAsync(page, "participant", [new("Participant.FromCase", choice)])).Status);
        }

        var family = (await RecordAsync(id)).Participants;
        Assert.Contains(family, x => x.Kind == ParticipantKind.YoungPerson && x.Name == "Freja Nielsen");
        Assert.Contains(family, x => x.Kind == ParticipantKind.CustodyHolder && x.Name == "Karin Nielsen");

        var police = Text(await PartyIdAsync("POL"));
        for (var i = 1; i <= 4; i++)
        {
            page = await browser.GetAsync($"/samtaler/{id}/foer");
            Assert.Null(page.TestIdText("too-many-professionals"));
            var added = await browser.SubmitAsync(page, "participant",
            [
                new("Participant.Kind", nameof(ParticipantKind.Professional)), new("Participant.Name", $"Fagperson {i}"),
                new("Participant.PartyId", police), new("Participant.IsAuthorityPerson", "true"),
            ]);
            Assert.Equal(HttpStatusCode.Redirect, added.Status);
        }

        page = await browser.GetAsync($"/samtaler/{id}/foer");
        Assert.Equal(Texts.ConversationTooManyProfessionals, page.TestIdText("too-many-professionals"));

        var fourth = (await RecordAsync(id)).Participants.Single(x => x.Name == "Fagperson 4");
        var removed = await browser.SubmitAsync(page, "remove-participant", [new("Remove.ParticipantId", Text(fourth.Id))]);
        Assert.Equal(HttpStatusCode.Redirect, removed.Status);
        Assert.DoesNotContain((await RecordAsync(id)).Participants, x => x.Id == fourth.Id);
        Assert.Null((await browser.GetAsync($"/samtaler/{id}/foer")).TestIdText("too-many-professionals"));
    }

    [Fact]
    public async Task A_stale_form_is_refused_and_the_newer_save_is_kept()
    {
        var id = await NewConversationAsync();
        using var first = await SignedInAsync(Responsible);
        using var second = await SignedInAsync(Member);
        var firstPage = await first.GetAsync($"/samtaler/{id}/foer");
        var secondPage = await second.GetAsync($"/samtaler/{id}/foer");

        Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitAsync(firstPage, "planning", [new("Planning.Challenges", "Først")])).Status);
        var stale = await second.SubmitAsync(secondPage, "planning", [new("Planning.Challenges", "Bagefter")]);
        Assert.Equal(HttpStatusCode.OK, stale.Status);
        Assert.Contains(Texts.Concurrency_Conflict, stale.TestIdText("error-summary"), StringComparison.Ordinal);
        Assert.Equal("Først", (await RecordAsync(id)).Challenges);

        var staleInvitation = await second.SubmitAsync(secondPage, "invitation",
            [new("Invitation.Method", nameof(InvitationMethod.Phone)), new("Invitation.InvitedOn", Iso(Today))]);
        Assert.Contains(Texts.Concurrency_Conflict, staleInvitation.TestIdText("error-summary"), StringComparison.Ordinal);
        Assert.Equal(InvitationMethod.None, (await RecordAsync(id)).InvitationMethod);

        // A fresh form saves the phone invitation with its log.
        var fresh = await second.GetAsync($"/samtaler/{id}/foer");
        var invited = await second.SubmitAsync(fresh, "invitation",
            [new("Invitation.Method", nameof(InvitationMethod.Phone)), new("Invitation.InvitedOn", Iso(Today)), new("Invitation.Note", "Talt med mor; hun vil gerne.")]);
        Assert.Equal(HttpStatusCode.Redirect, invited.Status);
        var r = await RecordAsync(id);
        Assert.Equal(InvitationMethod.Phone, r.InvitationMethod);
        Assert.Equal(Today, r.InvitedOn);
        Assert.Equal("Talt med mor; hun vil gerne.", r.InvitationNote);
    }

    [Fact]
    public async Task The_letter_names_time_place_participants_and_the_offer_but_not_the_concern()
    {
        var date = Today.AddDays(10);
        var sofie = await App.UserIdAsync(Responsible);
        var sof = await PartyIdAsync("SOF");
        var id = await NewConversationAsync(r =>
        {
            r.Place = ConversationPlace.School;
            r.PlaceDetails = "Lergravsparkens Skole, mødelokalet";
            r.ScheduledDate = date;
            r.StartTime = new TimeOnly(14, 0);
            r.PlannedMinutes = 50;
            r.Participants.Add(new ConversationParticipant { Kind = ParticipantKind.YoungPerson, Name = "Freja Nielsen" });
            r.Participants.Add(new ConversationParticipant { Kind = ParticipantKind.CustodyHolder, Name = "Jens Nielsen" });
            r.Participants.Add(new ConversationParticipant { Kind = ParticipantKind.Professional, Name = "Sofie Lund", UserId = sofie, PartyId = sof, IsAuthorityPerson = true });
        });
        string concern;
        await using (var db = App.CreateDbContext())
        {
            concern = await db.Cases.Where(c => db.ConcernConversations.Any(x => x.Id == id && x.CaseId == c.Id)).Select(c => c.Concern).SingleAsync();
        }

        using var browser = await SignedInAsync(Responsible);
        var letter = await browser.GetAsync($"/samtaler/{id}/brev");
        Assert.Equal(HttpStatusCode.OK, letter.Status);
        Assert.Equal(ConversationTexts.When(date, new TimeOnly(14, 0)), letter.TestIdText("letter-when"));
        Assert.Contains("Lergravsparkens Skole, mødelokalet", letter.TestIdText("letter-where"), StringComparison.Ordinal);
        Assert.Contains("50", letter.TestIdText("letter-length"), StringComparison.Ordinal);
        var participants = Page.Normalize(letter.TestIdText("letter-participants") ?? "");
        Assert.Contains("Jens Nielsen", participants, StringComparison.Ordinal);
        Assert.Contains("Sofie Lund", participants, StringComparison.Ordinal);
        Assert.Contains("Karin Nielsen", letter.TestIdText("letter-to"), StringComparison.Ordinal); // custody holders from the case
        Assert.Equal(Texts.ConversationLetter_Offer, letter.TestIdText("letter-offer"));
        Assert.Contains("Sofie Lund", letter.TestIdText("letter-contact"), StringComparison.Ordinal);
        Assert.DoesNotContain(concern, letter.Text, StringComparison.Ordinal);
        Assert.NotNull(letter.Document.QuerySelector(".no-print"));
        Assert.Contains(await App.AuditEntriesAsync(), e => e.Action == AuditActions.ConversationView && e.Details == $"conversation={id}; part=letter");

        // Without time and place there is no letter with blanks.
        var unplanned = await NewConversationAsync();
        var notReady = await browser.GetAsync($"/samtaler/{unplanned}/brev");
        Assert.Equal(HttpStatusCode.OK, notReady.Status);
        Assert.Equal(Texts.ConversationLetter_NotReady, notReady.TestIdText("letter-not-ready"));
        Assert.Null(notReady.TestIdText("letter"));
    }

    [Fact]
    public async Task Outsiders_get_403_and_a_closed_record_shows_no_forms()
    {
        var id = await NewConversationAsync(r => r.Cancel(DateOnly.FromDateTime(DateTime.UtcNow), "Familien er flyttet."));
        using (var leader = await SignedInAsync(Leader))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync($"/samtaler/{id}/foer")).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync($"/samtaler/{id}/brev")).Status);
        }

        using var nonAuthority = await SignedInAsync("ikke-myndighed@sspkbh.dk");
        Assert.Equal(HttpStatusCode.Forbidden, (await nonAuthority.GetAsync($"/samtaler/{id}/foer")).Status);

        using var member = await SignedInAsync(Member);
        var page = await member.GetAsync($"/samtaler/{id}/foer");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.NotNull(page.TestIdText("planning-read-only"));
        Assert.Empty(page.Document.QuerySelectorAll("input[name='_handler'][value='planning'], input[name='_handler'][value='participant'], input[name='_handler'][value='invitation']"));
    }
}

public sealed class ConversationBeforeTestsSqlite(SqliteApp fixture) : ConversationBeforeTests(fixture), IClassFixture<SqliteApp>;

public sealed class ConversationBeforeTestsPostgres(PostgresApp fixture) : ConversationBeforeTests(fixture), IClassFixture<PostgresApp>;
