using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SspKbh.Domain.Cases;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The case list's filters that the database evaluates in a form of its own (docs/performance.md): overdue only,
/// age band and lokalområde. Each is checked against cases made for it, on both databases, and the overdue filter
/// against the overdue flag the list shows on each row, so the two can never disagree.
/// </summary>
public abstract class CaseListFilterTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private const string Police = "myndighed@sspkbh.dk"; // member of Amager Vest

    private sealed record Made(string Prefix, int OtherArea);

    [Fact]
    public async Task Overdue_only_shows_exactly_the_cases_whose_action_review_or_first_action_deadline_has_passed()
    {
        var made = await MakeCasesAsync();

        var overdue = await ListAsync($"q={made.Prefix}&forsinket=true");
        Assert.Equal(["A action late", "C review late", "E first action late"], Names(overdue));
        Assert.Equal(3, overdue.Total);
        Assert.Equal(3, overdue.CountsByLevel[CaseLevel.WorryingBehaviour]);

        // The list's own flag on each row says the same as the filter.
        var all = await ListAsync($"q={made.Prefix}");
        Assert.Equal(7, all.Rows.Count);
        Assert.Equal(Names(overdue), all.Rows.Where(r => r.Overdue).Select(r => Suffix(r.PersonName)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Age_bands_and_lokalomraade_filter_by_the_young_person_and_count_what_they_show()
    {
        var made = await MakeCasesAsync();

        var under14 = await ListAsync($"q={made.Prefix}&alder=Under14");
        Assert.Equal(["A action late", "E first action late", "F first action planned", "G closed"], Names(under14));
        Assert.Equal(4, under14.Total);
        Assert.Equal(["B action done"], Names(await ListAsync($"q={made.Prefix}&alder=From14To15")));
        Assert.Equal(["C review late"], Names(await ListAsync($"q={made.Prefix}&alder=From16To17")));
        var adults = await ListAsync($"q={made.Prefix}&alder=From18");
        Assert.Equal(["D reviewed"], Names(adults));
        Assert.Equal(1, adults.Total);

        var otherArea = await ListAsync($"q={made.Prefix}&omraade={made.OtherArea}");
        Assert.Equal(["E first action late"], Names(otherArea));
        Assert.Equal(1, otherArea.CountsByLevel[CaseLevel.WorryingBehaviour]);

        // Filters combine: overdue and under 14.
        Assert.Equal(["A action late", "E first action late"], Names(await ListAsync($"q={made.Prefix}&forsinket=true&alder=Under14")));
    }

    private static List<string> Names(CasePage page) => page.Rows.Select(r => Suffix(r.PersonName)).Order(StringComparer.Ordinal).ToList();

    /// <summary>The part of the name after the test's unique prefix ("A action late").</summary>
    private static string Suffix(string name) => name[(name.IndexOf(' ', StringComparison.Ordinal) + 1)..];

    private Task<CasePage> ListAsync(string query) =>
        App.WithScopeAsync(async services => await services.GetRequiredService<CaseListQuery>()
            .PageAsync(CaseFilter.FromQueryString(query), await AppHelpers.PrincipalAsync(services, Police), CancellationToken.None));

    /// <summary>
    /// Seven level-1 cases in Amager Vest (first action within 30 days, review every 90), each made to be
    /// overdue or not for one reason, with young people of every age band and one in another lokalområde.
    /// </summary>
    private async Task<Made> MakeCasesAsync()
    {
        var prefix = "Filter" + Guid.NewGuid().ToString("N")[..8];
        var today = DanishTime.Today(App.Clock);
        await using var db = App.CreateDbContext();
        var deadline = await db.LevelDeadlines.Where(d => d.Level == CaseLevel.WorryingBehaviour).SingleAsync();
        Assert.Equal((30, 90), (deadline.FirstActionDays, deadline.ReviewDays));
        var groupId = await db.Groups.Where(g => g.Name == "Koordinationsgruppe Amager Vest").Select(g => g.Id).SingleAsync();
        var area = await db.LocalAreas.Where(a => a.Name == "Ørestad").Select(a => a.Id).SingleAsync();
        var otherArea = await db.LocalAreas.Where(a => a.Name != "Ørestad").OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
        var buf = await db.Parties.Where(p => p.Code == "BUF").Select(p => p.Id).SingleAsync();

        async Task Make(string name, int ageYears, int raisedDaysAgo, (int DueInDays, ActionStatus Status)? action = null,
            int? reviewedDaysAgo = null, bool closed = false, bool inOtherArea = false)
        {
            var person = new YoungPerson
            {
                DateOfBirth = today.AddYears(-ageYears).AddDays(-10), LocalAreaId = inOtherArea ? otherArea : area, CreatedAtUtc = DateTime.UtcNow,
            };
            person.SetName($"{prefix} {name}");
            db.YoungPersons.Add(person);
            await db.SaveChangesAsync();
            var c = SspCase.Register($"F-{prefix[^8..]}-{name[0]}", person.Id, groupId, CaseLevel.WorryingBehaviour, CaseSource.School, buf, null,
                today.AddDays(-raisedDaysAgo), "Test", buf, null, null, null, "test", DateTime.UtcNow);
            c.LastReviewedOn = reviewedDaysAgo is { } days ? today.AddDays(-days) : null;
            c.Status = closed ? CaseStatus.Closed : CaseStatus.Open;
            db.Cases.Add(c);
            await db.SaveChangesAsync();
            if (action is { } a)
            {
                db.CaseActions.Add(new CaseAction
                {
                    CaseId = c.Id, What = "Samtale", OwnerName = "Lærer", OwnerPartyId = buf, DueOn = today.AddDays(a.DueInDays), Status = a.Status,
                    CreatedByUserId = "test", CreatedAtUtc = DateTime.UtcNow,
                });
                await db.SaveChangesAsync();
            }
        }

        await Make("A action late", 13, raisedDaysAgo: 10, action: (-1, ActionStatus.Planned));
        await Make("B action done", 15, raisedDaysAgo: 10, action: (-1, ActionStatus.Done));
        await Make("C review late", 17, raisedDaysAgo: 100, action: (5, ActionStatus.Planned));
        await Make("D reviewed", 19, raisedDaysAgo: 100, action: (5, ActionStatus.Planned), reviewedDaysAgo: 5);
        await Make("E first action late", 12, raisedDaysAgo: 40, inOtherArea: true);
        await Make("F first action planned", 12, raisedDaysAgo: 40, action: (3, ActionStatus.Planned));
        await Make("G closed", 12, raisedDaysAgo: 100, closed: true);
        return new Made(prefix, otherArea);
    }
}

public sealed class CaseListFilterTestsSqlite(SqliteApp fixture) : CaseListFilterTests(fixture), IClassFixture<SqliteApp>;

public sealed class CaseListFilterTestsPostgres(PostgresApp fixture) : CaseListFilterTests(fixture), IClassFixture<PostgresApp>;
