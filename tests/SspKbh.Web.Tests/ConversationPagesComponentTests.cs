using System.Globalization;
using Bunit;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Conversations;
using SspKbh.Web.Features.Conversations;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The interactive overview, "under" and "efter" pages of a concern conversation over the real services (bUnit): a
/// step says what the record became and one that does not fit is refused in Danish; the phase notes and a new
/// agreement say what was saved, bad input gets Danish messages at the fields with nothing saved,
/// the agreement keeps who does what by when apart from who follows up when (issue 16 #6), a tick saves at once,
/// a conflict offers the newest version, and an outsider gets the refusal without personal data. The rules are in
/// ConversationFollowUpTests and ConversationChecklistTests.
/// </summary>
public abstract class ConversationPagesComponentTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private const string Responsible = "sekretaer@sspkbh.dk";
    private const string Member = "myndighed@sspkbh.dk";

    private DateOnly Today => DanishTime.Today(App.Clock);

    private async Task<ConcernConversation> RecordAsync(int id)
    {
        await using var db = App.CreateDbContext();
        return await db.ConcernConversations.AsNoTracking().Include(c => c.Checklist).Include(c => c.Agreements).SingleAsync(c => c.Id == id);
    }

    private static IRenderedComponent<ConversationDuringPage> OpenDuring(ComponentHost host, int id)
    {
        var page = host.RenderPage<ConversationDuringPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => Assert.NotNull(page.Instance.State), CasePageSteps.Patience);
        return page;
    }

    private static IRenderedComponent<ConversationAfterPage> OpenAfter(ComponentHost host, int id)
    {
        var page = host.RenderPage<ConversationAfterPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => Assert.NotNull(page.Instance.State), CasePageSteps.Patience);
        return page;
    }

    /// <summary>Types a day into the editable date field with this input id, as a person does (dd.MM.yyyy).</summary>
    private static async Task TypeDayAsync(IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> page, string inputId, DateOnly day)
    {
        await page.InvokeAsync(() => page.Find($"#{inputId}").Change(day.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)));
    }

    private static IRenderedComponent<ConversationPage> OpenOverview(ComponentHost host, int id)
    {
        var page = host.RenderPage<ConversationPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => Assert.NotNull(page.Instance.State), CasePageSteps.Patience);
        return page;
    }

    private static string FieldText<T>(IRenderedComponent<T> page, string id)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        page.Find($"#{id}").TextContent.Trim() is { Length: > 0 } text ? text : page.Find($"#{id}").GetAttribute("value") ?? "";

    [Fact]
    public async Task The_overview_refuses_a_step_that_does_not_fit_takes_one_that_does_and_changes_the_responsible()
    {
        // Planned for two days ahead.
        var id = await App.NewFrejaConversationAsync(Responsible, r => (r.ScheduledDate, r.StartTime) = (DanishTime.Today(App.Clock).AddDays(2), new TimeOnly(10, 0)));
        await using var host = await ComponentHost.ForAsync(App, Responsible);
        var page = OpenOverview(host, id);
        Assert.Equal(Texts.ConversationStatus_Planned, page.TestIdText("conversation-status").Trim());

        // Its time has not come: "held" is refused with the reason, nothing changes.
        await page.ClickAsync("step-held");
        page.WaitForAssertion(() => Assert.Contains(Texts.Error_ConversationNotYetHeld, page.TestIdText("error-summary"), StringComparison.Ordinal), CasePageSteps.Patience);
        Assert.Equal(ConversationStatus.Planned, (await RecordAsync(id)).Status);

        // Prepared: the page reads the record again, says what it became and offers the next steps.
        await page.ClickAsync("step-prepared");
        page.WaitForAssertion(() => Assert.Equal(Texts.ConversationStatus_Prepared, page.TestIdText("conversation-status").Trim()), CasePageSteps.Patience);
        var said = string.Format(CultureInfo.GetCultureInfo("da-DK"), Texts.Conversation_StatusSaved, Texts.ConversationStatus_Prepared.ToLower(CultureInfo.GetCultureInfo("da-DK")));
        Assert.Contains(host.Snackbars.ShownSnackbars, s => s.Message == said);
        Assert.Empty(page.FindAll("[data-testid='step-prepared'], [data-testid='error-summary']"));
        Assert.Equal(ConversationStatus.Prepared, (await RecordAsync(id)).Status);

        // Another professional of the group takes over, saved after the step without being taken for stale.
        await host.PickAsync(page, "responsible-user", "Jonas Krag");
        await page.ClickAsync("save-responsible");
        page.WaitForAssertion(() => Assert.Equal("Jonas Krag", page.TestIdText("responsible").Trim()), CasePageSteps.Patience);
        Assert.Contains(host.Snackbars.ShownSnackbars, s => s.Message == string.Format(CultureInfo.GetCultureInfo("da-DK"), Texts.Conversation_ResponsibleSaved, "Jonas Krag"));
        Assert.Equal(await App.UserIdAsync(Member), (await RecordAsync(id)).ResponsibleUserId);
    }

    [Fact]
    public async Task The_phase_notes_say_what_was_saved_and_a_tick_saves_at_once_and_marks_the_phase_reminder()
    {
        var id = await App.NewFrejaConversationAsync(Responsible);
        await using var host = await ComponentHost.ForAsync(App, Responsible);
        var page = OpenDuring(host, id);

        page.Find("#phase-1-note").Input("Alle præsenterede sig.");
        page.Find("#phase-3-note").Input("Freja er glad for håndbold.");
        await page.ClickAsync("save-phases");
        page.WaitForAssertion(() => Assert.Equal(Texts.ConversationDuring_PhasesSaved, page.TestIdText("phases-saved").Trim()), CasePageSteps.Patience);
        Assert.Contains(host.Snackbars.ShownSnackbars, s => s.Message == Texts.ConversationDuring_PhasesSaved);
        var r = await RecordAsync(id);
        Assert.Equal(("Alle præsenterede sig.", (string?)null, "Freja er glad for håndbold."), (r.Phase1Note, r.Phase2Note, r.Phase3Note));

        // A point of phase 1 ticked in the checklist: saved at once, and the phase's reminder shows it as done.
        var view = page.Instance.State!.View!;
        var phaseItem = view.Template.ItemsIn(ChecklistSection.Phase1Introduction).First();
        Assert.DoesNotContain("✓", page.Find("[data-testid='phase-1-reminders']").TextContent, StringComparison.Ordinal);
        await page.InvokeAsync(() => page.Find($"[data-item='{phaseItem.Id}'] input[type='checkbox']").Change(true));
        page.WaitForAssertion(() => Assert.Contains("✓", page.Find("[data-testid='phase-1-reminders']").TextContent, StringComparison.Ordinal), CasePageSteps.Patience);
        Assert.Contains(host.Snackbars.ShownSnackbars, s => s.Message == Texts.Conversation_TickSaved);
        Assert.True((await RecordAsync(id)).Checklist.Single(c => c.TemplateItemId == phaseItem.Id).IsDone);

        // The phase notes saved after the tick are not refused as stale, and opened again the page shows them.
        page.Find("#phase-2-note").Input("Bekymringen blev sagt ligeud.");
        await page.ClickAsync("save-phases");
        // (Polled outside the renderer: a blocking database read inside WaitForAssertion deadlocks on PostgreSQL.)
        for (var waited = 0; waited < 40 && (await RecordAsync(id)).Phase2Note is null; waited++)
        {
            await Task.Delay(500);
        }

        Assert.Equal("Bekymringen blev sagt ligeud.", (await RecordAsync(id)).Phase2Note);
        Assert.Empty(page.FindAll("[data-testid='error-summary']"));
        var again = OpenDuring(host, id);
        Assert.Equal("Freja er glad for håndbold.", FieldText(again, "phase-3-note"));
    }

    [Fact]
    public async Task An_agreement_keeps_who_does_what_by_when_apart_from_who_follows_up_and_bad_input_is_refused_at_the_fields()
    {
        var id = await App.NewFrejaConversationAsync(Responsible);
        await using var host = await ComponentHost.ForAsync(App, Responsible);
        var page = OpenDuring(host, id);

        // Two groups with their own legends: the agreement, and its follow-up.
        var legends = page.FindAll("[data-testid='agreement-form'] fieldset.ssp-fieldset > legend").Select(l => l.TextContent.Trim()).ToList();
        Assert.Equal([Texts.ConversationDuring_AgreedPart, Texts.ConversationDuring_FollowUpPart], legends);

        // Without a follow-up date and a name of who keeps it: messages at the fields, nothing saved, the text kept.
        page.Find("#agreement-what").Input("Forældrene ringer til klubben");
        await host.PickAsync(page, "agreement-responsible-kind", ConversationTexts.Responsible(AgreementResponsible.Parent));
        await host.PickAsync(page, "agreement-follow-up-user", "Jonas Krag");
        await page.ClickAsync("save-agreement");
        page.WaitForAssertion(() =>
        {
            Assert.Contains(Texts.Error_AgreementFollowUpDateRequired, page.Find("#agreement-follow-up-on-error").TextContent, StringComparison.Ordinal);
            Assert.Contains(Texts.Error_AgreementResponsibleNameRequired, page.Find("#agreement-responsible-name-error").TextContent, StringComparison.Ordinal);
            Assert.Contains(Texts.Error_AgreementFollowUpDateRequired, page.TestIdText("error-summary"), StringComparison.Ordinal);
        }, CasePageSteps.Patience);
        Assert.Empty(page.FindAll("#agreement-what-error"));
        Assert.Equal("Forældrene ringer til klubben", FieldText(page, "agreement-what"));
        Assert.Empty((await RecordAsync(id)).Agreements);

        // Filled in: saved, listed, and the line says who follows it up.
        page.Find("#agreement-responsible-name").Input("Mor");
        await TypeDayAsync(page, "agreement-due-on", Today.AddDays(10));
        await TypeDayAsync(page, "agreement-follow-up-on", Today.AddDays(12));
        await page.ClickAsync("save-agreement");
        var said = string.Format(CultureInfo.GetCultureInfo("da-DK"), Texts.ConversationDuring_AgreementSaved, "Jonas Krag");
        page.WaitForAssertion(() => Assert.Equal(said, page.TestIdText("agreement-saved").Trim()), CasePageSteps.Patience);
        Assert.Contains(host.Snackbars.ShownSnackbars, s => s.Message == said);
        var agreement = Assert.Single((await RecordAsync(id)).Agreements);
        Assert.Equal(("Mor", (DateOnly?)Today.AddDays(10), Today.AddDays(12), await App.UserIdAsync(Member)),
            (agreement.ResponsibleName, agreement.DueOn, agreement.FollowUpOn, agreement.FollowUpUserId));
        page.WaitForAssertion(() => Assert.Contains("Forældrene ringer til klubben", page.TestIdText("agreements"), StringComparison.Ordinal), CasePageSteps.Patience);
        Assert.Equal("", FieldText(page, "agreement-what"));
    }

    [Fact]
    public async Task A_stale_phase_save_is_refused_and_offers_the_newest_version()
    {
        var id = await App.NewFrejaConversationAsync(Responsible);
        await using var host = await ComponentHost.ForAsync(App, Responsible);
        var page = OpenDuring(host, id);

        await using (var db = App.CreateDbContext())
        {
            var record = await db.ConcernConversations.SingleAsync(c => c.Id == id);
            record.Phase2Note = "En andens note";
            record.Touch();
            await db.SaveChangesAsync();
        }

        page.Find("#phase-2-note").Input("Overskriver");
        await page.ClickAsync("save-phases");
        page.WaitForAssertion(() => Assert.Contains(Texts.Concurrency_Conflict, page.TestIdText("error-summary"), StringComparison.Ordinal), CasePageSteps.Patience);
        Assert.Empty(page.FindAll("[data-testid='phases-saved']"));
        Assert.Equal("En andens note", (await RecordAsync(id)).Phase2Note);
        await page.ClickAsync("reload-latest");
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid='error-summary']")), CasePageSteps.Patience);
        Assert.Equal("En andens note", FieldText(page, "phase-2-note"));
    }

    [Fact]
    public async Task A_closed_record_shows_the_notes_without_forms_and_an_outsider_gets_the_refusal_without_personal_data()
    {
        var id = await App.NewFrejaConversationAsync(Responsible, r =>
        {
            r.SetPhaseNote(1, "Alle præsenterede sig.");
            r.Cancel(DateOnly.FromDateTime(DateTime.UtcNow), "Familien er flyttet.");
        });
        await using (var host = await ComponentHost.ForAsync(App, Member))
        {
            var page = OpenDuring(host, id);
            Assert.Equal("Alle præsenterede sig.", page.TestIdText("phase-1-note-text").Trim());
            Assert.Empty(page.FindAll("[data-testid='save-phases'], [data-testid='save-agreement']"));
            Assert.All(page.FindAll("[data-testid='checklist-item'] input[type='checkbox']"), box => Assert.True(box.HasAttribute("disabled")));
            var overview = OpenOverview(host, id);
            Assert.Empty(overview.FindAll("[data-testid^='step-'], [data-testid='save-responsible']"));
            var after = OpenAfter(host, id);
            Assert.NotEmpty(after.FindAll("[data-testid='after-facts']"));
            Assert.Empty(after.FindAll("[data-testid='save-after'], [data-testid='save-outcomes']"));
        }

        await using var outsider = await ComponentHost.ForAsync(App, "ikke-myndighed@sspkbh.dk");
        foreach (var refused in new Bunit.IRenderedComponent<Microsoft.AspNetCore.Components.IComponent>[] { OpenOverview(outsider, id), OpenDuring(outsider, id), OpenAfter(outsider, id) })
        {
            Assert.Equal(Texts.Forbidden_Title, refused.TestIdText("status-heading").Trim());
            Assert.DoesNotContain("Freja", refused.Markup, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_debrief_refuses_a_day_ahead_at_the_field_and_says_what_was_saved()
    {
        var id = await App.NewFrejaConversationAsync(Responsible);
        await using var host = await ComponentHost.ForAsync(App, Responsible);
        var page = OpenAfter(host, id);
        Assert.Equal(Texts.ConversationAfter_NoAgreements, page.TestIdText("no-agreements").Trim());
        Assert.NotEmpty(page.FindAll("[data-testid='checklist-after']"));

        page.Find("#after-debrief").Input("God stemning.");
        await TypeDayAsync(page, "after-network-on", Today.AddDays(1));
        await page.ClickAsync("save-after");
        page.WaitForAssertion(() => Assert.Contains(Texts.Error_ConversationDateInFuture, page.Find("#after-network-on-error").TextContent, StringComparison.Ordinal), CasePageSteps.Patience);
        Assert.Empty(page.FindAll("[data-testid='after-saved']"));
        Assert.Null((await RecordAsync(id)).DebriefNote);

        await TypeDayAsync(page, "after-network-on", Today);
        page.Find("#after-network-note").Input("Klubben er orienteret.");
        await page.ClickAsync("save-after");
        page.WaitForAssertion(() => Assert.Equal(Texts.ConversationAfter_Saved, page.TestIdText("after-saved").Trim()), CasePageSteps.Patience);
        Assert.Contains(host.Snackbars.ShownSnackbars, s => s.Message == Texts.ConversationAfter_Saved);
        var r = await RecordAsync(id);
        Assert.Equal(("God stemning.", (DateOnly?)Today, "Klubben er orienteret."), (r.DebriefNote, r.NetworkInformedOn, r.NetworkInformedNote));
    }

    [Fact]
    public async Task An_outcome_recorded_on_the_after_page_finishes_the_follow_up_and_shows_in_the_table()
    {
        var id = await App.NewFrejaConversationAsync(Responsible);
        var jonas = await App.UserIdAsync(Member);
        var stamp = (await RecordAsync(id)).ConcurrencyStamp;
        var added = await App.AsAsync<ConversationFollowUpService, ConversationResult>(Responsible, (followUps, user) => followUps.AddAgreementAsync(id, new AgreementInput
        {
            What = "Freja møder i skole hver dag", ResponsibleKind = AgreementResponsible.YoungPerson, ResponsibleName = "Freja Nielsen",
            FollowUpOn = Today.AddDays(7), FollowUpUserId = jonas, ConcurrencyStamp = stamp,
        }, user, CancellationToken.None));
        Assert.True(added.Succeeded);
        var agreement = Assert.Single((await RecordAsync(id)).Agreements);

        await using var host = await ComponentHost.ForAsync(App, Responsible);
        var page = OpenAfter(host, id);
        Assert.Equal("Freja møder i skole hver dag", page.Find("[data-testid='outcome-agreement'] > legend").TextContent.Trim());
        Assert.Contains("Jonas Krag", page.TestIdText("outcome-agreement"), StringComparison.Ordinal);

        await host.PickAsync(page, $"outcome-{agreement.Id}", ConversationTexts.Outcome(AgreementOutcome.Kept));
        page.Find($"#outcome-note-{agreement.Id}").Input("Intet fravær i to uger.");
        await page.ClickAsync("save-outcomes");
        page.WaitForAssertion(() => Assert.Equal(Texts.ConversationAfter_OutcomesSaved, page.TestIdText("outcomes-saved").Trim()), CasePageSteps.Patience);
        Assert.Contains(host.Snackbars.ShownSnackbars, s => s.Message == Texts.ConversationAfter_OutcomesSaved);
        page.WaitForAssertion(() => Assert.Contains(Texts.AgreementOutcome_Kept, page.TestIdText("agreement-outcome"), StringComparison.Ordinal), CasePageSteps.Patience);
        var saved = Assert.Single((await RecordAsync(id)).Agreements);
        Assert.Equal((AgreementOutcome.Kept, "Intet fravær i to uger."), (saved.Outcome, saved.OutcomeNote));
        await using var db = App.CreateDbContext();
        Assert.Equal(SspKbh.Domain.Cases.ActionStatus.Done, await db.CaseActions.Where(a => a.ConversationAgreementId == agreement.Id).Select(a => a.Status).SingleAsync());
    }
}

public sealed class ConversationPagesComponentTestsSqlite(SqliteApp fixture) : ConversationPagesComponentTests(fixture), IClassFixture<SqliteApp>;

public sealed class ConversationPagesComponentTestsPostgres(PostgresApp fixture) : ConversationPagesComponentTests(fixture), IClassFixture<PostgresApp>;
