using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Organisation;
using SspKbh.Web.Audit;
using SspKbh.Web.Components.Shared;
using SspKbh.Web.Data;
using SspKbh.Web.Resources;

using SspKbh.Web.Infrastructure;

namespace SspKbh.Web.Features.Admin.Organisation;

/// <summary>
/// Parties, lokalområder and groups, edited by SSP Sekretariatet. The lists are reference data that other features read
/// too; the forms' loads and every save check that the actor is an administrator, validate their input with the
/// forms' validators, and are audited.
/// </summary>
public sealed class OrganisationAdministration(SspDbContext db, AuditService audit)
{
    /// <summary>Parties, groups and lokalområder for the overview; null when the actor is not an administrator.</summary>
    public async Task<OrganisationView?> LoadOverviewAsync(ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        if (await AdminAccess.RefuseUnlessAdministratorAsync(audit, actor, "path", "/admin/organisation", cancellationToken) is not null)
        {
            return null;
        }

        return new OrganisationView(await ListPartiesAsync(activeOnly: false, cancellationToken), await ListGroupsAsync(activeOnly: false, cancellationToken),
            await ListAreasAsync(cancellationToken));
    }

    public async Task<PartyForm?> LoadPartyFormAsync(int? id, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        if (await AdminAccess.RefuseUnlessAdministratorAsync(audit, actor, "party", Text(id), cancellationToken) is not null)
        {
            return null;
        }

        var input = id is null ? new PartyInput() : await GetPartyAsync(id.Value, cancellationToken);
        return new PartyForm(input is null, input ?? new PartyInput());
    }

    public async Task<GroupForm?> LoadGroupFormAsync(int? id, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        if (await AdminAccess.RefuseUnlessAdministratorAsync(audit, actor, "group", Text(id), cancellationToken) is not null)
        {
            return null;
        }

        var input = id is null ? new GroupInput() : await GetGroupAsync(id.Value, cancellationToken);
        var members = id is null ? [] : await MembersAsync(id.Value, cancellationToken);
        return new GroupForm(input is null, input ?? new GroupInput(), await ListGroupsAsync(activeOnly: true, cancellationToken),
            await ListAreasAsync(cancellationToken), members);
    }

    public async Task<AreaForm?> LoadAreaFormAsync(int id, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        if (await AdminAccess.RefuseUnlessAdministratorAsync(audit, actor, "local-area", Text(id), cancellationToken) is not null)
        {
            return null;
        }

        var input = await GetAreaAsync(id, cancellationToken);
        return new AreaForm(input is null, input ?? new AreaInput(), await ListGroupsAsync(activeOnly: true, cancellationToken));
    }

    /// <summary>The group's members, active ones first, by name.</summary>
    private async Task<List<GroupMember>> MembersAsync(int groupId, CancellationToken cancellationToken) =>
        (await db.GroupMemberships.AsNoTracking().Where(m => m.GroupId == groupId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.Role, u.Id, u.FullName, u.PartyId, u.IsAuthorityPerson, u.IsActive })
            .Join(db.Parties, x => x.PartyId, p => p.Id, (x, p) => new GroupMember(x.Id, x.FullName, p.Code, x.IsAuthorityPerson, x.IsActive, x.Role))
            .ToListAsync(cancellationToken))
        .OrderByDescending(m => m.IsActive).ThenBy(m => m.FullName, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("da-DK"), ignoreCase: true)).ToList();

    private static string? Text(int? id) => id?.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public Task<List<PartyItem>> ListPartiesAsync(bool activeOnly, CancellationToken cancellationToken) =>
        db.Parties.AsNoTracking().Where(p => !activeOnly || p.IsActive).OrderBy(p => p.Code)
            .Select(p => new PartyItem(p.Id, p.Code, p.Name, p.IsPublicAuthority, p.IsActive)).ToListAsync(cancellationToken);

    public Task<List<GroupItem>> ListGroupsAsync(bool activeOnly, CancellationToken cancellationToken) =>
        db.Groups.AsNoTracking().Where(g => !activeOnly || g.IsActive)
            .OrderBy(g => g.Kind).ThenBy(g => g.Name)
            .Select(g => new GroupItem(g.Id, g.Name, g.Kind, g.ParentGroupId,
                db.Groups.Where(p => p.Id == g.ParentGroupId).Select(p => p.Name).FirstOrDefault(),
                g.LocalAreaId, g.IsActive,
                db.GroupMemberships.Count(m => m.GroupId == g.Id)))
            .ToListAsync(cancellationToken);

    public Task<List<AreaItem>> ListAreasAsync(CancellationToken cancellationToken) =>
        db.LocalAreas.AsNoTracking().OrderBy(a => a.Name)
            .Select(a => new AreaItem(a.Id, a.Name, a.CoordinationGroupId,
                db.Groups.Where(g => g.Id == a.CoordinationGroupId).Select(g => g.Name).FirstOrDefault()))
            .ToListAsync(cancellationToken);

    private async Task<PartyInput?> GetPartyAsync(int id, CancellationToken cancellationToken) =>
        await db.Parties.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new PartyInput { Code = p.Code, Name = p.Name, IsPublicAuthority = p.IsPublicAuthority, IsActive = p.IsActive, ConcurrencyStamp = p.ConcurrencyStamp })
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<ServiceResult> SavePartyAsync(int? id, PartyInput input, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        if (await AdminAccess.RefuseUnlessAdministratorAsync(audit, actor, "party", Text(id), cancellationToken) is { } refused)
        {
            return refused;
        }

        if (ServiceResult.Refusing(new PartyInputValidator(), input) is { } invalid)
        {
            return invalid;
        }

        var result = new ServiceResult();
        var code = input.Code!.Trim();
        if (await db.Parties.AnyAsync(p => p.Code == code && p.Id != id, cancellationToken))
        {
            return result.Field(nameof(PartyInput.Code), Texts.Validation_PartyCodeTaken);
        }

        Party party;
        if (id is null)
        {
            party = new Party();
            db.Parties.Add(party);
        }
        else
        {
            var found = await db.Parties.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (found is null)
            {
                return result.General(Texts.NotFound_Text);
            }

            party = found;
            if (!Concurrency.Matches(db, party, input.ConcurrencyStamp))
            {
                return result.General(Texts.Concurrency_Conflict);
            }
        }

        party.Code = code;
        party.Name = input.Name!.Trim();
        party.IsPublicAuthority = input.IsPublicAuthority;
        party.IsActive = input.IsActive;
        party.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        if (!await Concurrency.TrySaveAsync(db, result, cancellationToken))
        {
            return result;
        }

        await audit.WriteAsync(new AuditEvent(id is null ? AuditActions.PartyCreated : AuditActions.PartyUpdated, SubjectType: "party",
            SubjectId: party.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Actor: actor), cancellationToken);
        result.CreatedId = party.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return result;
    }

    private async Task<GroupInput?> GetGroupAsync(int id, CancellationToken cancellationToken) =>
        await db.Groups.AsNoTracking().Where(g => g.Id == id)
            .Select(g => new GroupInput { Name = g.Name, Kind = g.Kind, ParentGroupId = g.ParentGroupId, LocalAreaId = g.LocalAreaId, IsActive = g.IsActive, ConcurrencyStamp = g.ConcurrencyStamp })
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<ServiceResult> SaveGroupAsync(int? id, GroupInput input, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        if (await AdminAccess.RefuseUnlessAdministratorAsync(audit, actor, "group", Text(id), cancellationToken) is { } refused)
        {
            return refused;
        }

        if (ServiceResult.Refusing(new GroupInputValidator(), input) is { } invalid)
        {
            return invalid;
        }

        var result = new ServiceResult();
        var name = input.Name!.Trim();
        if (await db.Groups.AnyAsync(g => g.Name == name && g.Id != id, cancellationToken))
        {
            result.Field(nameof(GroupInput.Name), Texts.Validation_GroupNameTaken);
        }

        SspGroup group;
        if (id is null)
        {
            group = new SspGroup { Kind = input.Kind!.Value };
        }
        else
        {
            var found = await db.Groups.FirstOrDefaultAsync(g => g.Id == id, cancellationToken);
            if (found is null)
            {
                return result.General(Texts.NotFound_Text);
            }

            group = found;
            if (!Concurrency.Matches(db, group, input.ConcurrencyStamp))
            {
                return result.General(Texts.Concurrency_Conflict);
            }
        }

        // Any id that is sent must exist: "no parent" is an empty value, never 0 or a negative number.
        var parent = input.ParentGroupId is not null
            ? await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == input.ParentGroupId, cancellationToken)
            : null;
        if (input.ParentGroupId is not null && parent is null)
        {
            result.Field(nameof(GroupInput.ParentGroupId), Texts.Validation_UnknownGroup);
        }
        else if (group.ValidateParent(parent) is { } parentError)
        {
            result.Field(nameof(GroupInput.ParentGroupId), RoleNames.Error(parentError));
        }

        if (input.LocalAreaId is not null && !await db.LocalAreas.AnyAsync(a => a.Id == input.LocalAreaId, cancellationToken))
        {
            result.Field(nameof(GroupInput.LocalAreaId), Texts.Validation_UnknownArea);
        }

        if (!result.Succeeded)
        {
            return result;
        }

        if (id is null)
        {
            db.Groups.Add(group);
        }

        group.Name = name;
        group.ParentGroupId = parent?.Id;
        group.LocalAreaId = input.LocalAreaId;
        group.IsActive = input.IsActive;
        group.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        if (!await Concurrency.TrySaveAsync(db, result, cancellationToken))
        {
            return result;
        }

        await audit.WriteAsync(new AuditEvent(id is null ? AuditActions.GroupCreated : AuditActions.GroupUpdated, SubjectType: "group",
            SubjectId: group.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Actor: actor), cancellationToken);
        result.CreatedId = group.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return result;
    }

    private async Task<AreaInput?> GetAreaAsync(int id, CancellationToken cancellationToken) =>
        await db.LocalAreas.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new AreaInput { Name = a.Name, CoordinationGroupId = a.CoordinationGroupId, ConcurrencyStamp = a.ConcurrencyStamp })
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<ServiceResult> SaveAreaAsync(int id, AreaInput input, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        if (await AdminAccess.RefuseUnlessAdministratorAsync(audit, actor, "local-area", Text(id), cancellationToken) is { } refused)
        {
            return refused;
        }

        if (ServiceResult.Refusing(new AreaInputValidator(), input) is { } invalid)
        {
            return invalid;
        }

        var result = new ServiceResult();
        var area = await db.LocalAreas.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (area is null)
        {
            return result.General(Texts.NotFound_Text);
        }

        if (!Concurrency.Matches(db, area, input.ConcurrencyStamp))
        {
            return result.General(Texts.Concurrency_Conflict);
        }

        var name = input.Name!.Trim();
        if (await db.LocalAreas.AnyAsync(a => a.Name == name && a.Id != id, cancellationToken))
        {
            result.Field(nameof(AreaInput.Name), Texts.Validation_AreaNameTaken);
        }

        if (input.CoordinationGroupId is not null &&
            !await db.Groups.AnyAsync(g => g.Id == input.CoordinationGroupId && g.Kind == GroupKind.CoordinationGroup, cancellationToken))
        {
            result.Field(nameof(AreaInput.CoordinationGroupId), Texts.Validation_UnknownGroup);
        }

        if (!result.Succeeded)
        {
            return result;
        }

        area.Name = name;
        area.CoordinationGroupId = input.CoordinationGroupId;
        area.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        if (!await Concurrency.TrySaveAsync(db, result, cancellationToken))
        {
            return result;
        }

        await audit.WriteAsync(new AuditEvent(AuditActions.LocalAreaUpdated, SubjectType: "local-area",
            SubjectId: id.ToString(System.Globalization.CultureInfo.InvariantCulture), Actor: actor), cancellationToken);
        return result;
    }
}
