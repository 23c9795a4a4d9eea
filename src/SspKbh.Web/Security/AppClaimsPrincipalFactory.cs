using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SspKbh.Web.Data;

namespace SspKbh.Web.Security;

/// <summary>
/// Adds party, authority status and group memberships to the principal. The security-stamp
/// validator rebuilds the principal through this factory, so a changed membership reaches the
/// cookie within the validation interval (the stamp is renewed on every such change).
/// </summary>
public sealed class AppClaimsPrincipalFactory(
    UserManager<AppUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options,
    SspDbContext db)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var party = await db.Parties.AsNoTracking().Where(p => p.Id == user.PartyId)
            .Select(p => new { p.Code, p.Name }).FirstOrDefaultAsync();
        identity.AddClaim(new Claim(AppClaims.FullName, user.FullName));
        identity.AddClaim(new Claim(AppClaims.PartyCode, party?.Code ?? ""));
        identity.AddClaim(new Claim(AppClaims.PartyName, party?.Name ?? ""));
        identity.AddClaim(new Claim(AppClaims.IsAuthority, user.IsAuthorityPerson ? "true" : "false"));

        var memberships = await db.GroupMemberships.AsNoTracking()
            .Where(m => m.UserId == user.Id)
            .Select(m => new { m.GroupId, m.Role })
            .ToListAsync();
        foreach (var m in memberships)
        {
            identity.AddClaim(new Claim(AppClaims.GroupMembership, string.Create(CultureInfo.InvariantCulture, $"{m.GroupId}:{m.Role}")));
        }

        return identity;
    }
}
