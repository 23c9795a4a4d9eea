using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SspKbh.Domain.Cases;
using SspKbh.Web.Audit;
using SspKbh.Web.Features.Statistics;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The statistics page (/statistik) and its CSV (/statistik/csv): counts per lokalområde and level over a
/// period, on real SQLite and PostgreSQL. Each test seeds its own cases in years the demo data does not
/// touch, so the numbers a user sees are known exactly.
/// </summary>
public abstract class StatisticsTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private const string StatisticsReader = "statistik@sspkbh.dk";
    private const string Admin = "admin@sspkbh.dk";
    private const string Secretary = "sekretaer@sspkbh.dk";
    private const string Police = "myndighed@sspkbh.dk";
    private const string NonAuthority = "ikke-myndighed@sspkbh.dk";

    private sealed record Seeded(int East, int West, int EastGroup, IReadOnlyList<string> Names, IReadOnlyList<string> CaseNumbers);

    [Fact]
    public async Task The_page_counts_new_active_and_closed_cases_by_area_and_level()
    {
        var s = await SeedScenarioAsync(2011);
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(StatisticsReader);

        var firstHalf = await browser.GetAsync("/statistik?fra=01-01-2011&til=30-06-2011");
        Assert.Equal(HttpStatusCode.OK, firstHalf.Status);
        Assert.Equal("Periode: 01.01.2011–30.06.2011.", firstHalf.TestIdText("statistics-period"));
        // New: A, D and G at level 1 (D registered in July with an earlier RaisedOn), B at level 2.
        AssertCounts(firstHalf, "new", s.East, [3, 1, 0, 0]);
        AssertCounts(firstHalf, "new", s.West, [0, 0, 0, 0]);
        AssertTotals(firstHalf, "new", [3, 1, 0, 0]);
        // Active: A and D at 1; B (closed in May) and G (level 2 at 23:30 Danish time on 30 June) at 2; C (west) at 4.
        // F closed before the period, E was raised after it.
        AssertCounts(firstHalf, "active", s.East, [2, 2, 0, 0]);
        AssertCounts(firstHalf, "active", s.West, [0, 0, 0, 1]);
        AssertTotals(firstHalf, "active", [2, 2, 0, 1]);
        // Closed: B, anonymised since, still counts.
        AssertCounts(firstHalf, "closed", s.East, [0, 1, 0, 0]);
        AssertTotals(firstHalf, "closed", [0, 1, 0, 0]);

        var secondHalf = await browser.GetAsync("/statistik?fra=01-07-2011&til=31-12-2011");
        AssertCounts(secondHalf, "new", s.East, [0, 1, 0, 0]);
        AssertTotals(secondHalf, "new", [0, 1, 0, 0]);
        // Active at the end of the year: A and G at 3 (G's move to 3 came at 00:30 on 1 July), D and E at 2, C at 4.
        AssertCounts(secondHalf, "active", s.East, [0, 2, 2, 0]);
        AssertTotals(secondHalf, "active", [0, 2, 2, 1]);
        AssertTotals(secondHalf, "closed", [0, 0, 0, 0]);

        var nextYear = await browser.GetAsync("/statistik?fra=2012-01-01&til=2012-06-30");
        AssertCounts(nextYear, "closed", s.East, [0, 0, 1, 0]);
        AssertTotals(nextYear, "active", [0, 2, 2, 1]);

        // Only the koordinationsgruppe's cases, and only its areas as rows.
        var eastOnly = await browser.GetAsync($"/statistik?fra=01-01-2011&til=30-06-2011&gruppe={s.EastGroup}");
        Assert.Contains("Koordinationsgruppe Amager Øst", eastOnly.TestIdText("statistics-period"), StringComparison.Ordinal);
        AssertTotals(eastOnly, "active", [2, 2, 0, 0]);
        Assert.Null(eastOnly.TestIdText($"active-{s.West}-total"));
        Assert.Equal(s.EastGroup.ToString(CultureInfo.InvariantCulture), eastOnly.Document.QuerySelector("#s-group option[selected]")?.GetAttribute("value"));

        // Counts only: no name or case number of the seeded young people.
        foreach (var page in new[] { firstHalf, secondHalf, nextYear, eastOnly })
        {
            var html = await page.Response.Content.ReadAsStringAsync();
            Assert.All(s.Names.Concat(s.CaseNumbers), secret => Assert.DoesNotContain(secret, html, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_csv_has_the_page_numbers_one_row_per_measure_and_area_and_both_are_audited()
    {
        var s = await SeedScenarioAsync(2014);
        var userId = await App.UserIdAsync(StatisticsReader);
        var before = (await App.AuditEntriesAsync()).Max(a => a.Sequence);
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(StatisticsReader);

        var page = await browser.GetAsync("/statistik?fra=01-01-2014&til=30-06-2014");
        var link = page.Document.QuerySelector("[data-testid='statistics-csv']")?.GetAttribute("href");
        Assert.Equal("/statistik/csv?fra=01-01-2014&til=30-06-2014", link);

        var response = await browser.Client.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("statistik-2014-01-01-til-2014-06-30.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();

        Assert.Equal("\"Opgørelse\";\"Fra og med\";\"Til og med\";\"Koordinationsgruppe\";\"Lokalområde\";\"Kategori\";\"Niveau 1\";\"Niveau 2\";\"Niveau 3\";\"Niveau 4\";\"I alt\";"
            + "\"Unge, Niveau 1\";\"Unge, Niveau 2\";\"Unge, Niveau 3\";\"Unge, Niveau 4\";\"Unge i alt\"", lines[0]);
        await using (var db = App.CreateDbContext())
        {
            // One row per measure and area; per breakdown its categories (5 sources, 5 closing reasons, 3 stages of a held
            // conversation) and a total; three per month of the half-year.
            Assert.Equal(1 + (3 * await db.LocalAreas.CountAsync()) + (5 + 1) + (5 + 1) + (3 + 1) + (6 * 3), lines.Count);
        }

        var east = await AreaNameAsync(s.East);
        var west = await AreaNameAsync(s.West);
        Assert.Contains($"\"{Texts.Statistics_New}\";01-01-2014;30-06-2014;\"{Texts.Statistics_AllGroups}\";\"{east}\";;3;1;0;0;4;3;1;0;0;4", lines);
        Assert.Contains($"\"{Texts.Statistics_Active}\";01-01-2014;30-06-2014;\"{Texts.Statistics_AllGroups}\";\"{east}\";;2;2;0;0;4;2;2;0;0;4", lines);
        Assert.Contains($"\"{Texts.Statistics_Active}\";01-01-2014;30-06-2014;\"{Texts.Statistics_AllGroups}\";\"{west}\";;0;0;0;1;1;0;0;0;1;1", lines);
        Assert.Contains($"\"{Texts.Statistics_Closed}\";01-01-2014;30-06-2014;\"{Texts.Statistics_AllGroups}\";\"{east}\";;0;1;0;0;1;0;1;0;0;1", lines);
        // The breakdowns: category rows and a total row whose young people are the distinct ones.
        Assert.Contains($"\"{Texts.Statistics_Source}\";01-01-2014;30-06-2014;\"{Texts.Statistics_AllGroups}\";;\"{Texts.CaseSource_School}\";;;;;4;;;;;4", lines);
        Assert.Contains($"\"{Texts.Statistics_Source}\";01-01-2014;30-06-2014;\"{Texts.Statistics_AllGroups}\";;\"{Texts.CaseSource_Club}\";;;;;0;;;;;0", lines);
        Assert.Contains($"\"{Texts.Statistics_Source}\";01-01-2014;30-06-2014;\"{Texts.Statistics_AllGroups}\";;\"{Texts.Statistics_Total}\";;;;;4;;;;;4", lines);
        Assert.Contains($"\"{Texts.Statistics_CloseReason}\";01-01-2014;30-06-2014;\"{Texts.Statistics_AllGroups}\";;\"{Texts.CloseReason_ConcernResolved}\";;;;;1;;;;;1", lines);
        Assert.Contains($"\"{Texts.Statistics_Conversations}\";01-01-2014;30-06-2014;\"{Texts.Statistics_AllGroups}\";;\"{Texts.Statistics_Total}\";;;;;0;;;;;0", lines);
        // The months: B closed in May; new cases in February, March and June (D and G).
        Assert.Contains($"\"{string.Format(CultureInfo.CurrentCulture, Texts.Statistics_CsvMonthly, Texts.Statistics_Closed)}\";01-01-2014;30-06-2014;\"{Texts.Statistics_AllGroups}\";;\"2014-05\";;;;;1;;;;;", lines);
        Assert.Contains($"\"{string.Format(CultureInfo.CurrentCulture, Texts.Statistics_CsvMonthly, Texts.Statistics_New)}\";01-01-2014;30-06-2014;\"{Texts.Statistics_AllGroups}\";;\"2014-06\";;;;;2;;;;;", lines);

        // The CSV sums to what the page shows: the cases, and the young people (a young person lives in one area).
        var activeLines = lines.Where(l => l.StartsWith($"\"{Texts.Statistics_Active}\";", StringComparison.Ordinal)).Select(l => l.Split(';')).ToList();
        Assert.Equal(int.Parse(page.TestIdText("active-total-total")!, CultureInfo.InvariantCulture), activeLines.Sum(l => int.Parse(l[10], CultureInfo.InvariantCulture)));
        Assert.Equal(int.Parse(page.TestIdText("active-total-total-persons")!, CultureInfo.InvariantCulture), activeLines.Sum(l => int.Parse(l[^1], CultureInfo.InvariantCulture)));
        var csvText = string.Join('\n', lines);
        Assert.All(s.Names.Concat(s.CaseNumbers), secret => Assert.DoesNotContain(secret, csvText, StringComparison.Ordinal));

        var filtered = await browser.Client.GetAsync($"/statistik/csv?fra=01-01-2014&til=30-06-2014&gruppe={s.EastGroup}");
        Assert.Equal($"statistik-2014-01-01-til-2014-06-30-gruppe-{s.EastGroup}.csv", filtered.Content.Headers.ContentDisposition?.FileNameStar ?? filtered.Content.Headers.ContentDisposition?.FileName);
        Assert.Contains(";\"Koordinationsgruppe Amager Øst\";", Encoding.UTF8.GetString(await filtered.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);

        var entries = await App.AuditEntriesAsync(a => a.Sequence > before && a.UserId == userId && a.Action.StartsWith("statistics.", StringComparison.Ordinal));
        var view = Assert.Single(entries, a => a.Action == AuditActions.StatisticsView);
        Assert.Equal(("from=2014-01-01; to=2014-06-30", AuditPurposes.Statistics, AuditOutcomes.Success, null),
            (view.Details, view.Purpose, view.Outcome, view.SubjectId));
        Assert.Equal(["from=2014-01-01; to=2014-06-30", $"from=2014-01-01; to=2014-06-30; group={s.EastGroup}"],
            entries.Where(a => a.Action == AuditActions.StatisticsExport).Select(a => a.Details));
        Assert.Equal(Texts.AuditAction_statistics_export, AuditLabels.Action(AuditActions.StatisticsExport));
    }

    [Fact]
    public async Task Without_dates_the_page_shows_the_current_half_year_and_counts_what_the_database_holds()
    {
        var today = DanishTime.Today(App.Clock);
        var (from, to) = today.Month <= 6 ? (new DateOnly(today.Year, 1, 1), new DateOnly(today.Year, 6, 30)) : (new DateOnly(today.Year, 7, 1), new DateOnly(today.Year, 12, 31));
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(Admin);

        var page = await browser.GetAsync("/statistik");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(DanishTime.FormatInputDate(from), page.Document.GetElementById("s-from")!.GetAttribute("value"));
        Assert.Equal(DanishTime.FormatInputDate(to), page.Document.GetElementById("s-to")!.GetAttribute("value"));

        // The demo cases: counted here in memory, the app counts them in SQL.
        await using var db = App.CreateDbContext();
        var cases = await db.Cases.AsNoTracking().Select(c => new { c.RaisedOn, c.ClosedOn }).ToListAsync();
        Assert.NotEmpty(cases);
        Assert.Equal(cases.Count(c => c.RaisedOn >= from && c.RaisedOn <= to).ToString(CultureInfo.InvariantCulture), page.TestIdText("new-total-total"));
        Assert.Equal(cases.Count(c => c.RaisedOn <= to && (c.ClosedOn == null || c.ClosedOn >= from)).ToString(CultureInfo.InvariantCulture), page.TestIdText("active-total-total"));
    }

    [Fact]
    public async Task The_counting_is_done_by_the_database_with_group_by_and_reads_no_personal_data()
    {
        await SeedScenarioAsync(2017);
        var capture = new SqlCapture();
        await using var db = App.Database.CreateContext(capture);
        var (filter, report) = await App.WithScopeAsync(async services =>
        {
            var query = new StatisticsQuery(db, services.GetRequiredService<AuditService>(), App.Clock);
            return await query.ReportAsync(StatisticsFilter.Parse("01-01-2017", "30-06-2017", null, query.Today),
                new System.Security.Claims.ClaimsPrincipal(), export: false, CancellationToken.None);
        });

        Assert.True(filter.IsValid);
        Assert.Equal([1, 4, 5], report!.Tables.Select(t => t.Total()).Order());
        Assert.Equal([0, 1, 4], report.Breakdowns.Select(b => b.Total).Order());

        // Per measure: cases and young people per area and level, then young people per area. Then the breakdowns by
        // source and closing reason, conversations by stage and their young people per area, and the months.
        var caseQueries = capture.Commands.Where(c => c.Contains("\"Cases\"", StringComparison.Ordinal)).ToList();
        Assert.Equal((3 * 2) + 1 + 1 + 2 + 1, caseQueries.Count);
        Assert.All(caseQueries, sql => Assert.Contains("GROUP BY", sql, StringComparison.Ordinal));
        Assert.All(capture.Commands, sql =>
        {
            Assert.DoesNotContain("\"FullName\"", sql, StringComparison.Ordinal);
            Assert.DoesNotContain("\"Cpr\"", sql, StringComparison.Ordinal);
            Assert.DoesNotContain("\"CaseNumber\"", sql, StringComparison.Ordinal);
        });
    }

    private static void AssertCounts(Page page, string measure, int areaId, int[] levels) =>
        AssertRow(page, measure, areaId.ToString(CultureInfo.InvariantCulture), levels);

    private static void AssertTotals(Page page, string measure, int[] levels) => AssertRow(page, measure, "total", levels);

    private static void AssertRow(Page page, string measure, string row, int[] levels)
    {
        var shown = Enumerable.Range(1, 4).Append(0)
            .Select(l => page.TestIdText($"{measure}-{row}-{(l == 0 ? "total" : l.ToString(CultureInfo.InvariantCulture))}"))
            .ToList();
        var expected = levels.Append(levels.Sum()).Select(n => (string?)n.ToString(CultureInfo.InvariantCulture)).ToList();
        Assert.True(expected.SequenceEqual(shown), $"{measure}, row {row} on {page.Url}: expected {string.Join(' ', expected)}, shown {string.Join(' ', shown.Select(v => v ?? "–"))}");
    }

    /// <summary>
    /// Cases around the year <paramref name="y"/> (H1 = 1 Jan–30 Jun) in Amager Øst, and one in Amager Vest:
    /// <list type="bullet">
    /// <item>A: raised 1 Feb y at level 1, level 3 on 10 Aug y, closed 1 Mar y+1.</item>
    /// <item>B: raised 15 Mar y at level 2, closed 20 May y, anonymised since.</item>
    /// <item>C (Amager Vest): raised 1 Dec y-1 at level 4.</item>
    /// <item>D: raised 30 Jun y at level 1 but registered on 5 Jul y; level 2 on 10 Jul y.</item>
    /// <item>E: raised 1 Jul y at level 2.</item>
    /// <item>F: raised 1 Jun y-1 at level 1, closed 31 Dec y-1.</item>
    /// <item>G: raised 1 Jun y at level 1; level 2 at 23:30 on 30 Jun y and level 3 at 00:30 on 1 Jul y, Danish time.</item>
    /// </list>
    /// C, D, E and G close on 31 Dec y+1, so a scenario for a year from y+2 on does not see them.
    /// </summary>
    private async Task<Seeded> SeedScenarioAsync(int y)
    {
        await using var db = App.CreateDbContext();
        var areas = await db.LocalAreas.Where(a => a.Name == "Amager Øst" || a.Name == "Amager Vest").ToDictionaryAsync(a => a.Name);
        var (east, west) = (areas["Amager Øst"], areas["Amager Vest"]);
        var party = await db.Parties.Where(p => p.Code == "SOF").Select(p => p.Id).SingleAsync();
        var user = await db.Users.Where(u => u.Email == Secretary).Select(u => u.Id).SingleAsync();
        var names = new List<string>();
        var numbers = new List<string>();

        DateTime Danish(int year, int month, int day, int hour = 12, int minute = 0) =>
            TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified), TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen"));

        async Task<SspCase> Add(Domain.Organisation.LocalArea area, DateOnly raisedOn, CaseLevel level, DateTime? registeredAtUtc = null,
            (CaseLevel To, DateTime AtUtc)[]? changes = null, DateOnly? closedOn = null)
        {
            var person = new YoungPerson { DateOfBirth = new DateOnly(y - 15, 3, 1), LocalAreaId = area.Id, CreatedAtUtc = DateTime.UtcNow };
            var name = $"Statistik Testung {Guid.NewGuid().ToString("N")[..8]}";
            person.SetName(name);
            db.YoungPersons.Add(person);
            await db.SaveChangesAsync();
            var number = $"T{y}-{Guid.NewGuid().ToString("N")[..10]}";
            var c = SspCase.Register(number, person.Id, area.CoordinationGroupId!.Value, level, CaseSource.School, party, null, raisedOn,
                "Bekymring", party, null, null, null, user, registeredAtUtc ?? raisedOn.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc));
            foreach (var (to, at) in changes ?? [])
            {
                c.LevelHistory.Add(new CaseLevelChange { From = c.Level, To = to, Reason = "Ændret", ChangedByUserId = user, ChangedAtUtc = at });
                c.Level = to;
            }

            if (closedOn is { } closed)
            {
                c.Status = CaseStatus.Closed;
                c.ClosedOn = closed;
                c.CloseReason = CloseReason.ConcernResolved;
            }

            db.Cases.Add(c);
            await db.SaveChangesAsync();
            names.Add(name);
            numbers.Add(number);
            return c;
        }

        await Add(east, new DateOnly(y, 2, 1), CaseLevel.WorryingBehaviour,
            changes: [(CaseLevel.RepeatedSeriousCrime, Danish(y, 8, 10))], closedOn: new DateOnly(y + 1, 3, 1));
        var b = await Add(east, new DateOnly(y, 3, 15), CaseLevel.FirstTimeCrime, closedOn: new DateOnly(y, 5, 20));
        var later = new DateOnly(y + 1, 12, 31);
        await Add(west, new DateOnly(y - 1, 12, 1), CaseLevel.CrimeDangerousToPersons, closedOn: later);
        await Add(east, new DateOnly(y, 6, 30), CaseLevel.WorryingBehaviour, registeredAtUtc: Danish(y, 7, 5),
            changes: [(CaseLevel.FirstTimeCrime, Danish(y, 7, 10))], closedOn: later);
        await Add(east, new DateOnly(y, 7, 1), CaseLevel.FirstTimeCrime, closedOn: later);
        await Add(east, new DateOnly(y - 1, 6, 1), CaseLevel.WorryingBehaviour, closedOn: new DateOnly(y - 1, 12, 31));
        await Add(east, new DateOnly(y, 6, 1), CaseLevel.WorryingBehaviour,
            changes: [(CaseLevel.FirstTimeCrime, Danish(y, 6, 30, 23, 30)), (CaseLevel.RepeatedSeriousCrime, Danish(y, 7, 1, 0, 30))], closedOn: later);

        // B has been through retention: its text and its young person's identity are gone, but it still counts.
        var anonymised = await db.Cases.Include(c => c.LevelHistory).Include(c => c.StatusHistory).SingleAsync(c => c.Id == b.Id);
        anonymised.Anonymise(new DateOnly(y + 2, 6, 1), DateTime.UtcNow);
        (await db.YoungPersons.SingleAsync(p => p.Id == anonymised.YoungPersonId)).Anonymise(new DateOnly(y + 2, 6, 1));
        await db.SaveChangesAsync();

        return new Seeded(east.Id, west.Id, east.CoordinationGroupId!.Value, names, numbers);
    }

    private async Task<string> AreaNameAsync(int id)
    {
        await using var db = App.CreateDbContext();
        return await db.LocalAreas.Where(a => a.Id == id).Select(a => a.Name).SingleAsync();
    }

    /// <summary>Records every query a context sends.</summary>
    private sealed class SqlCapture : DbCommandInterceptor
    {
        public List<string> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Commands.Add(command.CommandText);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}

public sealed class StatisticsTestsSqlite(SqliteApp fixture) : StatisticsTests(fixture), IClassFixture<SqliteApp>;

public sealed class StatisticsTestsPostgres(PostgresApp fixture) : StatisticsTests(fixture), IClassFixture<PostgresApp>;
