using Xunit;
using Xunit.Abstractions;

namespace SspKbh.E2E;

/// <summary>
/// axe-core (see <see cref="Axe"/>) on the login, home and statistics pages. Serious and critical violations fail
/// the test; lesser ones are written to the test output.
/// </summary>
public sealed class AccessibilityTests(TwoFactorOptionalApp app, ITestOutputHelper output) : IClassFixture<TwoFactorOptionalApp>
{
    [Fact]
    public async Task Login_page_has_no_serious_or_critical_violations()
    {
        await using var tracked = await app.NewPageAsync();
        await tracked.GotoAsync("/konto/log-ind");
        await tracked.AssertLooksStyledAsync();
        await Browser.ScreenshotAsync(tracked.Page, "a11y-login");
        await AssertNoSeriousViolationsAsync(tracked, "login page");
    }

    [Fact]
    public async Task Login_page_with_validation_errors_has_no_serious_or_critical_violations()
    {
        await using var tracked = await app.NewPageAsync();
        await tracked.GotoAsync("/konto/log-ind");
        await tracked.Page.GetByTestId("login-submit").ClickAsync();
        await tracked.Page.WaitForLoadStateAsync();
        await Microsoft.Playwright.Assertions.Expect(tracked.Page.GetByTestId("error-summary")).ToBeVisibleAsync();
        await Microsoft.Playwright.Assertions.Expect(tracked.Page.GetByTestId("field-error")).ToHaveCountAsync(2);
        await Browser.ScreenshotAsync(tracked.Page, "a11y-login-errors");
        await AssertNoSeriousViolationsAsync(tracked, "login page with errors");
    }

    [Theory]
    [InlineData("admin@sspkbh.dk", "Birgit Holm")]
    [InlineData("ikke-myndighed@sspkbh.dk", "Ali Hassan")]
    public async Task Home_page_signed_in_has_no_serious_or_critical_violations(string email, string name)
    {
        await using var tracked = await app.NewPageAsync();
        await tracked.GotoAsync("/konto/log-ind");
        await tracked.SubmitLoginAsync(email);
        await tracked.ExpectUrlAsync(TrackedPage.HomeUrl(), "the home page");
        await Microsoft.Playwright.Assertions.Expect(tracked.Page.GetByTestId("user-name")).ToHaveTextAsync(name);
        await tracked.AssertLooksStyledAsync();
        await Browser.ScreenshotAsync(tracked.Page, $"a11y-home-{email.Split('@')[0]}");
        await AssertNoSeriousViolationsAsync(tracked, $"home page ({email})");

        // A narrow (phone) screen as well: the header must still work there.
        await tracked.Page.SetViewportSizeAsync(390, 844);
        await Browser.ScreenshotAsync(tracked.Page, $"a11y-home-{email.Split('@')[0]}-mobile");
        await AssertNoSeriousViolationsAsync(tracked, $"home page on a phone ({email})");
    }

    /// <summary>
    /// The interactive statistics page: tables, the charts (role="img" with their numbers as text), then an ill-typed date
    /// with its message beside the field, and the same on a phone.
    /// </summary>
    [Fact]
    public async Task Statistics_page_with_charts_and_with_a_bad_date_has_no_serious_or_critical_violations()
    {
        await using var tracked = await app.NewPageAsync();
        var page = tracked.Page;
        await tracked.GotoAsync("/konto/log-ind");
        await tracked.SubmitLoginAsync("statistik@sspkbh.dk");
        await tracked.ExpectUrlAsync(TrackedPage.HomeUrl(), "the home page");
        await tracked.GotoAsync("/statistik");
        await tracked.WaitForCircuitAsync();
        await Microsoft.Playwright.Assertions.Expect(page.GetByTestId("table-new")).ToBeVisibleAsync();
        await Microsoft.Playwright.Assertions.Expect(page.Locator("[data-testid='chart-level'] [role='img'] svg").First).ToBeVisibleAsync();
        await Microsoft.Playwright.Assertions.Expect(page.Locator("[data-testid='chart-months'] [role='img']"))
            .ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("^Diagram\\. Nye, aktive og afsluttede sager pr\\. måned\\. .+: nye \\d+, aktive \\d+, afsluttede \\d+"));
        await tracked.AssertLooksStyledAsync();
        await Browser.ScreenshotAsync(page, "a11y-statistics");
        await AssertNoSeriousViolationsAsync(tracked, "statistics page");

        // An ill-typed date, typed and left: its message beside the field, no numbers, and the address keeps what was typed.
        await page.Locator("#s-from").FillAsync("31-02-2026");
        await page.Locator("#s-from").PressAsync("Tab");
        await Microsoft.Playwright.Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/statistik\\?fra=31-02-2026"));
        await Microsoft.Playwright.Assertions.Expect(page.Locator("#s-from-error")).ToContainTextAsync("Datoen findes ikke");
        await Microsoft.Playwright.Assertions.Expect(page.GetByTestId("statistics-errors")).ToBeVisibleAsync();
        await Microsoft.Playwright.Assertions.Expect(page.GetByTestId("table-new")).ToHaveCountAsync(0);
        await Browser.ScreenshotAsync(page, "a11y-statistics-error");
        await AssertNoSeriousViolationsAsync(tracked, "statistics page with a bad date");

        await page.Locator("#s-from").FillAsync("");
        await page.Locator("#s-from").PressAsync("Tab");
        await Microsoft.Playwright.Assertions.Expect(page.GetByTestId("table-new")).ToBeVisibleAsync();
        await page.SetViewportSizeAsync(390, 844);
        await Browser.ScreenshotAsync(page, "a11y-statistics-mobile");
        await AssertNoSeriousViolationsAsync(tracked, "statistics page on a phone");
    }

    [Fact]
    public async Task Axe_finds_a_planted_violation_so_a_clean_result_means_something()
    {
        await using var tracked = await app.NewPageAsync();
        await tracked.GotoAsync("/konto/log-ind");
        await tracked.Page.EvaluateAsync("() => { const i = document.createElement('img'); i.src = '/favicon.ico'; document.querySelector('main').append(i); }");
        var violations = await Axe.RunAsync(tracked);
        Xunit.Assert.Contains(violations, v => v.Id == "image-alt" && v.Impact == "critical");
    }

    private Task AssertNoSeriousViolationsAsync(TrackedPage tracked, string what) =>
        Axe.AssertNoSeriousViolationsAsync(tracked, what, output);
}
