using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Cases;
using SspKbh.Web.Features.Statistics;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The interactive statistics page (<see cref="StatisticsPage"/>) in bUnit over the real app and a real SQLite
/// database: a change of a field shows other numbers without a page load and puts the fields in the address, and an
/// ill-typed date gets its Danish message beside the field. The prerendered HTML, the CSV and who may see the page are
/// covered over HTTP by <see cref="StatisticsTests"/>.
/// </summary>
public sealed class StatisticsComponentTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private const int Year = 2023;
    private const string StatisticsReader = "statistik@sspkbh.dk";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private SspAppFactory App => fixture.App;

    private static string? TestIdText(IRenderedComponent<StatisticsPage> cut, string testId) =>
        cut.FindAll($"[data-testid='{testId}']") is { Count: > 0 } found ? found[0].TextContent.Trim() : null;

    /// <summary>Fails while the page is still reading numbers, so a wait goes on until they are shown.</summary>
    private static void Settled(IRenderedComponent<StatisticsPage> cut) =>
        Assert.Equal("false", cut.Find("[data-testid='statistics-results']").GetAttribute("aria-busy"));

    [Fact]
    public async Task Choosing_a_group_and_changing_a_date_show_other_numbers_and_the_address_follows()
    {
        var eastGroup = await SeedAsync();
        await using var host = await ComponentHost.ForAsync(App, StatisticsReader);
        var start = $"statistik?fra=01-01-{Year}&til=30-06-{Year}";
        var cut = host.RenderAt<StatisticsPage>("/" + start);
        cut.WaitForAssertion(() => Assert.Equal("2", TestIdText(cut, "new-total-total")), Wait);
        Assert.Equal("2", TestIdText(cut, "source-total"));
        Assert.Contains("Niveau 1: sager 2, unge 2", cut.Find("[data-testid='chart-level'] [role='img']").GetAttribute("aria-label"), StringComparison.Ordinal);

        await host.PickAsync(cut, "s-group", "Koordinationsgruppe Amager Øst");

        cut.WaitForAssertion(() =>
        {
            Assert.Equal($"{start}&gruppe={eastGroup}", host.RelativeUri);
            Settled(cut);
            Assert.Equal("1", TestIdText(cut, "new-total-total"));
        }, Wait);
        Assert.Contains("Koordinationsgruppe Amager Øst", TestIdText(cut, "statistics-period"), StringComparison.Ordinal);
        Assert.Equal("Koordinationsgruppe Amager Øst", cut.Find("#s-group option[selected]").TextContent.Trim());
        Assert.Equal($"/statistik/csv?fra=01-01-{Year}&til=30-06-{Year}&gruppe={eastGroup}", cut.Find("[data-testid='statistics-csv']").GetAttribute("href"));

        // The east case was raised in March: a period ending in February has no new cases.
        await cut.Find("#s-to").ChangeAsync(new ChangeEventArgs { Value = $"28-02-{Year}" });

        cut.WaitForAssertion(() =>
        {
            Assert.Equal($"statistik?fra=01-01-{Year}&til=28-02-{Year}&gruppe={eastGroup}", host.RelativeUri);
            Settled(cut);
            Assert.Equal("0", TestIdText(cut, "new-total-total"));
        }, Wait);
        Assert.Equal($"28-02-{Year}", cut.Find("#s-to").GetAttribute("value"));
        Assert.Equal(2, cut.FindAll("[data-testid='table-months'] tbody tr").Count);

        // Back (the browser's button): the address before, and its numbers, again.
        host.Navigation.NavigateTo("/" + start);
        cut.WaitForAssertion(() =>
        {
            Settled(cut);
            Assert.Equal("2", TestIdText(cut, "new-total-total"));
        }, Wait);
        Assert.Equal(Texts.Statistics_AllGroups, cut.Find("#s-group option[selected]").TextContent.Trim());
    }

    [Fact]
    public async Task An_ill_typed_date_gets_a_danish_message_beside_the_field_and_no_numbers_until_it_is_corrected()
    {
        await SeedAsync();
        await using var host = await ComponentHost.ForAsync(App, StatisticsReader);
        var cut = host.RenderAt<StatisticsPage>($"/statistik?fra=01-01-{Year}&til=30-06-{Year}");
        cut.WaitForAssertion(() => Assert.NotNull(TestIdText(cut, "table-new")), Wait);

        await cut.Find("#s-from").ChangeAsync(new ChangeEventArgs { Value = $"31-02-{Year}" });

        cut.WaitForAssertion(() =>
        {
            Settled(cut);
            Assert.Equal(Texts.Statistics_DateInvalid, cut.Find("#s-from-error").TextContent.Trim());
        }, Wait);
        Assert.Equal($"statistik?fra=31-02-{Year}&til=30-06-{Year}", host.RelativeUri);
        Assert.Equal($"31-02-{Year}", cut.Find("#s-from").GetAttribute("value")); // shown as typed, to be corrected
        Assert.Contains("s-from-error", cut.Find("#s-from").GetAttribute("aria-describedby") ?? "", StringComparison.Ordinal);
        Assert.Equal(Texts.Statistics_Invalid, TestIdText(cut, "statistics-errors"));
        Assert.Null(TestIdText(cut, "table-new"));
        Assert.Null(TestIdText(cut, "statistics-csv"));
        Assert.Empty(cut.FindAll("#s-to-error"));

        // An end before the start: the message moves to the end date.
        await cut.Find("#s-from").ChangeAsync(new ChangeEventArgs { Value = $"01-07-{Year}" });
        cut.WaitForAssertion(() => Assert.Equal(Texts.Statistics_ToBeforeFrom, cut.Find("#s-to-error").TextContent.Trim()), Wait);
        Assert.Empty(cut.FindAll("#s-from-error"));

        await cut.Find("#s-from").ChangeAsync(new ChangeEventArgs { Value = $"01-01-{Year}" });
        cut.WaitForAssertion(() =>
        {
            Settled(cut);
            Assert.Equal("2", TestIdText(cut, "new-total-total"));
        }, Wait);
        Assert.Empty(cut.FindAll("#s-to-error"));
        Assert.Null(TestIdText(cut, "statistics-errors"));
        Assert.Empty(cut.FindAll("[data-testid='circuit-error']"));
    }

    /// <summary>Two cases raised in the first half of <see cref="Year"/>: one in Amager Øst (March), one in Amager Vest (April). Returns Amager Øst's group id.</summary>
    private async Task<int> SeedAsync()
    {
        await using var db = App.CreateDbContext();
        var areas = await db.LocalAreas.Where(a => a.Name == "Amager Øst" || a.Name == "Amager Vest").ToDictionaryAsync(a => a.Name);
        await Gate.WaitAsync();
        try
        {
            if (!await db.Cases.AnyAsync(c => c.CaseNumber.StartsWith($"V{Year}-")))
            {
                var party = await db.Parties.Where(p => p.Code == "SOF").Select(p => p.Id).SingleAsync();
                var user = await db.Users.Where(u => u.Email == "sekretaer@sspkbh.dk").Select(u => u.Id).SingleAsync();
                foreach (var (area, month) in new[] { (areas["Amager Øst"], 3), (areas["Amager Vest"], 4) })
                {
                    var person = new YoungPerson { DateOfBirth = new DateOnly(Year - 14, 2, 1), LocalAreaId = area.Id, CreatedAtUtc = DateTime.UtcNow };
                    person.SetName($"Statistik Komponent {Guid.NewGuid().ToString("N")[..8]}");
                    db.YoungPersons.Add(person);
                    await db.SaveChangesAsync();
                    var raisedOn = new DateOnly(Year, month, 1);
                    db.Cases.Add(SspCase.Register($"V{Year}-{Guid.NewGuid().ToString("N")[..10]}", person.Id, area.CoordinationGroupId!.Value,
                        CaseLevel.WorryingBehaviour, CaseSource.School, party, null, raisedOn, "Bekymring", party, null, null, null, user,
                        raisedOn.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc)));
                    await db.SaveChangesAsync();
                }
            }
        }
        finally
        {
            Gate.Release();
        }

        return areas["Amager Øst"].CoordinationGroupId!.Value;
    }

    private static readonly SemaphoreSlim Gate = new(1, 1);
}
