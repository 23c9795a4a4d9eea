using System.Globalization;
using System.Security.Claims;
using SspKbh.Domain.Access;

namespace SspKbh.Web.Security;

/// <summary>Claim types SspKbh adds to the signed-in user, and helpers to read them.</summary>
public static class AppClaims
{
    public const string FullName = "sspkbh:name";
    public const string PartyCode = "sspkbh:party";
    public const string PartyName = "sspkbh:party-name";
    public const string IsAuthority = "sspkbh:authority";

    /// <summary>One claim per membership: "{groupId}:{GroupRole}".</summary>
    public const string GroupMembership = "sspkbh:group";

    public static string? UserId(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    public static string DisplayName(this ClaimsPrincipal user) => user.FindFirstValue(FullName) ?? user.Identity?.Name ?? "";

    public static string? Party(this ClaimsPrincipal user) => user.FindFirstValue(PartyCode);

    public static bool IsAuthorityPerson(this ClaimsPrincipal user) =>
        string.Equals(user.FindFirstValue(IsAuthority), "true", StringComparison.Ordinal);

    public static bool IsInRole(this ClaimsPrincipal user, AppRole role) => user.IsInRole(role.ToString());

    public static IReadOnlyList<AppRole> AppRoles(this ClaimsPrincipal user) =>
        Enum.GetValues<AppRole>().Where(user.IsInRole).ToList();

    /// <summary>The ids of the groups the user is a member of (in any role).</summary>
    public static IReadOnlySet<int> GroupIds(this ClaimsPrincipal user) =>
        user.FindAll(GroupMembership)
            .Select(c => c.Value.Split(':')[0])
            .Select(v => int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : 0)
            .Where(id => id > 0)
            .ToHashSet();
}
