using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SspKbh.Domain.Cases;
using SspKbh.Web.Audit;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// Registration at the service layer, where the interactive page's saves and searches end: the lead per
/// level, who may register at all (the role checks that the form posts of the authorization matrix used to
/// make), the search for a known young person (only within the user's scope, audited), and the hostile
/// values the HTTP walker of HostileInputTests used to post to the static form (oversized, script, SQL,
/// wrong types, forged ids): never an exception, nothing saved from an invalid value.
/// </summary>
public abstract class CaseRegisterServiceTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private const string Secretary = "sekretaer@sspkbh.dk";

    private static string Unique(string name) => $"{name} {Guid.NewGuid().ToString("N")[..8]}";

    private async Task<RegisterCaseInput> InputAsync(string name, CaseLevel level = CaseLevel.WorryingBehaviour)
    {
        await using var db = App.CreateDbContext();
        return new RegisterCaseInput
        {
            FullName = name, DateOfBirth = new DateOnly(2012, 5, 1),
            LocalAreaId = await db.LocalAreas.Where(a => a.Name == "Amager Øst").Select(a => a.Id).SingleAsync(),
            Level = level, Source = CaseSource.School,
            RaisedByPartyId = await db.Parties.Where(p => p.Code == "BUF").Select(p => p.Id).SingleAsync(),
            Concern = "Meget fravær og sene aftener.", RaisedOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)),
        };
    }

    private Task<RegistrationOutcome> RegisterAsync(RegisterCaseInput input, string email = Secretary) =>
        App.WithScopeAsync(async services => await services.GetRequiredService<CaseRegistrationService>()
            .RegisterAsync(input, await AppHelpers.PrincipalAsync(services, email), CancellationToken.None));

    private Task<List<PersonMatch>> SearchAsync(string term, string email = Secretary) =>
        App.WithScopeAsync(async services => await services.GetRequiredService<KnownPeople>()
            .SearchKnownPeopleAsync(term, await AppHelpers.PrincipalAsync(services, email), CancellationToken.None));

    /// <summary>Rows of the tables a registration writes, and the number of recorded creations: equal means nothing was saved.</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var db = App.CreateDbContext();
        var created = await db.AuditEntries.CountAsync(a => a.Action == AuditActions.CaseCreated || a.Action == AuditActions.PersonCreated);
        return $"cases={await db.Cases.CountAsync()} people={await db.YoungPersons.CountAsync()} custody={await db.CustodyHolders.CountAsync()} created={created}";
    }

    private async Task<(string Party, string? LeadUser)> LeadOfAsync(string caseId)
    {
        await using var db = App.CreateDbContext();
        var c = await db.Cases.SingleAsync(x => x.Id == int.Parse(caseId, CultureInfo.InvariantCulture));
        return (await db.Parties.Where(p => p.Id == c.LeadPartyId).Select(p => p.Code).SingleAsync(), c.LeadUserId);
    }

    private static void FillLevelForm(RegisterCaseInput input)
    {
        input.FormOffenceSituation = "Røveri";
        input.FormSchool = "Fravær";
        input.FormLeisure = "Ingen";
        input.FormHome = "Mor alene";
        input.FormNetwork = "Ældre venner";
        input.FormTriedSoFar = "Samtale";
    }

    [Fact]
    public async Task The_lead_follows_the_level_and_levels_3_and_4_need_the_form()
    {
        var lead = await App.UserIdAsync(Secretary);
        await using var db = App.CreateDbContext();
        var police = await db.Parties.Where(p => p.Code == "POL").Select(p => p.Id).SingleAsync();
        var buf = await db.Parties.Where(p => p.Code == "BUF").Select(p => p.Id).SingleAsync();

        // Level 1: BUF by default, no named lead needed.
        var (level1, _) = await RegisterAsync(await InputAsync(Unique("Niveau et")));
        Assert.True(level1.Succeeded);
        Assert.Equal(("BUF", (string?)null), await LeadOfAsync(level1.CreatedId!));

        // Level 1 with another party and a reason: that party.
        var overridden = await InputAsync(Unique("Politi leder"));
        overridden.LeadPartyId = police;
        overridden.LeadOverrideReason = "Politiet kender familien";
        var (withReason, _) = await RegisterAsync(overridden);
        Assert.True(withReason.Succeeded);
        Assert.Equal("POL", (await LeadOfAsync(withReason.CreatedId!)).Party);

        // Level 2: SOF by default, and a named lead is required.
        var (level2Unnamed, _) = await RegisterAsync(await InputAsync(Unique("Niveau to"), CaseLevel.FirstTimeCrime));
        Assert.Equal([Texts.Error_LeadPersonRequired], level2Unnamed.FieldErrors[nameof(RegisterCaseInput.LeadUserId)]);
        var level2 = await InputAsync(Unique("Niveau to"), CaseLevel.FirstTimeCrime);
        level2.LeadUserId = lead;
        var (level2Named, _) = await RegisterAsync(level2);
        Assert.True(level2Named.Succeeded);
        Assert.Equal(("SOF", lead), await LeadOfAsync(level2Named.CreatedId!));

        // Level 3: every field of the form, and SOF is the lead whatever else is chosen.
        var level3 = await InputAsync(Unique("Niveau tre"), CaseLevel.RepeatedSeriousCrime);
        level3.LeadUserId = lead;
        level3.FormSchool = "Fravær";
        var (missing, _) = await RegisterAsync(level3);
        foreach (var field in new[] { "OffenceSituation", "Leisure", "Home", "Network", "TriedSoFar" })
        {
            Assert.Equal([CaseTexts.FormFieldRequired(field)], missing.FieldErrors["Form" + field]);
        }

        Assert.False(missing.FieldErrors.ContainsKey(nameof(RegisterCaseInput.FormSchool)));
        FillLevelForm(level3);
        level3.LeadPartyId = buf;
        level3.LeadOverrideReason = "Skolen kender ham bedst";
        var (fixedLead, _) = await RegisterAsync(level3);
        Assert.Equal([Texts.Error_LeadFixedAtLevel], fixedLead.FieldErrors[nameof(RegisterCaseInput.LeadPartyId)]);
        level3.LeadPartyId = null;
        level3.LeadOverrideReason = null;
        var (level3Saved, _) = await RegisterAsync(level3);
        Assert.True(level3Saved.Succeeded);
        Assert.Equal(("SOF", lead), await LeadOfAsync(level3Saved.CreatedId!));

        // Level 4: the same, and the case goes to the leader group.
        var level4 = await InputAsync(Unique("Niveau fire"), CaseLevel.CrimeDangerousToPersons);
        level4.LeadUserId = lead;
        FillLevelForm(level4);
        var (level4Saved, _) = await RegisterAsync(level4);
        Assert.True(level4Saved.Succeeded);
        Assert.Equal(("SOF", lead), await LeadOfAsync(level4Saved.CreatedId!));
        await using var check = App.CreateDbContext();
        var saved = await check.Cases.SingleAsync(c => c.Id == int.Parse(level4Saved.CreatedId!, CultureInfo.InvariantCulture));
        Assert.True(saved.FlaggedForLeaderGroup);
        Assert.Equal("Røveri", saved.Form!.OffenceSituation);
    }

    [Theory]
    [InlineData("admin@sspkbh.dk")]
    [InlineData("leder@sspkbh.dk")]
    [InlineData("ikke-myndighed@sspkbh.dk")]
    [InlineData("statistik@sspkbh.dk")]
    public async Task Only_a_member_of_the_areas_koordinationsgruppe_registers_there(string email)
    {
        // These users have no koordinationsgruppe (the matrix row: 'egen gruppe' with none, or 'nej').
        var before = await SnapshotAsync();

        var (refused, _) = await RegisterAsync(await InputAsync(Unique("Uden gruppe")), email);

        Assert.Equal([Texts.Case_Validation_NotYourGroup], refused.FieldErrors[nameof(RegisterCaseInput.LocalAreaId)]);
        Assert.Equal(before, await SnapshotAsync());
        Assert.Empty(await App.WithScopeAsync(async services => await services.GetRequiredService<CaseRegistrationService>()
            .RegistrableAreasAsync(await AppHelpers.PrincipalAsync(services, email), CancellationToken.None)));
    }

    [Fact]
    public async Task A_member_registers_only_in_her_own_groups_areas()
    {
        await using var db = App.CreateDbContext();
        var before = await SnapshotAsync();
        var valby = await InputAsync(Unique("Valby"));
        valby.LocalAreaId = await db.LocalAreas.Where(a => a.Name == "Valby").Select(a => a.Id).SingleAsync();

        var (refused, _) = await RegisterAsync(valby);

        Assert.Equal([Texts.Case_Validation_NotYourGroup], refused.FieldErrors[nameof(RegisterCaseInput.LocalAreaId)]);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task The_search_offers_only_young_people_in_the_users_scope_and_is_audited()
    {
        // Yusuf Amin (Amager Øst) is in the secretary's group; Elias Madsen (Valby) and Sara Jensen (Ørestad, Amager Vest) are not.
        var byName = await SearchAsync("yusuf");
        var yusuf = Assert.Single(byName, m => m.FullName == "Yusuf Amin");
        Assert.Equal(new DateOnly(2012, 6, 14), yusuf.DateOfBirth);
        Assert.Contains(await SearchAsync("1406124"), m => m.FullName == "Yusuf Amin");
        Assert.Contains(await SearchAsync("140612-4117"), m => m.FullName == "Yusuf Amin" && m.SameCpr);

        Assert.Empty(await SearchAsync("Elias Madsen"));
        Assert.Empty(await SearchAsync("Sara Jensen"));
        Assert.Contains(await SearchAsync("Sara Jensen", "myndighed@sspkbh.dk"), m => m.FullName == "Sara Jensen");
        foreach (var outsider in new[] { "admin@sspkbh.dk", "ikke-myndighed@sspkbh.dk", "statistik@sspkbh.dk" })
        {
            Assert.Empty(await SearchAsync("Yusuf", outsider));
        }

        // Too short, too long or hostile terms find nobody and throw nothing.
        Assert.Empty(await SearchAsync("y"));
        Assert.Empty(await SearchAsync(new string('x', 1_000_000)));
        // Script and SQL are only text to look for: whatever comes back has that text in the name (another test may register such a name).
        foreach (var hostile in new[] { "'; DROP TABLE \"YoungPersons\"; --", "<script>alert(1)</script>" })
        {
            Assert.All(await SearchAsync(hostile), m => Assert.Contains(hostile, m.FullName, StringComparison.OrdinalIgnoreCase));
        }

        Assert.Contains(await SearchAsync("yusuf"), m => m.FullName == "Yusuf Amin");

        var secretaryId = await App.UserIdAsync(Secretary);
        var yusufId = yusuf.Id.ToString(CultureInfo.InvariantCulture);
        var audit = await App.AuditEntriesAsync(a => a.Action == AuditActions.PersonSearch && a.UserId == secretaryId && a.Purpose == "case-registration");
        Assert.Contains(audit, a => a.ListedIds.Contains(yusufId) && a.Details!.Contains("by=name", StringComparison.Ordinal));
        Assert.Contains(audit, a => a.Details!.Contains("by=cpr; terms=140612-xxxx", StringComparison.Ordinal));
        Assert.DoesNotContain(audit, a => (a.Details ?? "").Contains("4117", StringComparison.Ordinal));
    }

    /// <summary>A young person with a case only in Valby's koordinationsgruppe, where no demo user is a member.</summary>
    private async Task<(int Id, string Name, DateOnly BirthDate)> PersonOutsideScopeAsync()
    {
        await using var db = App.CreateDbContext();
        var area = await db.LocalAreas.Where(a => a.Name == "Valby").SingleAsync();
        var buf = await db.Parties.Where(p => p.Code == "BUF").Select(p => p.Id).SingleAsync();
        var person = new YoungPerson { DateOfBirth = new DateOnly(2011, 2, 3), LocalAreaId = area.Id, CreatedAtUtc = DateTime.UtcNow };
        person.SetName(Unique("Valby Dreng"));
        db.YoungPersons.Add(person);
        await db.SaveChangesAsync();
        db.Cases.Add(SspCase.Register($"T-{Guid.NewGuid().ToString("N")[..8]}", person.Id, area.CoordinationGroupId!.Value, CaseLevel.WorryingBehaviour, CaseSource.School, buf, null,
            DateOnly.FromDateTime(DateTime.UtcNow), "Test", buf, null, null, null, "test", DateTime.UtcNow));
        await db.SaveChangesAsync();
        return (person.Id, person.FullName, person.DateOfBirth);
    }

    [Fact]
    public async Task A_chosen_person_outside_the_scope_or_unknown_is_refused()
    {
        var outside = await PersonOutsideScopeAsync();
        Assert.Empty(await SearchAsync(outside.Name));
        var before = await SnapshotAsync();

        foreach (var forged in new[] { outside.Id, 999_999 })
        {
            var input = await InputAsync(Unique("Forfalsket"));
            input.ExistingPersonId = forged;
            var (refused, _) = await RegisterAsync(input);
            Assert.Equal([Texts.Case_Validation_PersonNotFound], refused.FieldErrors[nameof(RegisterCaseInput.ExistingPersonId)]);
        }

        Assert.Equal(before, await SnapshotAsync());

        // Offered by the duplicate check (her typed name and date of birth match), a person known elsewhere may be chosen.
        var known = await InputAsync(outside.Name);
        known.DateOfBirth = outside.BirthDate;
        var (offered, matches) = await RegisterAsync(known);
        Assert.False(offered.Succeeded);
        var match = Assert.Single(matches, m => m.Id == outside.Id);
        Assert.False(match.HasCaseInScope);
        // Her open case in Valby is named by its group only: the secretary may not open it.
        var elsewhere = Assert.Single(match.OpenCases);
        Assert.Null(elsewhere.CaseId);
        Assert.Null(elsewhere.CaseNumber);
        Assert.Equal("Koordinationsgruppe Valby og Vesterbro", elsewhere.GroupName);
        known.ExistingPersonId = outside.Id;
        var withoutReason = await RegisterAsync(known);
        Assert.True(withoutReason.Result.FieldErrors.ContainsKey(nameof(RegisterCaseInput.SecondCaseReason)));
        known.SecondCaseReason = "Hun er flyttet til Amager Øst; Valby lukker deres sag.";
        var (chosen, _) = await RegisterAsync(known);
        Assert.True(chosen.Succeeded, string.Join("; ", chosen.FieldErrors.SelectMany(f => f.Value)));
    }

    private Task<CaseView> ViewAsync(string caseId) =>
        App.WithScopeAsync(async services => (await services.GetRequiredService<CaseService>()
            .GetAsync(int.Parse(caseId, CultureInfo.InvariantCulture), await AppHelpers.PrincipalAsync(services, Secretary), CancellationToken.None)).View!);

    [Fact]
    public async Task A_known_person_with_an_open_case_is_offered_that_case_and_a_case_more_needs_a_reason_that_is_kept()
    {
        var name = Unique("Parallel");
        var (first, _) = await RegisterAsync(await InputAsync(name));
        Assert.True(first.Succeeded);
        var firstId = int.Parse(first.CreatedId!, CultureInfo.InvariantCulture);

        // The search already says the person has an open case, and which.
        var found = Assert.Single(await SearchAsync(name));
        var offered = Assert.Single(found.OpenCases);
        Assert.Equal(firstId, offered.CaseId);

        // Choosing her with no reason saves nothing and offers the open case.
        var before = await SnapshotAsync();
        var again = await InputAsync(name);
        again.ExistingPersonId = found.Id;
        var refused = await RegisterAsync(again);
        Assert.False(refused.Result.Succeeded);
        Assert.Equal([string.Format(CultureInfo.CurrentCulture, Texts.Case_Validation_OpenCaseExists, name)], refused.Result.FieldErrors[nameof(RegisterCaseInput.SecondCaseReason)]);
        Assert.Equal(firstId, Assert.Single(refused.OpenCases).CaseId);
        Assert.Equal(before, await SnapshotAsync());

        // With a reason the case is made; the reason is its first journal note, and each case shows the other.
        const string reason = "Politiet beder om en særskilt sag for den nye anmeldelse.";
        again.SecondCaseReason = reason;
        var (second, _) = await RegisterAsync(again);
        Assert.True(second.Succeeded, string.Join("; ", second.FieldErrors.SelectMany(f => f.Value)));
        var secondView = await ViewAsync(second.CreatedId!);
        var firstView = await ViewAsync(first.CreatedId!);
        var note = Assert.Single(secondView.Notes);
        Assert.Contains(firstView.CaseNumber, note.Text, StringComparison.Ordinal);
        Assert.Contains(reason, note.Text, StringComparison.Ordinal);
        Assert.Equal(firstId, Assert.Single(secondView.OtherOpenCases).CaseId);
        Assert.Equal(secondView.Id, Assert.Single(firstView.OtherOpenCases).CaseId);
        await using var db = App.CreateDbContext();
        Assert.Equal(1, await db.YoungPersons.CountAsync(p => p.FullName == name));
        var created = await db.AuditEntries.Where(a => a.Action == AuditActions.CaseCreated && a.SubjectId == second.CreatedId).SingleAsync();
        Assert.Contains("beside-open-cases=1", created.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_name_with_a_birth_date_within_a_year_is_a_possible_duplicate_and_another_person_needs_confirming()
    {
        var name = Unique("Tvivl");
        var cpr = "010512-4" + Random.Shared.Next(100, 1000).ToString(CultureInfo.InvariantCulture);
        var original = await InputAsync(name);
        original.Cpr = cpr;
        var (first, _) = await RegisterAsync(original);
        Assert.True(first.Succeeded, string.Join("; ", first.FieldErrors.SelectMany(f => f.Value)));

        // Five months apart: flagged, nothing saved, the known person offered.
        var before = await SnapshotAsync();
        var near = await InputAsync(name);
        near.DateOfBirth = new DateOnly(2012, 10, 1);
        var flagged = await RegisterAsync(near);
        Assert.Equal([Texts.Case_Validation_PossibleDuplicate], flagged.Result.FieldErrors[nameof(RegisterCaseInput.FullName)]);
        var match = Assert.Single(flagged.Matches);
        Assert.Equal(new DateOnly(2012, 5, 1), match.DateOfBirth);
        Assert.Single(match.OpenCases);
        Assert.Equal(before, await SnapshotAsync());

        // The secretary says it is another young person: a new person and case.
        near.NewPersonConfirmed = true;
        var (confirmed, _) = await RegisterAsync(near);
        Assert.True(confirmed.Succeeded, string.Join("; ", confirmed.FieldErrors.SelectMany(f => f.Value)));
        await using (var db = App.CreateDbContext())
        {
            Assert.Equal(2, await db.YoungPersons.CountAsync(p => p.FullName == name));
        }

        // More than a year apart is not flagged.
        var far = await InputAsync(name);
        far.DateOfBirth = new DateOnly(2013, 11, 1);
        var (other, farMatches) = await RegisterAsync(far);
        Assert.True(other.Succeeded);
        Assert.Empty(farMatches);

        // A CPR number that exists is never given to a second person, confirmed or not.
        var sameCpr = await InputAsync(Unique("Andet navn"));
        sameCpr.Cpr = cpr;
        sameCpr.NewPersonConfirmed = true;
        var beforeCpr = await SnapshotAsync();
        var (refused, cprMatches) = await RegisterAsync(sameCpr);
        Assert.Equal([Texts.Case_Validation_PersonExists], refused.FieldErrors[nameof(RegisterCaseInput.Cpr)]);
        Assert.True(Assert.Single(cprMatches).SameCpr);
        Assert.Equal(beforeCpr, await SnapshotAsync());
    }

    /// <summary>The fields of the form with the validator's length limit, as the page's MaxLength has them.</summary>
    public static TheoryData<string, int> TextFields() => new()
    {
        { nameof(RegisterCaseInput.FullName), 200 }, { nameof(RegisterCaseInput.Cpr), 11 }, { nameof(RegisterCaseInput.Address), 300 },
        { nameof(RegisterCaseInput.School), 200 }, { nameof(RegisterCaseInput.Club), 200 },
        { nameof(RegisterCaseInput.Custody1Name), 200 }, { nameof(RegisterCaseInput.Custody1Relation), 100 }, { nameof(RegisterCaseInput.Custody1Phone), 50 },
        { nameof(RegisterCaseInput.Custody1Email), 256 }, { nameof(RegisterCaseInput.Custody2Name), 200 }, { nameof(RegisterCaseInput.Custody2Relation), 100 },
        { nameof(RegisterCaseInput.Custody2Phone), 50 }, { nameof(RegisterCaseInput.Custody2Email), 256 },
        { nameof(RegisterCaseInput.RaisedByName), 200 }, { nameof(RegisterCaseInput.Concern), 4000 }, { nameof(RegisterCaseInput.LeadOverrideReason), 1000 },
        { nameof(RegisterCaseInput.FormOffenceSituation), 4000 }, { nameof(RegisterCaseInput.FormSchool), 4000 }, { nameof(RegisterCaseInput.FormLeisure), 4000 },
        { nameof(RegisterCaseInput.FormHome), 4000 }, { nameof(RegisterCaseInput.FormNetwork), 4000 }, { nameof(RegisterCaseInput.FormTriedSoFar), 4000 },
    };

    [Theory]
    [MemberData(nameof(TextFields))]
    public async Task Oversized_text_in_any_field_is_refused_with_a_danish_message_and_saves_nothing(string field, int max)
    {
        var property = typeof(RegisterCaseInput).GetProperty(field)!;
        foreach (var value in new[] { new string('y', max + 1), new string('x', 1_000_000) })
        {
            var input = await InputAsync(Unique("For lang"));
            property.SetValue(input, value);
            var before = await SnapshotAsync();

            var (result, _) = await RegisterAsync(input);

            Assert.False(result.Succeeded, $"{field} with {value.Length} characters was accepted");
            Assert.NotEmpty(result.FieldErrors[field]);
            Assert.All(result.FieldErrors[field], m => Assert.DoesNotContain("must", m, StringComparison.Ordinal));
            Assert.Equal(before, await SnapshotAsync());
        }
    }

    [Fact]
    public async Task Values_no_form_offers_are_refused_and_save_nothing()
    {
        var statistics = await App.UserIdAsync("statistik@sspkbh.dk");
        var cases = new (string Field, Action<RegisterCaseInput> Forge)[]
        {
            (nameof(RegisterCaseInput.Level), i => i.Level = (CaseLevel)99),
            (nameof(RegisterCaseInput.Level), i => i.Level = (CaseLevel)(-1)),
            (nameof(RegisterCaseInput.Level), i => i.Level = null),
            (nameof(RegisterCaseInput.Source), i => i.Source = (CaseSource)99),
            (nameof(RegisterCaseInput.LocalAreaId), i => i.LocalAreaId = -1),
            (nameof(RegisterCaseInput.LocalAreaId), i => i.LocalAreaId = null),
            (nameof(RegisterCaseInput.RaisedByPartyId), i => i.RaisedByPartyId = 999_999),
            (nameof(RegisterCaseInput.RaisedByPartyId), i => i.RaisedByPartyId = null),
            (nameof(RegisterCaseInput.LeadPartyId), i => i.LeadPartyId = 999_999),
            (nameof(RegisterCaseInput.LeadUserId), i => { i.Level = CaseLevel.FirstTimeCrime; i.LeadUserId = statistics; }),
            (nameof(RegisterCaseInput.LeadUserId), i => { i.Level = CaseLevel.FirstTimeCrime; i.LeadUserId = "'; DROP TABLE \"Cases\"; --"; }),
            (nameof(RegisterCaseInput.DateOfBirth), i => i.DateOfBirth = DateOnly.MinValue),
            (nameof(RegisterCaseInput.DateOfBirth), i => i.DateOfBirth = DateOnly.MaxValue),
            (nameof(RegisterCaseInput.RaisedOn), i => i.RaisedOn = DateOnly.MaxValue),
            (nameof(RegisterCaseInput.Cpr), i => i.Cpr = "<script>alert(1)</script>"),
            (nameof(RegisterCaseInput.Cpr), i => i.Cpr = "'; DROP TABLE \"Cases\"; --"),
            (nameof(RegisterCaseInput.Custody1Email), i => i.Custody1Email = "\"><img src=x onerror=alert(1)>"),
            (nameof(RegisterCaseInput.Concern), i => i.Concern = "   "),
        };
        foreach (var (field, forge) in cases)
        {
            var input = await InputAsync(Unique("Forfalsket"));
            forge(input);
            var before = await SnapshotAsync();

            var (result, _) = await RegisterAsync(input);

            Assert.False(result.Succeeded, $"A forged {field} was accepted");
            Assert.True(result.FieldErrors.ContainsKey(field), $"No message at {field}, only at {string.Join(", ", result.FieldErrors.Keys)}");
            Assert.Equal(before, await SnapshotAsync());
        }
    }

    [Fact]
    public async Task Script_and_sql_in_free_text_are_kept_as_text_and_never_run()
    {
        // Odd text is allowed (someone may quote what a young person wrote); it is stored as it is, as a parameter.
        const string sql = "'; DROP TABLE \"Cases\"; --";
        const string script = "<script>alert(1)</script>";
        var input = await InputAsync(script);
        input.Concern = sql + " " + script;
        input.School = sql;

        var (result, _) = await RegisterAsync(input);

        Assert.True(result.Succeeded);
        await using var db = App.CreateDbContext();
        var saved = await db.Cases.SingleAsync(c => c.Id == int.Parse(result.CreatedId!, CultureInfo.InvariantCulture));
        Assert.Equal(sql + " " + script, saved.Concern);
        Assert.True(await db.Cases.CountAsync() > 1);
    }
}

public sealed class CaseRegisterServiceTestsSqlite(SqliteApp fixture) : CaseRegisterServiceTests(fixture), IClassFixture<SqliteApp>;

public sealed class CaseRegisterServiceTestsPostgres(PostgresApp fixture) : CaseRegisterServiceTests(fixture), IClassFixture<PostgresApp>;
