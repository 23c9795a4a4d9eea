using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SspKbh.Domain.Cases;
using SspKbh.Domain.Conversations;
using SspKbh.Web.Features.Statistics;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// Issue 16 item 24: the statistics count young people as well as cases, so a young person with several cases does
/// not inflate the figures, and break the period down by source, closing reason and concern conversations held.
/// Real SQLite and PostgreSQL; the cases are seeded in a year the demo data does not touch.
/// </summary>
public abstract class StatisticsCountsTests(AppFixture fixture)
{
    private const int Year = 2020;
    private const string StatisticsReader = "statistik@sspkbh.dk";
    private const string Secretary = "sekretaer@sspkbh.dk";

    private SspAppFactory App => fixture.App;

    private sealed record Seeded(int East, int West);

    [Fact]
    public async Task A_young_person_with_several_cases_counts_once_among_the_young_people_of_each_cell_and_each_total()
    {
        var s = await SeedAsync();
        var report = await ReportAsync();

        // New in the first half: Ida's three cases (two at level 1, one at level 2) and Bo's case at level 2 in Amager Øst;
        // Carl's case at level 1 in Amager Vest.
        var fresh = report.Table(StatisticsMeasure.New);
        var east = fresh.Rows.Single(r => r.AreaId == s.East);
        Assert.Equal((2, 1), (east.Counts[CaseLevel.WorryingBehaviour], east.PersonCounts[CaseLevel.WorryingBehaviour]));
        Assert.Equal((2, 2), (east.Counts[CaseLevel.FirstTimeCrime], east.PersonCounts[CaseLevel.FirstTimeCrime]));
        Assert.Equal((4, 2), (east.Total, east.Persons)); // Ida is at two levels, and once in the area's total
        var west = fresh.Rows.Single(r => r.AreaId == s.West);
        Assert.Equal((1, 1), (west.Counts[CaseLevel.WorryingBehaviour], west.PersonCounts[CaseLevel.WorryingBehaviour])); // Carl
        Assert.Equal((3, 2), (fresh.Total(CaseLevel.WorryingBehaviour), fresh.Persons(CaseLevel.WorryingBehaviour)));
        Assert.Equal((5, 3), (fresh.Total(), fresh.Persons()));

        // Closed in the first half: two of Ida's cases and Bo's.
        var closed = report.Table(StatisticsMeasure.Closed);
        Assert.Equal((3, 2), (closed.Total(), closed.Persons()));

        // The same numbers on the page as the user sees it (prerendered), cases beside young people.
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(StatisticsReader);
        var page = await browser.GetAsync($"/statistik?fra=01-01-{Year}&til=30-06-{Year}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var area = s.East.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(("2", "1"), (page.TestIdText($"new-{area}-1"), page.TestIdText($"new-{area}-1-persons")));
        Assert.Equal(("4", "2"), (page.TestIdText($"new-{area}-total"), page.TestIdText($"new-{area}-total-persons")));
        Assert.Equal(("5", "3"), (page.TestIdText("new-total-total"), page.TestIdText("new-total-total-persons")));
        Assert.Equal(Texts.Statistics_Persons, page.Document.QuerySelector("[data-testid='table-new'] thead tr:nth-child(2) th:nth-child(2)")?.TextContent.Trim());
    }

    [Fact]
    public async Task The_breakdowns_count_cases_by_source_and_closing_reason_and_the_conversations_held_with_their_young_people()
    {
        await SeedAsync();
        var report = await ReportAsync();

        // Source of the new cases: Ida's two cases and Bo's from a school, Carl's from a club, Ida's third from elsewhere.
        var sources = Rows(report.Breakdown(StatisticsBreakdownKind.Source));
        Assert.Equal((3, 2), sources[nameof(CaseSource.School)]);
        Assert.Equal((1, 1), sources[nameof(CaseSource.Club)]);
        Assert.Equal((1, 1), sources[nameof(CaseSource.Other)]);
        Assert.Equal((0, 0), sources[nameof(CaseSource.PoliceLevelReport)]);
        Assert.Equal((5, 3), Totals(report.Breakdown(StatisticsBreakdownKind.Source)));

        // Closing reasons: two of Ida's cases resolved, Bo moved away.
        var reasons = Rows(report.Breakdown(StatisticsBreakdownKind.CloseReason));
        Assert.Equal((2, 1), reasons[nameof(CloseReason.ConcernResolved)]);
        Assert.Equal((1, 1), reasons[nameof(CloseReason.MovedAway)]);
        Assert.Equal((0, 0), reasons[nameof(CloseReason.HandedOverToSspPlus)]);
        Assert.Equal((3, 2), Totals(report.Breakdown(StatisticsBreakdownKind.CloseReason)));

        // Held in the period, by where they stand now: Ida's two and Carl's, Bo's followed up. The cancelled one, the
        // planned one and the one held in July do not count.
        var held = Rows(report.Breakdown(StatisticsBreakdownKind.Conversations));
        Assert.Equal((2, 2), held[nameof(ConversationStatus.Held)]);
        Assert.Equal((1, 1), held[nameof(ConversationStatus.FollowedUp)]);
        Assert.Equal((1, 1), held[nameof(ConversationStatus.Journalised)]);
        Assert.Equal((4, 3), Totals(report.Breakdown(StatisticsBreakdownKind.Conversations)));

        // The months add up to the tables: new, active and closed cases per month of the half-year.
        Assert.Equal([1, 1, 2, 1, 0, 0], report.Months.Select(m => m.New));
        Assert.Equal([1, 2, 4, 5, 5, 4], report.Months.Select(m => m.Active));
        Assert.Equal([0, 0, 0, 0, 1, 2], report.Months.Select(m => m.Closed));

        // On the page, and in the CSV.
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(StatisticsReader);
        var page = await browser.GetAsync($"/statistik?fra=01-01-{Year}&til=30-06-{Year}");
        Assert.Equal(("3", "2"), (page.TestIdText("source-School"), page.TestIdText("source-School-persons")));
        Assert.Equal(("3", "2"), (page.TestIdText("close-reason-total"), page.TestIdText("close-reason-total-persons")));
        Assert.Equal(("4", "3"), (page.TestIdText("conversations-total"), page.TestIdText("conversations-total-persons")));
        Assert.Equal("4", page.TestIdText($"month-{Year}-06-active"));
        var csv = await browser.Client.GetStringAsync($"/statistik/csv?fra=01-01-{Year}&til=30-06-{Year}");
        Assert.Contains($"\"{Texts.Statistics_Conversations}\";01-01-{Year};30-06-{Year};\"{Texts.Statistics_AllGroups}\";;\"{Texts.Statistics_Total}\";;;;;4;;;;;3", csv, StringComparison.Ordinal);
        Assert.Contains($"\"{Texts.Statistics_Source}\";01-01-{Year};30-06-{Year};\"{Texts.Statistics_AllGroups}\";;\"{Texts.CaseSource_School}\";;;;;3;;;;;2", csv, StringComparison.Ordinal);
    }

    private static Dictionary<string, (int, int)> Rows(StatisticsBreakdown breakdown) => breakdown.Rows.ToDictionary(r => r.Key, r => (r.Count, r.Persons));

    private static (int, int) Totals(StatisticsBreakdown breakdown) => (breakdown.Total, breakdown.Persons);

    private Task<StatisticsReport> ReportAsync() => App.WithScopeAsync(async services =>
    {
        var query = services.GetRequiredService<StatisticsQuery>();
        var (filter, report) = await query.ReportAsync(StatisticsFilter.Parse($"01-01-{Year}", $"30-06-{Year}", null, query.Today),
            await AppHelpers.PrincipalAsync(services, StatisticsReader), export: false, CancellationToken.None);
        Assert.True(filter.IsValid);
        return report!;
    });

    /// <summary>
    /// In the first half of <see cref="Year"/>: Ida (Amager Øst) has three cases, Bo (Amager Øst) one, Carl (Amager Vest)
    /// one; and their concern conversations. The seeding runs once per database (the fixture is shared by the tests).
    /// </summary>
    private async Task<Seeded> SeedAsync()
    {
        await using var db = App.CreateDbContext();
        var areas = await db.LocalAreas.Where(a => a.Name == "Amager Øst" || a.Name == "Amager Vest").ToDictionaryAsync(a => a.Name);
        var (east, west) = (areas["Amager Øst"], areas["Amager Vest"]);
        await Gate.WaitAsync();
        try
        {
            if (await db.Cases.AnyAsync(c => c.CaseNumber.StartsWith($"U{Year}-")))
            {
                return new Seeded(east.Id, west.Id);
            }

            var party = await db.Parties.Where(p => p.Code == "SOF").Select(p => p.Id).SingleAsync();
            var user = await db.Users.Where(u => u.Email == Secretary).Select(u => u.Id).SingleAsync();
            var template = await db.ChecklistTemplates.Select(t => t.Id).FirstAsync();

            async Task<YoungPerson> Person(Domain.Organisation.LocalArea area)
            {
                var person = new YoungPerson { DateOfBirth = new DateOnly(Year - 15, 5, 1), LocalAreaId = area.Id, CreatedAtUtc = DateTime.UtcNow };
                person.SetName($"Statistik Ung {Guid.NewGuid().ToString("N")[..8]}");
                db.YoungPersons.Add(person);
                await db.SaveChangesAsync();
                return person;
            }

            async Task<SspCase> Case(YoungPerson person, Domain.Organisation.LocalArea area, int month, int day, CaseLevel level, CaseSource source,
                (int Month, int Day, CloseReason Reason)? closed = null)
            {
                var raisedOn = new DateOnly(Year, month, day);
                var c = SspCase.Register($"U{Year}-{Guid.NewGuid().ToString("N")[..10]}", person.Id, area.CoordinationGroupId!.Value, level, source, party, null,
                    raisedOn, "Bekymring", party, null, null, null, user, raisedOn.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc));
                if (closed is { } x)
                {
                    c.Status = CaseStatus.Closed;
                    c.ClosedOn = new DateOnly(Year, x.Month, x.Day);
                    c.CloseReason = x.Reason;
                }

                db.Cases.Add(c);
                await db.SaveChangesAsync();
                return c;
            }

            void Conversation(SspCase c, ConversationStatus status, (int Month, int Day)? heldOn)
            {
                var v = ConcernConversation.Create(c.Id, null, user, c.Level, template, user, DateTime.UtcNow);
                v.Status = status;
                v.ScheduledDate = heldOn is { } h ? new DateOnly(Year, h.Month, h.Day) : null;
                v.HeldOn = v.ScheduledDate;
                db.ConcernConversations.Add(v);
            }

            var ida = await Person(east);
            var bo = await Person(east);
            var carl = await Person(west);
            var ida1 = await Case(ida, east, 2, 1, CaseLevel.WorryingBehaviour, CaseSource.School, (5, 1, CloseReason.ConcernResolved));
            var ida2 = await Case(ida, east, 3, 1, CaseLevel.WorryingBehaviour, CaseSource.School);
            await Case(ida, east, 4, 15, CaseLevel.FirstTimeCrime, CaseSource.Other, (6, 30, CloseReason.ConcernResolved));
            var boCase = await Case(bo, east, 3, 10, CaseLevel.FirstTimeCrime, CaseSource.School, (6, 20, CloseReason.MovedAway));
            var carlCase = await Case(carl, west, 1, 5, CaseLevel.WorryingBehaviour, CaseSource.Club);

            Conversation(ida1, ConversationStatus.Held, (3, 15));
            Conversation(ida2, ConversationStatus.Journalised, (4, 10));
            Conversation(ida2, ConversationStatus.Held, (7, 2));       // after the period
            Conversation(boCase, ConversationStatus.FollowedUp, (6, 1));
            Conversation(boCase, ConversationStatus.Cancelled, null);
            Conversation(carlCase, ConversationStatus.Held, (2, 1));
            Conversation(carlCase, ConversationStatus.Planned, null);
            await db.SaveChangesAsync();
            return new Seeded(east.Id, west.Id);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static readonly SemaphoreSlim Gate = new(1, 1);
}

public sealed class StatisticsCountsTestsSqlite(SqliteApp fixture) : StatisticsCountsTests(fixture), IClassFixture<SqliteApp>;

public sealed class StatisticsCountsTestsPostgres(PostgresApp fixture) : StatisticsCountsTests(fixture), IClassFixture<PostgresApp>;
