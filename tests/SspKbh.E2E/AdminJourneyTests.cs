using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SspKbh.E2E;

/// <summary>
/// The administrator's journey in Chromium over the interactive administration pages: create a user (the authority
/// status follows from the role she ticks, issue 16 #23), edit her with a message shown beside the field, and see her on
/// her group's page (issue 16 #23), with axe-core reporting no serious or critical violation on each page, with a
/// select's list open and with a confirmation dialog open.
/// </summary>
public sealed partial class AdminJourneyTests(TwoFactorOptionalApp app, ITestOutputHelper output) : IClassFixture<TwoFactorOptionalApp>
{
    [Fact]
    public async Task An_administrator_creates_a_user_corrects_her_and_finds_her_on_the_group_page()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var name = $"Nadia Nord {suffix}";
        var corrected = $"Nadia Nordby {suffix}";
        await using var tracked = await app.NewPageAsync();
        var page = tracked.Page;
        await tracked.GotoAsync("/konto/log-ind");
        await tracked.SubmitLoginAsync("admin@sspkbh.dk");
        await tracked.ExpectUrlAsync(TrackedPage.HomeUrl(), "the home page");

        // The list, then the form for a new user.
        await tracked.GotoAsync("/admin/brugere");
        await Expect(page.GetByTestId("user-table")).ToContainTextAsync("Jonas Krag");
        await Axe.AssertNoSeriousViolationsAsync(tracked, "user list", output);
        await page.GetByTestId("new-user").ClickAsync();
        await tracked.ExpectUrlAsync(NewUserUrl(), "the new user form");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Opret bruger");

        await page.Locator("#fullname").FillAsync(name);
        await page.Locator("#email").FillAsync($"nadia-{suffix}@sspkbh.dk");
        await page.Locator("#password").FillAsync("et-langt-kodeord-2026");
        await CaseSteps.OpenSelectByIdAsync(page, "party");
        await Axe.AssertNoSeriousViolationsAsync(tracked, "user form with the party list open", output);
        await CaseSteps.ClickOpenOptionAsync(page, "POL");

        // One question about authority: the role. The status it gives is shown as she ticks.
        await Expect(page.GetByTestId("authority-status")).ToContainTextAsync("ikke myndighedsperson");
        await page.GetByText("Myndighedsmedlem", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Myndighedsmedlem", Exact = true })).ToBeCheckedAsync();
        await Expect(page.GetByTestId("authority-status")).ToContainTextAsync("Med disse roller er brugeren myndighedsperson.");
        await CaseSteps.ChooseAsync(page, "new-group", "Koordinationsgruppe Amager Vest");
        await CaseSteps.ChooseAsync(page, "new-group-role", "Medlem");
        await page.GetByTestId("save-user").ClickAsync();
        await tracked.ExpectUrlAsync(UserUrl(), "the new user's page");
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Brugeren er oprettet.");
        await Expect(page.GetByTestId("memberships")).ToContainTextAsync("Koordinationsgruppe Amager Vest");

        // An empty name is refused beside the field, with the summary above the form, and nothing is saved.
        await page.Locator("#fullname").FillAsync("");
        await page.GetByTestId("save-user").ClickAsync();
        await Expect(page.Locator("#fullname-error")).ToHaveTextAsync("Skriv et navn.");
        await Expect(page.GetByTestId("error-summary")).ToContainTextAsync("Skriv et navn.");
        await Axe.AssertNoSeriousViolationsAsync(tracked, "user form with a message beside the name", output);
        await page.Locator("#fullname").FillAsync(corrected);
        await Expect(page.Locator("#fullname-error")).ToHaveCountAsync(0);
        await page.GetByTestId("save-user").ClickAsync();
        await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Brugeren er gemt." })).ToBeVisibleAsync();

        // An account action asks first; the question is checked with the dialog open, and "Fortryd" changes nothing.
        await page.GetByTestId("end-sessions").ClickAsync();
        var question = page.GetByRole(AriaRole.Dialog, new() { Name = "Log brugeren ud overalt?" });
        await Expect(question).ToContainTextAsync(corrected);
        await Axe.AssertNoSeriousViolationsAsync(tracked, "user page with the sign-out question open", output);
        await question.GetByRole(AriaRole.Button, new() { Name = "Fortryd" }).ClickAsync();
        await Expect(question).ToHaveCountAsync(0);
        var userUrl = page.Url;

        // Her group's page lists her: name (a link to her), party, role, authority status, active.
        await page.GotoAsync("/admin/organisation");
        await tracked.WaitForCircuitAsync();
        await Axe.AssertNoSeriousViolationsAsync(tracked, "organisation overview", output);
        await page.GetByTestId("groups").GetByRole(AriaRole.Link, new() { Name = "Koordinationsgruppe Amager Vest", Exact = true }).ClickAsync();
        await tracked.ExpectUrlAsync(GroupUrl(), "the group's page");
        var row = page.GetByTestId("member-row").Filter(new() { HasText = corrected });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator("td")).ToHaveTextAsync(new[] { corrected, "POL", "Medlem", "Ja", "Aktiv" });
        await Axe.AssertNoSeriousViolationsAsync(tracked, "group page with its members", output);
        await Browser.ScreenshotAsync(page, "admin-group-members");
        await row.GetByRole(AriaRole.Link, new() { Name = corrected }).ClickAsync();
        await Expect(page).ToHaveURLAsync(userUrl);
        await Expect(page.Locator("#fullname")).ToHaveValueAsync(corrected);
    }

    [GeneratedRegex(@"/admin/brugere/ny$")]
    private static partial Regex NewUserUrl();

    [GeneratedRegex(@"/admin/brugere/[0-9a-f-]{36}$")]
    private static partial Regex UserUrl();

    [GeneratedRegex(@"/admin/organisation/grupper/\d+$")]
    private static partial Regex GroupUrl();
}
