using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Access;
using SspKbh.Domain.Organisation;
using SspKbh.Web.Audit;
using SspKbh.Web.Components.Shared;
using SspKbh.Web.Data;
using SspKbh.Web.Resources;
using SspKbh.Web.Security;

using SspKbh.Web.Features.Admin.Organisation;
using SspKbh.Web.Infrastructure;

namespace SspKbh.Web.Features.Admin.Users;

public sealed record UserListItem(string Id, string FullName, string Email, string PartyCode, bool IsAuthorityPerson, bool IsActive, bool TwoFactorEnabled, string Roles);

public sealed record UserDetails(string Id, bool IsActive, bool TwoFactorEnabled, bool LockedOut, UserInput Input);

/// <summary>
/// What the user form needs in one read: the user (null when creating, or when <see cref="NotFound"/>), the parties and
/// groups to choose among, and the input to start from.
/// </summary>
public sealed record UserForm(UserDetails? Details, bool NotFound, List<PartyItem> Parties, List<GroupItem> Groups, UserInput Input);

/// <summary>
/// Listing, creating and changing users (administrators only: the pages require the Administration policy and every
/// call checks the actor again). Every change is audited and renews the security stamp, which ends the user's sessions
/// within the validation interval. The account actions (deactivate, two-factor reset, sign out, unlock) are in
/// <see cref="UserAccountActions"/>.
/// </summary>
public sealed class UserAdministration(
    SspDbContext db,
    UserManager<AppUser> userManager,
    OrganisationAdministration organisation,
    AuditService audit,
    TimeProvider clock)
{
    /// <summary>Longest search term; a longer one (from an old link) is cut, as the search field cuts a paste.</summary>
    public const int SearchMaxLength = 200;

    /// <summary>The users matching the search (at most 500); null when the actor is not an administrator.</summary>
    public async Task<List<UserListItem>?> ListAsync(string? search, bool includeInactive, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        if (await AdminAccess.RefuseUnlessAdministratorAsync(audit, actor, "path", "/admin/brugere", cancellationToken) is not null)
        {
            return null;
        }

        if (search is { Length: > SearchMaxLength })
        {
            search = search[..SearchMaxLength];
        }

        var query = db.Users.AsNoTracking();
        if (!includeInactive)
        {
            query = query.Where(u => u.IsActive);
        }

        query = UserSearch.Matching(query, search);

        var users = await query
            .Join(db.Parties, u => u.PartyId, p => p.Id, (u, p) => new { u, p.Code })
            .OrderBy(x => x.u.FullName)
            .Take(500)
            .Select(x => new { x.u.Id, x.u.FullName, x.u.Email, x.Code, x.u.IsAuthorityPerson, x.u.IsActive, x.u.TwoFactorEnabled })
            .ToListAsync(cancellationToken);
        var ids = users.Select(u => u.Id).ToList();
        var roles = await db.UserRoles.AsNoTracking().Where(ur => ids.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        return users.Select(u => new UserListItem(u.Id, u.FullName, u.Email ?? "", u.Code, u.IsAuthorityPerson, u.IsActive, u.TwoFactorEnabled,
            string.Join(", ", roles.Where(r => r.UserId == u.Id).Select(r => Enum.TryParse<AppRole>(r.Name, out var role) ? RoleNames.Name(role) : r.Name))))
            .ToList();
    }

    /// <summary>The form for a new user (<paramref name="id"/> null) or an existing one; null when the actor is not an administrator.</summary>
    public async Task<UserForm?> LoadFormAsync(string? id, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        if (await AdminAccess.RefuseUnlessAdministratorAsync(audit, actor, "user", id, cancellationToken) is not null)
        {
            return null;
        }

        var parties = await organisation.ListPartiesAsync(activeOnly: true, cancellationToken);
        var groups = await organisation.ListGroupsAsync(activeOnly: true, cancellationToken);
        var details = id is null ? null : await GetAsync(id, cancellationToken);
        var input = details?.Input ?? new UserInput { Roles = Enum.GetNames<AppRole>().ToDictionary(r => r, _ => false, StringComparer.Ordinal) };
        return new UserForm(details, id is not null && details is null, parties, groups, input);
    }

    private async Task<UserDetails?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return null;
        }

        var roleNames = await db.UserRoles.AsNoTracking().Where(ur => ur.UserId == id)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToListAsync(cancellationToken);
        var memberships = await db.GroupMemberships.AsNoTracking().Where(m => m.UserId == id)
            .OrderBy(m => m.GroupId).Select(m => new MembershipInput { GroupId = m.GroupId, Role = m.Role }).ToListAsync(cancellationToken);
        var input = new UserInput
        {
            FullName = user.FullName,
            Email = user.Email,
            PartyId = user.PartyId,
            Roles = Enum.GetNames<AppRole>().ToDictionary(r => r, roleNames.Contains, StringComparer.Ordinal),
            Memberships = memberships,
            ConcurrencyStamp = user.ConcurrencyStamp,
        };
        var lockedOut = user.LockoutEnd is { } end && end > clock.GetUtcNow();
        return new UserDetails(user.Id, user.IsActive, user.TwoFactorEnabled, lockedOut, input);
    }

    public async Task<ServiceResult> CreateAsync(UserInput input, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        if (await AdminAccess.RefuseUnlessAdministratorAsync(audit, actor, "user", null, cancellationToken) is { } refused)
        {
            return refused;
        }

        // The form's rules, run here too: a value no form would send is refused with the form's message, nothing saved.
        if (ServiceResult.Refusing(new UserInputValidator(creating: true), input) is { } invalid)
        {
            return invalid;
        }

        var result = await CheckRulesAsync(null, input, cancellationToken);
        if (!result.Succeeded)
        {
            return result;
        }

        var user = new AppUser
        {
            UserName = input.Email!.Trim(),
            Email = input.Email!.Trim(),
            EmailConfirmed = true,
            FullName = input.FullName!.Trim(),
            PartyId = input.PartyId!.Value,
            IsAuthorityPerson = input.AuthorityStatus(),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        var created = await userManager.CreateAsync(user, input.InitialPassword!);
        if (!created.Succeeded)
        {
            return FromIdentity(result, created);
        }

        await userManager.AddToRolesAsync(user, input.SelectedRoles().Select(r => r.ToString()));
        foreach (var m in WantedMemberships(input))
        {
            db.GroupMemberships.Add(new GroupMembership { GroupId = m.GroupId, UserId = user.Id, Role = m.Role });
        }

        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(new AuditEvent(AuditActions.UserCreated, SubjectType: "user", SubjectId: user.Id,
            Details: $"roles={string.Join(',', input.SelectedRoles())}; groups={WantedMemberships(input).Count}", Actor: actor), cancellationToken);
        result.CreatedId = user.Id;
        return result;
    }

    public async Task<ServiceResult> UpdateAsync(string id, UserInput input, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        if (await AdminAccess.RefuseUnlessAdministratorAsync(audit, actor, "user", id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (ServiceResult.Refusing(new UserInputValidator(creating: false), input) is { } invalid)
        {
            return invalid;
        }

        var result = await CheckRulesAsync(id, input, cancellationToken);
        if (!result.Succeeded)
        {
            return result;
        }

        var user = await userManager.FindByIdAsync(id);
        if (user is null)
        {
            return result.General(Texts.Admin_UserNotFound);
        }

        if (!string.Equals(user.ConcurrencyStamp, input.ConcurrencyStamp, StringComparison.Ordinal))
        {
            return result.General(Texts.Concurrency_Conflict);
        }

        var changed = new List<string>();
        if (user.FullName != input.FullName!.Trim()) changed.Add("name");
        if (!string.Equals(user.Email, input.Email!.Trim(), StringComparison.OrdinalIgnoreCase)) changed.Add("email");
        if (user.PartyId != input.PartyId) changed.Add("party");
        if (user.IsAuthorityPerson != input.AuthorityStatus()) changed.Add("authority");

        user.FullName = input.FullName!.Trim();
        user.Email = input.Email!.Trim();
        user.UserName = input.Email!.Trim();
        user.PartyId = input.PartyId!.Value;
        user.IsAuthorityPerson = input.AuthorityStatus();

        var currentRoles = await userManager.GetRolesAsync(user);
        var wantedRoles = input.SelectedRoles().Select(r => r.ToString()).ToList();
        var removeRoles = currentRoles.Except(wantedRoles).ToList();
        var addRoles = wantedRoles.Except(currentRoles).ToList();
        if (removeRoles.Count > 0 || addRoles.Count > 0) changed.Add("roles");

        var wanted = WantedMemberships(input);
        var existing = await db.GroupMemberships.Where(m => m.UserId == id).ToListAsync(cancellationToken);
        foreach (var m in existing)
        {
            var keep = wanted.FirstOrDefault(w => w.GroupId == m.GroupId);
            if (keep is null)
            {
                db.GroupMemberships.Remove(m);
                changed.Add("groups");
            }
            else if (keep.Role != m.Role)
            {
                m.Role = keep.Role;
                changed.Add("groups");
            }
        }

        foreach (var w in wanted.Where(w => existing.All(e => e.GroupId != w.GroupId)))
        {
            db.GroupMemberships.Add(new GroupMembership { GroupId = w.GroupId, UserId = id, Role = w.Role });
            changed.Add("groups");
        }

        // UpdateAsync checks the concurrency stamp again in the database (another admin may have saved meanwhile).
        var updated = await userManager.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            return FromIdentity(result, updated);
        }

        if (removeRoles.Count > 0) await userManager.RemoveFromRolesAsync(user, removeRoles);
        if (addRoles.Count > 0) await userManager.AddToRolesAsync(user, addRoles);
        await db.SaveChangesAsync(cancellationToken);

        // Any change to who the user is or what they may see ends their current sessions' old claims.
        await userManager.UpdateSecurityStampAsync(user);
        await audit.WriteAsync(new AuditEvent(AuditActions.UserUpdated, SubjectType: "user", SubjectId: id,
            Details: "changed=" + string.Join(',', changed.Distinct()), Actor: actor), cancellationToken);
        return result;
    }

    private static List<MembershipInput> WantedMemberships(UserInput input)
    {
        var wanted = input.Memberships.Where(m => !m.Remove).ToList();
        if (input.NewGroupId is not null && input.NewGroupRole is { } role && wanted.All(m => m.GroupId != input.NewGroupId))
        {
            wanted.Add(new MembershipInput { GroupId = input.NewGroupId.Value, Role = role });
        }

        return wanted.GroupBy(m => m.GroupId).Select(g => g.Last()).ToList();
    }

    /// <summary>Cross-record rules: party and groups exist, e-mail is free, §115 boundary holds.</summary>
    private async Task<ServiceResult> CheckRulesAsync(string? id, UserInput input, CancellationToken cancellationToken)
    {
        var result = new ServiceResult();
        if (!await db.Parties.AnyAsync(p => p.Id == input.PartyId && p.IsActive, cancellationToken))
        {
            result.Field(nameof(UserInput.PartyId), Texts.Validation_PartyRequired);
        }

        var normalized = userManager.NormalizeEmail(input.Email!.Trim());
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized && u.Id != id, cancellationToken))
        {
            result.Field(nameof(UserInput.Email), Texts.Validation_EmailTaken);
        }

        if (input.NewGroupId is not null && input.NewGroupRole is null)
        {
            result.Field(nameof(UserInput.NewGroupRole), Texts.Validation_GroupRoleRequired);
        }

        var wanted = WantedMemberships(input);
        var groupIds = wanted.Select(m => m.GroupId).ToList();
        var groups = await db.Groups.AsNoTracking().Where(g => groupIds.Contains(g.Id) && g.IsActive)
            .ToDictionaryAsync(g => g.Id, g => g.Kind, cancellationToken);
        if (groups.Count != groupIds.Count)
        {
            result.Field(nameof(UserInput.NewGroupId), Texts.Validation_UnknownGroup);
            return result;
        }

        // The §115 boundary, with the authority status the roles give (ADR 0034).
        foreach (var key in AccessRules.ValidateAssignment(input.SelectedRoles(), wanted.Select(m => (groups[m.GroupId], m.Role)).ToList()))
        {
            var field = key switch
            {
                "CaseGroupRequiresAuthority" or "GroupSecretaryNeedsSecretaryRole" or "LeaderGroupNeedsLeaderRole" => nameof(UserInput.Memberships),
                _ => nameof(UserInput.Roles),
            };
            result.Field(field, RoleNames.Error(key));
        }

        return result;
    }

    private static ServiceResult FromIdentity(ServiceResult result, IdentityResult identity)
    {
        foreach (var error in identity.Errors)
        {
            _ = error.Code switch
            {
                "ConcurrencyFailure" => result.General(Texts.Concurrency_Conflict),
                "DuplicateUserName" or "DuplicateEmail" or "InvalidEmail" or "InvalidUserName" => result.Field(nameof(UserInput.Email), Texts.Validation_EmailTaken),
                _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => result.Field(nameof(UserInput.InitialPassword), Texts.Validation_PasswordLength),
                _ => result.General(Texts.Admin_SaveFailed),
            };
        }

        return result;
    }
}
