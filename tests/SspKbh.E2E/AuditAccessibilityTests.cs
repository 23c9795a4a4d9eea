using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SspKbh.E2E;

/// <summary>
/// axe-core on the administrator's audit viewer (also with a date error), the look-up page and the
/// data-subject report; the report is also photographed as it prints.
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
        await Expect(page.GetByTestId("audit-table")).ToBeVisibleAsync();
        await tracked.AssertLooksStyledAsync();
        await Browser.ScreenshotAsync(page, "audit-viewer");
        await Axe.AssertNoSeriousViolationsAsync(tracked, "audit viewer", output);

        await page.GetByLabel("Fra dato").FillAsync("31-02-2026");
        await page.GetByTestId("apply-filter").ClickAsync();
        await Expect(page.GetByTestId("field-error")).ToHaveCountAsync(1);
        await Browser.ScreenshotAsync(page, "audit-viewer-date-error");
        await Axe.AssertNoSeriousViolationsAsync(tracked, "audit viewer with a date error", output);

        await page.GetByTestId("subject-report-link").ClickAsync();
        await tracked.ExpectUrlAsync(CaseSteps.PathUrl("/admin/audit/indsigt"), "the look-up page");
        await Axe.AssertNoSeriousViolationsAsync(tracked, "subject look-up", output);

        // The demo data has Yusuf Amin with CPR 140612-4117.
        await page.GetByLabel("Sagsnummer eller CPR-nummer").FillAsync("140612-4117");
        await page.GetByTestId("subject-lookup").ClickAsync();
        await Expect(page.GetByTestId("report-person")).ToHaveTextAsync("Yusuf Amin");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Udskriv" })).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "audit-subject-report");
        await Axe.AssertNoSeriousViolationsAsync(tracked, "subject report", output);

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.GetByTestId("report-options")).ToBeHiddenAsync();
        await Expect(page.Locator("header.header")).ToBeHiddenAsync();
        await Browser.ScreenshotAsync(page, "audit-subject-report-print");
    }
}
