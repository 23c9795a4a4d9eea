using Bunit;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Consents;
using SspKbh.Domain.Conversations;
using SspKbh.Web.Features.Conversations;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The interactive "before" page over the real services (bUnit): a tick saves at once and survives the planning
/// form's save (issue 16 #5), the planning form says what it saved and shows the service's messages at its fields,
/// a participant is picked with the § 115 rule shown before adding, a conflict offers the newest version, and a
/// closed record or an outsider gets no forms. The rules themselves are tested in ConversationBeforeTests and
/// ConversationChecklistTests.
/// </summary>
public abstract class ConversationBeforeComponentTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private const string Responsible = "sekretaer@sspkbh.dk";
    private const string Member = "myndighed@sspkbh.dk";
    private const string ClubWorker = "fritid@sspkbh.dk";

    private async Task<ConcernConversation> RecordAsync(int id)
    {
        await using var db = App.CreateDbContext();
        return await db.ConcernConversations.AsNoTracking().Include(c => c.Checklist).Include(c => c.Participants).SingleAsync(c => c.Id == id);
    }

    private static IRenderedComponent<ConversationBeforePage> Open(ComponentHost host, int id)
    {
        var page = host.RenderPage<ConversationBeforePage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => Assert.NotNull(page.Instance.State), CasePageSteps.Patience);
        return page;
    }

    private static async Task TickAsync(IRenderedComponent<ConversationBeforePage> page, int itemId) =>
        await page.InvokeAsync(() => page.Find($"[data-item='{itemId}'] input[type='checkbox']").Change(true));

    [Fact]
    public async Task A_tick_saves_at_once_and_is_kept_when_the_planning_form_is_saved_after_it()
    {
        var id = await App.NewFrejaConversationAsync(Responsible);
        await using var host = await ComponentHost.ForAsync(App, Responsible);
        var page = Open(host, id);
        var items = page.Instance.State!.View!.Template.ItemsIn(ChecklistStage.Before).Take(2).Select(i => i.Id).ToList();

        // The planning form gets a change first, then two points are ticked, then the planning is saved.
        page.Find("#challenges").Input("Fravær om mandagen");
        foreach (var item in items)
        {
            await TickAsync(page, item);
        }

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid='checklist-done-by']").Count), CasePageSteps.Patience);
        Assert.Contains("Sofie Lund", page.TestIdText("checklist-done-by"), StringComparison.Ordinal);
        Assert.Equal(items.Order(), (await RecordAsync(id)).Checklist.Where(c => c.IsDone).Select(c => c.TemplateItemId).Order());
        Assert.Contains(host.Snackbars.ShownSnackbars, s => s.Message == Texts.Conversation_TickSaved);
        Assert.Contains("2 af", page.TestIdText("conversation-progress"), StringComparison.Ordinal);

        await page.ClickAsync("save-planning");
        page.WaitForAssertion(() => Assert.Equal(Texts.ConversationBefore_PlanningSaved, page.TestIdText("saved").Trim()), CasePageSteps.Patience);
        Assert.Contains(host.Snackbars.ShownSnackbars, s => s.Message == Texts.ConversationBefore_PlanningSaved);
        var r = await RecordAsync(id);
        Assert.Equal("Fravær om mandagen", r.Challenges);
        Assert.Equal(items.Order(), r.Checklist.Where(c => c.IsDone).Select(c => c.TemplateItemId).Order());

        // Opened again, the page shows both: the ticks and the planning.
        var again = Open(host, id);
        Assert.Equal(2, again.FindAll("[data-testid='checklist-item'] input[type='checkbox']:checked").Count);
        Assert.Equal("Fravær om mandagen", again.Find("#challenges").TextContent.Trim() is { Length: > 0 } t ? t : again.Find("#challenges").GetAttribute("value"));

        // A note is saved when the user leaves its field, and says so.
        await again.InvokeAsync(() => again.Find($"#note-{items[0]}").Change("Aftalt med skolen."));
        again.WaitForAssertion(() => Assert.Contains(host.Snackbars.ShownSnackbars, s => s.Message == Texts.Conversation_NoteSaved), CasePageSteps.Patience);
        Assert.Equal("Aftalt med skolen.", (await RecordAsync(id)).Checklist.Single(c => c.TemplateItemId == items[0]).Note);
    }

    [Fact]
    public async Task Bad_planning_input_gets_danish_messages_at_the_fields_and_a_conflict_offers_the_newest_version()
    {
        var id = await App.NewFrejaConversationAsync(Responsible);
        await using var host = await ComponentHost.ForAsync(App, Responsible);
        var page = Open(host, id);

        page.Find("#planned-minutes").Input("5");
        page.Find("#challenges").Input("Bør ikke gemmes");
        await page.ClickAsync("save-planning");
        // The field's message and the summary above the form (the form renders its summary once the save has returned).
        page.WaitForAssertion(() =>
        {
            Assert.Contains(Texts.Error_ConversationLengthOutOfRange, page.Find("#planned-minutes-error").TextContent, StringComparison.Ordinal);
            Assert.Contains(Texts.Error_ConversationLengthOutOfRange, page.TestIdText("error-summary"), StringComparison.Ordinal);
        }, CasePageSteps.Patience);
        Assert.Empty(page.FindAll("[data-testid='saved']"));
        Assert.Null((await RecordAsync(id)).Challenges);

        // Letters in a date are refused at the field, never saved as an empty date.
        page.Find("#scheduled-date").Change("i morgen");
        page.WaitForAssertion(() => Assert.NotEmpty(page.Find("#scheduled-date").Closest(".mud-input-control")!.QuerySelectorAll(".mud-input-error")), CasePageSteps.Patience);

        // Someone else saves the planning meanwhile: this page's save is refused and offers the newest version.
        page.Find("#planned-minutes").Input("50");
        await using (var db = App.CreateDbContext())
        {
            var record = await db.ConcernConversations.SingleAsync(c => c.Id == id);
            record.Challenges = "En andens tekst";
            record.Touch();
            await db.SaveChangesAsync();
        }

        await page.ClickAsync("save-planning");
        page.WaitForAssertion(() => Assert.Contains(Texts.Concurrency_Conflict, page.TestIdText("error-summary"), StringComparison.Ordinal), CasePageSteps.Patience);
        Assert.Equal("En andens tekst", (await RecordAsync(id)).Challenges);
        await page.ClickAsync("reload-latest");
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid='error-summary']")), CasePageSteps.Patience);
        Assert.Contains("En andens tekst", page.Find("#challenges").OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_participant_is_picked_with_the_section_115_rule_shown_before_adding()
    {
        var id = await App.NewFrejaConversationAsync(Responsible);
        var clubWorker = await App.UserIdAsync(ClubWorker);
        await using (var db = App.CreateDbContext())
        {
            // Only this test's consent could cover the club worker: earlier ones for Freja naming her are withdrawn.
            var personId = await db.Cases.Where(c => db.ConcernConversations.Any(x => x.Id == id && x.CaseId == c.Id)).Select(c => c.YoungPersonId).SingleAsync();
            foreach (var earlier in await db.Consents.Where(c => c.YoungPersonId == personId && c.WithdrawnOn == null && c.Recipients.Any(r => r.UserId == clubWorker)).ToListAsync())
            {
                Assert.Null(earlier.Withdraw(DateOnly.FromDateTime(DateTime.UtcNow), clubWorker));
            }

            await db.SaveChangesAsync();
        }

        await using var host = await ComponentHost.ForAsync(App, Responsible);
        var page = Open(host, id);
        var candidates = page.Instance.State!.Candidates;
        Assert.Contains(candidates, c => c.Kind == ParticipantKind.YoungPerson && c.Name == "Freja Nielsen");

        async Task PickAsync(ParticipantCandidate candidate)
        {
            var pick = page.FindComponent<MudBlazor.MudAutocomplete<ParticipantCandidate>>();
            await page.InvokeAsync(() => pick.Instance.ValueChanged.InvokeAsync(candidate));
        }

        // The club worker has no authority status and no consent covers her: the rule says so before adding.
        await PickAsync(candidates.Single(c => c.UserId == clubWorker));
        Assert.Equal(Texts.ConversationBefore_RuleNotCovered, page.TestIdText("consent-rule").Trim());
        await page.ClickAsync("add-participant");
        page.WaitForAssertion(() =>
        {
            Assert.Contains(Texts.Error_ParticipantNeedsConsent, page.TestIdText("error-summary"), StringComparison.Ordinal);
            Assert.Contains(Texts.Error_ParticipantNeedsConsent, page.Find("#participant-pick-error").TextContent, StringComparison.Ordinal);
        }, CasePageSteps.Patience);
        Assert.Empty((await RecordAsync(id)).Participants);

        // Family and authority people: the rule says they need no consent; Freja is added and listed.
        var police = candidates.First(c => c.Kind == ParticipantKind.Professional && c.IsAuthorityPerson);
        await PickAsync(police);
        Assert.Equal(Texts.ConversationBefore_RuleAuthority, page.TestIdText("consent-rule").Trim());
        await PickAsync(candidates.Single(c => c.Kind == ParticipantKind.YoungPerson));
        Assert.Equal(Texts.ConversationBefore_RuleFamily, page.TestIdText("consent-rule").Trim());
        await page.ClickAsync("add-participant");
        page.WaitForAssertion(() => Assert.Contains("Freja Nielsen", page.TestIdText("participants"), StringComparison.Ordinal), CasePageSteps.Patience);
        Assert.Contains(host.Snackbars.ShownSnackbars, s => s.Message == string.Format(Texts.ConversationBefore_ParticipantAdded, "Freja Nielsen"));

        // A professional without an account: the party's consent decides, shown as the status is chosen.
        await page.InvokeAsync(() => page.FindComponent<MudBlazor.MudSwitch<bool>>().Instance.ValueChanged.InvokeAsync(true));
        page.Find("#participant-name").Input("Boligsocial medarbejder");
        await page.InvokeAsync(() => page.FindComponents<MudBlazor.MudSelect<bool?>>().Single().Instance.ValueChanged.InvokeAsync(false));
        Assert.Equal(Texts.ConversationBefore_RuleNotCovered, page.TestIdText("consent-rule").Trim());

        // The planning saved after the participant was added is not refused as stale: the page knows its own save.
        page.Find("#challenges").Input("Efter deltageren");
        await page.ClickAsync("save-planning");
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='saved']")), CasePageSteps.Patience);
        Assert.Equal("Efter deltageren", (await RecordAsync(id)).Challenges);
    }

    [Fact]
    public async Task A_closed_record_shows_no_forms_and_an_outsider_gets_the_danish_refusal_without_personal_data()
    {
        var id = await App.NewFrejaConversationAsync(Responsible, r => r.Cancel(DateOnly.FromDateTime(DateTime.UtcNow), "Familien er flyttet."));
        await using (var host = await ComponentHost.ForAsync(App, Member))
        {
            var page = Open(host, id);
            Assert.NotEmpty(page.FindAll("[data-testid='planning-read-only']"));
            Assert.Empty(page.FindAll("[data-testid='save-planning'], [data-testid='add-participant'], [data-testid='save-invitation']"));
            Assert.All(page.FindAll("[data-testid='checklist-item'] input[type='checkbox']"), box => Assert.True(box.HasAttribute("disabled")));
        }

        await using var outsider = await ComponentHost.ForAsync(App, "ikke-myndighed@sspkbh.dk");
        var refused = Open(outsider, id);
        Assert.Equal(Texts.Forbidden_Title, refused.TestIdText("status-heading").Trim());
        Assert.DoesNotContain("Freja", refused.Markup, StringComparison.Ordinal);
    }
}

public sealed class ConversationBeforeComponentTestsSqlite(SqliteApp fixture) : ConversationBeforeComponentTests(fixture), IClassFixture<SqliteApp>;

public sealed class ConversationBeforeComponentTestsPostgres(PostgresApp fixture) : ConversationBeforeComponentTests(fixture), IClassFixture<PostgresApp>;
