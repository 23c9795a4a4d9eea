using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SspKbh.Domain.Consents;
using SspKbh.Domain.Conversations;
using SspKbh.Web.Audit;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Features.Conversations;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The "before" part of a concern conversation through its services, as the interactive page calls them: planning
/// with field messages, participants under the §115 consent rule (and the rule offered as they are picked), the
/// invitation, stale forms, the guidance on many professionals; over HTTP the prerendered page, the status codes per
/// role and the printable invitation letter; on SQLite and PostgreSQL. The checklist's own saves are in
/// ConversationChecklistTests, the page itself in ConversationBeforeComponentTests.
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

    private Task<ConversationResult> PlanAsync(string email, int id, PlanningInput input) =>
        App.AsAsync<ConversationPlanningService, ConversationResult>(email, (planner, user) => planner.SavePlanningAsync(id, input, user, CancellationToken.None));

    private Task<ConversationResult> AddAsync(string email, int id, ParticipantInput input) =>
        App.AsAsync<ConversationPlanningService, ConversationResult>(email, (planner, user) => planner.AddParticipantAsync(id, input, user, CancellationToken.None));

    private static PlanningInput Planning(ConcernConversation r, Action<PlanningInput> change)
    {
        var input = PlanningInput.From(r);
        input.ConcurrencyStamp = r.ConcurrencyStamp;
        change(input);
        return input;
    }

    [Fact]
    public async Task Planning_is_saved_shown_again_and_audited()
    {
        var id = await App.NewFrejaConversationAsync(Responsible);
        using var browser = await SignedInAsync(Responsible);
        var page = await browser.GetAsync($"/samtaler/{id}/foer");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("60", page.Document.GetElementById("planned-minutes")!.GetAttribute("value"));

        var date = Today.AddDays(7);
        var saved = await PlanAsync(Responsible, id, Planning(await RecordAsync(id), p =>
        {
            p.ResourcePersons = "Fodboldtræneren; klasselæreren ringer til ham.";
            p.KnowledgeGathering = "Skolen spørger fritidscentret.";
            p.InterpreterNeeded = true;
            p.InterpreterLanguage = "Arabisk";
            p.Place = ConversationPlace.LeisureCentre;
            p.PlaceDetails = "Fritidscenter Øst, lille mødelokale";
            p.ScheduledDate = date;
            p.StartTime = new TimeOnly(15, 30);
            p.PlannedMinutes = 45;
            p.Challenges = "Fravær";
            p.Resources = "Glad for håndbold";
            p.QuestionsAndThemes = "Hvordan går det i skolen?";
            p.PreMeetingOn = date.AddDays(-1);
        }));
        Assert.True(saved.Succeeded);

        var r = await RecordAsync(id);
        Assert.Equal(r.ConcurrencyStamp, saved.Stamp);
        Assert.Equal(ConversationPlace.LeisureCentre, r.Place);
        Assert.Equal("Fritidscenter Øst, lille mødelokale", r.PlaceDetails);
        Assert.Equal(date, r.ScheduledDate);
        Assert.Equal(new TimeOnly(15, 30), r.StartTime);
        Assert.Equal(45, r.PlannedMinutes);
        Assert.True(r.InterpreterNeeded);
        Assert.Equal("Arabisk", r.InterpreterLanguage);
        Assert.Equal("Fodboldtræneren; klasselæreren ringer til ham.", r.ResourcePersons);
        Assert.Equal(date.AddDays(-1), r.PreMeetingOn);

        // The prerendered page shows what was saved.
        var again = await browser.GetAsync($"/samtaler/{id}/foer");
        Assert.Equal("Fritidscenter Øst, lille mødelokale", again.Document.GetElementById("place-details")!.GetAttribute("value"));
        Assert.Null(again.TestIdText("length-hint"));
        Assert.Contains(await App.AuditEntriesAsync(), e => e.Action == AuditActions.ConversationUpdated && e.Details == $"conversation={id}; before=planning");

        // 90 minutes is allowed, with a hint (not an error).
        Assert.True((await PlanAsync(Responsible, id, Planning(r, p => p.PlannedMinutes = 90))).Succeeded);
        Assert.Equal(90, (await RecordAsync(id)).PlannedMinutes);
        Assert.NotNull((await browser.GetAsync($"/samtaler/{id}/foer")).TestIdText("length-hint"));
    }

    [Fact]
    public async Task Bad_planning_input_gets_messages_for_the_fields_and_nothing_is_saved()
    {
        var id = await App.NewFrejaConversationAsync(Responsible);
        var before = await RecordAsync(id);

        var refused = await PlanAsync(Responsible, id, Planning(before, p =>
        {
            p.Place = ConversationPlace.Other;
            p.PlaceDetails = "";
            p.PlannedMinutes = 5;
            p.InterpreterNeeded = true;
            p.InterpreterLanguage = "";
            p.Challenges = "Bør ikke gemmes";
        }));
        Assert.Equal(LookupOutcome.Found, refused.Outcome);
        Assert.Equal([Texts.Error_ConversationPlaceDetailsRequired], refused.Result.FieldErrors[nameof(PlanningInput.PlaceDetails)]);
        Assert.Equal([Texts.Error_ConversationLengthOutOfRange], refused.Result.FieldErrors[nameof(PlanningInput.PlannedMinutes)]);
        Assert.Equal([Texts.Error_InterpreterLanguageRequired], refused.Result.FieldErrors[nameof(PlanningInput.InterpreterLanguage)]);

        // No length at all is refused as out of range, never saved as zero; a text over its limit is refused.
        var empty = await PlanAsync(Responsible, id, Planning(before, p => p.PlannedMinutes = null));
        Assert.Equal([Texts.Error_ConversationLengthOutOfRange], empty.Result.FieldErrors[nameof(PlanningInput.PlannedMinutes)]);
        var tooLong = await PlanAsync(Responsible, id, Planning(before, p => p.Challenges = new string('x', ConcernConversation.ChallengesMaxLength + 1)));
        Assert.NotEmpty(tooLong.Result.FieldErrors[nameof(PlanningInput.Challenges)]);

        var after = await RecordAsync(id);
        Assert.Null(after.Place);
        Assert.Null(after.Challenges);
        Assert.Equal(before.PlannedMinutes, after.PlannedMinutes);
        Assert.Equal(before.ConcurrencyStamp, after.ConcurrencyStamp);
    }

    [Fact]
    public async Task A_professional_without_authority_status_needs_a_covering_consent()
    {
        var id = await App.NewFrejaConversationAsync(Responsible);
        var clubWorker = await App.UserIdAsync(ClubWorker);
        string Stamp() => RecordAsync(id).GetAwaiter().GetResult().ConcurrencyStamp;

        // No consent for Freja names the club worker: refused at the authority status, nothing saved.
        var refused = await AddAsync(Responsible, id, new ParticipantInput
        {
            Kind = ParticipantKind.Professional, UserId = clubWorker,
            // The form claims authority status; the account (no authority status) decides.
            IsAuthorityPerson = true, Contribution = "Kender Freja fra klubben.", ConcurrencyStamp = Stamp(),
        });
        Assert.Equal([Texts.Error_ParticipantNeedsConsent], refused.Result.FieldErrors[nameof(ParticipantInput.IsAuthorityPerson)]);
        Assert.Contains(ConsentMessagePart, Texts.Error_ParticipantNeedsConsent, StringComparison.Ordinal);
        Assert.Empty((await RecordAsync(id)).Participants);

        // A name and a party without authority status, not from an account: refused the same way.
        var byParty = await AddAsync(Responsible, id, new ParticipantInput
        {
            Kind = ParticipantKind.Professional, Name = "Boligsocial medarbejder", PartyId = await PartyIdAsync("BOLIG"), IsAuthorityPerson = false, ConcurrencyStamp = Stamp(),
        });
        Assert.Equal([Texts.Error_ParticipantNeedsConsent], byParty.Result.FieldErrors[nameof(ParticipantInput.IsAuthorityPerson)]);

        // The page shows the rule as the club worker is picked: not covered yet.
        var offered = await App.AsAsync<ConversationBeforeLoader, BeforePageState>(Responsible, (loader, user) => loader.LoadAsync(id, user, CancellationToken.None));
        var candidate = Assert.Single(offered.Candidates, c => c.UserId == clubWorker);
        Assert.False(candidate.Allowed);

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
            var stillRefused = await AddAsync(Responsible, id, new ParticipantInput { Kind = ParticipantKind.Professional, UserId = clubWorker, IsAuthorityPerson = false, ConcurrencyStamp = Stamp() });
            Assert.Equal([Texts.Error_ParticipantNeedsConsent], stillRefused.Result.FieldErrors[nameof(ParticipantInput.IsAuthorityPerson)]);

            var covering = New(ConsentPurpose.ConcernConversation);
            db.Consents.Add(covering);
            await db.SaveChangesAsync();
            consentId = covering.Id;
        }

        offered = await App.AsAsync<ConversationBeforeLoader, BeforePageState>(Responsible, (loader, user) => loader.LoadAsync(id, user, CancellationToken.None));
        Assert.True(Assert.Single(offered.Candidates, c => c.UserId == clubWorker).Allowed);

        var accepted = await AddAsync(Responsible, id, new ParticipantInput
        {
            Kind = ParticipantKind.Professional, UserId = clubWorker, IsAuthorityPerson = true, PartyId = await PartyIdAsync("POL"),
            Contribution = "Kender Freja fra klubben.", ConcurrencyStamp = Stamp(),
        });
        Assert.True(accepted.Succeeded);
        var p = Assert.Single((await RecordAsync(id)).Participants);
        Assert.Equal("Camilla Brandt", p.Name);
        Assert.False(p.IsAuthorityPerson);
        Assert.Equal(await PartyIdAsync("ANDRE"), p.PartyId);
        Assert.Equal(consentId, p.ConsentId);

        using var browser = await SignedInAsync(Responsible);
        var shown = await browser.GetAsync($"/samtaler/{id}/foer");
        Assert.Equal(Texts.ConversationBefore_ConsentCovered, shown.TestIdText("participant-consent"));
        Assert.Equal(Texts.ConversationBefore_NoAuthority, shown.TestIdText("participant-authority"));
    }

    [Fact]
    public async Task An_invited_professional_without_authority_status_sees_when_and_where_and_the_name_only_when_the_consent_covers_it()
    {
        var clubWorker = await App.UserIdAsync(ClubWorker);
        var date = Today.AddDays(5);
        var id = await App.NewFrejaConversationAsync(Responsible, r =>
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

        var added = await AddAsync(Responsible, id, new ParticipantInput
        {
            Kind = ParticipantKind.Professional, UserId = clubWorker, IsAuthorityPerson = false,
            Contribution = "Fortæl om Frejas tid i klubben.", ConcurrencyStamp = (await RecordAsync(id)).ConcurrencyStamp,
        });
        Assert.True(added.Succeeded);

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
            && e.UserId == clubWorker && e.SubjectType == "case" && e.ListedIds.Contains(Text(caseId)));

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
        var id = await App.NewFrejaConversationAsync(Responsible);
        using var browser = await SignedInAsync(Responsible);
        var page = await browser.GetAsync($"/samtaler/{id}/foer");
        Assert.Equal(Texts.ConversationConstellation_Level1, page.TestIdText("constellation-guidance"));
        var offered = await App.AsAsync<ConversationBeforeLoader, BeforePageState>(Responsible, (loader, user) => loader.LoadAsync(id, user, CancellationToken.None));
        var family = offered.Candidates.Where(c => c.Kind != ParticipantKind.Professional).ToList();
        Assert.Equal(3, family.Count); // Freja and both parents
        Assert.All(family, c => Assert.True(c.Allowed));

        foreach (var choice in family)
        {
            Assert.True((await AddAsync(Responsible, id, new ParticipantInput { FromCase = choice.Key, ConcurrencyStamp = (await RecordAsync(id)).ConcurrencyStamp })).Succeeded);
        }

        var participants = (await RecordAsync(id)).Participants;
        Assert.Contains(participants, x => x.Kind == ParticipantKind.YoungPerson && x.Name == "Freja Nielsen");
        Assert.Contains(participants, x => x.Kind == ParticipantKind.CustodyHolder && x.Name == "Karin Nielsen");

        // A key that is not one of the case's family is refused.
        var unknown = await AddAsync(Responsible, id, new ParticipantInput { FromCase = "holder-999999", ConcurrencyStamp = (await RecordAsync(id)).ConcurrencyStamp });
        Assert.Equal([Texts.Error_ConversationBefore_CaseChoiceUnknown], unknown.Result.FieldErrors[nameof(ParticipantInput.FromCase)]);

        var police = await PartyIdAsync("POL");
        for (var i = 1; i <= 4; i++)
        {
            Assert.Null((await browser.GetAsync($"/samtaler/{id}/foer")).TestIdText("too-many-professionals"));
            var added = await AddAsync(Responsible, id, new ParticipantInput
            {
                Kind = ParticipantKind.Professional, Name = $"Fagperson {i}", PartyId = police, IsAuthorityPerson = true, ConcurrencyStamp = (await RecordAsync(id)).ConcurrencyStamp,
            });
            Assert.True(added.Succeeded);
        }

        Assert.Equal(Texts.ConversationTooManyProfessionals, (await browser.GetAsync($"/samtaler/{id}/foer")).TestIdText("too-many-professionals"));

        var fourth = (await RecordAsync(id)).Participants.Single(x => x.Name == "Fagperson 4");
        var removed = await App.AsAsync<ConversationPlanningService, ConversationResult>(Responsible, (planner, user) =>
            planner.RemoveParticipantAsync(id, new RemoveParticipantInput { ParticipantId = fourth.Id, ConcurrencyStamp = RecordAsync(id).GetAwaiter().GetResult().ConcurrencyStamp }, user, CancellationToken.None));
        Assert.True(removed.Succeeded);
        Assert.DoesNotContain((await RecordAsync(id)).Participants, x => x.Id == fourth.Id);
        Assert.Null((await browser.GetAsync($"/samtaler/{id}/foer")).TestIdText("too-many-professionals"));
    }

    [Fact]
    public async Task A_stale_form_is_refused_and_the_newer_save_is_kept()
    {
        var id = await App.NewFrejaConversationAsync(Responsible);
        var loaded = await RecordAsync(id);

        Assert.True((await PlanAsync(Responsible, id, Planning(loaded, p => p.Challenges = "Først"))).Succeeded);
        var stale = await PlanAsync(Member, id, Planning(loaded, p => p.Challenges = "Bagefter"));
        Assert.Equal([Texts.Concurrency_Conflict], stale.Result.GeneralErrors);
        Assert.Equal("Først", (await RecordAsync(id)).Challenges);

        Task<ConversationResult> InviteAsync(string stamp, string? note = null) =>
            App.AsAsync<ConversationPlanningService, ConversationResult>(Member, (planner, user) => planner.SaveInvitationAsync(id,
                new InvitationInput { Method = InvitationMethod.Phone, InvitedOn = Today, Note = note, ConcurrencyStamp = stamp }, user, CancellationToken.None));
        var staleInvitation = await InviteAsync(loaded.ConcurrencyStamp);
        Assert.Equal([Texts.Concurrency_Conflict], staleInvitation.Result.GeneralErrors);
        Assert.Equal(InvitationMethod.None, (await RecordAsync(id)).InvitationMethod);

        // A fresh form saves the phone invitation with its log; an invitation date in the future is refused.
        var future = await App.AsAsync<ConversationPlanningService, ConversationResult>(Member, (planner, user) => planner.SaveInvitationAsync(id,
            new InvitationInput { Method = InvitationMethod.Letter, InvitedOn = Today.AddDays(2), ConcurrencyStamp = RecordAsync(id).GetAwaiter().GetResult().ConcurrencyStamp }, user, CancellationToken.None));
        Assert.Equal([Texts.Error_ConversationDateInFuture], future.Result.FieldErrors[nameof(InvitationInput.InvitedOn)]);
        Assert.True((await InviteAsync((await RecordAsync(id)).ConcurrencyStamp, "Talt med mor; hun vil gerne.")).Succeeded);
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
        var id = await App.NewFrejaConversationAsync(Responsible, r =>
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
        var unplanned = await App.NewFrejaConversationAsync(Responsible);
        var notReady = await browser.GetAsync($"/samtaler/{unplanned}/brev");
        Assert.Equal(HttpStatusCode.OK, notReady.Status);
        Assert.Equal(Texts.ConversationLetter_NotReady, notReady.TestIdText("letter-not-ready"));
        Assert.Null(notReady.TestIdText("letter"));
    }

    [Fact]
    public async Task Outsiders_get_403_and_a_closed_record_shows_no_forms()
    {
        var id = await App.NewFrejaConversationAsync(Responsible, r => r.Cancel(DateOnly.FromDateTime(DateTime.UtcNow), "Familien er flyttet."));
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
        Assert.NotNull(page.TestIdText("invitation-read-only"));
        Assert.Empty(page.Document.QuerySelectorAll("[data-testid='save-planning'], [data-testid='add-participant'], [data-testid='save-invitation'], [data-testid='participant-form'], form:not([action='/konto/log-ud'])"));

        // The services refuse the closed record's changes and an outsider's, whatever a page offers.
        var closed = await PlanAsync(Member, id, Planning(await RecordAsync(id), p => p.Challenges = "Efter aflysning"));
        Assert.Equal([Texts.Error_ConversationClosed], closed.Result.GeneralErrors);
        var outsider = await PlanAsync("ikke-myndighed@sspkbh.dk", id, Planning(await RecordAsync(id), p => p.Challenges = "Udefra"));
        Assert.Equal(LookupOutcome.Forbidden, outsider.Outcome);
        var leaderAdds = await AddAsync(Leader, id, new ParticipantInput { Kind = ParticipantKind.Professional, Name = "X", IsAuthorityPerson = true, ConcurrencyStamp = (await RecordAsync(id)).ConcurrencyStamp });
        Assert.Equal(LookupOutcome.Forbidden, leaderAdds.Outcome);
        Assert.Null((await RecordAsync(id)).Challenges);
        Assert.Contains(await App.AuditEntriesAsync(), e => e.Action == AuditActions.ConversationUpdated && e.Outcome == AuditOutcomes.Denied);
    }
}

public sealed class ConversationBeforeTestsSqlite(SqliteApp fixture) : ConversationBeforeTests(fixture), IClassFixture<SqliteApp>;

public sealed class ConversationBeforeTestsPostgres(PostgresApp fixture) : ConversationBeforeTests(fixture), IClassFixture<PostgresApp>;
