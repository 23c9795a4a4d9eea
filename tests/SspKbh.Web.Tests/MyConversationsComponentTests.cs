using System.Globalization;
using Bunit;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Consents;
using SspKbh.Domain.Conversations;
using SspKbh.Web.Features.Conversations;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The interactive "Mine bekymringssamtaler" page (/samtaler) over the real services (bUnit): each row's link names
/// the young person and the time and place have their own columns (issue 16 #7), the tables sort in the page, the
/// empty states are Danish, and an invited participant sees when and where the conversation is, with the young
/// person's name and the place's details only as §115 allows (for a professional without authority status, a
/// consent covering identity); the page's state, which is what goes over the circuit, holds no more than it shows.
/// </summary>
public abstract class MyConversationsComponentTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private const string Responsible = "sekretaer@sspkbh.dk";
    private const string Member = "myndighed@sspkbh.dk";
    private const string ClubWorker = "fritid@sspkbh.dk";

    private DateOnly Today => DanishTime.Today(App.Clock);

    private static string Text(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static IRenderedComponent<MyConversations> Open(ComponentHost host)
    {
        var page = host.RenderPage<MyConversations>();
        page.WaitForAssertion(() => Assert.NotNull(page.Instance.State), CasePageSteps.Patience);
        return page;
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<MyConversations> page, string table, int id) =>
        page.Find($"[data-testid='{table}'] [data-testid='conversation-row'][data-id='{Text(id)}']");

    [Fact]
    public async Task Each_rows_link_names_the_young_person_and_the_time_and_place_have_their_own_columns()
    {
        var unplanned = await App.NewFrejaConversationAsync(Responsible);
        var planned = await App.NewFrejaConversationAsync(Responsible, r =>
            (r.ScheduledDate, r.StartTime, r.Place) = (Today.AddDays(3), new TimeOnly(9, 30), ConversationPlace.School));
        await using var host = await ComponentHost.ForAsync(App, Responsible);
        var page = Open(host);

        // Without a time: the link still says whom it is about (issue 16 #7); "not agreed" stands in the time and place columns.
        var row = Row(page, "preparing-conversations", unplanned);
        var link = Assert.Single(row.QuerySelectorAll("a"));
        Assert.Equal($"/samtaler/{unplanned}", link.GetAttribute("href"));
        Assert.Equal("Freja Nielsen", link.TextContent.Trim());
        Assert.Equal(Texts.Conversation_NoTime, row.QuerySelector("[data-testid='conversation-when']")!.TextContent.Trim());
        Assert.Equal(Texts.Conversation_PlaceNotSet, row.QuerySelector("[data-testid='conversation-where']")!.TextContent.Trim());

        row = Row(page, "preparing-conversations", planned);
        Assert.Equal("Freja Nielsen", row.QuerySelector("[data-testid='conversation-link']")!.TextContent.Trim());
        Assert.Equal(ConversationTexts.When(Today.AddDays(3), new TimeOnly(9, 30)), row.QuerySelector("[data-testid='conversation-when']")!.TextContent.Trim());
        Assert.Equal(ConversationTexts.Place(ConversationPlace.School), row.QuerySelector("[data-testid='conversation-where']")!.TextContent.Trim());

        // Sorted by time: the one with a time first; pressed again, the other way round.
        List<string?> Order() => page.FindAll("[data-testid='preparing-conversations'] [data-testid='conversation-row']")
            .Select(r => r.GetAttribute("data-id")).Where(i => i == Text(planned) || i == Text(unplanned)).ToList();
        await page.InvokeAsync(() => page.Find("[data-testid='preparing-conversations'] [data-testid='sort-when']").Click());
        page.WaitForAssertion(() => Assert.Equal([Text(planned), Text(unplanned)], Order()), CasePageSteps.Patience);
        Assert.Equal("ascending", page.Find("[data-testid='preparing-conversations'] th[aria-sort]").GetAttribute("aria-sort"));
        await page.InvokeAsync(() => page.Find("[data-testid='preparing-conversations'] [data-testid='sort-when']").Click());
        page.WaitForAssertion(() => Assert.Equal([Text(unplanned), Text(planned)], Order()), CasePageSteps.Patience);
        Assert.Equal("descending", page.Find("[data-testid='preparing-conversations'] th[aria-sort]").GetAttribute("aria-sort"));
    }

    [Fact]
    public async Task A_user_without_conversations_is_told_so_in_Danish_in_every_section()
    {
        var user = await App.CreateUserAsync([Domain.Access.AppRole.AuthorityMember]);
        await using var host = await ComponentHost.ForAsync(App, user.Email!);
        var page = Open(host);
        Assert.Equal(Texts.Conversation_NoneUpcoming, page.TestIdText("upcoming-conversations-none").Trim());
        Assert.Equal(Texts.Conversation_NonePreparing, page.TestIdText("preparing-conversations-none").Trim());
        Assert.Equal(Texts.Conversation_NoneFollowUps, page.TestIdText("follow-ups-none").Trim());
        Assert.Equal(Texts.Conversation_NoneUnjournalised, page.TestIdText("unjournalised-conversations-none").Trim());
        Assert.Equal(Texts.Invitations_None, page.TestIdText("invitations-none").Trim());
    }

    [Fact]
    public async Task An_invited_authority_person_sees_when_and_where_and_whom_it_is_about()
    {
        var member = await App.UserIdAsync(Member);
        var id = await App.NewFrejaConversationAsync(Responsible, r =>
        {
            (r.ScheduledDate, r.StartTime, r.Place, r.PlaceDetails) = (Today.AddDays(4), new TimeOnly(13, 0), ConversationPlace.Home, "Hjemme hos Freja, Amagerbrogade 1");
            r.Participants.Add(new ConversationParticipant { Kind = ParticipantKind.Professional, Name = "Jonas Krag", UserId = member, IsAuthorityPerson = true, Contribution = "Skolens billede." });
        });
        await using var host = await ComponentHost.ForAsync(App, Member);
        var page = Open(host);

        var row = page.Find($"[data-testid='invitation-row'][data-id='{Text(id)}']");
        Assert.Equal(ConversationTexts.When(Today.AddDays(4), new TimeOnly(13, 0)), row.QuerySelector("[data-testid='invitation-when']")!.TextContent.Trim());
        Assert.Equal($"{ConversationTexts.Place(ConversationPlace.Home)} – Hjemme hos Freja, Amagerbrogade 1", row.QuerySelector("[data-testid='invitation-where']")!.TextContent.Trim());
        var link = row.QuerySelector("[data-testid='invitation-person'] a");
        Assert.NotNull(link);
        Assert.Equal("Freja Nielsen", link.TextContent.Trim());
        Assert.Equal($"/samtaler/{id}", link.GetAttribute("href"));
        Assert.Contains("Skolens billede.", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invited_professional_without_authority_status_sees_when_and_where_but_neither_name_nor_address_without_a_consent_to_identity()
    {
        var clubWorker = await App.UserIdAsync(ClubWorker);
        var date = Today.AddDays(6);
        var id = await App.NewFrejaConversationAsync(Responsible, r =>
        {
            (r.ScheduledDate, r.StartTime, r.Place, r.PlaceDetails) = (date, new TimeOnly(15, 0), ConversationPlace.Home, "Hjemme hos Freja, Amagerbrogade 1");
            r.Participants.Add(new ConversationParticipant { Kind = ParticipantKind.Professional, Name = "Camilla Brandt", UserId = clubWorker, IsAuthorityPerson = false, Contribution = "Klubbens billede." });
        });
        await using (var db = App.CreateDbContext())
        {
            var personId = await db.Cases.Where(c => db.ConcernConversations.Any(x => x.Id == id && x.CaseId == c.Id)).Select(c => c.YoungPersonId).SingleAsync();
            var holder = await db.CustodyHolders.Where(h => h.YoungPersonId == personId).Select(h => h.Id).FirstAsync();
            db.Consents.Add(new Consent
            {
                YoungPersonId = personId, GivenBy = ConsentGiver.CustodyHolder, CustodyHolderId = holder,
                Information = ConsentInformation.None, Purpose = ConsentPurpose.ConcernConversation, GivenOn = Today.AddDays(-1), ExpiresOn = Today.AddMonths(3),
                RecordedByUserId = clubWorker, RecordedAtUtc = DateTime.UtcNow, Recipients = [new ConsentRecipient { UserId = clubWorker }],
            });
            await db.SaveChangesAsync();
        }

        // The route itself is for authority people (403 over HTTP); whatever renders it for her shows only the invitation,
        // and only when and where: the consent does not cover who the young person is.
        await using var host = await ComponentHost.ForAsync(App, ClubWorker);
        var page = Open(host);
        var row = page.Find($"[data-testid='invitation-row'][data-id='{Text(id)}']");
        Assert.Equal(ConversationTexts.When(date, new TimeOnly(15, 0)), row.QuerySelector("[data-testid='invitation-when']")!.TextContent.Trim());
        Assert.Equal(ConversationTexts.Place(ConversationPlace.Home), row.QuerySelector("[data-testid='invitation-where']")!.TextContent.Trim());
        Assert.Equal(Texts.Invitations_NotNamed, row.QuerySelector("[data-testid='invitation-person']")!.TextContent.Trim());
        Assert.Null(row.QuerySelector("a[href^='/samtaler']"));
        Assert.Empty(page.FindAll("[data-testid='conversation-row']"));
        Assert.DoesNotContain("Freja", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Amagerbrogade", page.Markup, StringComparison.Ordinal);

        // What the page carries into the circuit holds no more than it shows.
        var state = page.Instance.State!;
        Assert.Empty(state.Dashboard.Upcoming.Concat(state.Dashboard.InPreparation).Concat(state.Dashboard.NotJournalised));
        Assert.Empty(state.Dashboard.FollowUpsDue);
        var invitation = Assert.Single(state.Invitations, i => i.ConversationId == id);
        Assert.Null(invitation.PersonName);
        Assert.Null(invitation.PlaceDetails);
        Assert.False(invitation.MayOpen);
        Assert.DoesNotContain("Freja", System.Text.Json.JsonSerializer.Serialize(state), StringComparison.Ordinal);
    }
}

public sealed class MyConversationsComponentTestsSqlite(SqliteApp fixture) : MyConversationsComponentTests(fixture), IClassFixture<SqliteApp>;

public sealed class MyConversationsComponentTestsPostgres(PostgresApp fixture) : MyConversationsComponentTests(fixture), IClassFixture<PostgresApp>;
