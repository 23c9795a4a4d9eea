using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using SspKbh.Domain.Access;

namespace SspKbh.Web.Security;

/// <summary>
/// Named authorization policies. Every page and endpoint names one of these (or is covered by the
/// fallback policy, which requires a signed-in user); see docs/architecture.md.
/// </summary>
public static class Policies
{
    /// <summary>SSP Sekretariatet: users, organisation, audit.</summary>
    public const string Administration = "Administration";

    /// <summary>Roles that may see personal data about young people, and only as authority persons.</summary>
    public const string PersonalData = "PersonalData";

    /// <summary>Anonymous statistics for reports.</summary>
    public const string Statistics = "Statistics";

    /// <summary>The roles that satisfy <see cref="Statistics"/> (the navigation menu asks the same question).</summary>
    public static readonly IReadOnlyList<AppRole> StatisticsRoles = [AppRole.StatisticsReader, AppRole.Administrator];

    public static bool AllowsStatistics(ClaimsPrincipal user) => StatisticsRoles.Any(user.IsInRole);

    public static void Add(AuthorizationOptions options)
    {
        var signedIn = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        options.FallbackPolicy = signedIn;
        options.DefaultPolicy = signedIn;

        options.AddPolicy(Administration, p => p.RequireAuthenticatedUser().RequireRole(nameof(AppRole.Administrator)));

        options.AddPolicy(PersonalData, p => p
            .RequireAuthenticatedUser()
            .RequireClaim(AppClaims.IsAuthority, "true")
            .RequireRole(Enum.GetValues<AppRole>().Where(r => r.GrantsPersonalData()).Select(r => r.ToString())));

        options.AddPolicy(Statistics, p => p
            .RequireAuthenticatedUser()
            .RequireRole(StatisticsRoles.Select(r => r.ToString())));

    }
}
