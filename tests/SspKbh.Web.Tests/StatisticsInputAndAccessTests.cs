using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using SspKbh.Web.Audit;
using SspKbh.Web.Features.Statistics;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The statistics page (/statistik) and its CSV (/statistik/csv) over HTTP with bad input and for every kind of user:
/// a Danish message beside the field and no numbers, never an error page; only statistics readers and administrators
/// get the numbers. Real SQLite and PostgreSQL. The numbers themselves: <see cref="StatisticsTests"/>.
/// </summary>
public abstract class StatisticsInputAndAccessTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private const string StatisticsReader = "statistik@sspkbh.dk";
    private const string Admin = "admin@sspkbh.dk";
    private const string Secretary = "sekretaer@sspkbh.dk";
    private const string Police = "myndighed@sspkbh.dk";
    private const string NonAuthority = "ikke-myndighed@sspkbh.dk";

    [Fact]
    public async Task Bad_periods_and_groups_get_a_danish_message_next_to_the_field_and_no_numbers()
    {
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(StatisticsReader);
        int leaderGroup;
        await using (var db = App.CreateDbContext())
        {
            leaderGroup = await db.Groups.Where(g => g.Name == "SSP-ledergruppe Amager").Select(g => g.Id).SingleAsync();
        }

        var cases = new (string Query, string Field, string Message)[]
        {
            ("fra=31-02-2026", "s-from", Texts.Statistics_DateInvalid),
            ("fra=i%20går&til=30-06-2026", "s-from", Texts.Statistics_DateInvalid),
            ("til=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "s-to", Texts.Statistics_DateInvalid),
            ("fra=10-03-2026&til=01-03-2026", "s-to", Texts.Statistics_ToBeforeFrom),
            ("fra=01-01-2020&til=01-01-2025", "s-to", string.Format(CultureInfo.CurrentCulture, Texts.Statistics_PeriodTooLong, StatisticsFilter.MaxYears)),
            ("fra=01-01-1999&til=31-12-1999", "s-from", string.Format(CultureInfo.CurrentCulture, Texts.Statistics_DateOutOfRange, StatisticsFilter.MinYear, StatisticsFilter.MaxYear)),
            ("fra=01-01-9999&til=31-12-9999", "s-from", string.Format(CultureInfo.CurrentCulture, Texts.Statistics_DateOutOfRange, StatisticsFilter.MinYear, StatisticsFilter.MaxYear)),
            ("gruppe=abc", "s-group", Texts.Statistics_GroupUnknown),
            ("gruppe=-1", "s-group", Texts.Statistics_GroupUnknown),
            ("gruppe=987654", "s-group", Texts.Statistics_GroupUnknown),
            ("gruppe=99999999999999999999", "s-group", Texts.Statistics_GroupUnknown),
            ($"gruppe={leaderGroup}", "s-group", Texts.Statistics_GroupUnknown),
        };
        foreach (var (query, field, message) in cases)
        {
            var page = await browser.GetAsync("/statistik?" + query);
            Assert.True(page.Status == HttpStatusCode.OK, $"{query}: {(int)page.Status}");
            Assert.Equal([message], FieldErrors(page, field));
            Assert.NotNull(page.TestIdText("statistics-errors"));
            Assert.Null(page.TestIdText("table-new"));
            Assert.Null(page.TestIdText("statistics-csv"));
            Assert.DoesNotContain("<script>alert(1)</script>", await page.Response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            var csv = await browser.GetAsync("/statistik/csv?" + query);
            Assert.True(csv.Status == HttpStatusCode.BadRequest, $"CSV {query}: {(int)csv.Status}");
            Assert.Equal(Texts.BadRequest_Title, csv.TestIdText("status-heading"));
        }

        // A period of exactly five years is allowed; the typed value is shown back as typed.
        var fiveYears = await browser.GetAsync("/statistik?fra=1-1-2020&til=31.12.2024");
        Assert.NotNull(fiveYears.TestIdText("table-new"));
        Assert.Equal("1-1-2020", fiveYears.Document.GetElementById("s-from")!.GetAttribute("value"));

        foreach (var odd in new[] { "fra=a&fra=b", "til=" + new string('9', 5000), "gruppe=&fra=&til=", "fra=2026-06-31" })
        {
            Assert.NotEqual(HttpStatusCode.InternalServerError, (await browser.GetAsync("/statistik?" + odd)).Status);
            Assert.NotEqual(HttpStatusCode.InternalServerError, (await browser.GetAsync("/statistik/csv?" + odd)).Status);
        }

        // Nothing was shown, so nothing was recorded as viewed for the refused inputs.
        var userId = await App.UserIdAsync(StatisticsReader);
        Assert.DoesNotContain(await App.AuditEntriesAsync(a => a.UserId == userId && a.Action.StartsWith("statistics.", StringComparison.Ordinal)),
            a => a.Details!.Contains("2026-03-10", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_statistics_readers_and_administrators_get_the_page_the_csv_and_the_menu_item()
    {
        foreach (var email in new[] { StatisticsReader, Admin })
        {
            using var allowed = App.CreateBrowser();
            await allowed.SignInAsync(email);
            var home = await allowed.GetAsync("/");
            Assert.Contains(home.Document.QuerySelectorAll("[data-testid='main-menu'] a"), a => a.GetAttribute("href") == "/statistik" && a.TextContent.Trim() == Texts.NavStatistics);
            Assert.Equal(HttpStatusCode.OK, (await allowed.GetAsync("/statistik")).Status);
            Assert.Equal(HttpStatusCode.OK, (await allowed.Client.GetAsync("/statistik/csv")).StatusCode);
        }

        foreach (var email in new[] { Secretary, Police, NonAuthority })
        {
            var userId = await App.UserIdAsync(email);
            var before = (await App.AuditEntriesAsync()).Max(a => a.Sequence);
            using var refused = App.CreateBrowser();
            await refused.SignInAsync(email);
            var home = await refused.GetAsync("/");
            Assert.DoesNotContain(home.Document.QuerySelectorAll("[data-testid='main-menu'] a"), a => a.GetAttribute("href") == "/statistik");
            foreach (var url in new[] { "/statistik", "/statistik?fra=01-01-2011&til=30-06-2011", "/statistik/csv", "/statistik/csv?fra=01-01-2011" })
            {
                var page = await refused.GetAsync(url);
                Assert.True(page.Status == HttpStatusCode.Forbidden, $"{email}: GET {url} answered {(int)page.Status}");
                Assert.Equal(Texts.Forbidden_Title, page.TestIdText("status-heading"));
                Assert.Null(page.TestIdText("table-new"));
            }

            var entries = await App.AuditEntriesAsync(a => a.Sequence > before && a.UserId == userId);
            Assert.Equal(4, entries.Count(a => a.Action == AuditActions.AccessDenied && a.Outcome == AuditOutcomes.Denied));
            Assert.DoesNotContain(entries, a => a.Action.StartsWith("statistics.", StringComparison.Ordinal));
        }

        using var anonymous = App.CreateBrowser();
        foreach (var url in new[] { "/statistik", "/statistik/csv" })
        {
            var page = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, page.Status);
            Assert.StartsWith("/konto/log-ind?ReturnUrl=", TestBrowser.Location(page.Response), StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// The messages shown with a field: in the field's own MudBlazor control, under the id "{id}-error", which the field
    /// names in its aria-describedby so a screen reader reads the message with the field.
    /// </summary>
    private static IReadOnlyList<string> FieldErrors(Page page, string inputId)
    {
        var input = page.Document.GetElementById(inputId) ?? throw new InvalidOperationException($"No element #{inputId} on {page.Url}.");
        var control = input.Closest(".mud-input-control") ?? throw new InvalidOperationException($"#{inputId} is not inside a MudBlazor field.");
        var errors = control.QuerySelectorAll($"[id='{inputId}-error']").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).ToList();
        if (errors.Count > 0)
        {
            Assert.Contains($"{inputId}-error", (input.GetAttribute("aria-describedby") ?? "").Split(' '));
            Assert.Equal("true", input.GetAttribute("aria-invalid"));
        }

        return errors;
    }
}

public sealed class StatisticsInputAndAccessTestsSqlite(SqliteApp fixture) : StatisticsInputAndAccessTests(fixture), IClassFixture<SqliteApp>;

public sealed class StatisticsInputAndAccessTestsPostgres(PostgresApp fixture) : StatisticsInputAndAccessTests(fixture), IClassFixture<PostgresApp>;
