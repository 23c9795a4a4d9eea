using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Cases;
using SspKbh.Domain.Consents;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Features.Consents;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// Hostile input to the consent register, at the service where the case page's consent dialog and withdraw button end
/// (the HTTP walker of HostileInputTests used to post these to the static consent page's forms; a circuit can send the
/// same values): forged and out-of-range choices, recipients that do not exist, oversized and odd keys, impossible
/// dates, forged stamps, consents of other young people, and cases outside the user's scope. Never an exception, a
/// Danish message (or a refusal the page shows as its Danish status message), nothing saved.
/// </summary>
public abstract class ConsentRegisterHostileInputTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private const string Secretary = "sekretaer@sspkbh.dk";
    private const string Script = "<script>alert(1)</script>";
    private const string Sql = "'; DROP TABLE Consents; --";
    private static readonly string Megabyte = new('x', 1_048_576);
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>The records a hostile call is aimed at or forges.</summary>
    private sealed record Target(
        int CaseId, int OtherCaseId, int OutsideCaseId, int Holder, int OtherPersonsHolder, int ConsentId, string ConsentStamp,
        int OtherPersonsConsentId, int OutsideConsentId, int WithdrawnConsentId, string WithdrawnStamp, DateOnly Today, int InactiveParty);

    private delegate Task<(LookupOutcome Outcome, ServiceResult Result)> Call(ConsentRegister register, ClaimsPrincipal user, Target t);

    private sealed record Attack(string Method, string Payload, Call Call);

    private static Attack Record(string payload, Action<ConsentInput, Target> forge) =>
        new(nameof(ConsentRegister.RecordAsync), payload, (r, u, t) =>
        {
            var input = new ConsentInput
            {
                GivenBy = ConsentGiver.CustodyHolder, CustodyHolderId = t.Holder, IncludeIdentity = true, Purpose = ConsentPurpose.JointEffort,
                GivenOn = t.Today, ExpiresOn = t.Today.AddMonths(6),
            };
            forge(input, t);
            return r.RecordAsync(t.CaseId, input, u, None);
        });

    private static Attack Withdraw(string payload, Func<Target, (int ConsentId, string? Stamp)> target) =>
        new(nameof(ConsentRegister.WithdrawAsync), payload, (r, u, t) =>
        {
            var (consentId, stamp) = target(t);
            return r.WithdrawAsync(t.CaseId, consentId, stamp, u, None);
        });

    private static string Key(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Every hostile call, by the ConsentRegister method it goes to. Each would otherwise be a valid consent for the BOLIG party.</summary>
    private static IEnumerable<Attack> Attacks(int bolig) =>
    [
        Record("no giver", (i, _) => { i.GivenBy = null; i.Parties[Key(bolig)] = true; }),
        Record("giver 99", (i, _) => { i.GivenBy = (ConsentGiver)99; i.Parties[Key(bolig)] = true; }),
        Record("giver 0", (i, _) => { i.GivenBy = 0; i.Parties[Key(bolig)] = true; }),
        Record("custody holder without a holder", (i, _) => { i.CustodyHolderId = null; i.Parties[Key(bolig)] = true; }),
        Record("holder of another young person", (i, t) => { i.CustodyHolderId = t.OtherPersonsHolder; i.Parties[Key(bolig)] = true; }),
        Record("unknown holder", (i, _) => { i.CustodyHolderId = 999_999; i.Parties[Key(bolig)] = true; }),
        Record("no purpose", (i, _) => { i.Purpose = null; i.Parties[Key(bolig)] = true; }),
        Record("purpose 99", (i, _) => { i.Purpose = (ConsentPurpose)99; i.Parties[Key(bolig)] = true; }),
        Record("purpose -1", (i, _) => { i.Purpose = (ConsentPurpose)(-1); i.Parties[Key(bolig)] = true; }),
        Record("no information", (i, _) => { i.IncludeIdentity = false; i.IncludeGoalsAndActions = false; i.Parties[Key(bolig)] = true; }),
        Record("no recipient", (i, _) => i.Parties[Key(bolig)] = false),
        Record("unknown party", (i, _) => i.Parties["999999"] = true),
        Record("inactive party", (i, t) => i.Parties[Key(t.InactiveParty)] = true),
        Record("party key SQL", (i, _) => { i.Parties[Key(bolig)] = true; i.Parties[Sql] = true; }),
        Record("party key script", (i, _) => { i.Parties[Key(bolig)] = true; i.Parties[Script] = true; }),
        Record("party key 1 MB", (i, _) => { i.Parties[Key(bolig)] = true; i.Parties[Megabyte] = true; }),
        Record("party key -1", (i, _) => { i.Parties[Key(bolig)] = true; i.Parties["-1"] = true; }),
        Record("5000 parties", (i, _) =>
        {
            i.Parties[Key(bolig)] = true;
            foreach (var n in Enumerable.Range(1_000_000, 5000))
            {
                i.Parties[Key(n)] = true;
            }
        }),
        Record("unknown person", (i, _) => i.Persons[Guid.NewGuid().ToString()] = true),
        Record("person key SQL", (i, _) => { i.Parties[Key(bolig)] = true; i.Persons[Sql] = true; }),
        Record("person key 1 MB", (i, _) => { i.Parties[Key(bolig)] = true; i.Persons[Megabyte] = true; }),
        Record("person key empty", (i, _) => { i.Parties[Key(bolig)] = true; i.Persons[""] = true; }),
        Record("no given date", (i, _) => { i.GivenOn = null; i.Parties[Key(bolig)] = true; }),
        Record("no expiry date", (i, _) => { i.ExpiresOn = null; i.Parties[Key(bolig)] = true; }),
        Record("expires before given", (i, t) => { i.GivenOn = t.Today.AddDays(-10); i.ExpiresOn = t.Today.AddDays(-20); i.Parties[Key(bolig)] = true; }),
        Record("given in the future", (i, t) => { i.GivenOn = t.Today.AddDays(1); i.ExpiresOn = t.Today.AddMonths(2); i.Parties[Key(bolig)] = true; }),
        Record("given and expires 9999-12-31", (i, _) => { i.GivenOn = DateOnly.MaxValue; i.ExpiresOn = DateOnly.MaxValue; i.Parties[Key(bolig)] = true; }),
        Record("expires 9999-12-31", (i, _) => { i.ExpiresOn = DateOnly.MaxValue; i.Parties[Key(bolig)] = true; }),
        Record("given 0001-01-01", (i, _) => { i.GivenOn = DateOnly.MinValue; i.Parties[Key(bolig)] = true; }),
        Record("longer than 24 months", (i, t) => { i.ExpiresOn = t.Today.AddMonths(25); i.Parties[Key(bolig)] = true; }),
        Record("already expired", (i, t) => { i.GivenOn = t.Today.AddMonths(-3); i.ExpiresOn = t.Today.AddDays(-1); i.Parties[Key(bolig)] = true; }),

        Withdraw("forged stamp", t => (t.ConsentId, Guid.NewGuid().ToString("N"))),
        Withdraw("no stamp", t => (t.ConsentId, null)),
        Withdraw("1 MB stamp", t => (t.ConsentId, Megabyte)),
        Withdraw("SQL stamp", t => (t.ConsentId, Sql)),
        Withdraw("unknown consent", t => (999_999, t.ConsentStamp)),
        Withdraw("consent of another young person in scope", t => (t.OtherPersonsConsentId, t.ConsentStamp)),
        Withdraw("consent of a young person outside scope", t => (t.OutsideConsentId, t.ConsentStamp)),
        Withdraw("already withdrawn", t => (t.WithdrawnConsentId, t.WithdrawnStamp)),
    ];

    private async Task<int> PartyAsync(string code)
    {
        await using var db = App.CreateDbContext();
        return await db.Parties.Where(p => p.Code == code).Select(p => p.Id).SingleAsync();
    }

    private async Task<Target> TargetAsync()
    {
        var (caseId, _) = await App.NewCaseAsync("Amager Øst");
        var (otherCaseId, _) = await App.NewCaseAsync("Amager Øst");
        var (outside, _) = await App.NewCaseAsync("Valby");
        var (consentId, stamp) = await App.NewConsentAsync(caseId);
        var (withdrawnId, withdrawnStamp) = await App.NewConsentAsync(caseId);
        var (otherConsent, _) = await App.NewConsentAsync(otherCaseId);
        var (outsideConsent, _) = await App.NewConsentAsync(outside);
        await using var db = App.CreateDbContext();
        var withdrawn = await db.Consents.SingleAsync(c => c.Id == withdrawnId);
        withdrawn.Withdraw(DanishTime.Today(App.Clock), await App.UserIdAsync(Secretary));
        var inactive = new SspKbh.Domain.Organisation.Party { Code = "X" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant(), Name = "Nedlagt part", IsActive = false };
        db.Parties.Add(inactive);
        var personOf = await db.Cases.Where(c => c.Id == caseId || c.Id == otherCaseId).ToDictionaryAsync(c => c.Id, c => c.YoungPersonId);
        var holder = new CustodyHolder { YoungPersonId = personOf[caseId], FullName = "Mor Testesen" };
        var otherHolder = new CustodyHolder { YoungPersonId = personOf[otherCaseId], FullName = "Far Andersen" };
        db.CustodyHolders.AddRange(holder, otherHolder);
        await db.SaveChangesAsync();
        return new Target(caseId, otherCaseId, outside, holder.Id, otherHolder.Id, consentId, stamp, otherConsent, outsideConsent, withdrawnId, withdrawn.ConcurrencyStamp,
            DanishTime.Today(App.Clock), inactive.Id);
    }

    private Task<(LookupOutcome Outcome, ServiceResult Result)> AsSecretaryAsync(Func<ConsentRegister, ClaimsPrincipal, Task<(LookupOutcome, ServiceResult)>> call) =>
        App.AsUserAsync(Secretary, call);

    public static TheoryData<string> Methods() => new(Attacks(0).Select(a => a.Method).Distinct());

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Hostile_values_are_refused_with_a_danish_message_and_save_nothing(string method)
    {
        var t = await TargetAsync();
        var problems = new List<string>();
        foreach (var attack in Attacks(await PartyAsync("BOLIG")).Where(a => a.Method == method))
        {
            var name = $"{attack.Method}: {attack.Payload}";
            var before = await App.CaseDataSnapshotAsync();
            (LookupOutcome Outcome, ServiceResult Result) answer;
            try
            {
                answer = await AsSecretaryAsync((register, user) => attack.Call(register, user, t));
            }
            catch (Exception ex)
            {
                problems.Add($"{name} threw {ex.GetType().Name}: {ex.Message[..Math.Min(ex.Message.Length, 200)]}");
                continue;
            }

            var (outcome, result) = answer;
            var messages = result.FieldErrors.Values.SelectMany(m => m).Concat(result.GeneralErrors).ToList();
            if (outcome == LookupOutcome.Found && result.Succeeded)
            {
                problems.Add($"{name} was accepted");
            }
            else if (await App.CaseDataSnapshotAsync() is var after && after != before)
            {
                problems.Add($"{name} was refused but saved something: {before} -> {after}");
            }
            else if (outcome == LookupOutcome.Found && (messages.Count == 0 || !messages.All(AppTexts.IsDanishText)))
            {
                problems.Add($"{name} was refused without a Danish message: {string.Join(" | ", messages.Select(m => m[..Math.Min(m.Length, 200)]))}");
            }
        }

        Assert.True(problems.Count == 0, $"{problems.Count} problems:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
        await using var db = App.CreateDbContext();
        Assert.Null(await db.Consents.Where(c => c.Id == t.ConsentId).Select(c => c.WithdrawnOn).SingleAsync());
    }

    [Fact]
    public async Task Recording_or_withdrawing_on_a_case_outside_scope_or_unknown_is_refused_audited_and_saves_nothing()
    {
        var t = await TargetAsync();
        var secretaryId = await App.UserIdAsync(Secretary);
        var input = await App.ValidConsentInputAsync();
        var (outsideConsent, outsideStamp) = await App.NewConsentAsync(t.OutsideCaseId);
        var calls = new Dictionary<string, (string Audited, Func<int, Call>)>(StringComparer.Ordinal)
        {
            [nameof(ConsentRegister.RecordAsync)] = ("consent.create", caseId => (r, u, _) => r.RecordAsync(caseId, input, u, None)),
            [nameof(ConsentRegister.WithdrawAsync)] = ("consent.withdraw", caseId => (r, u, _) => r.WithdrawAsync(caseId, outsideConsent, outsideStamp, u, None)),
            [nameof(ConsentRegister.FormOptionsAsync)] = ("consent.view", caseId => async (r, u, _) => ((await r.FormOptionsAsync(caseId, u, None)).Outcome, new ServiceResult())),
        };
        var problems = new List<string>();
        foreach (var (method, (audited, call)) in calls)
        {
            problems.AddRange(await App.RefusalProblemsAsync(method, secretaryId, audited,
                async () => (await AsSecretaryAsync((r, u) => call(t.OutsideCaseId)(r, u, t))).Outcome, async () => (await AsSecretaryAsync((r, u) => call(999_999)(r, u, t))).Outcome));
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        // The list of calls cannot miss a case action of the register that is added later.
        Assert.Equal(typeof(ConsentRegister).GetMethods().Where(m => m.DeclaringType == typeof(ConsentRegister) && m.GetParameters().FirstOrDefault()?.Name == "caseId")
            .Select(m => m.Name).Order(), calls.Keys.Order());
    }
}

public sealed class ConsentRegisterHostileInputTestsSqlite(SqliteApp fixture) : ConsentRegisterHostileInputTests(fixture), IClassFixture<SqliteApp>;

public sealed class ConsentRegisterHostileInputTestsPostgres(PostgresApp fixture) : ConsentRegisterHostileInputTests(fixture), IClassFixture<PostgresApp>;
