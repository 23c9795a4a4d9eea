using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SspKbh.Web.Demo;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// An administrator may rename the groups and lokalområder the demo data was written for (issue 16 #22). The next
/// Development start must still come up: the demo seeder seeds what it can and skips what needs a name that is gone.
/// </summary>
public sealed class DemoSeederTests
{
    [Theory]
    [InlineData(DbProvider.Sqlite)]
    [InlineData(DbProvider.Postgres)]
    public async Task Renamed_groups_and_areas_never_stop_the_demo_seeder_and_the_rest_is_seeded(DbProvider provider)
    {
        await using var app = await SspAppFactory.StartAsync(provider, new Dictionary<string, string?> { ["Demo:Seed"] = "false" });
        await using (var db = app.CreateDbContext())
        {
            (await db.Groups.SingleAsync(g => g.Name == "Koordinationsgruppe Amager Øst")).Name = "Koordinationsgruppe Amager Øst og Sundby";
            (await db.LocalAreas.SingleAsync(a => a.Name == "Valby")).Name = "Valby Nord";
            await db.SaveChangesAsync();
        }

        // First start after the renames, then another start: neither throws.
        for (var start = 1; start <= 2; start++)
        {
            await app.WithScopeAsync(async services =>
            {
                await services.GetRequiredService<DemoDataSeeder>().SeedAsync(CancellationToken.None);
                return true;
            });
        }

        await using var check = app.CreateDbContext();
        var secretary = await check.Users.SingleAsync(u => u.Email == "sekretaer@sspkbh.dk");
        Assert.Empty(await check.GroupMemberships.Where(m => m.UserId == secretary.Id).ToListAsync());
        var police = await check.Users.SingleAsync(u => u.Email == "myndighed@sspkbh.dk");
        var policeGroups = await check.GroupMemberships.Where(m => m.UserId == police.Id)
            .Join(check.Groups, m => m.GroupId, g => g.Id, (_, g) => g.Name).ToListAsync();
        Assert.Equal(["Koordinationsgruppe Amager Vest"], policeGroups);

        // The cases are placed by lokalområde: Amager Øst's cases are there (in the renamed group), Valby's is skipped.
        Assert.True(await check.YoungPersons.AnyAsync(p => p.FullName == "Yusuf Amin"));
        Assert.False(await check.YoungPersons.AnyAsync(p => p.FullName == "Elias Madsen"));
        Assert.Equal(1, await check.YoungPersons.CountAsync(p => p.FullName == "Yusuf Amin"));
        Assert.Equal(0, await check.Meetings.CountAsync());
        Assert.Equal(DemoDataSeeder.Users.Length, await check.Users.CountAsync(u => u.Email!.EndsWith("@sspkbh.dk")));
    }
}
