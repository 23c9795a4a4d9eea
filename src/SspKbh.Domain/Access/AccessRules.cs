using SspKbh.Domain.Organisation;

namespace SspKbh.Domain.Access;

/// <summary>
/// The rules that keep the §115 boundary in the user model: only authority persons
/// (myndighedspersoner) may hold roles or memberships through which individuals are discussed.
/// </summary>
public static class AccessRules
{
    /// <summary>Roles through which a user can come to see personal data about a young person.</summary>
    public static bool GrantsPersonalData(this AppRole role) => role is
        AppRole.Administrator or AppRole.Secretary or AppRole.AuthorityMember or AppRole.LeaderGroupMember;

    /// <summary>
    /// A user's authority status (myndighedsperson under retsplejeloven §115) follows from the roles: a role through
    /// which personal data can be seen makes the user an authority person; anyone else (only
    /// <see cref="AppRole.NonAuthorityMember"/> or <see cref="AppRole.StatisticsReader"/>) is not. One source of truth,
    /// so a form cannot give a user a role that contradicts a separate authority tick (issue 16 #23, ADR 0034).
    /// </summary>
    public static bool IsAuthorityPerson(IReadOnlyCollection<AppRole> roles) => roles.Any(r => r.GrantsPersonalData());

    /// <summary>
    /// Checks a user's roles and group memberships against the authority status the roles give.
    /// Returns error keys (resolved to Danish texts by the Web project); empty when valid.
    /// </summary>
    public static IReadOnlyList<string> ValidateAssignment(
        IReadOnlyCollection<AppRole> roles,
        IReadOnlyCollection<(GroupKind Kind, GroupRole Role)> memberships)
    {
        var isAuthorityPerson = IsAuthorityPerson(roles);
        var errors = new List<string>();
        if (roles.Count == 0)
        {
            errors.Add("UserNeedsRole");
        }

        // "Participant without authority status" and a role that shows personal data say opposite things about the user.
        if (isAuthorityPerson && roles.Contains(AppRole.NonAuthorityMember))
        {
            errors.Add("NonAuthorityRoleForAuthority");
        }

        if (!isAuthorityPerson && memberships.Any(m => m.Kind.HandlesIndividualCases()))
        {
            errors.Add("CaseGroupRequiresAuthority");
        }

        if (memberships.Any(m => m.Role == GroupRole.Secretary) && !roles.Contains(AppRole.Secretary))
        {
            errors.Add("GroupSecretaryNeedsSecretaryRole");
        }

        if (memberships.Any(m => m.Kind is GroupKind.LeaderGroup or GroupKind.SspPlusLeaderGroup) &&
            !roles.Contains(AppRole.LeaderGroupMember) && !roles.Contains(AppRole.Administrator))
        {
            errors.Add("LeaderGroupNeedsLeaderRole");
        }

        return errors;
    }
}
