using System.Globalization;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SspKbh.Domain.Cases;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The interactive case page over the real services (bUnit, ADR 0021): its tabs, the dialogs that change the
/// case (level, status, goals, actions, factors, SSP+ handover) with Danish messages next to their fields,
/// the journal note written in place, the overdue flags following a save without a page load, the conflict
/// when two people save the same case, and emergency access for an authority person outside the group.
/// The services' own rules are tested in CaseTests, CaseWorkServiceHostileInputTests and CaseActionMatrixTests;
/// these tests are about what the user sees.
/// </summary>
public abstract class CaseDetailsComponentTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private const string Secretary = "sekretaer@sspkbh.dk";
    private const string Police = "myndighed@sspkbh.dk";
    private const string Leader = "leder@sspkbh.dk";

    private static string Unique(string name) => $"{name} {Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>A level-1 case in Amager Øst registered by the secretary through the service; returns its id.</summary>
    private async Task<int> RegisterAsync(string name, Action<RegisterCaseInput>? extra = null)
    {
        await using var db = App.CreateDbContext();
        var input = new RegisterCaseInput
        {
            FullName = name, DateOfBirth = new DateOnly(2012, 5, 1),
            LocalAreaId = await db.LocalAreas.Where(a => a.Name == "Amager Øst").Select(a => a.Id).SingleAsync(),
            Level = CaseLevel.WorryingBehaviour, Source = CaseSource.School,
            RaisedByPartyId = await PartyIdAsync("BUF"), Concern = "Meget fravær og sene aftener.", RaisedOn = await TodayAsync(),
        };
        extra?.Invoke(input);
        var (result, _) = await App.WithScopeAsync(async services => await services.GetRequiredService<CaseRegistrationService>()
            .RegisterAsync(input, await AppHelpers.PrincipalAsync(services, Secretary), CancellationToken.None));
        Assert.True(result.Succeeded, string.Join("; ", result.FieldErrors.SelectMany(f => f.Value)));
        return int.Parse(result.CreatedId!, CultureInfo.InvariantCulture);
    }

    private Task<DateOnly> TodayAsync() => App.WithScopeAsync(services => Task.FromResult(services.GetRequiredService<CaseService>().Today));

    private async Task<int> PartyIdAsync(string code)
    {
        await using var db = App.CreateDbContext();
        return await db.Parties.Where(p => p.Code == code).Select(p => p.Id).SingleAsync();
    }

    private async Task<int> CaseOfAsync(string personName)
    {
        await using var db = App.CreateDbContext();
        return await db.Cases.Where(c => db.YoungPersons.Any(p => p.Id == c.YoungPersonId && p.FullName == personName)).Select(c => c.Id).SingleAsync();
    }

    /// <summary>Clicks a tool on the page and waits for its dialog to have loaded the case.</summary>
    private static async Task<IRenderedComponent<MudDialogProvider>> OpenDialogAsync(ComponentHost host, IRenderedComponent<CaseDetails> page, string tool, string dialog)
    {
        await page.InvokeAsync(() => page.Find($"[data-testid='{tool}']").Click());
        host.Dialogs.WaitForElement($"[data-testid='{dialog}'] form, [data-testid='{dialog}'] [data-testid='dialog-refused']", CasePageSteps.Patience);
        return host.Dialogs;
    }

    private static async Task SaveAsync(IRenderedComponent<MudDialogProvider> dialogs, string button) =>
        await dialogs.InvokeAsync(() => dialogs.Find($"[data-testid='{button}']").Click());

    private static void WaitClosed(IRenderedComponent<MudDialogProvider> dialogs, string dialog) =>
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll($"[data-testid='{dialog}']")), CasePageSteps.Patience);

    [Fact]
    public async Task The_case_opens_with_its_level_and_tabs_and_unknown_or_foreign_cases_get_danish_messages_without_personal_data()
    {
        var caseId = await RegisterAsync(Unique("Overblik"));
        await using var host = await ComponentHost.ForAsync(App, Secretary);
        var page = host.OpenCase(caseId);

        Assert.Contains("Niveau 1", page.TestIdText("case-summary"), StringComparison.Ordinal);
        Assert.Equal([Texts.Case_TabOverview, Texts.Case_TabGoalsActions, Texts.Case_TabJournal, Texts.Case_TabAccess, Texts.Case_TabConversations, Texts.Case_TabHistory],
            page.FindAll(".mud-tab").Select(t => t.TextContent.Trim()));
        Assert.Contains("Meget fravær og sene aftener.", page.TestIdText("concern"), StringComparison.Ordinal);
        Assert.Contains(Texts.Case_RegisteredAt, page.TestIdText("level-history"), StringComparison.Ordinal);
        Assert.NotEmpty(page.FindAll("[data-testid='change-level']"));

        var unknown = host.OpenCase(987654);
        Assert.Equal(Texts.NotFound_Title, unknown.TestIdText("status-heading").Trim());

        var foreignId = await CaseOfAsync("Elias Madsen");
        var foreign = host.OpenCase(foreignId);
        Assert.Equal(Texts.Forbidden_Title, foreign.TestIdText("status-heading").Trim());
        Assert.DoesNotContain("Elias", foreign.Markup, StringComparison.Ordinal);
        Assert.Contains(await App.AuditEntriesAsync(), a => a.Action == "case.view" && a.Outcome == "denied" && a.SubjectId == foreignId.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Escalating_to_level_4_asks_for_the_form_and_a_named_lead_next_to_the_fields_and_the_page_follows_without_a_reload()
    {
        var caseId = await RegisterAsync(Unique("Eskalering"));
        await using var host = await ComponentHost.ForAsync(App, Secretary);
        var page = host.OpenCase(caseId);
        var dialogs = await OpenDialogAsync(host, page, "change-level", "level-dialog");

        // Each level is offered with its meaning.
        foreach (var level in Enum.GetValues<CaseLevel>())
        {
            Assert.Contains(CaseTexts.LevelMeaning(level), dialogs.Find($"[data-testid='level-{(int)level}']").TextContent, StringComparison.Ordinal);
        }

        var group = dialogs.FindComponent<MudRadioGroup<CaseLevel?>>();
        await dialogs.InvokeAsync(() => group.Instance.ValueChanged.InvokeAsync(CaseLevel.CrimeDangerousToPersons));
        dialogs.WaitForElement("[data-testid='level-form']", CasePageSteps.Patience);
        dialogs.Find("#reason").Input("Anholdt for røveri");
        await SaveAsync(dialogs, "save-level");

        dialogs.WaitForAssertion(() => Assert.Equal(CaseTexts.FormFieldRequired("Home"), dialogs.ErrorText("f-home")), CasePageSteps.Patience);
        Assert.Equal(Texts.Error_LeadPersonRequired, dialogs.ErrorText("leaduser"));
        Assert.Equal(string.Format(CultureInfo.CurrentCulture, Texts.Case_Validation_FormFieldRequired, Texts.Case_Form_Home), dialogs.ErrorText("f-home"));
        Assert.NotNull(dialogs.Find("[data-testid='error-summary']").Closest("[role='alert']"));
        foreach (var (id, text) in new[] { ("f-offence", "Røveri"), ("f-school", "Fravær"), ("f-leisure", "Ingen"), ("f-home", "Mor alene"), ("f-network", "Ældre venner"), ("f-tried", "Samtale") })
        {
            dialogs.Find($"#{id}").Input(text);
        }

        // A lead outside the group is the service's rule: its message comes back next to the field.
        await dialogs.ChooseAsync<string?>("leaduser", await App.UserIdAsync("ikke-myndighed@sspkbh.dk"));
        await SaveAsync(dialogs, "save-level");
        dialogs.WaitForAssertion(() => Assert.Equal(Texts.Case_Validation_LeadNotInGroup, dialogs.ErrorText("leaduser")), CasePageSteps.Patience);
        Assert.Contains("Niveau 1", page.TestIdText("case-summary"), StringComparison.Ordinal);

        await dialogs.ChooseAsync<string?>("leaduser", await App.UserIdAsync(Secretary));
        await SaveAsync(dialogs, "save-level");
        WaitClosed(dialogs, "level-dialog");

        page.WaitForAssertion(() => Assert.Contains("Niveau 4", page.TestIdText("case-summary"), StringComparison.Ordinal), CasePageSteps.Patience);
        Assert.Contains("Niveau 1 → Niveau 4", page.TestIdText("level-history"), StringComparison.Ordinal);
        Assert.Contains("Anholdt for røveri", page.TestIdText("level-history"), StringComparison.Ordinal);
        Assert.Contains("Socialforvaltningen", page.TestIdText("case-lead"), StringComparison.Ordinal);
        Assert.Contains("Mor alene", page.TestIdText("level-form"), StringComparison.Ordinal);
        Assert.NotEmpty(page.FindAll("[data-testid='leader-group-flag']"));
        Assert.Contains(host.Snackbars.ShownSnackbars, s => s.Message == Texts.CaseSaved_Level);
    }

    [Fact]
    public async Task An_action_past_its_date_is_flagged_at_once_and_marking_it_done_removes_the_flag_without_a_reload()
    {
        var today = await TodayAsync();
        var caseId = await RegisterAsync(Unique("Handling"), i => i.RaisedOn = today.AddDays(-20));
        await using var host = await ComponentHost.ForAsync(App, Secretary);
        var page = host.OpenCase(caseId);

        var goals = await OpenDialogAsync(host, page, "edit-goals", "goals-dialog");
        goals.Find("#goal-overall").Input("Tilbage i skole");
        goals.Find("#goal-school").Input("Skolen ringer kl. 8.30");
        await SaveAsync(goals, "save-goals");
        WaitClosed(goals, "goals-dialog");
        page.WaitForAssertion(() => Assert.Contains("Tilbage i skole", page.TestIdText("goals"), StringComparison.Ordinal), CasePageSteps.Patience);

        var dialogs = await OpenDialogAsync(host, page, "add-action", "action-dialog");
        dialogs.Find("#what").Input("Hjemmebesøg");
        await SaveAsync(dialogs, "save-action");
        dialogs.WaitForAssertion(() => Assert.Equal(Texts.Case_Validation_ActionOwnerRequired, dialogs.ErrorText("ownername")), CasePageSteps.Patience);
        Assert.Equal(Texts.Case_Validation_ActionDueRequired, dialogs.ErrorText("dueon"));
        Assert.Equal(Texts.Validation_PartyRequired, dialogs.ErrorText("ownerparty"));

        dialogs.Find("#ownername").Input("Klasselærer Hans");
        await dialogs.ChooseAsync<int?>("ownerparty", await PartyIdAsync("BUF"));
        dialogs.Find("#dueon").Change(today.AddDays(-2).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture));
        await SaveAsync(dialogs, "save-action");
        WaitClosed(dialogs, "action-dialog");

        page.WaitForAssertion(() => Assert.Contains("Klasselærer Hans", page.TestIdText("actions"), StringComparison.Ordinal), CasePageSteps.Patience);
        Assert.NotEmpty(page.FindAll("[data-testid='action-overdue']"));
        Assert.NotEmpty(page.FindAll("[data-testid='actions-overdue']"));

        await page.InvokeAsync(() => page.Find("[data-testid='action-done']").Click());
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid='action-overdue']")), CasePageSteps.Patience);
        Assert.Empty(page.FindAll("[data-testid='actions-overdue']"));
        Assert.Contains(Texts.ActionStatus_Done, page.TestIdText("actions"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_journal_note_is_written_in_place_bad_input_gets_danish_messages_and_script_stays_text()
    {
        var caseId = await RegisterAsync(Unique("Journal"));
        await using var host = await ComponentHost.ForAsync(App, Secretary);
        var page = host.OpenCase(caseId);
        await using var db = App.CreateDbContext();

        // Empty, too long, dated in the future: messages at the fields, nothing saved.
        page.Find("#notetext").Input(new string('x', 8001));
        page.Find("#notedate").Change((await TodayAsync()).AddDays(3).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture));
        await page.InvokeAsync(() => page.Find("[data-testid='save-note']").Click());
        page.WaitForAssertion(() => Assert.Contains(Texts.Validation_TooLong, page.Find("#notetext-error").TextContent, StringComparison.Ordinal), CasePageSteps.Patience);
        Assert.Equal(Texts.Case_Validation_RaisedOnFuture, page.Find("#notedate-error").TextContent.Trim());
        page.Find("#notetext").Input("");
        page.WaitForAssertion(() => Assert.Equal(Texts.Case_Validation_NoteTextRequired, page.Find("#notetext-error").TextContent.Trim()), CasePageSteps.Patience);
        Assert.Equal(0, await db.JournalNotes.CountAsync(n => n.CaseId == caseId));

        const string hostile = "<script>alert('x')</script> Mor ringede til skolen.";
        page.Find("#notedate").Change((await TodayAsync()).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture));
        page.Find("#notetext").Input(hostile);
        await page.InvokeAsync(() => page.Find("[data-testid='save-note']").Click());
        page.WaitForAssertion(() => Assert.Contains(hostile, page.TestIdText("notes"), StringComparison.Ordinal), CasePageSteps.Patience);
        Assert.Empty(page.FindAll("[data-testid='notes'] script"));
        Assert.Equal("", page.Find("#notetext").GetAttribute("value") ?? "");
        Assert.Empty(page.FindAll("[data-testid='note-form'] .mud-input-error"));
        Assert.Equal(1, await db.JournalNotes.CountAsync(n => n.CaseId == caseId));
        Assert.Contains(host.Snackbars.ShownSnackbars, s => s.Message == Texts.CaseSaved_Note);
    }

    [Fact]
    public async Task The_second_of_two_people_saving_the_goals_gets_the_conflict_and_can_fetch_the_newest_version()
    {
        var caseId = await RegisterAsync(Unique("Samtidig"));
        await using var first = await ComponentHost.ForAsync(App, Secretary);
        await using var second = await ComponentHost.ForAsync(App, Police);
        var firstPage = first.OpenCase(caseId);
        var secondPage = second.OpenCase(caseId);
        var a = await OpenDialogAsync(first, firstPage, "edit-goals", "goals-dialog");
        var b = await OpenDialogAsync(second, secondPage, "edit-goals", "goals-dialog");

        a.Find("#goal-overall").Input("Første version");
        await SaveAsync(a, "save-goals");
        WaitClosed(a, "goals-dialog");

        b.Find("#goal-overall").Input("Anden version");
        await SaveAsync(b, "save-goals");
        b.WaitForAssertion(() => Assert.Contains(Texts.Concurrency_Conflict, b.Find("[data-testid='error-summary']").TextContent, StringComparison.Ordinal), CasePageSteps.Patience);
        Assert.NotEmpty(b.FindAll("[data-testid='goals-dialog']"));
        await using (var db = App.CreateDbContext())
        {
            Assert.Equal("Første version", await db.Cases.Where(c => c.Id == caseId).Select(c => c.OverallGoal).SingleAsync());
        }

        await b.InvokeAsync(() => b.Find("[data-testid='reload-latest']").Click());
        b.WaitForAssertion(() => Assert.Equal("Første version", b.Find("#goal-overall").GetAttribute("value") ?? b.Find("#goal-overall").TextContent), CasePageSteps.Patience);
        Assert.Empty(b.FindAll("[data-testid='error-summary']"));

        // Closing the dialog shows the newest version on the page behind it as well.
        await b.InvokeAsync(() => b.Find("[data-testid='dialog-cancel']").Click());
        secondPage.WaitForAssertion(() => Assert.Contains("Første version", secondPage.TestIdText("goals"), StringComparison.Ordinal), CasePageSteps.Patience);
    }

    [Fact]
    public async Task Closing_needs_a_reason_and_reopening_needs_an_explanation_in_the_status_dialog()
    {
        var caseId = await RegisterAsync(Unique("Afslut"));
        await using var host = await ComponentHost.ForAsync(App, Secretary);
        var page = host.OpenCase(caseId);

        var dialogs = await OpenDialogAsync(host, page, "change-status", "status-dialog");
        await dialogs.ChooseAsync<CaseStatus?>("status", CaseStatus.Closed);
        await SaveAsync(dialogs, "save-status");
        dialogs.WaitForAssertion(() => Assert.Equal(Texts.Error_CloseNeedsReason, dialogs.ErrorText("closereason")), CasePageSteps.Patience);
        await dialogs.ChooseAsync<CloseReason?>("closereason", CloseReason.ConcernResolved);
        await SaveAsync(dialogs, "save-status");
        WaitClosed(dialogs, "status-dialog");
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='case-closed']")), CasePageSteps.Patience);
        Assert.Empty(page.FindAll("[data-testid='add-action']"));

        dialogs = await OpenDialogAsync(host, page, "change-status", "status-dialog");
        await dialogs.ChooseAsync<CaseStatus?>("status", CaseStatus.UnderCoordination);
        await SaveAsync(dialogs, "save-status");
        dialogs.WaitForAssertion(() => Assert.Equal(Texts.Error_ReopenNeedsReason, dialogs.ErrorText("statusreason")), CasePageSteps.Patience);
        dialogs.Find("#statusreason").Input("Ny bekymring");
        await SaveAsync(dialogs, "save-status");
        WaitClosed(dialogs, "status-dialog");
        page.WaitForAssertion(() => Assert.Contains("Ny bekymring", page.TestIdText("status-history"), StringComparison.Ordinal), CasePageSteps.Patience);
        Assert.Empty(page.FindAll("[data-testid='case-closed']"));
    }

    [Fact]
    public async Task Factors_ticked_in_the_dialog_show_on_the_case_with_their_note()
    {
        var caseId = await RegisterAsync(Unique("Faktorer"));
        await using var host = await ComponentHost.ForAsync(App, Secretary);
        var page = host.OpenCase(caseId);
        Assert.NotEmpty(page.FindAll("[data-testid='no-factors']"));

        var dialogs = await OpenDialogAsync(host, page, "edit-factors", "factors-dialog");
        var first = RiskFactorChecklist.All.First(f => f.Kind == FactorKind.Risk);
        await dialogs.InvokeAsync(() => dialogs.Find($"input[data-testid='factor-{first.Code}'], [data-testid='factor-{first.Code}'] input").Change(true));
        dialogs.Find($"#note-{first.Domain}").Input("Set sammen med ældre unge.");
        await SaveAsync(dialogs, "save-factors");
        WaitClosed(dialogs, "factors-dialog");

        page.WaitForAssertion(() => Assert.Contains(CaseTexts.Factor(first.Code), page.TestIdText("factors"), StringComparison.Ordinal), CasePageSteps.Patience);
        Assert.Contains("Set sammen med ældre unge.", page.TestIdText("factors"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_authority_person_outside_the_group_opens_the_case_with_a_reason_and_then_only_reads()
    {
        // A level 1 case of the leader's koordinationsgruppe: outside the leader group's review scope.
        var caseId = await CaseOfAsync("Lucas Holm");
        await using var host = await ComponentHost.ForAsync(App, Leader);
        var page = host.OpenCase(caseId);
        Assert.Equal(Texts.Forbidden_Title, page.TestIdText("status-heading").Trim());
        Assert.DoesNotContain("Lucas", page.Markup, StringComparison.Ordinal);
        await using var db = App.CreateDbContext();
        var grants = await db.CaseAccessGrants.CountAsync(g => g.CaseId == caseId);

        page.Find("#emergency-reason").Input("akut");
        await page.InvokeAsync(() => page.Find("[data-testid='request-emergency-access']").Click());
        page.WaitForAssertion(() => Assert.NotEqual("", page.Find("#emergency-reason-error").TextContent.Trim()), CasePageSteps.Patience);
        Assert.Equal(grants, await db.CaseAccessGrants.CountAsync(g => g.CaseId == caseId));

        page.Find("#emergency-reason").Input("Politiet har ringet om en akut situation i aften, og vi skal koordinere med familien.");
        await page.InvokeAsync(() => page.Find("[data-testid='request-emergency-access']").Click());
        page.WaitForAssertion(() => Assert.Contains("Lucas Holm", page.TestIdText("young-person"), StringComparison.Ordinal), CasePageSteps.Patience);
        Assert.NotEmpty(page.FindAll("[data-testid='emergency-active']"));
        Assert.Empty(page.FindAll("[data-testid='case-tools']"));
        Assert.Empty(page.FindAll("[data-testid='note-form']"));
        Assert.Empty(page.FindAll("[data-testid='mark-reviewed']"));
        Assert.Empty(page.FindAll("[data-testid='reveal-cpr']"));
    }

    [Fact]
    public async Task A_dialog_for_a_case_outside_the_users_scope_refuses_and_offers_no_save()
    {
        var caseId = await CaseOfAsync("Elias Madsen");
        await using var host = await ComponentHost.ForAsync(App, Secretary);
        var dialogs = host.Dialogs;
        var service = host.Services.GetRequiredService<IDialogService>();
        await dialogs.InvokeAsync(() => service.ShowAsync<SspKbh.Web.Features.Cases.Dialogs.GoalsDialog>("", new DialogParameters { ["CaseId"] = caseId }));
        dialogs.WaitForElement("[data-testid='dialog-refused']", CasePageSteps.Patience);
        Assert.Equal(Texts.Case_Forbidden, dialogs.Find("[data-testid='dialog-refused']").TextContent.Trim());
        Assert.Empty(dialogs.FindAll("[data-testid='save-goals']"));
        Assert.DoesNotContain("Elias", dialogs.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_full_cpr_number_is_shown_on_request_to_the_group_and_the_reveal_is_audited()
    {
        var caseId = await RegisterAsync(Unique("Cpr"), i => { i.Cpr = "0105124113"; i.DateOfBirth = new DateOnly(2012, 5, 1); });
        await using var host = await ComponentHost.ForAsync(App, Secretary);
        var secretaryId = await App.UserIdAsync(Secretary);
        var page = host.OpenCase(caseId);
        Assert.DoesNotContain("0105124113", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("010512-4113", page.Markup, StringComparison.Ordinal);

        await page.InvokeAsync(() => page.Find("[data-testid='reveal-cpr']").Click());
        page.WaitForAssertion(() => Assert.Contains("010512-4113", page.TestIdText("cpr"), StringComparison.Ordinal), CasePageSteps.Patience);
        Assert.Contains(await App.AuditEntriesAsync(), a => a.Action == "young-person.cpr-reveal" && a.Outcome == "success" && a.UserId == secretaryId);
    }
}

public sealed class CaseDetailsComponentTestsSqlite(SqliteApp fixture) : CaseDetailsComponentTests(fixture), IClassFixture<SqliteApp>;

public sealed class CaseDetailsComponentTestsPostgres(PostgresApp fixture) : CaseDetailsComponentTests(fixture), IClassFixture<PostgresApp>;
