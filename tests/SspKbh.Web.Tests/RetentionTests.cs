using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SspKbh.Domain.Access;
using SspKbh.Domain.Cases;
using SspKbh.Domain.Consents;
using SspKbh.Domain.Conversations;
using SspKbh.Domain.Retention;
using SspKbh.Web.Data;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Features.Retention;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The retention rules, run by the daily job's service under a clock moved into the future: what is
/// due is removed, what is not stays, and only counts are recorded.
/// </summary>
public abstract class RetentionTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    /// <summary>The real clock moved forward: the retention service sees "later" without waiting.</summary>
    private sealed class MovedClock(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
    }

    private async Task<(int CaseId, int PersonId)> ClosedCaseAsync(string name, string? cpr)
    {
        await using var db = App.CreateDbContext();
        var area = await db.LocalAreas.Where(a => a.Name == "Amager Øst").SingleAsync();
        var party = await db.Parties.Where(p => p.Code == "BUF").Select(p => p.Id).SingleAsync();
        var secretary = await App.UserIdAsync("sekretaer@sspkbh.dk");
        var person = new YoungPerson { DateOfBirth = new DateOnly(2011, 8, 15), Cpr = cpr, Address = "Testvej 7, 2300 København S", LocalAreaId = area.Id, CreatedAtUtc = DateTime.UtcNow };
        person.SetName(name);
        person.CustodyHolders.Add(new CustodyHolder { FullName = "Forælder til " + name, Relation = "mor" });
        db.YoungPersons.Add(person);
        await db.SaveChangesAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var c = SspCase.Register("T-" + Guid.NewGuid().ToString("N")[..8], person.Id, area.CoordinationGroupId!.Value, CaseLevel.WorryingBehaviour, CaseSource.School,
            party, null, today, "Bekymring om " + name, party, null, null, null, secretary, DateTime.UtcNow);
        db.Cases.Add(c);
        await db.SaveChangesAsync();
        db.JournalNotes.Add(new JournalNote { CaseId = c.Id, NoteDate = today, AuthorUserId = secretary, Text = "Notat om " + name, CreatedAtUtc = DateTime.UtcNow });
        db.Consents.Add(new Consent
        {
            YoungPersonId = person.Id, GivenBy = ConsentGiver.YoungPerson, Information = ConsentInformation.Identity, Purpose = ConsentPurpose.JointEffort,
            GivenOn = today, ExpiresOn = today.AddMonths(6), RecordedByUserId = secretary, RecordedAtUtc = DateTime.UtcNow,
            Recipients = [new ConsentRecipient { PartyId = party }],
        });
        db.CaseAccessGrants.Add(CaseAccessGrant.Create(c.Id, secretary, "Akut behov for at se sagen i aften.", DateTime.UtcNow, TimeSpan.FromHours(4)));
        // A held concern conversation with free text, a named participant, an agreement and a checklist note.
        var template = await db.ChecklistTemplates.Include(t => t.Items).OrderBy(t => t.Version).FirstAsync();
        var conversation = ConcernConversation.Create(c.Id, null, secretary, CaseLevel.WorryingBehaviour, template.Id, secretary, DateTime.UtcNow);
        conversation.ScheduledDate = today;
        conversation.StartTime = TimeOnly.MinValue;
        conversation.Challenges = "Udfordringer for " + name;
        conversation.Phase3Note = "Fase 3 om " + name;
        conversation.DebriefNote = "Debrief om " + name;
        conversation.Participants.Add(new ConversationParticipant { Kind = ParticipantKind.YoungPerson, Name = name, Contribution = "Fortæller selv" });
        conversation.Agreements.Add(new ConversationAgreement
        {
            What = name + " møder i skole", ResponsibleKind = AgreementResponsible.YoungPerson, ResponsibleName = name, FollowUpOn = today.AddDays(14), FollowUpUserId = secretary,
        });
        db.ConcernConversations.Add(conversation);
        await db.SaveChangesAsync();
        Assert.Null(conversation.SetChecklistNote(template, template.Items[0].Id, "Note om " + name));
        Assert.Null(conversation.Cancel(today, "Aflyst for " + name));
        Assert.Null(c.ChangeStatus(CaseStatus.Closed, "Bekymringen er væk.", CloseReason.ConcernResolved, secretary, DateTime.UtcNow, today));
        await db.SaveChangesAsync();
        return (c.Id, person.Id);
    }

    private Task<RetentionRunResult> RunAsync(TimeSpan offset) => App.WithScopeAsync(services =>
        ActivatorUtilities.CreateInstance<RetentionService>(services, new MovedClock(offset)).ApplyAsync(CancellationToken.None));

    [Fact]
    public async Task A_case_closed_longer_than_the_period_loses_its_text_and_the_young_persons_data_and_only_counts_are_recorded()
    {
        var name = $"Retention Testsen {Guid.NewGuid().ToString("N")[..6]}";
        var (caseId, personId) = await ClosedCaseAsync(name, null);

        // 23 months later nothing is due (the period is 24 months).
        var early = await RunAsync(TimeSpan.FromDays(700));
        await using (var db = App.CreateDbContext())
        {
            Assert.Equal(name, await db.YoungPersons.Where(p => p.Id == personId).Select(p => p.FullName).SingleAsync());
            Assert.Equal(1, await db.JournalNotes.CountAsync(n => n.CaseId == caseId));
        }

        Assert.Equal(0, early.Records.Single(r => r.Rule == RetentionRules.ClosedCases).RecordsAffected);

        // 25 months later the case is anonymised.
        var due = await RunAsync(TimeSpan.FromDays(760));
        var closed = due.Records.Single(r => r.Rule == RetentionRules.ClosedCases);
        Assert.True(closed.RecordsAffected >= 1);
        Assert.True(closed.RelatedRowsDeleted >= 4, $"Related rows deleted: {closed.RelatedRowsDeleted}");
        await using (var db = App.CreateDbContext())
        {
            var person = await db.YoungPersons.AsNoTracking().SingleAsync(p => p.Id == personId);
            Assert.Equal(YoungPerson.AnonymousName, person.FullName);
            Assert.Null(person.Address);
            Assert.Equal(new DateOnly(2011, 1, 1), person.DateOfBirth);
            Assert.NotNull(person.AnonymisedOn);
            Assert.Equal(0, await db.CustodyHolders.CountAsync(h => h.YoungPersonId == personId));
            Assert.Equal(0, await db.YoungPersonNameWords.CountAsync(w => w.YoungPersonId == personId));
            Assert.Equal(0, await db.Consents.CountAsync(c => c.YoungPersonId == personId));
            Assert.Equal(0, await db.JournalNotes.CountAsync(n => n.CaseId == caseId));
            Assert.Equal(0, await db.CaseAccessGrants.CountAsync(g => g.CaseId == caseId));
            var c = await db.Cases.AsNoTracking().Include(x => x.StatusHistory).SingleAsync(x => x.Id == caseId);
            Assert.DoesNotContain(name, c.Concern, StringComparison.Ordinal);
            Assert.All(c.StatusHistory, h => Assert.Null(h.Reason));
            Assert.Equal(CaseLevel.WorryingBehaviour, c.Level);

            // The concern conversation stays for statistics, without its text, names or agreements.
            var conversation = await db.ConcernConversations.AsNoTracking().Include(x => x.Participants).Include(x => x.Agreements).Include(x => x.Checklist)
                .SingleAsync(x => x.CaseId == caseId);
            Assert.Equal(ConversationStatus.Cancelled, conversation.Status);
            Assert.Null(conversation.Challenges);
            Assert.Null(conversation.Phase3Note);
            Assert.Null(conversation.DebriefNote);
            Assert.Null(conversation.CancelReason);
            Assert.Equal(ParticipantKind.YoungPerson, Assert.Single(conversation.Participants).Kind);
            Assert.All(conversation.Participants, p => Assert.DoesNotContain(name, p.Name, StringComparison.Ordinal));
            Assert.All(conversation.Participants, p => Assert.Null(p.Contribution));
            Assert.Empty(conversation.Agreements);
            Assert.All(conversation.Checklist, i => Assert.Null(i.Note));

            // The deletion records and the audit trail carry counts, never content.
            var records = await db.DeletionRecords.AsNoTracking().ToListAsync();
            Assert.Contains(records, r => r.Rule == RetentionRules.ClosedCases && r.RecordsAffected >= 1 && r.PeriodMonths == 24);
        }

        var audit = await App.AuditEntriesAsync(a => a.Action == "retention.apply");
        Assert.Contains(audit, a => a.SubjectId == RetentionRules.ClosedCases && a.Details!.Contains("records=", StringComparison.Ordinal));
        Assert.All(audit, a => Assert.DoesNotContain(name, a.Details ?? "", StringComparison.Ordinal));

        // The group still sees that the case existed, but not what it was about; nobody can change it.
        using var browser = App.CreateBrowser();
        await browser.SignInAsync("sekretaer@sspkbh.dk");
        var page = await browser.GetAsync($"/sager/{caseId}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.NotNull(page.TestIdText("case-anonymised"));
        Assert.DoesNotContain(name, page.Text, StringComparison.Ordinal);
        Assert.Null(page.TestIdText("case-tools"));
        // A new note (the note page answered 403; now the service the case page calls): refused, audited, nothing saved.
        var before = await App.CaseDataSnapshotAsync();
        var sequence = await App.LastAuditSequenceAsync();
        var note = await App.WorkAsync("sekretaer@sspkbh.dk", (work, user) =>
            work.AddNoteAsync(caseId, new NoteInput { NoteDate = DateOnly.FromDateTime(DateTime.UtcNow), Text = "Ny oplysning." }, user, CancellationToken.None));
        Assert.Equal(LookupOutcome.Forbidden, note.Outcome);
        Assert.Equal(before, await App.CaseDataSnapshotAsync());
        Assert.Contains("case.update", await App.DeniedSinceAsync(sequence, await App.UserIdAsync("sekretaer@sspkbh.dk")));
        var search = await browser.GetAsync("/sager?q=" + Uri.EscapeDataString(name.Split(' ')[^1]));
        Assert.DoesNotContain(name, search.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ended_consents_and_old_emergency_accesses_are_deleted_after_their_periods_but_an_open_case_is_kept()
    {
        await using var db = App.CreateDbContext();
        var person = await db.YoungPersons.Where(p => p.FullName == "Freja Nielsen").Select(p => p.Id).SingleAsync();
        var caseId = await db.Cases.Where(c => c.YoungPersonId == person).Select(c => c.Id).SingleAsync();
        var party = await db.Parties.Where(p => p.Code == "BOLIG").Select(p => p.Id).SingleAsync();
        var secretary = await App.UserIdAsync("sekretaer@sspkbh.dk");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var withdrawn = new Consent
        {
            YoungPersonId = person, GivenBy = ConsentGiver.YoungPerson, Information = ConsentInformation.Identity, Purpose = ConsentPurpose.JointEffort,
            GivenOn = today.AddDays(-10), ExpiresOn = today.AddMonths(3), RecordedByUserId = secretary, RecordedAtUtc = DateTime.UtcNow,
            Recipients = [new ConsentRecipient { PartyId = party }],
        };
        Assert.Null(withdrawn.Withdraw(today, secretary));
        db.Consents.Add(withdrawn);
        db.CaseAccessGrants.Add(CaseAccessGrant.Create(caseId, secretary, "Akut behov for at se sagen i aften.", DateTime.UtcNow, TimeSpan.FromHours(4)));
        await db.SaveChangesAsync();

        var result = await RunAsync(TimeSpan.FromDays(800));

        Assert.True(result.Records.Single(r => r.Rule == RetentionRules.EndedConsents).RecordsAffected >= 1);
        Assert.True(result.Records.Single(r => r.Rule == RetentionRules.EmergencyAccess).RecordsAffected >= 1);
        Assert.False(await db.Consents.AnyAsync(c => c.Id == withdrawn.Id));
        Assert.False(await db.ConsentRecipients.AnyAsync(r => r.ConsentId == withdrawn.Id));
        Assert.False(await db.CaseAccessGrants.AnyAsync(g => g.CaseId == caseId));
        // The case itself is open: retention never touches it.
        Assert.Equal("Freja Nielsen", await db.YoungPersons.Where(p => p.Id == person).Select(p => p.FullName).SingleAsync());
    }
}

public sealed class RetentionTestsSqlite(SqliteApp fixture) : RetentionTests(fixture), IClassFixture<SqliteApp>;

public sealed class RetentionTestsPostgres(PostgresApp fixture) : RetentionTests(fixture), IClassFixture<PostgresApp>;
