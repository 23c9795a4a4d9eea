using System.Globalization;
using Microsoft.Data.Sqlite;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace SspKbh.E2E;

/// <summary>
/// The interactive statistics page in a real browser and circuit, where bUnit and the HTTP tests cannot look: the
/// numbers counted while prerendering are carried into the circuit, so opening the page counts and audits them once;
/// a change of group in the circuit is one more count, and the address follows.
/// </summary>
public sealed class StatisticsCircuitTests(TwoFactorOptionalApp app) : IClassFixture<TwoFactorOptionalApp>
{
    [Fact]
    public async Task Opening_the_page_counts_and_audits_once_across_prerender_and_circuit()
    {
        // A period no one else asks for, so the audit entries of this view can be told apart.
        var to = new DateOnly(2003, 1, 1).AddDays(Random.Shared.Next(30, 360));
        var query = $"fra=01-01-2003&til={to:dd-MM-yyyy}";
        await using var tracked = await app.NewPageAsync();
        var page = tracked.Page;
        await tracked.GotoAsync("/konto/log-ind");
        await tracked.SubmitLoginAsync("statistik@sspkbh.dk");
        await tracked.ExpectUrlAsync(TrackedPage.HomeUrl(), "the home page");
        await tracked.GotoAsync("/statistik?" + query);
        await tracked.WaitForCircuitAsync();
        await Expect(page.GetByTestId("table-new")).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(1500); // a second count would come right after the circuit starts

        Assert.Equal(1, await CountViewAuditsAsync(to, group: false));

        // One change in the circuit: one more count, and the group in the address.
        await page.Locator("#s-group").SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Label = "Koordinationsgruppe Amager Øst" });
        // The address changes in the page (history.pushState), with no load event to wait for: polled.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/statistik\\?{query}&gruppe=\\d+$"));
        await Expect(page.GetByTestId("statistics-period")).ToContainTextAsync("Koordinationsgruppe Amager Øst");
        await page.WaitForTimeoutAsync(500);
        Assert.Equal(1, await CountViewAuditsAsync(to, group: true));
        Assert.Equal(2, await CountViewAuditsAsync(to, group: null));
    }

    /// <summary>statistics.view entries for the period ending on <paramref name="to"/>: without a group, with one, or either.</summary>
    private async Task<long> CountViewAuditsAsync(DateOnly to, bool? group)
    {
        await using var connection = new SqliteConnection($"Data Source={app.Server.DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM AuditEntries WHERE Action = 'statistics.view' AND Details LIKE $pattern"
            + (group is null ? "" : group.Value ? " AND Details LIKE '%group=%'" : " AND Details NOT LIKE '%group=%'");
        command.Parameters.AddWithValue("$pattern", "from=2003-01-01; to=" + to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "%");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
