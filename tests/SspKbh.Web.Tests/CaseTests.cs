using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SspKbh.Domain.Cases;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// Enkeltsager: registration and the work on a case (level and status rules, goals, actions, notes, concurrency)
/// through the services, where the interactive pages' saves end (the pages' own tests are CaseRegisterComponentTests
/// and CaseDetailsComponentTests); over HTTP, as a browser without JavaScript, what the case page, the home page and
/// the list show afterwards, scope by group, and the export.
/// </summary>
public abstract class CaseTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private const string Secretary = "sekretaer@sspkbh.dk";
    private const string Police = "myndighed@sspkbh.dk";
    private const string Leader = "leder@sspkbh.dk";

    private static string Unique(string name) => $"{name} {Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>
    /// Registers through the service, as the interactive page does (CaseRegisterComponentTests drives the page
    /// itself): the input a secretary would fill in, with <paramref name="extra"/> to change it.
    /// </summary>
    private async Task<RegistrationOutcome> RegisterAsync(string name, CaseLevel level = CaseLevel.WorryingBehaviour,
        string area = "Amager Øst", DateOnly? birthDate = null, string? cpr = null, Action<RegisterCaseInput>? extra = null, string email = Secretary)
    {
        var input = new RegisterCaseInput
        {
            FullName = name, DateOfBirth = birthDate ?? new DateOnly(2012, 5, 1), Cpr = cpr,
            LocalAreaId = int.Parse(await IdOfAreaAsync(area), CultureInfo.InvariantCulture), Level = level, Source = CaseSource.School,
            RaisedByPartyId = int.Parse(await PartyIdAsync("BUF"), CultureInfo.InvariantCulture), Concern = "Meget fravær og sene aftener.",
            RaisedOn = await TodayAsync(),
        };
        extra?.Invoke(input);
        return await RegisterInputAsync(input, email);
    }

    private Task<RegistrationOutcome> RegisterInputAsync(RegisterCaseInput input, string email = Secretary) =>
        App.WithScopeAsync(async services => await services.GetRequiredService<CaseRegistrationService>()
            .RegisterAsync(input, await AppHelpers.PrincipalAsync(services, email), CancellationToken.None));

    /// <summary>A level-1 case registered by the secretary; returns the case page's address.</summary>
    private async Task<string> RegisterCaseAsync(string name, Action<RegisterCaseInput>? extra = null)
    {
        var (result, _) = await RegisterAsync(name, extra: extra);
        Assert.True(result.Succeeded, string.Join("; ", result.FieldErrors.SelectMany(f => f.Value)));
        return $"/sager/{result.CreatedId}";
    }

    private Task<DateOnly> TodayAsync() => App.WithScopeAsync(services => Task.FromResult(services.GetRequiredService<CaseService>().Today));

    [Fact]
    public async Task A_secretary_registers_a_level_1_concern_and_sees_the_case_with_BUF_as_lead()
    {
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(Secretary);
        var name = Unique("Asger Testsen");

        var (posted, _) = await RegisterAsync(name);

        Assert.True(posted.Succeeded);
        // The page sends the browser here (CaseRegisterComponentTests checks that it does).
        var location = $"/sager/{posted.CreatedId}?oprettet=1";
        var casePage = await browser.GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, casePage.Status);
        Assert.Contains(name, casePage.TestIdText("young-person"), StringComparison.Ordinal);
        Assert.Contains("Niveau 1", casePage.TestIdText("case-summary"), StringComparison.Ordinal);
        Assert.Contains("Børne- og Ungdomsforvaltningen", casePage.TestIdText("case-lead"), StringComparison.Ordinal);

        var caseId = posted.CreatedId!;
        var audit = await App.AuditEntriesAsync(a => a.SubjectType == "case" && a.SubjectId == caseId);
        Assert.Contains(audit, a => a.Action == "case.create" && a.Outcome == "success");
        Assert.Contains(audit, a => a.Action == "case.view" && a.Purpose == "coordination-group");
        Assert.All(audit, a => Assert.DoesNotContain(name, a.Details ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invalid_registrations_get_danish_field_messages_and_save_nothing()
    {
        var before = await CountCasesAsync();

        var (future, _) = await RegisterAsync(Unique("Fremtid"), birthDate: DateOnly.FromDateTime(DateTime.UtcNow.AddYears(1)));
        Assert.Equal([Texts.Case_Validation_BirthDateInvalid], future.FieldErrors[nameof(RegisterCaseInput.DateOfBirth)]);

        var (badCpr, _) = await RegisterAsync(Unique("Cpr"), cpr: "320112-1234");
        Assert.Equal([Texts.Case_Validation_CprInvalid], badCpr.FieldErrors[nameof(RegisterCaseInput.Cpr)]);

        // A level no form offers (a forged value): refused with a message, no exception.
        var (level7, _) = await RegisterAsync(Unique("Niveau"), level: (CaseLevel)7);
        Assert.False(level7.Succeeded);
        Assert.NotEmpty(level7.FieldErrors[nameof(RegisterCaseInput.Level)]);

        var (level4WithoutForm, _) = await RegisterAsync(Unique("Uden skema"), level: CaseLevel.CrimeDangerousToPersons);
        Assert.Equal([string.Format(CultureInfo.CurrentCulture, Texts.Case_Validation_FormFieldRequired, Texts.Case_Form_OffenceSituation)],
            level4WithoutForm.FieldErrors[nameof(RegisterCaseInput.FormOffenceSituation)]);
        Assert.Equal([Texts.Error_LeadPersonRequired], level4WithoutForm.FieldErrors[nameof(RegisterCaseInput.LeadUserId)]);

        var police = int.Parse(await PartyIdAsync("POL"), CultureInfo.InvariantCulture);
        var (overrideWithoutReason, _) = await RegisterAsync(Unique("Anden tovholder"), extra: i => i.LeadPartyId = police);
        Assert.Equal([Texts.Error_LeadOverrideNeedsReason], overrideWithoutReason.FieldErrors[nameof(RegisterCaseInput.LeadOverrideReason)]);

        // A script as the name and no date of birth (the form's "x" cannot reach a typed date): refused, no exception.
        // That the page shows such a name only as text is CaseRegisterComponentTests' job.
        var (script, _) = await RegisterAsync("<script>alert(1)</script>", extra: i => i.DateOfBirth = null);
        Assert.False(script.Succeeded);
        Assert.Equal([Texts.Case_Validation_BirthDateRequired], script.FieldErrors[nameof(RegisterCaseInput.DateOfBirth)]);

        Assert.Equal(before, await CountCasesAsync());
    }

    [Fact]
    public async Task A_known_young_person_is_offered_instead_of_a_duplicate()
    {
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(Secretary);
        var people = await CountPeopleAsync();

        // The demo data has Yusuf Amin with CPR 140612-4117.
        var input = new RegisterCaseInput
        {
            FullName = "Et andet navn", DateOfBirth = new DateOnly(2012, 6, 14), Cpr = "1406124117",
            LocalAreaId = int.Parse(await IdOfAreaAsync("Amager Øst"), CultureInfo.InvariantCulture), Level = CaseLevel.WorryingBehaviour,
            Source = CaseSource.School, RaisedByPartyId = int.Parse(await PartyIdAsync("BUF"), CultureInfo.InvariantCulture),
            Concern = "Meget fravær og sene aftener.", RaisedOn = await TodayAsync(),
        };
        var (offered, matches) = await RegisterInputAsync(input);
        Assert.False(offered.Succeeded);
        Assert.Contains(matches, m => m.FullName == "Yusuf Amin" && m.SameCpr);
        Assert.Equal([Texts.Case_Validation_PersonExists], offered.FieldErrors[nameof(RegisterCaseInput.Cpr)]);
        Assert.Equal(people, await CountPeopleAsync());

        var yusuf = await PersonIdAsync("Yusuf Amin");
        input.ExistingPersonId = int.Parse(yusuf, CultureInfo.InvariantCulture);
        // He has an open case already: that is offered, and a case more needs a reason (issue 16 #2).
        var beside = await RegisterInputAsync(input);
        Assert.False(beside.Result.Succeeded);
        Assert.NotEmpty(beside.OpenCases);
        Assert.Equal(people, await CountPeopleAsync());
        input.SecondCaseReason = "En ny anmeldelse, som politiet vil have fulgt for sig.";
        var (chosen, _) = await RegisterInputAsync(input);
        Assert.True(chosen.Succeeded);
        Assert.Equal(people, await CountPeopleAsync());
        var casePage = await browser.GetAsync($"/sager/{chosen.CreatedId}?oprettet=1");
        Assert.Contains("Yusuf Amin", casePage.TestIdText("young-person"), StringComparison.Ordinal);
        Assert.Contains(beside.OpenCases[0].CaseNumber!, casePage.TestIdText("other-open-cases"), StringComparison.Ordinal);
    }

    /// <summary>The case's id from its page address ("/sager/42").</summary>
    private static int IdOf(string caseUrl) => int.Parse(caseUrl.Split('/')[2], CultureInfo.InvariantCulture);

    [Fact]
    public async Task Escalating_to_level_4_needs_the_form_and_a_named_lead_and_then_reaches_the_leader_group()
    {
        using var secretary = App.CreateBrowser();
        await secretary.SignInAsync(Secretary);
        var caseUrl = await RegisterCaseAsync(Unique("Eskalering"));
        var caseId = IdOf(caseUrl);

        using var leader = App.CreateBrowser();
        await leader.SignInAsync(Leader);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync(caseUrl)).Status);

        var before = await App.CaseDataSnapshotAsync();
        var input = new LevelChangeInput { Level = CaseLevel.CrimeDangerousToPersons, Reason = "Anholdt for røveri", ConcurrencyStamp = await App.CaseStampAsync(caseId) };
        var refused = await App.WorkAsync(Secretary, (work, user) => work.ChangeLevelAsync(caseId, input, user, CancellationToken.None));
        Assert.Equal(LookupOutcome.Found, refused.Outcome);
        Assert.Equal([Texts.Error_LeadPersonRequired], refused.Result.FieldErrors[nameof(LevelChangeInput.LeadUserId)]);
        Assert.Equal([string.Format(CultureInfo.CurrentCulture, Texts.Case_Validation_FormFieldRequired, Texts.Case_Form_Home)],
            refused.Result.FieldErrors[nameof(LevelChangeInput.FormHome)]);
        Assert.Equal(before, await App.CaseDataSnapshotAsync());

        input.LeadUserId = await App.UserIdAsync(Secretary);
        input.FormOffenceSituation = "Røveri";
        input.FormSchool = "Fravær";
        input.FormLeisure = "Ingen";
        input.FormHome = "Mor alene";
        input.FormNetwork = "Ældre venner";
        input.FormTriedSoFar = "Samtale";
        var accepted = await App.WorkAsync(Secretary, (work, user) => work.ChangeLevelAsync(caseId, input, user, CancellationToken.None));
        Assert.True(accepted.Succeeded, string.Join("; ", accepted.Result.FieldErrors.SelectMany(f => f.Value).Concat(accepted.Result.GeneralErrors)));

        var casePage = await secretary.GetAsync(caseUrl);
        Assert.Contains("Niveau 4", casePage.TestIdText("case-summary"), StringComparison.Ordinal);
        Assert.Contains("Niveau 1 → Niveau 4", Page.Normalize(casePage.TestIdText("level-history")!), StringComparison.Ordinal);
        Assert.Contains("Anholdt for røveri", casePage.TestIdText("level-history"), StringComparison.Ordinal);
        Assert.Contains("Socialforvaltningen", casePage.TestIdText("case-lead"), StringComparison.Ordinal);
        Assert.NotNull(casePage.TestIdText("leader-group-flag"));

        var leaderView = await leader.GetAsync(caseUrl);
        Assert.Equal(HttpStatusCode.OK, leaderView.Status);
        Assert.NotNull(leaderView.TestIdText("access-basis"));
        Assert.Contains(await App.AuditEntriesAsync(), a => a.Action == "case.view" && a.Purpose == "leader-group-review" && a.SubjectId == caseUrl.Split('/')[2]);
    }

    [Fact]
    public async Task Goals_actions_and_notes_are_kept_and_an_action_past_its_date_is_flagged()
    {
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(Secretary);
        var today = await TodayAsync();
        var caseUrl = await RegisterCaseAsync(Unique("Handling"), extra: i => i.RaisedOn = today.AddDays(-20));
        var caseId = IdOf(caseUrl);

        var goals = await App.WorkAsync(Secretary, async (work, user) => await work.SetGoalsAsync(caseId,
            new GoalsInput { OverallGoal = "Tilbage i skole", GoalSchool = "Skolen ringer kl. 8.30", ConcurrencyStamp = await App.CaseStampAsync(caseId) }, user, CancellationToken.None));
        Assert.True(goals.Succeeded);

        // No owner and no date: the form's validator answers (CaseActivityService.AddActionAsync does not check these
        // fields itself; CaseWorkServiceHostileInputTests lists that gap), and nothing is saved.
        var before = await App.CaseDataSnapshotAsync();
        var incomplete = new ActionInput { What = "Hjemmebesøg", OwnerPartyId = int.Parse(await PartyIdAsync("BUF"), CultureInfo.InvariantCulture) };
        var noOwner = await App.WorkAsync(Secretary, (work, user) => CaseWorkCalls.ValidatedAsync(new ActionInputValidator(), incomplete,
            () => work.AddActionAsync(caseId, incomplete, user, CancellationToken.None)));
        Assert.Equal([Texts.Case_Validation_ActionOwnerRequired], noOwner.Result.FieldErrors[nameof(ActionInput.OwnerName)]);
        Assert.Equal([Texts.Case_Validation_ActionDueRequired], noOwner.Result.FieldErrors[nameof(ActionInput.DueOn)]);
        Assert.Equal(before, await App.CaseDataSnapshotAsync());

        var added = await App.WorkAsync(Secretary, async (work, user) => await work.AddActionAsync(caseId, new ActionInput
        {
            What = "Hjemmebesøg", OwnerName = "Klasselærer Hans", OwnerPartyId = int.Parse(await PartyIdAsync("BUF"), CultureInfo.InvariantCulture),
            DueOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-2)),
        }, user, CancellationToken.None));
        Assert.True(added.Succeeded, string.Join("; ", added.Result.FieldErrors.SelectMany(f => f.Value)));

        var note = await App.WorkAsync(Secretary, (work, user) => work.AddNoteAsync(caseId, new NoteInput { NoteDate = today, Text = "Mor ringede til skolen." }, user, CancellationToken.None));
        Assert.True(note.Succeeded);

        var casePage = await browser.GetAsync(caseUrl);
        Assert.Contains("Tilbage i skole", casePage.TestIdText("goals"), StringComparison.Ordinal);
        Assert.Contains("Klasselærer Hans", casePage.TestIdText("actions"), StringComparison.Ordinal);
        Assert.NotNull(casePage.TestIdText("action-overdue"));
        Assert.NotNull(casePage.TestIdText("actions-overdue"));
        Assert.Contains("Mor ringede til skolen.", casePage.TestIdText("notes"), StringComparison.Ordinal);

        // Marking the action done removes the overdue flag.
        var (actionId, actionStamp) = await OnlyActionAsync(caseId);
        var done = await App.WorkAsync(Secretary, (work, user) => work.CompleteActionAsync(caseId, actionId, ActionStatus.Done, actionStamp, user, CancellationToken.None));
        Assert.True(done.Succeeded);
        var after = await browser.GetAsync(caseUrl);
        Assert.Null(after.TestIdText("action-overdue"));
        Assert.Contains(Texts.ActionStatus_Done, after.TestIdText("actions"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_home_page_shows_overdue_cases_of_my_groups_and_the_actions_i_am_responsible_for()
    {
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(Secretary);
        var caseId = IdOf(await RegisterCaseAsync(Unique("Min opgave")));
        var me = await App.UserIdAsync(Secretary);
        var what = Unique("Ring til mor");
        var added = await App.WorkAsync(Secretary, async (work, user) => await work.AddActionAsync(caseId, new ActionInput
        {
            What = what, OwnerUserId = me, OwnerPartyId = int.Parse(await PartyIdAsync("SOF"), CultureInfo.InvariantCulture),
            DueOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(7)),
        }, user, CancellationToken.None));
        Assert.True(added.Succeeded);

        var home = await browser.GetAsync("/");
        Assert.Contains(what, home.TestIdText("home-actions"), StringComparison.Ordinal);
        // The demo data has level 3 and 4 cases in Amager Øst whose deadlines have passed.
        Assert.NotNull(home.TestIdText("home-overdue"));

        using var outsider = App.CreateBrowser();
        await outsider.SignInAsync("ikke-myndighed@sspkbh.dk");
        var outsiderHome = await outsider.GetAsync("/");
        Assert.Null(outsiderHome.TestIdText("home-overdue"));
        Assert.Null(outsiderHome.TestIdText("home-actions"));
    }

    [Fact]
    public async Task Closing_needs_a_reason_and_reopening_needs_an_explanation()
    {
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(Secretary);
        var caseUrl = await RegisterCaseAsync(Unique("Afslut"));
        var caseId = IdOf(caseUrl);

        Task<WorkResult> ChangeStatusAsync(StatusInput input) =>
            App.WorkAsync(Secretary, async (work, user) =>
            {
                input.ConcurrencyStamp = await App.CaseStampAsync(caseId);
                return await work.ChangeStatusAsync(caseId, input, user, CancellationToken.None);
            });

        var before = await App.CaseDataSnapshotAsync();
        var noReason = await ChangeStatusAsync(new StatusInput { Status = CaseStatus.Closed });
        Assert.Equal([Texts.Error_CloseNeedsReason], noReason.Result.FieldErrors[nameof(StatusInput.CloseReason)]);
        Assert.Equal(before, await App.CaseDataSnapshotAsync());

        var closed = await ChangeStatusAsync(new StatusInput { Status = CaseStatus.Closed, CloseReason = CloseReason.ConcernResolved });
        Assert.True(closed.Succeeded);
        Assert.NotNull((await browser.GetAsync(caseUrl)).TestIdText("case-closed"));

        before = await App.CaseDataSnapshotAsync();
        var noExplanation = await ChangeStatusAsync(new StatusInput { Status = CaseStatus.UnderCoordination });
        Assert.Equal([Texts.Error_ReopenNeedsReason], noExplanation.Result.FieldErrors[nameof(StatusInput.Reason)]);
        Assert.Equal(before, await App.CaseDataSnapshotAsync());
        var reopened = await ChangeStatusAsync(new StatusInput { Status = CaseStatus.UnderCoordination, Reason = "Ny bekymring" });
        Assert.True(reopened.Succeeded);
        var history = (await browser.GetAsync(caseUrl)).TestIdText("status-history");
        Assert.Contains("Ny bekymring", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_people_editing_the_same_case_do_not_overwrite_each_other()
    {
        using var first = App.CreateBrowser();
        await first.SignInAsync(Secretary);
        var caseUrl = await RegisterCaseAsync(Unique("Samtidig"));
        var caseId = IdOf(caseUrl);

        // Both open the goals with the same stamp; the first saves.
        var loaded = await App.CaseStampAsync(caseId);
        var saved = await App.WorkAsync(Secretary, (work, user) =>
            work.SetGoalsAsync(caseId, new GoalsInput { OverallGoal = "Første version", ConcurrencyStamp = loaded }, user, CancellationToken.None));
        Assert.True(saved.Succeeded);

        var before = await App.CaseDataSnapshotAsync();
        var stale = await App.WorkAsync(Police, (work, user) =>
            work.SetGoalsAsync(caseId, new GoalsInput { OverallGoal = "Anden version", ConcurrencyStamp = loaded }, user, CancellationToken.None));
        Assert.Equal(LookupOutcome.Found, stale.Outcome);
        Assert.False(stale.Succeeded);
        Assert.Equal([Texts.Concurrency_Conflict], stale.Result.GeneralErrors);
        Assert.Equal(before, await App.CaseDataSnapshotAsync());
        // The "reload-latest" button that the static page showed with this message is the dialog's business:
        // CaseDetailsComponentTests covers that half.
        Assert.Contains("Første version", (await first.GetAsync(caseUrl)).TestIdText("goals"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sixteen_notes_written_at_the_same_moment_all_land_and_an_edit_opened_before_them_still_saves()
    {
        var caseId = IdOf(await RegisterCaseAsync(Unique("Mange noter")));
        var today = await TodayAsync();
        var opened = await App.CaseStampAsync(caseId);
        var texts = Enumerable.Range(1, 16).Select(i => $"Samtidig note {i}").ToList();

        // Each note in its own scope and DbContext, as sixteen people (or tabs) saving at once.
        var results = await Task.WhenAll(texts.Select(text => Task.Run(() => App.WorkAsync(Secretary, (work, user) =>
            work.AddNoteAsync(caseId, new NoteInput { NoteDate = today, Text = text }, user, CancellationToken.None)))));
        Assert.All(results, r => Assert.True(r.Succeeded, string.Join("; ", r.Result.GeneralErrors)));
        await using (var db = App.CreateDbContext())
        {
            Assert.Equal(texts.Order(StringComparer.Ordinal), (await db.JournalNotes.Where(n => n.CaseId == caseId).Select(n => n.Text).ToListAsync()).Order(StringComparer.Ordinal));
        }

        // Appending an action and completing it do not touch the case's own fields either.
        var added = await App.WorkAsync(Secretary, async (work, user) => await work.AddActionAsync(caseId, new ActionInput
        {
            What = "Ring til skolen", OwnerName = "Klasselæreren", OwnerPartyId = int.Parse(await PartyIdAsync("BUF"), CultureInfo.InvariantCulture), DueOn = today.AddDays(3),
        }, user, CancellationToken.None));
        Assert.True(added.Succeeded);
        var (actionId, actionStamp) = await OnlyActionAsync(caseId);
        Assert.True((await App.WorkAsync(Secretary, (work, user) => work.CompleteActionAsync(caseId, actionId, ActionStatus.Done, actionStamp, user, CancellationToken.None))).Succeeded);

        // The goals dialog opened before all of that saves: only an edit of the case itself makes it stale.
        Assert.Equal(opened, await App.CaseStampAsync(caseId));
        var goals = await App.WorkAsync(Secretary, (work, user) =>
            work.SetGoalsAsync(caseId, new GoalsInput { OverallGoal = "Møder i skole hver dag", ConcurrencyStamp = opened }, user, CancellationToken.None));
        Assert.True(goals.Succeeded, string.Join("; ", goals.Result.GeneralErrors));

        // Completing the same action twice from two stale tabs is still refused: the action has its own stamp.
        var again = await App.WorkAsync(Secretary, (work, user) => work.CompleteActionAsync(caseId, actionId, ActionStatus.Cancelled, actionStamp, user, CancellationToken.None));
        Assert.Equal([Texts.Concurrency_Conflict], again.Result.GeneralErrors);
    }

    [Fact]
    public async Task Cases_are_seen_only_inside_the_users_scope()
    {
        // Demo data: Elias Madsen's case belongs to Valby, where no demo user is a member.
        var valbyCase = await CaseIdAsync("Elias Madsen");
        var saraCase = await CaseIdAsync("Sara Jensen"); // Amager Vest, level 2
        foreach (var email in new[] { Secretary, Police, Leader, "admin@sspkbh.dk" })
        {
            using var browser = App.CreateBrowser();
            await browser.SignInAsync(email);
            Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync($"/sager/{valbyCase}")).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/sager/987654")).Status);
            var list = await browser.GetAsync("/sager");
            Assert.DoesNotContain("Elias Madsen", list.Text, StringComparison.Ordinal);
        }

        using var police = App.CreateBrowser();
        await police.SignInAsync(Police);
        Assert.Equal(HttpStatusCode.OK, (await police.GetAsync($"/sager/{saraCase}")).Status);
        using var secretary = App.CreateBrowser();
        await secretary.SignInAsync(Secretary);
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.GetAsync($"/sager/{saraCase}")).Status);

        foreach (var email in new[] { "ikke-myndighed@sspkbh.dk", "statistik@sspkbh.dk" })
        {
            using var browser = App.CreateBrowser();
            await browser.SignInAsync(email);
            Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/sager")).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync($"/sager/{saraCase}")).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/sager/eksport.csv")).Status);
        }

        Assert.Contains(await App.AuditEntriesAsync(), a => a.Action == "case.view" && a.Outcome == "denied" && a.SubjectId == valbyCase);
    }

    [Fact]
    public async Task The_case_list_pages_with_a_cursor_filters_counts_and_exports()
    {
        var groupId = await GroupIdAsync("Koordinationsgruppe Amager Vest");
        var prefix = Unique("Liste");
        await App.SeedCasesAsync("Koordinationsgruppe Amager Vest", prefix, 55);

        using var browser = App.CreateBrowser();
        await browser.SignInAsync(Police); // member of Amager Vest
        var filter = $"?gruppe={groupId}&q={Uri.EscapeDataString(prefix)}";
        var first = await browser.GetAsync("/sager" + filter);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        var firstNames = first.Document.QuerySelectorAll("[data-testid='case-row'] td:nth-child(2)").Select(e => e.TextContent).ToList();
        Assert.Equal(50, firstNames.Count);
        Assert.Equal("Niveau 1 (28)", first.TestIdText("count-1"));
        Assert.Equal("Niveau 2 (27)", first.TestIdText("count-2"));

        var next = first.Document.QuerySelector("[data-testid='next-page']")!.GetAttribute("href")!;
        var second = await browser.GetAsync(next);
        var secondNames = second.Document.QuerySelectorAll("[data-testid='case-row'] td:nth-child(2)").Select(e => e.TextContent).ToList();
        Assert.Equal(5, secondNames.Count);
        Assert.Empty(firstNames.Intersect(secondNames));
        Assert.Null(second.TestIdText("next-page"));

        // Without the group filter the police officer sees two groups, read group by group and merged:
        // the pages must still follow each other without gaps or repeats, in every integer sort.
        foreach (var sort in new[] { "", "&sortering=Oldest", "&sortering=Level" })
        {
            var allGroups = await browser.GetAsync($"/sager?q={Uri.EscapeDataString(prefix)}{sort}");
            var page1 = allGroups.Document.QuerySelectorAll("[data-testid='case-row'] td:nth-child(2)").Select(e => e.TextContent).ToList();
            var page2 = (await browser.GetAsync(allGroups.Document.QuerySelector("[data-testid='next-page']")!.GetAttribute("href")!))
                .Document.QuerySelectorAll("[data-testid='case-row'] td:nth-child(2)").Select(e => e.TextContent).ToList();
            Assert.Equal(50, page1.Count);
            Assert.Equal(55, page1.Concat(page2).Distinct().Count());
        }

        var byName = await browser.GetAsync("/sager" + filter + "&sortering=Name&niveau=FirstTimeCrime");
        var sorted = byName.Document.QuerySelectorAll("[data-testid='case-row'] td:nth-child(2)").Select(e => e.TextContent).ToList();
        Assert.Equal(27, sorted.Count);
        Assert.Equal(sorted.OrderBy(n => n, StringComparer.Ordinal), sorted);

        var hostile = await browser.GetAsync("/sager?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&niveau=9");
        Assert.Equal(HttpStatusCode.OK, hostile.Status);
        Assert.NotNull(hostile.TestIdText("filter-ignored"));
        Assert.DoesNotContain("<script>alert(1)</script>", await hostile.Response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var csv = await browser.Client.GetAsync("/sager/eksport.csv" + filter + "&niveau=WorryingBehaviour");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + 28, lines.Length);
        Assert.Contains(await App.AuditEntriesAsync(), a => a.Action == "case.export" && a.Details!.Contains("rows=28", StringComparison.Ordinal));
    }

    private async Task<(int Id, string Stamp)> OnlyActionAsync(int caseId)
    {
        await using var db = App.CreateDbContext();
        var action = await db.CaseActions.Where(a => a.CaseId == caseId).Select(a => new { a.Id, a.ConcurrencyStamp }).SingleAsync();
        return (action.Id, action.ConcurrencyStamp);
    }

    private async Task<int> CountCasesAsync()
    {
        await using var db = App.CreateDbContext();
        return await db.Cases.CountAsync();
    }

    private async Task<int> CountPeopleAsync()
    {
        await using var db = App.CreateDbContext();
        return await db.YoungPersons.CountAsync();
    }

    private async Task<string> IdOfAreaAsync(string name)
    {
        await using var db = App.CreateDbContext();
        return (await db.LocalAreas.Where(a => a.Name == name).Select(a => a.Id).SingleAsync()).ToString(CultureInfo.InvariantCulture);
    }

    private async Task<string> PartyIdAsync(string code)
    {
        await using var db = App.CreateDbContext();
        return (await db.Parties.Where(p => p.Code == code).Select(p => p.Id).SingleAsync()).ToString(CultureInfo.InvariantCulture);
    }

    private async Task<int> GroupIdAsync(string name)
    {
        await using var db = App.CreateDbContext();
        return await db.Groups.Where(g => g.Name == name).Select(g => g.Id).SingleAsync();
    }

    private async Task<string> PersonIdAsync(string name)
    {
        await using var db = App.CreateDbContext();
        return (await db.YoungPersons.Where(p => p.FullName == name).Select(p => p.Id).SingleAsync()).ToString(CultureInfo.InvariantCulture);
    }

    private async Task<string> CaseIdAsync(string personName)
    {
        await using var db = App.CreateDbContext();
        var id = await db.Cases.Where(c => db.YoungPersons.Any(p => p.Id == c.YoungPersonId && p.FullName == personName)).Select(c => c.Id).FirstAsync();
        return id.ToString(CultureInfo.InvariantCulture);
    }
}

public sealed class CaseTestsSqlite(SqliteApp fixture) : CaseTests(fixture), IClassFixture<SqliteApp>;

public sealed class CaseTestsPostgres(PostgresApp fixture) : CaseTests(fixture), IClassFixture<PostgresApp>;
