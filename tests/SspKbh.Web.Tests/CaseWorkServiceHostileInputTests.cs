using System.Collections;
using System.Globalization;
using System.Net;
using System.Security.Claims;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Cases;
using SspKbh.Domain.Organisation;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// Hostile input to every save of the case page, at the service layer where the page's forms (dialogs, once the
/// page is interactive) end: script, SQL, 1 MB text, forged or out-of-range enum values and ids, a forged
/// concurrency stamp, and cases outside the user's scope. The HTTP walker of HostileInputTests used to post these
/// to the static case forms; a circuit can send the same values. Never an exception, a Danish message (or a
/// refusal the page shows as its Danish status message), nothing saved; a case outside scope is refused and audited.
/// </summary>
public abstract class CaseWorkServiceHostileInputTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private const string Secretary = "sekretaer@sspkbh.dk";
    private const string Leader = "leder@sspkbh.dk";
    private const string Script = "<script>alert(1)</script>";
    private const string Sql = "'; DROP TABLE Cases; --";
    private static readonly string Megabyte = new('x', 1_048_576);

    /// <summary>The records a hostile call is aimed at or forges.</summary>
    private sealed record Target(
        int CaseId, int ActionId, int Level3CaseId, int OtherActionId, int OutsideCaseId, int OutsideActionId,
        string Stamp, string Level3Stamp, string ActionStamp, int Buf, int SspPlusGroup, int OrdinaryGroup, string Lead, string StatisticsUser);

    private delegate Task<WorkResult> Save(CaseSaves work, ClaimsPrincipal user, Target t);

    /// <summary>
    /// A hostile call. <paramref name="MayKeepText"/>: odd text that may be saved as it is (a quote), never run or shown
    /// as markup.
    /// </summary>
    private sealed record Attack(string Method, string Payload, Save Call, bool MayKeepText = false);

    /// <summary>An attack with a form input: the call gets <paramref name="input"/>.</summary>
    private static Attack Of<TInput>(string method, string payload, Func<Target, TInput> input,
        Func<CaseSaves, ClaimsPrincipal, Target, TInput, Task<WorkResult>> call, bool mayKeepText = false) =>
        new(method, payload, (w, u, t) => call(w, u, t, input(t)), mayKeepText);

    private static LevelChangeInput Level(Target t, Action<LevelChangeInput> forge)
    {
        var input = new LevelChangeInput { Level = CaseLevel.FirstTimeCrime, Reason = "Sigtet for tyveri", LeadUserId = t.Lead, ConcurrencyStamp = t.Stamp };
        forge(input);
        return input;
    }

    private static LevelChangeInput Level3(Target t, Action<LevelChangeInput> forge) => Level(t, i =>
    {
        i.Level = CaseLevel.RepeatedSeriousCrime;
        i.FormOffenceSituation = "Røveri";
        i.FormSchool = "Fravær";
        i.FormLeisure = "Ingen";
        i.FormHome = "Mor alene";
        i.FormNetwork = "Ældre venner";
        i.FormTriedSoFar = "Samtale";
        forge(i);
    });

    private static StatusInput Status(Target t, Action<StatusInput> forge)
    {
        var input = new StatusInput { Status = CaseStatus.UnderCoordination, ConcurrencyStamp = t.Stamp };
        forge(input);
        return input;
    }

    private static GoalsInput Goals(Target t, Action<GoalsInput> forge)
    {
        var input = new GoalsInput { OverallGoal = "Tilbage i skole", ConcurrencyStamp = t.Stamp };
        forge(input);
        return input;
    }

    private static ActionInput NewAction(Target t, Action<ActionInput> forge)
    {
        var input = new ActionInput { What = "Hjemmebesøg", OwnerName = "Klasselæreren", OwnerPartyId = t.Buf, DueOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3) };
        forge(input);
        return input;
    }

    private static NoteInput Note(Action<NoteInput> forge)
    {
        var input = new NoteInput { NoteDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1), Text = "Mor ringede." };
        forge(input);
        return input;
    }

    private static FactorsInput Factors(Target t, Action<FactorsInput> forge)
    {
        var input = new FactorsInput { Factors = { ["HighAbsence"] = true }, ConcurrencyStamp = t.Stamp };
        forge(input);
        return input;
    }

    private static HandoverInput Handover(Target t, Action<HandoverInput> forge)
    {
        var input = new HandoverInput { HandoverOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1), GroupId = t.SspPlusGroup, ConcurrencyStamp = t.Stamp };
        forge(input);
        return input;
    }

    private static readonly CancellationToken None = CancellationToken.None;

    private static Attack ChangeLevel(string payload, Func<Target, LevelChangeInput> input, bool mayKeepText = false) =>
        Of(nameof(CaseWorkService.ChangeLevelAsync), payload, input, (w, u, t, i) => w.ChangeLevelAsync(t.CaseId, i, u, None), mayKeepText);

    private static Attack ChangeStatus(string payload, Func<Target, StatusInput> input, bool mayKeepText = false) =>
        Of(nameof(CaseWorkService.ChangeStatusAsync), payload, input, (w, u, t, i) => w.ChangeStatusAsync(t.CaseId, i, u, None), mayKeepText);

    private static Attack HandOver(string payload, Func<Target, HandoverInput> input, bool mayKeepText = false) =>
        Of(nameof(CaseWorkService.HandOverAsync), payload, input, (w, u, t, i) => w.HandOverAsync(t.CaseId, i, u, None), mayKeepText);

    private static Attack SetGoals(string payload, Func<Target, GoalsInput> input, bool mayKeepText = false) =>
        Of(nameof(CaseWorkService.SetGoalsAsync), payload, input, (w, u, t, i) => w.SetGoalsAsync(t.CaseId, i, u, None), mayKeepText);

    private static Attack SetFactors(string payload, Func<Target, FactorsInput> input, bool mayKeepText = false) =>
        Of(nameof(CaseWorkService.SetFactorsAsync), payload, input, (w, u, t, i) => w.SetFactorsAsync(t.CaseId, i, u, None), mayKeepText);

    private static Attack AddAction(string payload, Func<Target, ActionInput> input, bool mayKeepText = false) =>
        Of(nameof(CaseActivityService.AddActionAsync), payload, input, (w, u, t, i) => w.AddActionAsync(t.CaseId, i, u, None), mayKeepText);

    private static Attack AddNote(string payload, Func<Target, NoteInput> input, bool mayKeepText = false) =>
        Of(nameof(CaseActivityService.AddNoteAsync), payload, input, (w, u, t, i) => w.AddNoteAsync(t.CaseId, i, u, None), mayKeepText);

    /// <summary>Every hostile call, by the CaseWorkService or CaseActivityService method it goes to.</summary>
    private static IEnumerable<Attack> Attacks() =>
    [
        ChangeLevel("level 99", t => Level(t, i => i.Level = (CaseLevel)99)),
        ChangeLevel("level -1", t => Level(t, i => i.Level = (CaseLevel)(-1))),
        ChangeLevel("no level", t => Level(t, i => i.Level = null)),
        ChangeLevel("1 MB reason", t => Level(t, i => i.Reason = Megabyte)),
        ChangeLevel("script reason", t => Level(t, i => i.Reason = Script), mayKeepText: true),
        ChangeLevel("SQL reason", t => Level(t, i => i.Reason = Sql), mayKeepText: true),
        ChangeLevel("unknown lead party", t => Level(t, i => i.LeadPartyId = 999_999)),
        ChangeLevel("SQL as lead", t => Level(t, i => i.LeadUserId = Sql)),
        ChangeLevel("lead outside the group", t => Level(t, i => i.LeadUserId = t.StatisticsUser)),
        ChangeLevel("1 MB override reason", t => Level(t, i => { i.LeadPartyId = t.Buf; i.LeadOverrideReason = Megabyte; })),
        ChangeLevel("1 MB level form", t => Level3(t, i => i.FormHome = Megabyte)),
        ChangeLevel("forged stamp", t => Level(t, i => i.ConcurrencyStamp = Guid.NewGuid().ToString("N"))),

        ChangeStatus("status 99", t => Status(t, i => i.Status = (CaseStatus)99)),
        ChangeStatus("no status", t => Status(t, i => i.Status = null)),
        ChangeStatus("close reason 99", t => Status(t, i => { i.Status = CaseStatus.Closed; i.CloseReason = (CloseReason)99; })),
        ChangeStatus("handover without the handover form", t => Status(t, i => { i.Status = CaseStatus.Closed; i.CloseReason = CloseReason.HandedOverToSspPlus; })),
        ChangeStatus("1 MB reason", t => Status(t, i => i.Reason = Megabyte)),
        ChangeStatus("script reason", t => Status(t, i => i.Reason = Script), mayKeepText: true),
        ChangeStatus("forged stamp", t => Status(t, i => i.ConcurrencyStamp = "forged")),

        HandOver("unknown group", t => Handover(t, i => i.GroupId = 999_999)),
        HandOver("a group that is not SSP+", t => Handover(t, i => i.GroupId = t.OrdinaryGroup)),
        HandOver("no group", t => Handover(t, i => i.GroupId = null)),
        HandOver("no date", t => Handover(t, i => i.HandoverOn = null)),
        HandOver("date 9999-12-31", t => Handover(t, i => i.HandoverOn = DateOnly.MaxValue)),
        HandOver("forged stamp", t => Handover(t, i => i.ConcurrencyStamp = Sql)),

        SetGoals("1 MB overall goal", t => Goals(t, i => i.OverallGoal = Megabyte)),
        SetGoals("1 MB school goal", t => Goals(t, i => i.GoalSchool = Megabyte)),
        SetGoals("1 MB crime goal", t => Goals(t, i => i.GoalCrime = Megabyte)),
        SetGoals("script goal", t => Goals(t, i => i.OverallGoal = Script), mayKeepText: true),
        SetGoals("SQL goal", t => Goals(t, i => i.GoalHome = Sql), mayKeepText: true),
        SetGoals("forged stamp", t => Goals(t, i => i.ConcurrencyStamp = null)),

        SetFactors("unknown factor", t => Factors(t, i => i.Factors[Sql] = true)),
        SetFactors("unknown note domain", t => Factors(t, i => i.Notes["99"] = "Note")),
        SetFactors("1 MB note", t => Factors(t, i => i.Notes[nameof(FactorDomain.Family)] = Megabyte)),
        SetFactors("script note", t => Factors(t, i => i.Notes[nameof(FactorDomain.Family)] = Script), mayKeepText: true),
        SetFactors("forged stamp", t => Factors(t, i => i.ConcurrencyStamp = Megabyte)),

        new("MarkReviewedAsync", "forged stamp", (w, u, t) => w.MarkReviewedAsync(t.CaseId, "forged", u, None)),
        new("MarkReviewedAsync", "no stamp", (w, u, t) => w.MarkReviewedAsync(t.CaseId, null, u, None)),
        new("MarkReviewedAsync", "1 MB stamp", (w, u, t) => w.MarkReviewedAsync(t.CaseId, Megabyte, u, None)),

        AddAction("1 MB what", t => NewAction(t, i => i.What = Megabyte)),
        AddAction("no what", t => NewAction(t, i => i.What = null)),
        AddAction("script what", t => NewAction(t, i => i.What = Script), mayKeepText: true),
        AddAction("SQL what", t => NewAction(t, i => i.What = Sql), mayKeepText: true),
        AddAction("1 MB owner name", t => NewAction(t, i => i.OwnerName = Megabyte)),
        AddAction("no owner", t => NewAction(t, i => i.OwnerName = null)),
        AddAction("SQL as owner", t => NewAction(t, i => i.OwnerUserId = Sql)),
        AddAction("unknown party", t => NewAction(t, i => i.OwnerPartyId = 999_999)),
        AddAction("no party", t => NewAction(t, i => i.OwnerPartyId = null)),
        AddAction("no date", t => NewAction(t, i => i.DueOn = null)),
        AddAction("date 0001-01-01", t => NewAction(t, i => i.DueOn = DateOnly.MinValue)),

        new("CompleteActionAsync", "outcome 99", (w, u, t) => w.CompleteActionAsync(t.CaseId, t.ActionId, (ActionStatus)99, t.ActionStamp, u, None)),
        new("CompleteActionAsync", "outcome planned", (w, u, t) => w.CompleteActionAsync(t.CaseId, t.ActionId, ActionStatus.Planned, t.ActionStamp, u, None)),
        new("CompleteActionAsync", "unknown action", (w, u, t) => w.CompleteActionAsync(t.CaseId, 999_999, ActionStatus.Done, t.ActionStamp, u, None)),
        new("CompleteActionAsync", "action of another case", (w, u, t) => w.CompleteActionAsync(t.CaseId, t.OtherActionId, ActionStatus.Done, t.ActionStamp, u, None)),
        new("CompleteActionAsync", "action of a case outside scope", (w, u, t) => w.CompleteActionAsync(t.CaseId, t.OutsideActionId, ActionStatus.Done, t.ActionStamp, u, None)),
        new("CompleteActionAsync", "forged stamp", (w, u, t) => w.CompleteActionAsync(t.CaseId, t.ActionId, ActionStatus.Done, Script, u, None)),

        new("SetLeaderGroupFlagAsync", "level 1 case to the ledergruppe", (w, u, t) => w.SetLeaderGroupFlagAsync(t.CaseId, true, t.Stamp, u, None)),
        new("SetLeaderGroupFlagAsync", "forged stamp", (w, u, t) => w.SetLeaderGroupFlagAsync(t.Level3CaseId, false, Sql, u, None)),

        AddNote("1 MB text", _ => Note(i => i.Text = Megabyte)),
        AddNote("no text", _ => Note(i => i.Text = null)),
        AddNote("blank text", _ => Note(i => i.Text = "   ")),
        AddNote("script text", _ => Note(i => i.Text = Script), mayKeepText: true),
        AddNote("no date", _ => Note(i => i.NoteDate = null)),
        AddNote("date 9999-12-31", _ => Note(i => i.NoteDate = DateOnly.MaxValue)),
    ];

    public static TheoryData<string> Methods() => new(Attacks().Select(a => a.Method).Distinct());

    private async Task<Target> TargetAsync()
    {
        var (caseId, actionId) = await App.NewCaseAsync("Amager Øst");
        var (level3, otherAction) = await App.NewCaseAsync("Amager Øst", CaseLevel.RepeatedSeriousCrime);
        var (outside, outsideAction) = await App.NewCaseAsync("Valby");
        await using var db = App.CreateDbContext();
        return new Target(caseId, actionId, level3, otherAction, outside, outsideAction,
            await App.CaseStampAsync(caseId), await App.CaseStampAsync(level3),
            await db.CaseActions.Where(a => a.Id == actionId).Select(a => a.ConcurrencyStamp).SingleAsync(),
            await db.Parties.Where(p => p.Code == "BUF").Select(p => p.Id).SingleAsync(),
            await db.Groups.Where(g => g.Kind == GroupKind.SspPlusCoordinationGroup).Select(g => g.Id).FirstAsync(),
            await db.Groups.Where(g => g.Name == "Koordinationsgruppe Amager Vest").Select(g => g.Id).SingleAsync(),
            await App.UserIdAsync(Secretary), await App.UserIdAsync("statistik@sspkbh.dk"));
    }

    private static bool IsDanishText(string message) => AppTexts.IsDanishText(message);

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Hostile_values_are_refused_with_a_danish_message_and_save_nothing(string method)
    {
        var t = await TargetAsync();
        var problems = new List<string>();
        foreach (var attack in Attacks().Where(a => a.Method == method))
        {
            var name = $"{attack.Method}: {attack.Payload}";
            var before = await App.CaseDataSnapshotAsync();
            WorkResult result;
            var threw = false;
            try
            {
                result = await App.WorkAsync(Secretary, (work, user) => attack.Call(work, user, t));
            }
            catch (Exception ex)
            {
                result = new WorkResult(LookupOutcome.Found, new ServiceResult().General($"threw {ex.GetType().Name}: {ex.Message}"));
                threw = true;
            }

            var after = await App.CaseDataSnapshotAsync();
            if (result.Succeeded && attack.MayKeepText)
            {
                // Kept as text: the SQL did not run (the tables are there) and the page shows the script only as text.
                await AssertShownAsTextAsync(t.CaseId, name);
                t = t with { Stamp = await App.CaseStampAsync(t.CaseId) };
                continue;
            }

            var messages = result.Result.FieldErrors.Values.SelectMany(m => m).Concat(result.Result.GeneralErrors).ToList();
            var refusedAlone = !threw && !result.Succeeded && before == after && (result.Outcome != LookupOutcome.Found || (messages.Count > 0 && messages.All(IsDanishText)));
            if (before != after)
            {
                // Saved (a problem): the case has a new stamp for the next attack.
                t = t with { Stamp = await App.CaseStampAsync(t.CaseId) };
            }

            if (result.Succeeded)
            {
                problems.Add($"{name} was accepted");
            }
            else if (before != after)
            {
                problems.Add($"{name} was refused but saved something: {before} -> {after}");
            }
            else if (!refusedAlone)
            {
                problems.Add($"{name} was refused without a Danish message: {string.Join(" | ", messages)}");
            }
        }

        Assert.True(problems.Count == 0, $"{problems.Count} problems:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    [Fact]
    public async Task Every_save_to_a_case_outside_scope_or_unknown_is_refused_audited_and_saves_nothing()
    {
        var t = await TargetAsync();
        var secretaryId = await App.UserIdAsync(Secretary);
        var outside = await App.ValidCaseWorkAsync(t.OutsideCaseId, t.OutsideActionId);
        var unknown = await App.ValidCaseWorkAsync(999_999, 999_999);
        // Every save of CaseWorkService and CaseActivityService is tried (the list cannot miss one that is added later).
        Assert.Equal(CaseSaves.AllSaves().Select(s => s.Name).Order(), outside.Keys.Order());
        var problems = new List<string>();
        foreach (var (method, call) in outside)
        {
            problems.AddRange(await App.RefusalProblemsAsync(method, secretaryId, "case.update",
                async () => (await App.WorkAsync(Secretary, call)).Outcome, async () => (await App.WorkAsync(Secretary, unknown[method])).Outcome));
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task A_hostile_emergency_access_request_grants_nothing()
    {
        var t = await TargetAsync();
        Task<(LookupOutcome Outcome, ServiceResult Result)> RequestAsync(string email, int caseId, string? reason) =>
            App.AsUserAsync<CaseService, (LookupOutcome, ServiceResult)>(email, (cases, user) => cases.RequestEmergencyAccessAsync(caseId, reason, user, None));

        var before = await App.CaseDataSnapshotAsync();
        foreach (var reason in new[] { Megabyte, null, "   ", new string('y', 1001) })
        {
            var (outcome, result) = await RequestAsync(Leader, t.OutsideCaseId, reason);
            Assert.Equal(LookupOutcome.Found, outcome);
            var message = Assert.Single(Assert.Single(result.FieldErrors, f => f.Key == nameof(EmergencyAccessInput.Reason)).Value);
            Assert.True(IsDanishText(message), message);
        }

        Assert.Equal(LookupOutcome.NotFound, (await RequestAsync(Leader, 999_999, "Politiet har ringet om en akut situation i aften.")).Outcome);
        var sequence = await App.LastAuditSequenceAsync();
        Assert.Equal(LookupOutcome.Forbidden, (await RequestAsync("ikke-myndighed@sspkbh.dk", t.OutsideCaseId, "Politiet har ringet om en akut situation i aften.")).Outcome);
        Assert.Contains("case.emergency-access", await App.DeniedSinceAsync(sequence, await App.UserIdAsync("ikke-myndighed@sspkbh.dk")));
        Assert.Equal(before, await App.CaseDataSnapshotAsync());

        // Script and SQL are only text: kept as the reason, shown to the group as text.
        foreach (var reason in new[] { Script + " akut behov for at se sagen", Sql + " akut behov for at se sagen" })
        {
            var (outcome, result) = await RequestAsync(Leader, t.CaseId, reason);
            Assert.Equal(LookupOutcome.Found, outcome);
            Assert.True(result.Succeeded);
        }

        await AssertShownAsTextAsync(t.CaseId, "emergency access reason");
    }

    private async Task AssertShownAsTextAsync(int caseId, string name)
    {
        await using (var db = App.CreateDbContext())
        {
            Assert.True(await db.Cases.AnyAsync(), $"{name}: the Cases table is gone");
        }

        using var browser = App.CreateBrowser();
        await browser.SignInAsync(Secretary);
        var page = await browser.GetAsync($"/sager/{caseId}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var html = await page.Response.Content.ReadAsStringAsync();
        Assert.False(html.Contains(Script, StringComparison.OrdinalIgnoreCase), $"{name}: the case page shows the script as markup");
        Assert.DoesNotContain(page.Document.QuerySelectorAll("script"), s => s.TextContent.Contains("alert(1)", StringComparison.Ordinal));
    }
}

public sealed class CaseWorkServiceHostileInputTestsSqlite(SqliteApp fixture) : CaseWorkServiceHostileInputTests(fixture), IClassFixture<SqliteApp>;

public sealed class CaseWorkServiceHostileInputTestsPostgres(PostgresApp fixture) : CaseWorkServiceHostileInputTests(fixture), IClassFixture<PostgresApp>;
