using Bunit;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Cases;
using SspKbh.Web.Audit;
using SspKbh.Web.Features.Admin.Deadlines;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The time frames per level (/admin/frister): at the service layer (what the interactive page's save ends in, and a
/// forged circuit message would), and the page itself over the real services (bUnit). Days from 1 to 365 with the
/// message next to the field, an incomplete or forged form refused whole, a stale save refused with the newest version
/// offered, the save said in words, and everyone but an administrator refused.
/// </summary>
public abstract class DeadlinesTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private const string Admin = "admin@sspkbh.dk";

    private static readonly TimeSpan Patience = CasePageSteps.Patience;

    private Task<DeadlinesInput?> LoadAsync(string email = Admin) =>
        App.AsUserAsync<DeadlineAdministration, DeadlinesInput?>(email, (d, u) => d.LoadAsync(u, CancellationToken.None));

    private Task<ServiceResult> SaveAsync(DeadlinesInput input, string email = Admin) =>
        App.AsUserAsync<DeadlineAdministration, ServiceResult>(email, (d, u) => d.SaveAsync(input, u, CancellationToken.None));

    private async Task<string> StoredAsync()
    {
        await using var db = App.CreateDbContext();
        var rows = await db.LevelDeadlines.AsNoTracking().OrderBy(d => d.Level).Select(d => $"{d.Level}={d.FirstActionDays}/{d.ReviewDays}/{d.ConcurrencyStamp}").ToListAsync();
        return string.Join(';', rows);
    }

    [Fact]
    public async Task Valid_days_are_saved_and_audited_and_bad_ones_are_refused_at_their_fields()
    {
        var input = (await LoadAsync())!;
        Assert.Equal(Enum.GetValues<CaseLevel>(), input.Rows.Select(r => r.Level));

        var before = await StoredAsync();
        input.Rows[1].FirstActionDays = 0;
        input.Rows[2].ReviewDays = 366;
        input.Rows[3].ReviewDays = null;
        var refused = await SaveAsync(input);
        Assert.Equal([Texts.Deadlines_DaysRange], refused.FieldErrors[DeadlinesInput.Field(1, nameof(DeadlineRow.FirstActionDays))]);
        Assert.Equal([Texts.Deadlines_DaysRange], refused.FieldErrors[DeadlinesInput.Field(2, nameof(DeadlineRow.ReviewDays))]);
        Assert.Equal([Texts.Deadlines_DaysRange], refused.FieldErrors[DeadlinesInput.Field(3, nameof(DeadlineRow.ReviewDays))]);
        Assert.Equal(3, refused.FieldErrors.Count);
        Assert.Equal(before, await StoredAsync());

        // Incomplete or forged forms are refused whole.
        Assert.Contains(Texts.Deadlines_Invalid, (await SaveAsync(new DeadlinesInput { Rows = [.. input.Rows.Take(3)] })).GeneralErrors);
        var forged = (await LoadAsync())!;
        forged.Rows[0].Level = (CaseLevel)99;
        Assert.Contains(Texts.Deadlines_Invalid, (await SaveAsync(forged)).GeneralErrors);
        var twice = (await LoadAsync())!;
        twice.Rows[1].Level = twice.Rows[0].Level;
        Assert.Contains(Texts.Deadlines_Invalid, (await SaveAsync(twice)).GeneralErrors);
        Assert.Contains(Texts.Deadlines_Invalid, (await SaveAsync(new DeadlinesInput { Rows = null! })).GeneralErrors);
        Assert.Equal(before, await StoredAsync());

        var valid = (await LoadAsync())!;
        valid.Rows[0].FirstActionDays = 21;
        valid.Rows[0].ReviewDays = 120;
        Assert.True((await SaveAsync(valid)).Succeeded);
        var reread = (await LoadAsync())!;
        Assert.Equal((21, 120), (reread.Rows[0].FirstActionDays, reread.Rows[0].ReviewDays));
        Assert.Contains(await App.AuditEntriesAsync(a => a.Action == AuditActions.DeadlinesUpdated), a => (a.Details ?? "").Contains("=21/120", StringComparison.Ordinal) && a.UserId != null);
    }

    [Fact]
    public async Task A_stale_save_is_refused_with_the_conflict_message()
    {
        var first = (await LoadAsync())!;
        var second = (await LoadAsync())!;
        first.Rows[2].ReviewDays = 45;
        Assert.True((await SaveAsync(first)).Succeeded);
        second.Rows[2].ReviewDays = 50;
        Assert.Contains(Texts.Concurrency_Conflict, (await SaveAsync(second)).GeneralErrors);
        Assert.Equal(45, (await LoadAsync())!.Rows[2].ReviewDays);
    }

    [Theory]
    [InlineData("sekretaer@sspkbh.dk")]
    [InlineData("statistik@sspkbh.dk")]
    public async Task Everyone_but_an_administrator_is_refused_and_nothing_changes(string email)
    {
        var input = (await LoadAsync())!;
        var before = await StoredAsync();
        Assert.Null(await LoadAsync(email));
        input.Rows[0].FirstActionDays = 2;
        Assert.Contains(Texts.Forbidden_Text, (await SaveAsync(input, email)).GeneralErrors);
        Assert.Equal(before, await StoredAsync());
        var userId = await App.UserIdAsync(email);
        Assert.Equal(2, (await App.AuditEntriesAsync(a => a.Action == AuditActions.AccessDenied && a.UserId == userId && (a.SubjectType == "level-deadlines" || a.SubjectId == "/admin/frister"))).Count);
    }

    [Fact]
    public async Task The_page_shows_the_message_next_to_the_field_and_says_when_the_deadlines_are_saved()
    {
        await using var host = await ComponentHost.ForAsync(App, Admin);
        var page = host.RenderPage<DeadlinesPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Instance.Input), Patience);
        Assert.Equal(4, page.FindAll("[data-testid='deadlines'] tbody tr").Count);
        Assert.Contains(Texts.Deadlines_FirstAction, page.Find("label[for='first-0']").TextContent, StringComparison.Ordinal);

        page.Find("#review-1").Input("400");
        page.WaitForAssertion(() => Assert.Equal(Texts.Deadlines_DaysRange, page.Find("#review-1-error").TextContent.Trim()), Patience);
        var before = await StoredAsync();
        await page.ClickAsync("save-deadlines");
        page.WaitForAssertion(() => Assert.Contains(Texts.FormHasErrors, page.TestIdText("error-summary"), StringComparison.Ordinal), Patience);
        Assert.Equal(before, await StoredAsync());

        page.Find("#review-1").Input("60");
        await page.ClickAsync("save-deadlines");
        page.WaitForAssertion(() => Assert.Contains(host.Snackbars.ShownSnackbars, s => s.Message == Texts.Deadlines_Saved && s.Message == "Fristerne er gemt."), Patience);
        Assert.Equal(60, (await LoadAsync())!.Rows[1].ReviewDays);

        // Another administrator saves meanwhile: this page's next save is refused, and the newest version can be fetched.
        var other = (await LoadAsync())!;
        other.Rows[1].ReviewDays = 70;
        Assert.True((await SaveAsync(other)).Succeeded);
        page.Find("#review-1").Input("80");
        await page.ClickAsync("save-deadlines");
        page.WaitForAssertion(() => Assert.Contains(Texts.Concurrency_Conflict, page.TestIdText("error-summary"), StringComparison.Ordinal), Patience);
        await page.ClickAsync("reload-latest");
        page.WaitForAssertion(() => Assert.Equal("70", page.Find("#review-1").GetAttribute("value")), Patience);
    }
}

public sealed class DeadlinesTestsSqlite(SqliteApp fixture) : DeadlinesTests(fixture), IClassFixture<SqliteApp>;

public sealed class DeadlinesTestsPostgres(PostgresApp fixture) : DeadlinesTests(fixture), IClassFixture<PostgresApp>;
