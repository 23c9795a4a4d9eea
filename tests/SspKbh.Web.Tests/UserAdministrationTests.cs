using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Access;
using SspKbh.Domain.Organisation;
using SspKbh.Web.Audit;
using SspKbh.Web.Features.Admin.Users;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The user administration at the service layer, where the interactive user page's saves end (and where a forged
/// circuit message would end too): the authority status that follows from the roles (issue 16 #23), the §115 rules,
/// Danish messages per field for bad input with nothing saved, stale saves refused, and every call refused for
/// anyone but an administrator. These carry the assertions of the form-post tests the static page had.
/// </summary>
public abstract class UserAdministrationTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private const string Admin = "admin@sspkbh.dk";

    private static string NewEmail() => $"ny-{Guid.NewGuid():N}@sspkbh.dk";

    private async Task<int> CountUsersAsync()
    {
        await using var db = App.CreateDbContext();
        return await db.Users.CountAsync();
    }

    private static UserInput Valid(int partyId, params AppRole[] roles) => new()
    {
        FullName = "Ny Bruger",
        Email = NewEmail(),
        InitialPassword = "et-langt-kodeord-2026",
        PartyId = partyId,
        Roles = roles.ToDictionary(r => r.ToString(), _ => true, StringComparer.Ordinal),
    };

    private Task<ServiceResult> CreateAsync(UserInput input, string actor = Admin) =>
        App.AsUserAsync<UserAdministration, ServiceResult>(actor, (admin, user) => admin.CreateAsync(input, user, CancellationToken.None));

    private Task<ServiceResult> UpdateAsync(string id, UserInput input, string actor = Admin) =>
        App.AsUserAsync<UserAdministration, ServiceResult>(actor, (admin, user) => admin.UpdateAsync(id, input, user, CancellationToken.None));

    private async Task<UserInput> FormOfAsync(string id)
    {
        var form = await App.AsUserAsync<UserAdministration, UserForm?>(Admin, (admin, user) => admin.LoadFormAsync(id, user, CancellationToken.None));
        Assert.NotNull(form);
        Assert.False(form.NotFound);
        return form.Input;
    }

    private async Task<(bool Authority, string? Stamp)> StoredAsync(string id)
    {
        await using var db = App.CreateDbContext();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == id);
        return (user.IsAuthorityPerson, user.SecurityStamp);
    }

    private static void Fails(ServiceResult result, string field, string message)
    {
        Assert.False(result.Succeeded);
        Assert.True(result.FieldErrors.TryGetValue(field, out var messages), $"No message at {field}: {string.Join("; ", result.FieldErrors.Select(f => f.Key + "=" + string.Join("|", f.Value)))}");
        Assert.Contains(message, messages);
    }

    [Fact]
    public async Task The_roles_alone_decide_the_authority_status_when_a_user_is_created()
    {
        // Issue 16 #23: the form asked for the authority status twice (a role and a check box). Ticking the role
        // "myndighedsmedlem" and forgetting the box refused the user, or (the other way round) saved a user whose box
        // and role disagreed. Now the role is the one answer.
        var party = await App.PartyIdAsync("BUF");
        var authority = await CreateAsync(Valid(party, AppRole.AuthorityMember));
        Assert.True(authority.Succeeded, string.Join("; ", authority.FieldErrors.SelectMany(f => f.Value).Concat(authority.GeneralErrors)));
        Assert.True((await StoredAsync(authority.CreatedId!)).Authority);

        var participant = await CreateAsync(Valid(await App.PartyIdAsync("BOLIG"), AppRole.NonAuthorityMember));
        Assert.True(participant.Succeeded);
        Assert.False((await StoredAsync(participant.CreatedId!)).Authority);

        var statistics = await CreateAsync(Valid(party, AppRole.StatisticsReader));
        Assert.True(statistics.Succeeded);
        Assert.False((await StoredAsync(statistics.CreatedId!)).Authority);

        // What the form reads back has no separate authority answer to disagree with: it is the roles'.
        var form = await FormOfAsync(authority.CreatedId!);
        Assert.True(form.AuthorityStatus());
        Assert.Null(typeof(UserInput).GetProperty("IsAuthorityPerson"));
    }

    [Fact]
    public async Task Changing_the_roles_changes_the_authority_status_and_ends_the_users_sessions()
    {
        var user = await App.CreateUserAsync([AppRole.AuthorityMember]);
        var (authorityBefore, stampBefore) = await StoredAsync(user.Id);
        Assert.True(authorityBefore);

        var input = await FormOfAsync(user.Id);
        input.Roles = new(StringComparer.Ordinal) { [nameof(AppRole.NonAuthorityMember)] = true };
        var saved = await UpdateAsync(user.Id, input);

        Assert.True(saved.Succeeded, string.Join("; ", saved.FieldErrors.SelectMany(f => f.Value).Concat(saved.GeneralErrors)));
        var (authorityAfter, stampAfter) = await StoredAsync(user.Id);
        Assert.False(authorityAfter);
        Assert.NotEqual(stampBefore, stampAfter);
        var entry = Assert.Single(await App.AuditEntriesAsync(a => a.SubjectId == user.Id && a.Action == AuditActions.UserUpdated));
        Assert.Contains("authority", entry.Details ?? "", StringComparison.Ordinal);
        Assert.Contains("roles", entry.Details ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_section_115_boundary_still_holds_with_the_status_taken_from_the_roles()
    {
        var usersBefore = await CountUsersAsync();
        var coordination = await App.GroupIdAsync("Koordinationsgruppe Amager Øst");

        // A participant without authority status in a koordinationsgruppe, where individual cases are discussed.
        var inCaseGroup = Valid(await App.PartyIdAsync("BOLIG"), AppRole.NonAuthorityMember);
        inCaseGroup.NewGroupId = coordination;
        inCaseGroup.NewGroupRole = GroupRole.Member;
        Fails(await CreateAsync(inCaseGroup), nameof(UserInput.Memberships), Texts.Error_CaseGroupRequiresAuthority);

        // A statistics reader is not an authority person either.
        var reader = Valid(await App.PartyIdAsync("BUF"), AppRole.StatisticsReader);
        reader.NewGroupId = coordination;
        reader.NewGroupRole = GroupRole.Member;
        Fails(await CreateAsync(reader), nameof(UserInput.Memberships), Texts.Error_CaseGroupRequiresAuthority);

        // The roles cannot say both things: "without authority" and a role that shows personal data.
        Fails(await CreateAsync(Valid(await App.PartyIdAsync("BUF"), AppRole.NonAuthorityMember, AppRole.Administrator)), nameof(UserInput.Roles), Texts.Error_NonAuthorityRoleForAuthority);

        Assert.Equal(usersBefore, await CountUsersAsync());

        // An existing member of a koordinationsgruppe cannot be turned into a participant without authority while still in it.
        var member = await App.CreateUserAsync([AppRole.AuthorityMember]);
        var joined = await FormOfAsync(member.Id);
        joined.NewGroupId = coordination;
        joined.NewGroupRole = GroupRole.Member;
        Assert.True((await UpdateAsync(member.Id, joined)).Succeeded);
        var demoted = await FormOfAsync(member.Id);
        demoted.Roles = new(StringComparer.Ordinal) { [nameof(AppRole.NonAuthorityMember)] = true };
        Fails(await UpdateAsync(member.Id, demoted), nameof(UserInput.Memberships), Texts.Error_CaseGroupRequiresAuthority);
        Assert.True((await StoredAsync(member.Id)).Authority);
    }

    [Fact]
    public async Task Invalid_values_get_danish_messages_at_their_fields_and_create_nothing()
    {
        var usersBefore = await CountUsersAsync();
        var input = new UserInput
        {
            FullName = "",
            Email = "ikke-en-adresse",
            InitialPassword = "kort",
            PartyId = 999999,
            Roles = new(StringComparer.Ordinal) { ["Hacker"] = true },
            NewGroupRole = (GroupRole)99,
        };

        var result = await CreateAsync(input);

        Fails(result, nameof(UserInput.FullName), Texts.Validation_NameRequired);
        Fails(result, nameof(UserInput.Email), Texts.Validation_EmailFormat);
        Fails(result, nameof(UserInput.InitialPassword), Texts.Validation_PasswordLength);
        Fails(result, nameof(UserInput.Roles), Texts.Validation_UnknownRole);
        Fails(result, nameof(UserInput.NewGroupRole), Texts.Validation_UnknownGroupRole);
        Assert.Equal(usersBefore, await CountUsersAsync());

        // 100 KB in a 200-character field (a forged circuit message; the field itself cuts a paste): the field's message.
        var oversized = Valid(await App.PartyIdAsync("BUF"), AppRole.StatisticsReader);
        oversized.FullName = string.Concat(Enumerable.Repeat("Lang tekst ", 100 * 1024 / 11));
        Fails(await CreateAsync(oversized), nameof(UserInput.FullName), Texts.Validation_TooLong);
        Assert.Equal(usersBefore, await CountUsersAsync());
    }

    [Fact]
    public async Task Party_groups_and_roles_are_checked_against_the_database()
    {
        var usersBefore = await CountUsersAsync();
        var party = await App.PartyIdAsync("BUF");

        // A party id nobody offered.
        Fails(await CreateAsync(Valid(999999, AppRole.StatisticsReader)), nameof(UserInput.PartyId), Texts.Validation_PartyRequired);

        // No role at all.
        Fails(await CreateAsync(Valid(party)), nameof(UserInput.Roles), Texts.Error_UserNeedsRole);

        // A group that does not exist, a new group without a role, and a membership row with a role out of range.
        var unknownGroup = Valid(party, AppRole.StatisticsReader);
        unknownGroup.NewGroupId = 999999;
        unknownGroup.NewGroupRole = GroupRole.Member;
        Fails(await CreateAsync(unknownGroup), nameof(UserInput.NewGroupId), Texts.Validation_UnknownGroup);
        var noRole = Valid(party, AppRole.AuthorityMember);
        noRole.NewGroupId = await App.GroupIdAsync("Koordinationsgruppe Amager Øst");
        Fails(await CreateAsync(noRole), nameof(UserInput.NewGroupRole), Texts.Validation_GroupRoleRequired);
        var badMembership = Valid(party, AppRole.StatisticsReader);
        badMembership.Memberships = [new MembershipInput { GroupId = 1, Role = (GroupRole)42 }];
        var refused = await CreateAsync(badMembership);
        Assert.Contains(Texts.Validation_UnknownGroupRole, refused.FieldErrors.SelectMany(f => f.Value));

        // An e-mail address another user has.
        var taken = Valid(party, AppRole.StatisticsReader);
        taken.Email = "sekretaer@sspkbh.dk";
        Fails(await CreateAsync(taken), nameof(UserInput.Email), Texts.Validation_EmailTaken);

        Assert.Equal(usersBefore, await CountUsersAsync());

        // And the same input with valid values does create the user (so the refusals above were about the values).
        Assert.True((await CreateAsync(Valid(party, AppRole.StatisticsReader))).Succeeded);
        Assert.Equal(usersBefore + 1, await CountUsersAsync());
    }

    [Fact]
    public async Task The_second_of_two_administrators_saving_the_same_user_gets_the_conflict_message()
    {
        var target = await App.CreateUserAsync([AppRole.StatisticsReader]);
        var first = await FormOfAsync(target.Id);
        var second = await FormOfAsync(target.Id);

        first.FullName = "Navn fra første";
        Assert.True((await UpdateAsync(target.Id, first)).Succeeded);

        second.FullName = "Navn fra anden";
        var stale = await UpdateAsync(target.Id, second);
        Assert.Contains(Texts.Concurrency_Conflict, stale.GeneralErrors);
        await using (var db = App.CreateDbContext())
        {
            Assert.Equal("Navn fra første", await db.Users.Where(u => u.Id == target.Id).Select(u => u.FullName).SingleAsync());
        }

        // After reading the user again, the second administrator can save.
        var reloaded = await FormOfAsync(target.Id);
        reloaded.FullName = "Navn fra anden";
        Assert.True((await UpdateAsync(target.Id, reloaded)).Succeeded);
    }

    [Fact]
    public async Task Hostile_values_are_refused_with_field_messages_or_kept_as_plain_text_and_never_throw()
    {
        // What the HTTP walker of HostileInputTests posted to the static user form, sent as a circuit message could send it.
        var party = await App.PartyIdAsync("BUF");
        var usersBefore = await CountUsersAsync();
        var megabyte = new string('x', 1_048_576);
        var attacks = new (string Field, Action<UserInput> Forge)[]
        {
            (nameof(UserInput.FullName), i => i.FullName = megabyte),
            (nameof(UserInput.Email), i => i.Email = megabyte),
            (nameof(UserInput.Email), i => i.Email = "'; DROP TABLE \"AspNetUsers\"; --"),
            (nameof(UserInput.Email), i => i.Email = "<script>alert(1)</script>"),
            (nameof(UserInput.InitialPassword), i => i.InitialPassword = megabyte),
            (nameof(UserInput.PartyId), i => i.PartyId = -1),
            (nameof(UserInput.PartyId), i => i.PartyId = int.MaxValue),
            (nameof(UserInput.Roles), i => i.Roles = new(StringComparer.Ordinal) { ["1"] = true }),
            (nameof(UserInput.Roles), i => i.Roles = new(StringComparer.Ordinal) { ["99"] = true }),
            (nameof(UserInput.NewGroupId), i => (i.NewGroupId, i.NewGroupRole) = (int.MaxValue, GroupRole.Member)),
            (nameof(UserInput.NewGroupRole), i => (i.NewGroupId, i.NewGroupRole) = (1, (GroupRole)(-5))),
        };
        foreach (var (field, forge) in attacks)
        {
            var input = Valid(party, AppRole.StatisticsReader);
            forge(input);
            var result = await CreateAsync(input);
            Assert.False(result.Succeeded, $"{field}: a hostile value was saved");
            Assert.True(result.FieldErrors.ContainsKey(field), $"{field}: no message at the field ({string.Join("; ", result.FieldErrors.Keys)})");
        }

        Assert.Equal(usersBefore, await CountUsersAsync());

        // A forged or stale concurrency stamp on an update is the Danish conflict message.
        var target = await App.CreateUserAsync([AppRole.StatisticsReader]);
        var forged = await FormOfAsync(target.Id);
        forged.ConcurrencyStamp = Guid.NewGuid().ToString();
        forged.FullName = "Forfalsket";
        Assert.Contains(Texts.Concurrency_Conflict, (await UpdateAsync(target.Id, forged)).GeneralErrors);

        // Script and SQL in a name are a name: kept as typed (the pages show it as text, UserEditComponentTests).
        var odd = Valid(party, AppRole.StatisticsReader);
        odd.FullName = "<script>alert(1)</script> '; DROP TABLE \"AspNetUsers\"; --";
        var created = await CreateAsync(odd);
        Assert.True(created.Succeeded);
        await using var db = App.CreateDbContext();
        Assert.Equal(odd.FullName, await db.Users.Where(u => u.Id == created.CreatedId).Select(u => u.FullName).SingleAsync());
    }

    [Fact]
    public async Task An_unknown_user_is_a_danish_message_for_every_call()
    {
        var form = await App.AsUserAsync<UserAdministration, UserForm?>(Admin, (admin, user) => admin.LoadFormAsync(Guid.NewGuid().ToString(), user, CancellationToken.None));
        Assert.NotNull(form);
        Assert.True(form.NotFound);
        var input = Valid(await App.PartyIdAsync("BUF"), AppRole.StatisticsReader);
        Assert.Contains(Texts.Admin_UserNotFound, (await UpdateAsync(Guid.NewGuid().ToString(), input)).GeneralErrors);
        foreach (var call in AccountActions(Guid.NewGuid().ToString()))
        {
            var result = await App.AsUserAsync<UserAccountActions, ServiceResult>(Admin, call);
            Assert.Contains(Texts.Admin_UserNotFound, result.GeneralErrors);
        }
    }

    private static IEnumerable<Func<UserAccountActions, ClaimsPrincipal, Task<ServiceResult>>> AccountActions(string id) =>
    [
        (a, u) => a.SetActiveAsync(id, false, u, CancellationToken.None),
        (a, u) => a.ResetTwoFactorAsync(id, u, CancellationToken.None),
        (a, u) => a.EndSessionsAsync(id, u, CancellationToken.None),
        (a, u) => a.UnlockAsync(id, u, CancellationToken.None),
    ];

    [Theory]
    [InlineData("sekretaer@sspkbh.dk")]
    [InlineData("myndighed@sspkbh.dk")]
    [InlineData("ikke-myndighed@sspkbh.dk")]
    [InlineData("statistik@sspkbh.dk")]
    public async Task Everyone_but_an_administrator_is_refused_every_call_and_nothing_changes(string email)
    {
        var target = await App.CreateUserAsync([AppRole.StatisticsReader]);
        var (_, stampBefore) = await StoredAsync(target.Id);
        var usersBefore = await CountUsersAsync();
        var deniedBefore = (await App.AuditEntriesAsync(a => a.Action == AuditActions.AccessDenied)).Count;

        Assert.Null(await App.AsUserAsync<UserAdministration, List<UserListItem>?>(email, (admin, user) => admin.ListAsync(null, true, user, CancellationToken.None)));
        Assert.Null(await App.AsUserAsync<UserAdministration, UserForm?>(email, (admin, user) => admin.LoadFormAsync(target.Id, user, CancellationToken.None)));
        var input = Valid(await App.PartyIdAsync("BUF"), AppRole.Administrator);
        Assert.Contains(Texts.Forbidden_Text, (await CreateAsync(input, email)).GeneralErrors);
        var update = await FormOfAsync(target.Id);
        update.Roles = new(StringComparer.Ordinal) { [nameof(AppRole.Administrator)] = true };
        Assert.Contains(Texts.Forbidden_Text, (await UpdateAsync(target.Id, update, email)).GeneralErrors);
        foreach (var call in AccountActions(target.Id))
        {
            Assert.Contains(Texts.Forbidden_Text, (await App.AsUserAsync<UserAccountActions, ServiceResult>(email, call)).GeneralErrors);
        }

        Assert.Equal(usersBefore, await CountUsersAsync());
        Assert.Equal(stampBefore, (await StoredAsync(target.Id)).Stamp);
        Assert.Empty(await App.AuditEntriesAsync(a => a.SubjectId == target.Id && a.Action != AuditActions.AccessDenied && a.Action != AuditActions.UserCreated));
        // Each refusal is in the audit trail, with the user who tried.
        var userId = await App.UserIdAsync(email);
        Assert.Equal(8, (await App.AuditEntriesAsync(a => a.Action == AuditActions.AccessDenied)).Count - deniedBefore);
        Assert.All((await App.AuditEntriesAsync(a => a.Action == AuditActions.AccessDenied)).TakeLast(8), a => Assert.Equal(userId, a.UserId));
    }
}

public sealed class UserAdministrationTestsSqlite(SqliteApp fixture) : UserAdministrationTests(fixture), IClassFixture<SqliteApp>;

public sealed class UserAdministrationTestsPostgres(PostgresApp fixture) : UserAdministrationTests(fixture), IClassFixture<PostgresApp>;
