using SspKbh.Domain.Access;
using SspKbh.Domain.Organisation;
using SspKbh.Web.Resources;

namespace SspKbh.Web.Components.Shared;

/// <summary>Danish display names for enums, from the resource file.</summary>
public static class RoleNames
{
    public static string Name(AppRole role) => Texts.ResourceManager.GetString("Role_" + role, Texts.Culture) ?? role.ToString();

    public static string Name(GroupRole role) => Texts.ResourceManager.GetString("GroupRole_" + role, Texts.Culture) ?? role.ToString();

    public static string Name(GroupKind kind) => Texts.ResourceManager.GetString("GroupKind_" + kind, Texts.Culture) ?? kind.ToString();

    /// <summary>Danish name of an audit action such as "auth.sign-in" (the code itself if unknown).</summary>
    public static string AuditAction(string action) => Audit.AuditLabels.Action(action);

    public static string AuditOutcome(string outcome) => Audit.AuditLabels.Outcome(outcome);

    /// <summary>Resolves a domain error key (e.g. from <see cref="AccessRules"/>) to its Danish text.</summary>
    public static string Error(string key) => Texts.ResourceManager.GetString("Error_" + key, Texts.Culture) ?? key;
}
