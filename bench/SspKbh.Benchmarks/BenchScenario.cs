using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SspKbh.Domain.Organisation;
using SspKbh.Web.Data;
using SspKbh.Web.Demo;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Security;

namespace SspKbh.Benchmarks;

/// <summary>
/// Who the benchmarks act as and where deep pages start, on the generated database: the SOF member of the
/// koordinationsgruppe with the most cases (exactly the principal the app builds at sign-in), the same person
/// as a member of every koordinationsgruppe (the only scope with 2,000 pages), and the keyset cursors of pages
/// 1,000 and 2,000 of that scope (newest first).
/// </summary>
public sealed record BenchScenario(
    int GroupId,
    IReadOnlyList<int> CoordinationGroups,
    ClaimsPrincipal GroupMember,
    ClaimsPrincipal AllGroups,
    string Page1000Cursor,
    string Page2000Cursor)
{
    /// <param name="pagesNeeded">False for a database smaller than 100,000 cases (the home page's growth): no cursors of pages 1,000 and 2,000.</param>
    public static async Task<BenchScenario> LoadAsync(WebApplication app, bool pagesNeeded = true)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SspDbContext>();
        // The koordinationsgruppe with the most cases, and its SOF member (a generated authority person).
        var coordination = await db.Groups.AsNoTracking().Where(g => g.Kind == GroupKind.CoordinationGroup && g.IsActive)
            .Select(g => g.Id).ToListAsync();
        var groupId = await db.Cases.AsNoTracking().Where(c => coordination.Contains(c.CoordinationGroupId))
            .GroupBy(c => c.CoordinationGroupId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
        var email = string.Create(CultureInfo.InvariantCulture, $"sof.kg{groupId}@{DataGenerator.StaffEmailDomain}");
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException("The generated staff user is missing: " + email);

        // Exactly the principal a signed-in user gets (AppClaimsPrincipalFactory): authority=true,
        // "{groupId}:Member", role AuthorityMember.
        var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>();
        var groupMember = await factory.CreateAsync(user);
        if (!groupMember.IsAuthorityPerson() || !groupMember.GroupIds().SequenceEqual([groupId]))
        {
            throw new InvalidOperationException("Unexpected claims for the benchmark user.");
        }

        // The same person as a member of every koordinationsgruppe: the only scope with 2,000 pages (100,000 cases).
        var identity = new ClaimsIdentity(groupMember.Claims, groupMember.Identity!.AuthenticationType, ClaimTypes.Name, ClaimTypes.Role);
        foreach (var other in coordination.Where(id => id != groupId))
        {
            identity.AddClaim(new Claim(AppClaims.GroupMembership, string.Create(CultureInfo.InvariantCulture, $"{other}:{GroupRole.Member}")));
        }

        var allGroups = new ClaimsPrincipal(identity);

        if (!pagesNeeded)
        {
            return new BenchScenario(groupId, coordination, groupMember, allGroups, "", "");
        }

        // The keyset cursor of page 2,000 (newest first): the id of the last row of page 1,999.
        var visible = db.Cases.AsNoTracking().Where(c => coordination.Contains(c.CoordinationGroupId)).OrderByDescending(c => c.Id);
        const int rowsBefore = 1_999 * CaseListQuery.PageSize;
        var lastOfPage1999 = await visible.Skip(rowsBefore - 1).Select(c => (int?)c.Id).FirstOrDefaultAsync()
            ?? throw new InvalidOperationException("Fewer than 100,000 cases: page 2,000 does not exist.");
        var page2000Cursor = lastOfPage1999.ToString(CultureInfo.InvariantCulture);
        var page1000Cursor = (await visible.Skip((999 * CaseListQuery.PageSize) - 1).Select(c => c.Id).FirstAsync()).ToString(CultureInfo.InvariantCulture);

        return new BenchScenario(groupId, coordination, groupMember, allGroups, page1000Cursor, page2000Cursor);
    }
}
