using System.Security.Claims;
using SspKbh.Domain.Access;
using SspKbh.Web.Resources;
using SspKbh.Web.Security;

namespace SspKbh.Web.Components.Layout;

/// <summary>
/// The main menu by role, for both layouts. Hiding a link is only a convenience: every page and
/// service enforces its own policy.
/// </summary>
public static class NavItems
{
    public sealed record NavItem(string Href, string Text);

    public static IEnumerable<NavItem> For(ClaimsPrincipal user)
    {
        yield return new NavItem("/", Texts.NavHome);
        if (user.IsAuthorityPerson() && user.AppRoles().Any(r => r is AppRole.Secretary or AppRole.AuthorityMember or AppRole.LeaderGroupMember))
        {
            yield return new NavItem("/sager", Texts.NavCases);
            yield return new NavItem("/moeder", Texts.NavMeetings);
            yield return new NavItem("/samtaler", Texts.NavConversations);
        }

        if (!user.IsAuthorityPerson())
        {
            yield return new NavItem("/moeder", Texts.NavMeetings);
            yield return new NavItem("/delt", Texts.Nav_Shared);
        }

        if (Policies.AllowsStatistics(user))
        {
            yield return new NavItem("/statistik", Texts.NavStatistics);
        }

        if (user.IsInRole(AppRole.Administrator))
        {
            yield return new NavItem("/admin/brugere", Texts.NavUsers);
            yield return new NavItem("/admin/organisation", Texts.NavOrganisation);
            yield return new NavItem("/admin/frister", Texts.NavDeadlines);
            yield return new NavItem("/admin/tjeklister", Texts.NavChecklists);
            yield return new NavItem("/admin/audit", Texts.NavAudit);
        }

        yield return new NavItem("/konto", Texts.NavMyAccount);
    }

    public static bool IsCurrent(string href, string? currentPath) => href == "/"
        ? currentPath is "/" or ""
        : currentPath?.StartsWith(href, StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>Until the second factor is set up every page leads to the set-up page, so the menu would only mislead.</summary>
    public static bool MustEnrolTwoFactor(ClaimsPrincipal user, SecurityOptions options) =>
        options.RequireTwoFactor && !user.HasClaim(SecuritySetup.AuthenticationMethodReference, SecuritySetup.MultiFactor);
}
