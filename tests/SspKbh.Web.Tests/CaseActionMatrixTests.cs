using System.Reflection;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Cases;
using SspKbh.Domain.Organisation;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Features.Consents;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The "Case service actions" table of docs/security/authorization-matrix.md: every public method of CaseService, KnownPeople,
/// CaseWorkService, CaseActivityService and the consent register's case actions (ConsentRegister) has a row, and every cell is what the demo user of its column gets when the method is called for
/// real, for a case of their own group, a level 3 case under their ledergruppe and a case outside their scope.
/// </summary>
public abstract class CaseActionMatrixTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private static readonly CancellationToken None = CancellationToken.None;

    private const string Area = "Amager Øst";
    private const string OutsideArea = "Valby";

    /// <summary>
    /// The four cases a cell is tried on: level 1 of Amager Øst, level 3 of Amager Øst (under SSP-ledergruppe Amager), level 3
    /// of Valby, and a level 3 case of Valby handed over to the SSP+ koordinationsgruppe (ADR 0030).
    /// </summary>
    private enum Target
    {
        OwnGroup,
        LeaderGroup,
        Outside,
        HandedOverToSspPlus,
    }

    /// <param name="ReceivedBy">The SSP+ koordinationsgruppe the case was handed over to, if it was.</param>
    private sealed record Probe(string Email, int CaseId, int ActionId, string Area, string PersonName, DateOnly BirthDate, int GroupId, string GroupName, int? ReceivedBy);

    private enum Answer
    {
        Allowed,
        Refused,
    }

    /// <summary>
    /// How one method is tried: the call and what its answer means. <paramref name="NamesCase"/>: a refusal is audited as
    /// denied. <paramref name="ByGroup"/>: the method answers about a group (a list of groups, areas or leads), not one case,
    /// so a ledergruppe sees the group whatever the level of the case tried.
    /// </summary>
    private sealed record Trial(Func<Probe, Task<Answer>> Call, bool NamesCase, bool ByGroup = false);

    private static Answer Of(LookupOutcome outcome, string what) => outcome switch
    {
        LookupOutcome.Found => Answer.Allowed,
        LookupOutcome.Forbidden => Answer.Refused,
        _ => throw new InvalidOperationException($"{what} answered {outcome}"),
    };

    private static Answer Of(WorkResult result, string what) =>
        Of(result.Outcome, what) == Answer.Refused ? Answer.Refused
        : result.Succeeded ? Answer.Allowed
        : throw new InvalidOperationException($"{what} was let in but not saved: {string.Join(" | ", result.Result.FieldErrors.SelectMany(f => f.Value).Concat(result.Result.GeneralErrors))}");

    private Task<T> CasesAsync<T>(Probe p, Func<CaseService, System.Security.Claims.ClaimsPrincipal, Task<T>> call) => App.AsUserAsync(p.Email, call);

    /// <summary>Every method with a row, and how it is tried. A method of the services that is missing here fails the test too.</summary>
    private Dictionary<string, Trial> Trials()
    {
        var trials = new Dictionary<string, Trial>(StringComparer.Ordinal)
        {
            ["CaseService.GetAsync"] = new(async p => Of((await CasesAsync(p, (s, u) => s.GetAsync(p.CaseId, u, None))).Outcome, "GetAsync"), NamesCase: true),
            ["CaseService.RevealCprAsync"] = new(async p => Of((await CasesAsync(p, (s, u) => s.RevealCprAsync(p.CaseId, u, None))).Outcome, "RevealCprAsync"), NamesCase: true),
            ["CaseService.RequestEmergencyAccessAsync"] = new(async p =>
            {
                var (outcome, result) = await CasesAsync(p, (s, u) => s.RequestEmergencyAccessAsync(p.CaseId, "Politiet har ringet om en akut situation i aften.", u, None));
                return Of(outcome, "RequestEmergencyAccessAsync") == Answer.Allowed && result.Succeeded ? Answer.Allowed
                    : outcome == LookupOutcome.Forbidden ? Answer.Refused : throw new InvalidOperationException("RequestEmergencyAccessAsync was let in but granted nothing");
            }, NamesCase: true),
            ["CaseRegistrationService.RegisterAsync"] = new(async p =>
            {
                var input = await RegisterInputAsync(p.Area);
                var (result, _) = await App.AsUserAsync<CaseRegistrationService, RegistrationOutcome>(p.Email, (s, u) => s.RegisterAsync(input, u, None));
                return result.Succeeded ? Answer.Allowed
                    : result.FieldErrors.GetValueOrDefault(nameof(RegisterCaseInput.LocalAreaId)) is [var message] && message == Texts.Case_Validation_NotYourGroup ? Answer.Refused
                    : throw new InvalidOperationException($"RegisterAsync: {string.Join(" | ", result.FieldErrors.SelectMany(f => f.Value))}");
            }, NamesCase: false),
            ["KnownPeople.SearchKnownPeopleAsync"] = new(async p =>
                (await App.AsUserAsync<KnownPeople, List<PersonMatch>>(p.Email, (s, u) => s.SearchKnownPeopleAsync(p.PersonName, u, None))).Any(m => m.FullName == p.PersonName) ? Answer.Allowed : Answer.Refused, NamesCase: false),
            ["CaseService.ScopeGroupsAsync"] = new(async p =>
                (await CasesAsync(p, (s, u) => s.ScopeGroupsAsync(u, None))).Any(g => g.Id == p.GroupId) ? Answer.Allowed : Answer.Refused, NamesCase: false, ByGroup: true),
            ["CaseRegistrationService.LeadCandidatesAsync"] = new(async p =>
                (await App.AsUserAsync<CaseRegistrationService, List<CaseRegistrationService.LeadCandidate>>(p.Email, (s, u) => s.LeadCandidatesAsync(u, None))).Any(c => c.GroupName == p.GroupName) ? Answer.Allowed : Answer.Refused, NamesCase: false, ByGroup: true),
            ["CaseRegistrationService.RegistrableAreasAsync"] = new(async p =>
                (await App.AsUserAsync<CaseRegistrationService, List<(int Id, string Name)>>(p.Email, (s, u) => s.RegistrableAreasAsync(u, None))).Any(a => a.Name == p.Area) ? Answer.Allowed : Answer.Refused, NamesCase: false, ByGroup: true),
            ["CaseService.DeadlineForAsync"] = new(async p =>
                await CasesAsync(p, (s, _) => s.DeadlineForAsync(CaseLevel.RepeatedSeriousCrime, None)) is not null ? Answer.Allowed : Answer.Refused, NamesCase: false),
            ["CaseWorkService.GetForEditAsync"] = new(async p =>
                Of((await App.AsUserAsync<CaseWorkService, (LookupOutcome, CaseEditContext?)>(p.Email, (s, u) => s.GetForEditAsync(p.CaseId, u, None))).Item1, "GetForEditAsync"), NamesCase: true),
            ["CaseWorkService.GetFactorsAsync"] = new(async p =>
            {
                await using (var db = App.CreateDbContext())
                {
                    db.CaseFactors.Add(new CaseFactor { CaseId = p.CaseId, Code = "HighAbsence" });
                    await db.SaveChangesAsync();
                }

                var factors = await App.AsUserAsync<CaseWorkService, FactorsInput?>(p.Email, (s, u) => s.GetFactorsAsync(p.CaseId, u, None));

                // The factor was only put there to be read: the case is left as it was, so "nothing saved" holds.
                await using (var db = App.CreateDbContext())
                {
                    await db.CaseFactors.Where(f => f.CaseId == p.CaseId && f.Code == "HighAbsence").ExecuteDeleteAsync();
                }

                return factors?.Factors.GetValueOrDefault("HighAbsence") == true ? Answer.Allowed : Answer.Refused;
            }, NamesCase: true),
        };
        foreach (var (name, trial) in ConsentTrials())
        {
            trials[name] = trial;
        }

        foreach (var (service, save) in CaseSaves.AllSaves())
        {
            trials[service.Name + "." + save] = new(async p => Of(await App.WorkAsync(p.Email, (await App.ValidCaseWorkAsync(p.CaseId, p.ActionId))[save]), save), NamesCase: true);
        }

        return trials;
    }

    private Task<(LookupOutcome Outcome, ServiceResult Result)> ConsentsAsync(Probe p, Func<ConsentRegister, System.Security.Claims.ClaimsPrincipal, Task<(LookupOutcome, ServiceResult)>> call) =>
        App.AsUserAsync(p.Email, call);

    private static Answer Of((LookupOutcome Outcome, ServiceResult Result) answer, string what) => Of(new WorkResult(answer.Outcome, answer.Result), what);

    /// <summary>The consent register's case actions (the case page's consents tab and its dialog).</summary>
    private Dictionary<string, Trial> ConsentTrials() => new(StringComparer.Ordinal)
    {
        ["ConsentRegister.FormOptionsAsync"] = new(async p =>
            Of((await App.AsUserAsync<ConsentRegister, (LookupOutcome, ConsentFormOptions?)>(p.Email, (s, u) => s.FormOptionsAsync(p.CaseId, u, None))).Item1, "FormOptionsAsync"), NamesCase: true),
        ["ConsentRegister.RecordAsync"] = new(async p =>
        {
            var input = await App.ValidConsentInputAsync();
            return Of(await ConsentsAsync(p, (s, u) => s.RecordAsync(p.CaseId, input, u, None)), "RecordAsync");
        }, NamesCase: true),
        ["ConsentRegister.WithdrawAsync"] = new(async p =>
        {
            var (consentId, stamp) = await App.NewConsentAsync(p.CaseId);
            var answer = Of(await ConsentsAsync(p, (s, u) => s.WithdrawAsync(p.CaseId, consentId, stamp, u, None)), "WithdrawAsync");
            if (answer == Answer.Refused)
            {
                // The consent was only put there to be withdrawn: a refusal must leave it valid, and then it goes again, so "nothing saved" holds.
                await using var db = App.CreateDbContext();
                if (await db.Consents.Where(c => c.Id == consentId).Select(c => c.WithdrawnOn).SingleAsync() is not null)
                {
                    throw new InvalidOperationException("WithdrawAsync refused but withdrew the consent");
                }

                await db.ConsentRecipients.Where(r => r.ConsentId == consentId).ExecuteDeleteAsync();
                await db.Consents.Where(c => c.Id == consentId).ExecuteDeleteAsync();
            }

            return answer;
        }, NamesCase: true),
    };

    /// <summary>
    /// The consent register's methods for the recipients of a consent: what they may see is decided by the consent that
    /// names them, not by a case's group, so they are rows of the endpoint tables (<c>/delt</c>, <c>/delt/{ConsentId:int}</c>)
    /// and BoundaryTests checks them, not rows here.
    /// </summary>
    private static readonly string[] RecipientMethods = ["ConsentRegister.SharedWithAsync", "ConsentRegister.SharedAsync"];

    /// <summary>
    /// The public methods of the case services that act for a user (property getters such as <c>Today</c> and the
    /// members of <see cref="object"/> are not actions; there is no other exclusion).
    /// </summary>
    private static IEnumerable<string> PublicMethods() => AllPublicMethods().Except(RecipientMethods);

    private static IEnumerable<string> AllPublicMethods() =>
        new[] { typeof(CaseService), typeof(CaseRegistrationService), typeof(KnownPeople), typeof(CaseWorkService), typeof(CaseActivityService), typeof(ConsentRegister) }.SelectMany(type => type
            .GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName)
            .Select(m => $"{type.Name}.{m.Name}"))
            .Distinct();

    [Fact]
    public void Every_public_method_of_the_case_services_has_a_row_and_every_row_a_method()
    {
        var (_, rows) = AuthorizationMatrix.ReadActions();
        var listed = rows.Select(r => r.Name).ToList();
        var problems = PublicMethods().Where(m => !listed.Contains(m))
            .Select(m => $"{m} has no row: add it to the 'Case service actions' table of {AuthorizationMatrix.RelativePath} with a scope for every role.")
            .Concat(rows.Where(r => !PublicMethods().Contains(r.Name)).Select(r => $"Row {r} names no public method of the case services."))
            .Concat(listed.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => $"{g.Key} has more than one row."))
            .Concat(PublicMethods().Where(m => !Trials().ContainsKey(m)).Select(m => $"{m} has no trial in {nameof(CaseActionMatrixTests)}.{nameof(Trials)}: say how it is called."))
            .ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Contains("CaseWorkService.ChangeLevelAsync", listed);
        Assert.Contains("ConsentRegister.WithdrawAsync", listed);
        // The recipients' methods are left out by name only while they exist (a renamed one would otherwise need a row).
        Assert.Equal(RecipientMethods.Order(), AllPublicMethods().Intersect(RecipientMethods).Order());
    }

    [Fact]
    public void The_action_columns_are_the_roles_of_the_endpoint_matrix()
    {
        var (endpointColumns, _) = AuthorizationMatrix.Read();
        var (actionColumns, _) = AuthorizationMatrix.ReadActions();
        Assert.Equal(endpointColumns.Where(c => c.Email is not null), actionColumns);
    }

    public static TheoryData<string> Roles() => new(AuthorizationMatrix.ReadActions().Columns.Select(c => c.Key));

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Every_case_service_action_does_what_the_matrix_says_for(string role)
    {
        var (columns, rows) = AuthorizationMatrix.ReadActions();
        var email = columns.Single(c => c.Key == role).Email!;
        var userId = await App.UserIdAsync(email);
        var (member, review) = await ScopeAsync(userId);
        var trials = Trials();
        var failures = new List<string>();
        var checks = 0;
        foreach (var row in rows)
        {
            var cell = row.Cells[role];
            if (!trials.TryGetValue(row.Name, out var trial))
            {
                continue; // reported by Every_public_method_of_the_case_services_has_a_row_and_every_row_a_method
            }

            foreach (var target in Enum.GetValues<Target>())
            {
                var probe = await ProbeAsync(email, target);
                var expected = cell switch
                {
                    AuthorizationMatrix.All => Answer.Allowed,
                    AuthorizationMatrix.OwnGroup or AuthorizationMatrix.Received when member.Contains(probe.GroupId) => Answer.Allowed,
                    AuthorizationMatrix.Received when probe.ReceivedBy is { } receiving && member.Contains(receiving) => Answer.Allowed,
                    AuthorizationMatrix.LeaderGroup when review.Contains(probe.GroupId) && (target == Target.LeaderGroup || trial.ByGroup) => Answer.Allowed,
                    AuthorizationMatrix.OwnGroup or AuthorizationMatrix.LeaderGroup or AuthorizationMatrix.Received or AuthorizationMatrix.No => Answer.Refused,
                    _ => throw new InvalidOperationException($"'{cell}' is not a scope for a case service action"),
                };
                checks++;
                var before = await App.CaseDataSnapshotAsync();
                var sequence = await App.LastAuditSequenceAsync();
                try
                {
                    var answer = await trial.Call(probe);
                    var denied = await App.DeniedSinceAsync(sequence, userId);
                    if (answer != expected)
                    {
                        failures.Add($"{row.Name} as {role} ('{cell}') on the {target} case: {answer}, expected {expected}");
                    }
                    else if (answer == Answer.Refused && await App.CaseDataSnapshotAsync() is var after && after != before)
                    {
                        failures.Add($"{row.Name} as {role} on the {target} case was refused but saved something: {before} -> {after}");
                    }
                    else if (answer == Answer.Refused && trial.NamesCase && denied.Count == 0)
                    {
                        failures.Add($"{row.Name} as {role} on the {target} case was refused without an audit entry 'denied'");
                    }
                    else if (answer == Answer.Allowed && denied.Count > 0)
                    {
                        failures.Add($"{row.Name} as {role} on the {target} case was allowed but audited as denied: {string.Join(", ", denied)}");
                    }
                }
                catch (Exception ex) when (ex is InvalidOperationException or DbUpdateException)
                {
                    failures.Add($"{row.Name} as {role} on the {target} case: {ex.Message}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {checks} checks failed:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
        Assert.Equal(rows.Count * Enum.GetValues<Target>().Length, checks);
    }

    /// <summary>A fresh case (with an action) for the target, so that a save or a granted emergency access changes no other check.</summary>
    private async Task<Probe> ProbeAsync(string email, Target target)
    {
        var area = target is Target.Outside or Target.HandedOverToSspPlus ? OutsideArea : Area;
        var (caseId, actionId) = await App.NewCaseAsync(area, target == Target.OwnGroup ? CaseLevel.WorryingBehaviour : CaseLevel.RepeatedSeriousCrime);
        int? receivedBy = target == Target.HandedOverToSspPlus ? await App.HandOverInDatabaseAsync(caseId) : null;
        await using var db = App.CreateDbContext();
        var person = await db.Cases.Where(c => c.Id == caseId).Join(db.YoungPersons, c => c.YoungPersonId, p => p.Id, (c, p) => new { p.FullName, p.DateOfBirth, c.CoordinationGroupId })
            .SingleAsync();
        var groupName = await db.Groups.Where(g => g.Id == person.CoordinationGroupId).Select(g => g.Name).SingleAsync();
        return new Probe(email, caseId, actionId, area, person.FullName, person.DateOfBirth, person.CoordinationGroupId, groupName, receivedBy);
    }

    private async Task<RegisterCaseInput> RegisterInputAsync(string area)
    {
        await using var db = App.CreateDbContext();
        return new RegisterCaseInput
        {
            FullName = $"Matrix {Guid.NewGuid().ToString("N")[..8]}", DateOfBirth = new DateOnly(2012, 5, 1),
            LocalAreaId = await db.LocalAreas.Where(a => a.Name == area).Select(a => a.Id).SingleAsync(),
            Level = CaseLevel.WorryingBehaviour, Source = CaseSource.School,
            RaisedByPartyId = await db.Parties.Where(p => p.Code == "BUF").Select(p => p.Id).SingleAsync(),
            Concern = "Meget fravær.", RaisedOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)),
        };
    }

    /// <summary>The user's koordinationsgrupper and the groups under their ledergrupper, from the memberships in the database (not through CaseAccess).</summary>
    private async Task<(IReadOnlySet<int> Member, IReadOnlySet<int> Review)> ScopeAsync(string userId)
    {
        await using var db = App.CreateDbContext();
        if (!await db.Users.Where(u => u.Id == userId).Select(u => u.IsAuthorityPerson).SingleAsync())
        {
            return (new HashSet<int>(), new HashSet<int>());
        }

        var groups = await db.GroupMemberships.Where(m => m.UserId == userId).Join(db.Groups, m => m.GroupId, g => g.Id, (m, g) => new { g.Id, g.Kind }).ToListAsync();
        var member = groups.Where(g => g.Kind is GroupKind.CoordinationGroup or GroupKind.SspPlusCoordinationGroup).Select(g => g.Id).ToHashSet();
        var leaders = groups.Where(g => g.Kind is GroupKind.LeaderGroup or GroupKind.SspPlusLeaderGroup).Select(g => g.Id).ToList();
        var review = (await db.Groups.Where(g => g.ParentGroupId != null && leaders.Contains(g.ParentGroupId.Value)).Select(g => g.Id).ToListAsync()).ToHashSet();
        return (member, review);
    }
}

public sealed class CaseActionMatrixTestsSqlite(SqliteApp fixture) : CaseActionMatrixTests(fixture), IClassFixture<SqliteApp>;

public sealed class CaseActionMatrixTestsPostgres(PostgresApp fixture) : CaseActionMatrixTests(fixture), IClassFixture<PostgresApp>;
