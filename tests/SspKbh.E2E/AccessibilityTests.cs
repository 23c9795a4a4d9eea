using Xunit;
using Xunit.Abstractions;

namespace SspKbh.E2E;

/// <summary>
/// axe-core (see <see cref="Axe"/>) on the login and home pages. Serious and critical violations fail
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
