using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Access;
using SspKbh.Domain.Organisation;
using SspKbh.Web.Data;
using SspKbh.Web.Security;

namespace SspKbh.Web.Demo;

/// <summary>
/// Demo users, one per role (Development only; listed in README.md). Fictional people.
/// </summary>
public sealed class DemoDataSeeder(SspDbContext db, UserManager<AppUser> users, TimeProvider clock)
{
    public const string DemoPassword = "Demo-kodeord-2026";

    public sealed record DemoUser(string Email, string FullName, string Party, bool Authority, AppRole[] Roles, (string Group, GroupRole Role)[] Groups);

    public static readonly DemoUser[] Users =
    [
        new("admin@sspkbh.dk", "Birgit Holm", "SSP", true, [AppRole.Administrator], []),
        new("sekretaer@sspkbh.dk", "Sofie Lund", "SOF", true, [AppRole.Secretary, AppRole.AuthorityMember],
            [("Koordinationsgruppe Amager Øst", GroupRole.Secretary)]),
        new("myndighed@sspkbh.dk", "Jonas Krag", "POL", true, [AppRole.AuthorityMember],
            [("Koordinationsgruppe Amager Øst", GroupRole.Member), ("Koordinationsgruppe Amager Vest", GroupRole.Member)]),
        new("leder@sspkbh.dk", "Mette Vang", "BUF", true, [AppRole.LeaderGroupMember],
            [("SSP-ledergruppe Amager", GroupRole.Leader)]),
        new("ikke-myndighed@sspkbh.dk", "Ali Hassan", "BOLIG", false, [AppRole.NonAuthorityMember],
            [("Lokaludvalg Amager Øst", GroupRole.Member)]),
        new("statistik@sspkbh.dk", "Peter Dahl", "SSP", true, [AppRole.StatisticsReader], []),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var parties = await db.Parties.AsNoTracking().ToDictionaryAsync(p => p.Code, p => p.Id, cancellationToken);
        var groups = await db.Groups.AsNoTracking().ToDictionaryAsync(g => g.Name, g => g.Id, cancellationToken);
        foreach (var demo in Users)
        {
            if (await users.FindByEmailAsync(demo.Email) is not null)
            {
                continue;
            }

            var user = new AppUser
            {
                UserName = demo.Email,
                Email = demo.Email,
                EmailConfirmed = true,
                FullName = demo.FullName,
                PartyId = parties[demo.Party],
                IsAuthorityPerson = demo.Authority,
                CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            };
            var created = await users.CreateAsync(user, DemoPassword);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException("Could not create demo user: " + string.Join("; ", created.Errors.Select(e => e.Code)));
            }

            await users.AddToRolesAsync(user, demo.Roles.Select(r => r.ToString()));
            foreach (var (group, role) in demo.Groups)
            {
                db.GroupMemberships.Add(new GroupMembership { GroupId = groups[group], UserId = user.Id, Role = role });
            }

            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
