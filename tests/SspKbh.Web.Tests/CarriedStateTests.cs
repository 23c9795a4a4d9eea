using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Cases;
using SspKbh.Web.Components.Interactive;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The view a page reads while prerendering is carried into its circuit inside the message that starts the circuit,
/// which the app caps at <see cref="AppServices.CircuitMessageLimitBytes"/>: a bigger one leaves the page prerendered
/// and dead. A view over <see cref="BoundedStateSerializer{T}.BudgetBytes"/> is therefore not carried (the circuit reads
/// it again); a small one still is, so it is read and audited once.
/// </summary>
public sealed class CarriedStateTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private const string Secretary = "sekretaer@sspkbh.dk";
    private const string StateMarker = "Blazor-Server-Component-State:";

    private SspAppFactory App => fixture.App;

    [Fact]
    public async Task A_case_with_years_of_notes_is_shown_and_what_it_carries_into_the_circuit_fits_the_start_message()
    {
        var prefix = $"Langsag {Guid.NewGuid().ToString("N")[..8]}";
        await App.SeedCasesAsync("Koordinationsgruppe Amager Øst", prefix, 1);
        var author = await App.UserIdAsync(Secretary);
        int caseId;
        await using (var db = App.CreateDbContext())
        {
            var number = $"C-{prefix[^8..]}-0";
            caseId = await db.Cases.Where(c => c.CaseNumber == number).Select(c => c.Id).SingleAsync();
            var day = new DateOnly(2020, 1, 6);
            for (var i = 0; i < 40; i++)
            {
                db.JournalNotes.Add(new JournalNote
                {
                    CaseId = caseId, NoteDate = day.AddDays(14 * i), AuthorUserId = author, CreatedAtUtc = DateTime.UtcNow,
                    Text = $"Notat {i:D2}: " + string.Concat(Enumerable.Repeat("Samtale med skolen om fravær og trivsel, aftalt opfølgning. ", 50)),
                });
            }

            await db.SaveChangesAsync();
        }

        using var browser = App.CreateBrowser();
        await browser.SignInAsync(Secretary);
        var page = await browser.GetAsync($"/sager/{caseId}");
        Assert.Equal(System.Net.HttpStatusCode.OK, page.Status);
        Assert.Contains(prefix + " 00", page.Text, StringComparison.Ordinal);
        Assert.True(CarriedBytes(page) < AppServices.CircuitMessageLimitBytes / 2,
            $"The page carries {CarriedBytes(page)} characters of state; the circuit's start message may be {AppServices.CircuitMessageLimitBytes} bytes.");
    }

    [Fact]
    public async Task A_small_view_is_still_carried()
    {
        var prefix = $"Kortsag {Guid.NewGuid().ToString("N")[..8]}";
        await App.SeedCasesAsync("Koordinationsgruppe Amager Øst", prefix, 1);
        await using var db = App.CreateDbContext();
        var number = $"C-{prefix[^8..]}-0";
        var caseId = await db.Cases.Where(c => c.CaseNumber == number).Select(c => c.Id).SingleAsync();

        using var browser = App.CreateBrowser();
        await browser.SignInAsync(Secretary);
        var page = await browser.GetAsync($"/sager/{caseId}");
        Assert.Equal(System.Net.HttpStatusCode.OK, page.Status);
        Assert.True(CarriedBytes(page) > 1_000, $"The case page carries only {CarriedBytes(page)} characters: its view is no longer carried into the circuit.");
    }

    /// <summary>The length of the state the prerendered page hands to its circuit (a comment Blazor writes into the page).</summary>
    private static int CarriedBytes(Page page) =>
        page.Document.Descendants<IComment>().Where(c => c.Data.StartsWith(StateMarker, StringComparison.Ordinal)).Sum(c => c.Data.Length - StateMarker.Length);
}
