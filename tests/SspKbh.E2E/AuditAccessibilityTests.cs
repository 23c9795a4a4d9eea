using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SspKbh.E2E;

/// <summary>
/// The administrator's audit viewer, look-up and data-subject report in Chromium: filtering the log puts the filter
/// in the address and shows only matching entries, the report is found by CPR number and printed; axe-core finds no
/// serious or critical violation on each page, also with a date error; the report is photographed as it prints.
/// </summary>
[Collection(CasePagesCollection.Name)]
public sealed class AuditAccessibilityTests(CasesApp app, ITestOutputHelper output)
{
    private const string Admin = "admin@sspkbh.dk";

    [Fact]
    public async Task Audit_viewer_lookup_and_report_have_no_serious_or_critical_violations()
    {
        await using var tracked = await app.NewPageAsync();
        var page = tracked.Page;
        await CaseSteps.SignInAsync(tracked, Admin, "/admin/audit");
        await tracked.WaitForCircuitAsync();
        await Expect(page.GetByTestId("audit-entry").First).ToBeVisibleAsync();
        await tracked.AssertLooksStyledAsync();
        await Browser.ScreenshotAsync(page, "audit-viewer");
        await Axe.AssertNoSeriousViolationsAsync(tracked, "audit viewer", output);

        // Filtering: the action goes into the address and every entry shown is a sign-in.
        await CaseSteps.SelectOptionStartingWithAsync(page.Locator("#f-action"), "Login (adgangskode)");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/audit\\?handling=auth\\.sign-in$"));
        await Expect(page.GetByTestId("audit-table")).ToHaveAttributeAsync("data-shown-query", "?handling=auth.sign-in");
        await Expect(page.GetByTestId("audit-table")).ToHaveAttributeAsync("aria-busy", "false");
        await Expect(page.GetByTestId("audit-entry").First).ToBeVisibleAsync();
        var actions = await page.GetByTestId("audit-entry").EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.action)");
        Assert.NotEmpty(actions);
        Assert.All(actions, a => Assert.Equal("auth.sign-in", a));

        await page.GetByLabel("Fra dato").FillAsync("31-02-2026");
        await page.GetByTestId("apply-filter").ClickAsync();
        await Expect(page.Locator("#f-from-error")).ToHaveTextAsync("Skriv en gyldig dato som dd-mm-åååå, fx 05-03-2026.");
        await Expect(page.GetByTestId("filter-errors")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "audit-viewer-date-error");
        await Axe.AssertNoSeriousViolationsAsync(tracked, "audit viewer with a date error", output);

        await page.GetByTestId("subject-report-link").ClickAsync();
        await tracked.ExpectUrlAsync(CaseSteps.PathUrl("/admin/audit/indsigt"), "the look-up page");
        await tracked.WaitForCircuitAsync();
        await Axe.AssertNoSeriousViolationsAsync(tracked, "subject look-up", output);

        // The demo data has Yusuf Amin with CPR 140612-4117.
        await page.GetByLabel("Sagsnummer eller CPR-nummer").FillAsync("140612-4117");
        await page.GetByTestId("subject-lookup").ClickAsync();
        await Expect(page.GetByTestId("report-person")).ToHaveTextAsync("Yusuf Amin");
        Assert.DoesNotContain("4117", page.Url, StringComparison.Ordinal);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Udskriv" })).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "audit-subject-report");
        await Axe.AssertNoSeriousViolationsAsync(tracked, "subject report", output);

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.GetByTestId("report-options")).ToBeHiddenAsync();
        await Browser.ScreenshotAsync(page, "audit-subject-report-print");
    }
}
