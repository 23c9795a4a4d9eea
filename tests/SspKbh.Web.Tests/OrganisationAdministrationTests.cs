using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Access;
using SspKbh.Domain.Organisation;
using SspKbh.Web.Audit;
using SspKbh.Web.Features.Admin.Organisation;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// Parties, groups and lokalområder at the service layer, where the interactive organisation pages' saves end (and a
/// forged circuit message would): the group's members (issue 16 #23), Danish messages per field with nothing saved,
/// the database checks (codes and names taken, parents and areas that must exist and fit), stale and forged stamps,
/// unknown ids, hostile text, and every load and save refused for anyone but an administrator. They carry what the HTTP
/// walker of HostileInputTests posted to the static forms.
/// </summary>
public abstract class OrganisationAdministrationTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private const string Admin = "admin@sspkbh.dk";
    private static readonly string Megabyte = new('x', 1_048_576);

    private Task<T> AsAdminAsync<T>(Func<OrganisationAdministration, ClaimsPrincipal, Task<T>> call, string email = Admin) =>
        App.AsUserAsync(email, call);

    private static void Fails(ServiceResult result, string field, string message)
    {
        Assert.False(result.Succeeded);
        Assert.True(result.FieldErrors.TryGetValue(field, out var messages), $"No message at {field}: {string.Join("; ", result.FieldErrors.Select(f => f.Key + "=" + string.Join("|", f.Value)))} {string.Join("; ", result.GeneralErrors)}");
        Assert.Contains(message, messages);
    }

    private async Task<string> SnapshotAsync()
    {
        await using var db = App.CreateDbContext();
        var parties = await db.Parties.AsNoTracking().OrderBy(p => p.Id).Select(p => p.Code + p.Name + p.ConcurrencyStamp).ToListAsync();
        var groups = await db.Groups.AsNoTracking().OrderBy(g => g.Id).Select(g => g.Name + g.ParentGroupId + g.LocalAreaId + g.ConcurrencyStamp).ToListAsync();
        var areas = await db.LocalAreas.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Name + a.CoordinationGroupId + a.ConcurrencyStamp).ToListAsync();
        return string.Join('|', parties.Concat(groups).Concat(areas));
    }

    [Fact]
    public async Task A_group_lists_its_members_with_party_authority_status_and_whether_they_are_active()
    {
        // Issue 16 #23: the group page showed no members, so an administrator could not see who was in a group.
        var group = await App.GroupIdAsync("Koordinationsgruppe Amager Øst");
        var form = await AsAdminAsync((o, u) => o.LoadGroupFormAsync(group, u, CancellationToken.None));

        Assert.NotNull(form);
        var sofie = Assert.Single(form.Members, m => m.FullName == "Sofie Lund");
        Assert.Equal(("SOF", true, true, GroupRole.Secretary), (sofie.PartyCode, sofie.IsAuthorityPerson, sofie.IsActive, sofie.Role));
        Assert.Contains(form.Members, m => m.FullName == "Jonas Krag" && m.PartyCode == "POL" && m.Role == GroupRole.Member);
        await using var db = App.CreateDbContext();
        var memberIds = await db.GroupMemberships.Where(m => m.GroupId == group).Select(m => m.UserId).ToListAsync();
        Assert.Equal(memberIds.Order(StringComparer.Ordinal), form.Members.Select(m => m.UserId).Order(StringComparer.Ordinal));

        // A lokaludvalg's member without authority status is shown as such.
        var committeeId = await App.GroupIdAsync("Lokaludvalg Amager Øst");
        var committee = await AsAdminAsync((o, u) => o.LoadGroupFormAsync(committeeId, u, CancellationToken.None));
        Assert.Contains(committee!.Members, m => m.FullName == "Ali Hassan" && !m.IsAuthorityPerson && m.PartyCode == "BOLIG");

        // A new group has none.
        Assert.Empty((await AsAdminAsync((o, u) => o.LoadGroupFormAsync(null, u, CancellationToken.None)))!.Members);
    }

    [Fact]
    public async Task Parties_groups_and_areas_are_saved_audited_and_refuse_bad_values_at_their_fields()
    {
        var code = "T" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var created = await AsAdminAsync((o, u) => o.SavePartyAsync(null, new PartyInput { Code = code, Name = "Testpart" }, u, CancellationToken.None));
        Assert.True(created.Succeeded);
        Assert.Contains(await App.AuditEntriesAsync(a => a.SubjectType == "party" && a.SubjectId == created.CreatedId), a => a.Action == AuditActions.PartyCreated && a.UserId != null);

        var before = await SnapshotAsync();
        Fails(await AsAdminAsync((o, u) => o.SavePartyAsync(null, new PartyInput { Code = "", Name = "" }, u, CancellationToken.None)), nameof(PartyInput.Code), Texts.Validation_CodeRequiredParty);
        Fails(await AsAdminAsync((o, u) => o.SavePartyAsync(null, new PartyInput { Code = "bad code", Name = "X" }, u, CancellationToken.None)), nameof(PartyInput.Code), Texts.Validation_PartyCodeFormat);
        Fails(await AsAdminAsync((o, u) => o.SavePartyAsync(null, new PartyInput { Code = code, Name = "Igen" }, u, CancellationToken.None)), nameof(PartyInput.Code), Texts.Validation_PartyCodeTaken);
        Fails(await AsAdminAsync((o, u) => o.SavePartyAsync(null, new PartyInput { Code = "X", Name = Megabyte }, u, CancellationToken.None)), nameof(PartyInput.Name), Texts.Validation_TooLong);

        Fails(await AsAdminAsync((o, u) => o.SaveGroupAsync(null, new GroupInput { Name = "Ny gruppe" }, u, CancellationToken.None)), nameof(GroupInput.Kind), Texts.Validation_GroupKindRequired);
        Fails(await AsAdminAsync((o, u) => o.SaveGroupAsync(null, new GroupInput { Name = "Ny gruppe", Kind = (GroupKind)99 }, u, CancellationToken.None)), nameof(GroupInput.Kind), Texts.Validation_GroupKindRequired);
        Fails(await AsAdminAsync((o, u) => o.SaveGroupAsync(null, new GroupInput { Name = "Koordinationsgruppe Amager Øst", Kind = GroupKind.CoordinationGroup }, u, CancellationToken.None)), nameof(GroupInput.Name), Texts.Validation_GroupNameTaken);
        Fails(await AsAdminAsync((o, u) => o.SaveGroupAsync(null, new GroupInput { Name = "Ny gruppe", Kind = GroupKind.CoordinationGroup, ParentGroupId = int.MaxValue }, u, CancellationToken.None)), nameof(GroupInput.ParentGroupId), Texts.Validation_UnknownGroup);
        var coordination = await App.GroupIdAsync("Koordinationsgruppe Amager Vest");
        var wrongParent = await AsAdminAsync((o, u) => o.SaveGroupAsync(null, new GroupInput { Name = "Ny gruppe", Kind = GroupKind.CoordinationGroup, ParentGroupId = coordination }, u, CancellationToken.None));
        Assert.True(wrongParent.FieldErrors.ContainsKey(nameof(GroupInput.ParentGroupId)), "a koordinationsgruppe under a koordinationsgruppe was accepted");
        Fails(await AsAdminAsync((o, u) => o.SaveGroupAsync(null, new GroupInput { Name = "Ny gruppe", Kind = GroupKind.LocalCommittee, LocalAreaId = -1 }, u, CancellationToken.None)), nameof(GroupInput.LocalAreaId), Texts.Validation_UnknownArea);

        List<int> areas;
        await using (var db = App.CreateDbContext())
        {
            areas = await db.LocalAreas.OrderBy(a => a.Id).Select(a => a.Id).Take(2).ToListAsync();
        }

        var area = areas[0];
        var areaForm = (await AsAdminAsync((o, u) => o.LoadAreaFormAsync(area, u, CancellationToken.None)))!;
        var otherArea = (await AsAdminAsync((o, u) => o.LoadAreaFormAsync(areas[1], u, CancellationToken.None)))!;
        Fails(await AsAdminAsync((o, u) => o.SaveAreaAsync(area, new AreaInput { Name = otherArea.Input.Name, ConcurrencyStamp = areaForm.Input.ConcurrencyStamp }, u, CancellationToken.None)), nameof(AreaInput.Name), Texts.Validation_AreaNameTaken);
        var lokaludvalg = await App.GroupIdAsync("Lokaludvalg Amager Øst");
        Fails(await AsAdminAsync((o, u) => o.SaveAreaAsync(area, new AreaInput { Name = areaForm.Input.Name, CoordinationGroupId = lokaludvalg, ConcurrencyStamp = areaForm.Input.ConcurrencyStamp }, u, CancellationToken.None)), nameof(AreaInput.CoordinationGroupId), Texts.Validation_UnknownGroup);
        Fails(await AsAdminAsync((o, u) => o.SaveAreaAsync(area, new AreaInput { Name = "", ConcurrencyStamp = areaForm.Input.ConcurrencyStamp }, u, CancellationToken.None)), nameof(AreaInput.Name), Texts.Validation_NameRequired);

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_stale_or_forged_stamp_and_an_unknown_id_are_refused_in_danish()
    {
        var party = (await AsAdminAsync((o, u) => o.LoadPartyFormAsync(null, u, CancellationToken.None)))!;
        Assert.False(party.NotFound);
        var code = "S" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var id = int.Parse((await AsAdminAsync((o, u) => o.SavePartyAsync(null, new PartyInput { Code = code, Name = "Første" }, u, CancellationToken.None))).CreatedId!, System.Globalization.CultureInfo.InvariantCulture);
        var first = (await AsAdminAsync((o, u) => o.LoadPartyFormAsync(id, u, CancellationToken.None)))!.Input;
        var second = (await AsAdminAsync((o, u) => o.LoadPartyFormAsync(id, u, CancellationToken.None)))!.Input;
        first.Name = "Fra første";
        Assert.True((await AsAdminAsync((o, u) => o.SavePartyAsync(id, first, u, CancellationToken.None))).Succeeded);
        second.Name = "Fra anden";
        Assert.Contains(Texts.Concurrency_Conflict, (await AsAdminAsync((o, u) => o.SavePartyAsync(id, second, u, CancellationToken.None))).GeneralErrors);
        second.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        Assert.Contains(Texts.Concurrency_Conflict, (await AsAdminAsync((o, u) => o.SavePartyAsync(id, second, u, CancellationToken.None))).GeneralErrors);

        var sundby = await App.GroupIdAsync("Lokaludvalg Sundby");
        var group = (await AsAdminAsync((o, u) => o.LoadGroupFormAsync(sundby, u, CancellationToken.None)))!.Input;
        group.ConcurrencyStamp = "forfalsket";
        Assert.Contains(Texts.Concurrency_Conflict, (await AsAdminAsync((o, u) => o.SaveGroupAsync(sundby, group, u, CancellationToken.None))).GeneralErrors);

        Assert.True((await AsAdminAsync((o, u) => o.LoadPartyFormAsync(999999, u, CancellationToken.None)))!.NotFound);
        Assert.True((await AsAdminAsync((o, u) => o.LoadGroupFormAsync(999999, u, CancellationToken.None)))!.NotFound);
        Assert.True((await AsAdminAsync((o, u) => o.LoadAreaFormAsync(999999, u, CancellationToken.None)))!.NotFound);
        var before = await SnapshotAsync();
        Assert.Contains(Texts.NotFound_Text, (await AsAdminAsync((o, u) => o.SavePartyAsync(999999, new PartyInput { Code = "NY", Name = "Ny" }, u, CancellationToken.None))).GeneralErrors);
        Assert.Contains(Texts.NotFound_Text, (await AsAdminAsync((o, u) => o.SaveGroupAsync(999999, new GroupInput { Name = "Ny", Kind = GroupKind.LocalCommittee }, u, CancellationToken.None))).GeneralErrors);
        Assert.Contains(Texts.NotFound_Text, (await AsAdminAsync((o, u) => o.SaveAreaAsync(999999, new AreaInput { Name = "Ny" }, u, CancellationToken.None))).GeneralErrors);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Script_and_sql_in_a_name_are_kept_as_plain_text()
    {
        var name = "<script>alert(1)</script> '; DROP TABLE \"Groups\"; -- " + Guid.NewGuid().ToString("N")[..6];
        var saved = await AsAdminAsync((o, u) => o.SaveGroupAsync(null, new GroupInput { Name = name, Kind = GroupKind.LocalCommittee }, u, CancellationToken.None));
        Assert.True(saved.Succeeded);
        await using var db = App.CreateDbContext();
        Assert.Equal(name, await db.Groups.Where(g => g.Id == int.Parse(saved.CreatedId!, System.Globalization.CultureInfo.InvariantCulture)).Select(g => g.Name).SingleAsync());
    }

    [Theory]
    [InlineData("sekretaer@sspkbh.dk")]
    [InlineData("ikke-myndighed@sspkbh.dk")]
    [InlineData("statistik@sspkbh.dk")]
    public async Task Everyone_but_an_administrator_is_refused_every_load_and_save_and_nothing_changes(string email)
    {
        var group = await App.GroupIdAsync("Lokaludvalg Sundby");
        var before = await SnapshotAsync();
        var deniedBefore = (await App.AuditEntriesAsync(a => a.Action == AuditActions.AccessDenied)).Count;

        Assert.Null(await AsAdminAsync((o, u) => o.LoadOverviewAsync(u, CancellationToken.None), email));
        Assert.Null(await AsAdminAsync((o, u) => o.LoadPartyFormAsync(null, u, CancellationToken.None), email));
        Assert.Null(await AsAdminAsync((o, u) => o.LoadGroupFormAsync(group, u, CancellationToken.None), email));
        Assert.Null(await AsAdminAsync((o, u) => o.LoadAreaFormAsync(1, u, CancellationToken.None), email));
        Assert.Contains(Texts.Forbidden_Text, (await AsAdminAsync((o, u) => o.SavePartyAsync(null, new PartyInput { Code = "IND", Name = "Indtrænger" }, u, CancellationToken.None), email)).GeneralErrors);
        Assert.Contains(Texts.Forbidden_Text, (await AsAdminAsync((o, u) => o.SaveGroupAsync(group, new GroupInput { Name = "Indtrænger", Kind = GroupKind.LocalCommittee }, u, CancellationToken.None), email)).GeneralErrors);
        Assert.Contains(Texts.Forbidden_Text, (await AsAdminAsync((o, u) => o.SaveAreaAsync(1, new AreaInput { Name = "Indtrænger" }, u, CancellationToken.None), email)).GeneralErrors);

        Assert.Equal(before, await SnapshotAsync());
        var userId = await App.UserIdAsync(email);
        var denied = (await App.AuditEntriesAsync(a => a.Action == AuditActions.AccessDenied)).Skip(deniedBefore).ToList();
        Assert.Equal(7, denied.Count);
        Assert.All(denied, a => Assert.Equal(userId, a.UserId));
    }
}

public sealed class OrganisationAdministrationTestsSqlite(SqliteApp fixture) : OrganisationAdministrationTests(fixture), IClassFixture<SqliteApp>;

public sealed class OrganisationAdministrationTestsPostgres(PostgresApp fixture) : OrganisationAdministrationTests(fixture), IClassFixture<PostgresApp>;
