using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SspKbh.Domain.Cases;
using SspKbh.Domain.Conversations;
using SspKbh.Web.Demo;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The concern-conversation data layer on a real database: the default checklist exists on every new
/// database, a record with its participants, agreements and ticks survives a round trip, and a stale save is refused.
/// </summary>
public abstract class ConversationDataTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    [Fact]
    public async Task A_new_database_has_checklist_version_1_with_the_default_items_and_seeding_again_adds_no_second_copy()
    {
        // Start-up seeding has run; run it once more as a restart would.
        await App.WithScopeAsync(async services =>
        {
            await services.GetRequiredService<OrganisationSeeder>().SeedAsync(CancellationToken.None);
            return 0;
        });

        await using var db = App.CreateDbContext();
        var template = await db.ChecklistTemplates.AsNoTracking().Include(t => t.Items).SingleAsync();
        Assert.Equal(DefaultChecklist.Version, template.Version);
        Assert.Null(template.CreatedByUserId);
        Assert.Equal(
            DefaultChecklist.Items.OrderBy(d => d.Section).Select(d => (d.Section, d.Text, d.Hint)),
            template.Ordered.Select(i => (i.Section, i.Text, i.Hint)));
        Assert.Equal(Enumerable.Range(1, DefaultChecklist.Items.Count), template.Ordered.Select(i => i.Position));
        Assert.All(template.Items, i => Assert.Equal(i.Section.StageOf(), i.Stage));
        // Danish letters survive the round trip on both providers.
        Assert.Contains(template.Items, i => i.Text.Contains("forældremyndighedsindehaveren", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_conversation_with_participants_agreements_and_ticks_round_trips_and_a_stale_save_is_refused()
    {
        var responsible = await App.UserIdAsync("myndighed@sspkbh.dk");
        int conversationId, templateItemId;
        await using (var db = App.CreateDbContext())
        {
            var caseId = await db.Cases.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
            var template = await db.ChecklistTemplates.Include(t => t.Items).SingleAsync(t => t.Version == DefaultChecklist.Version);
            var police = await db.Parties.Where(p => p.Code == "POL").Select(p => p.Id).SingleAsync();
            var c = ConcernConversation.Create(caseId, null, responsible, CaseLevel.FirstTimeCrime, template.Id, responsible, DateTime.UtcNow);
            c.ScheduledDate = new DateOnly(2026, 12, 3);
            c.StartTime = new TimeOnly(14, 30);
            c.Place = ConversationPlace.Bbu;
            c.InterpreterNeeded = true;
            c.InterpreterLanguage = "Somali";
            c.Participants.Add(new ConversationParticipant { Kind = ParticipantKind.Professional, Name = "Politifaglig forebygger", PartyId = police, IsAuthorityPerson = true });
            c.Participants.Add(new ConversationParticipant { Kind = ParticipantKind.CustodyHolder, Name = "Mor Ø. Åberg" });
            db.ConcernConversations.Add(c);
            await db.SaveChangesAsync();
            templateItemId = template.ItemsIn(ChecklistSection.Invitation).First().Id;
            Assert.Null(c.Tick(template, templateItemId, responsible, DateTime.UtcNow));
            c.Agreements.Add(new ConversationAgreement
            {
                What = "Møder i skole kl. 8", ResponsibleKind = AgreementResponsible.YoungPerson, ResponsibleName = "Den unge",
                FollowUpOn = new DateOnly(2026, 12, 17), FollowUpUserId = responsible,
            });
            await db.SaveChangesAsync();
            conversationId = c.Id;
            var agreement = c.Agreements.Single();
            db.CaseActions.Add(agreement.ToFollowUpAction(caseId, "Myndighed", police, responsible, DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        await using (var db = App.CreateDbContext())
        {
            var c = await db.ConcernConversations.AsNoTracking()
                .Include(x => x.Participants).Include(x => x.Agreements).Include(x => x.Checklist)
                .SingleAsync(x => x.Id == conversationId);
            Assert.Equal(new TimeOnly(14, 30), c.StartTime);
            Assert.Equal(ConversationPlace.Bbu, c.Place);
            Assert.Equal(ConcernConversation.DefaultPlannedMinutes, c.PlannedMinutes);
            Assert.Equal(2, c.Participants.Count);
            Assert.Contains(c.Participants, p => p.Name == "Mor Ø. Åberg");
            Assert.Equal(templateItemId, Assert.Single(c.Checklist, i => i.IsDone).TemplateItemId);
            var agreement = Assert.Single(c.Agreements);
            Assert.Equal(AgreementOutcome.Open, agreement.Outcome);
            Assert.True(await db.CaseActions.AnyAsync(a => a.ConversationAgreementId == agreement.Id && a.OwnerUserId == responsible));
        }

        // Two editors load the same record; the second save is refused, not merged.
        await using var first = App.CreateDbContext();
        await using var second = App.CreateDbContext();
        var a = await first.ConcernConversations.SingleAsync(x => x.Id == conversationId);
        var b = await second.ConcernConversations.SingleAsync(x => x.Id == conversationId);
        Assert.Null(a.SetPhaseNote(1, "Første"));
        await first.SaveChangesAsync();
        Assert.Null(b.SetPhaseNote(1, "Anden"));
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
    }
}

public sealed class ConversationDataTestsSqlite(SqliteApp fixture) : ConversationDataTests(fixture), IClassFixture<SqliteApp>;

public sealed class ConversationDataTestsPostgres(PostgresApp fixture) : ConversationDataTests(fixture), IClassFixture<PostgresApp>;
