using Microsoft.Data.Sqlite;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace SspKbh.E2E;

/// <summary>
/// The interactive case list in a real browser and circuit, where bUnit and the HTTP tests cannot look:
/// the view read while prerendering is carried into the circuit, so opening the page reads and audits the
/// list once, not twice; and a change in the circuit is one more read.
/// </summary>
[Collection(CasePagesCollection.Name)]
public sealed class CaseListCircuitTests(CasesApp app)
{
    [Fact]
    public async Task Opening_the_list_reads_and_audits_it_once_across_prerender_and_circuit()
    {
        // A search no one else makes, so the audit entries of this view can be told apart.
        var search = "Zq" + Guid.NewGuid().ToString("N")[..10];
        await using var tracked = await app.NewPageAsync();
        var page = tracked.Page;
        await CaseSteps.SignInAsync(tracked, CaseSteps.Secretary, "/sager?q=" + search);
        await tracked.WaitForCircuitAsync();
        await Expect(page.GetByTestId("no-cases")).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(1500); // a second read would come right after the circuit starts

        Assert.Equal(1, await CountListAuditsAsync(search));

        // One change in the circuit: one more read.
        await page.GetByTestId("count-2").ClickAsync();
        await tracked.ExpectUrlAsync(CaseSteps.CaseListUrlWith("niveau=FirstTimeCrime", "q=" + search), "the list at level 2");
        await CaseSteps.WaitForCaseListAsync(page);
        await page.WaitForTimeoutAsync(500);
        Assert.Equal(2, await CountListAuditsAsync(search));
    }

    private async Task<long> CountListAuditsAsync(string search)
    {
        await using var connection = new SqliteConnection($"Data Source={app.Server.DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM AuditEntries WHERE Action = 'case.list' AND Details LIKE $pattern";
        command.Parameters.AddWithValue("$pattern", "%" + search + "%");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
