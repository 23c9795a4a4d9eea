using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Access;
using SspKbh.Domain.Cases;
using SspKbh.Domain.Conversations;
using SspKbh.Domain.Organisation;
using SspKbh.Web.Data;

namespace SspKbh.Web.Demo;

/// <summary>
/// Seeds Copenhagen's SSP organisation on first start (every environment): parties, the 15
/// lokalområder, 5 ledergrupper, 7 koordinationsgrupper, 15 lokaludvalg and the SSP+ groups, and
/// the system roles, the placeholder level deadlines and version 1 of the concern-conversation checklist
/// (<see cref="DefaultChecklist"/>). The area and group names are a starting point; SSP Sekretariatet edits them.
/// </summary>
public sealed class OrganisationSeeder(SspDbContext db, RoleManager<IdentityRole> roles, TimeProvider clock)
{
    // (leader group, coordination group, lokalområder it covers)
    private static readonly (string Leader, string Coordination, string[] Areas)[] Structure =
    [
        ("SSP-ledergruppe City", "Koordinationsgruppe Indre By og Nørrebro", ["Indre By og Christianshavn", "Nørrebro"]),
        ("SSP-ledergruppe Nord", "Koordinationsgruppe Østerbro", ["Østerbro"]),
        ("SSP-ledergruppe Nord", "Koordinationsgruppe Bispebjerg og Nordvest", ["Bispebjerg", "Nordvest"]),
        ("SSP-ledergruppe Vest", "Koordinationsgruppe Brønshøj, Husum og Vanløse", ["Brønshøj-Husum", "Tingbjerg", "Vanløse"]),
        ("SSP-ledergruppe Syd", "Koordinationsgruppe Valby og Vesterbro", ["Valby", "Vesterbro", "Kongens Enghave"]),
        ("SSP-ledergruppe Amager", "Koordinationsgruppe Amager Øst", ["Amager Øst", "Sundby"]),
        ("SSP-ledergruppe Amager", "Koordinationsgruppe Amager Vest", ["Amager Vest", "Ørestad"]),
    ];

    /// <summary>The seven koordinationsgrupper, by name.</summary>
    public static IEnumerable<string> CoordinationGroupNames => Structure.Select(s => s.Coordination);

    public static readonly (string Code, string Name, bool Authority)[] Parties =
    [
        ("BUF", "Børne- og Ungdomsforvaltningen", true),
        ("SOF", "Socialforvaltningen", true),
        ("KFF", "Kultur- og Fritidsforvaltningen", true),
        ("BIF", "Beskæftigelses- og Integrationsforvaltningen", true),
        ("POL", "Københavns Politi", true),
        ("KIF", "Kriminalforsorgen", true),
        ("SSP", "SSP Sekretariatet", true),
        ("BOLIG", "Boligsociale helhedsplaner", false),
        ("ANDRE", "Andre aktører", false),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var role in Enum.GetNames<AppRole>())
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        if (!await db.LevelDeadlines.AnyAsync(cancellationToken))
        {
            // Placeholders until SSP København sets the real time frames (docs/configuration.md).
            db.LevelDeadlines.AddRange(DeadlineRules.Placeholders.Select(d => new LevelDeadlineSetting
            {
                Level = d.Level,
                FirstActionDays = d.FirstActionDays,
                ReviewDays = d.ReviewDays,
            }));
            await db.SaveChangesAsync(cancellationToken);
        }

        if (!await db.ChecklistTemplates.AnyAsync(cancellationToken))
        {
            // Every database needs a concern-conversation checklist before the first conversation is created;
            // administrators then publish new versions (version 1 stays for the records that use it).
            db.ChecklistTemplates.Add(DefaultChecklist.Create(clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync(cancellationToken);
        }

        if (await db.Parties.AnyAsync(cancellationToken))
        {
            return;
        }

        db.Parties.AddRange(Parties.Select(p => new Party { Code = p.Code, Name = p.Name, IsPublicAuthority = p.Authority }));

        var leaders = Structure.Select(s => s.Leader).Distinct()
            .ToDictionary(n => n, n => new SspGroup { Name = n, Kind = GroupKind.LeaderGroup });
        db.Groups.AddRange(leaders.Values);
        await db.SaveChangesAsync(cancellationToken);

        foreach (var (leader, coordination, areas) in Structure)
        {
            var kg = new SspGroup { Name = coordination, Kind = GroupKind.CoordinationGroup, ParentGroupId = leaders[leader].Id };
            db.Groups.Add(kg);
            await db.SaveChangesAsync(cancellationToken);
            foreach (var areaName in areas)
            {
                var area = new LocalArea { Name = areaName, CoordinationGroupId = kg.Id };
                db.LocalAreas.Add(area);
                await db.SaveChangesAsync(cancellationToken);
                db.Groups.Add(new SspGroup
                {
                    Name = $"Lokaludvalg {areaName}",
                    Kind = GroupKind.LocalCommittee,
                    ParentGroupId = leaders[leader].Id,
                    LocalAreaId = area.Id,
                });
            }
        }

        var plusLeader = new SspGroup { Name = "SSP+ ledergruppe", Kind = GroupKind.SspPlusLeaderGroup };
        db.Groups.Add(plusLeader);
        await db.SaveChangesAsync(cancellationToken);
        db.Groups.Add(new SspGroup { Name = "SSP+ koordinationsgruppe", Kind = GroupKind.SspPlusCoordinationGroup, ParentGroupId = plusLeader.Id });
        await db.SaveChangesAsync(cancellationToken);
    }
}
