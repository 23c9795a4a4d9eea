using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SspKbh.E2E;

/// <summary>
/// axe-core on the §115 pages: the consent register on a case (also with errors), and what the demo
/// club worker without authority status sees under the demo consent. Photographed for people to look at.
/// </summary>
[Collection(CasePagesCollection.Name)]
public sealed class ConsentAccessibilityTests(CasesApp app, ITestOutputHelper output)
{
    [Fact]
    public async Task Consent_register_before_and_after_a_failed_submit_has_no_serious_or_critical_violations()
    {
        await using var tracked = await app.NewPageAsync();
        var page = tracked.Page;
        await CaseSteps.SignInAsync(tracked, CaseSteps.Secretary, "/sager?q=Noah");
        await page.GetByTestId("case-row").First.GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(page.GetByTestId("consents")).ToContainTextAsync("Camilla Brandt");
        await tracked.WaitForCircuitAsync();
        await CaseSteps.OpenTabAsync(page, "Samtykker og adgang");
        await page.GetByTestId("manage-consents").ClickAsync();

        // The register is still a static page: Blazor loads it as a new document.
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/sager/[0-9]+/samtykker$"));
        await page.WaitForLoadStateAsync(LoadState.Load);
        await Expect(page.GetByTestId("save-consent")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("consent-row")).ToHaveCountAsync(1);
        await tracked.AssertLooksStyledAsync();
        await Browser.ScreenshotAsync(page, "consents");
        await Axe.AssertNoSeriousViolationsAsync(tracked, "consent register", output);

        await page.GetByTestId("save-consent").ClickAsync();
        await Expect(page.GetByTestId("error-summary")).ToBeVisibleAsync();
        await Expect(page.Locator("#recipients-error")).ToContainTextAsync("mindst én part");
        await Browser.ScreenshotAsync(page, "consents-errors");
        await Axe.AssertNoSeriousViolationsAsync(tracked, "consent register with errors", output);
    }

    [Fact]
    public async Task The_club_worker_sees_only_the_shared_information_and_the_pages_have_no_serious_or_critical_violations()
    {
        await using var tracked = await app.NewPageAsync();
        var page = tracked.Page;
        await CaseSteps.SignInAsync(tracked, "fritid@sspkbh.dk", "/delt");
        await Expect(page.GetByTestId("shared-row")).ToHaveCountAsync(1);
        await Browser.ScreenshotAsync(page, "shared-list");
        await Axe.AssertNoSeriousViolationsAsync(tracked, "shared list", output);

        await page.GetByRole(AriaRole.Link, new() { Name = "Noah Berg" }).ClickAsync();
        await Expect(page.GetByTestId("shared-basis")).ToContainTextAsync("Fritidstilbud eller job");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Noah Berg" })).ToBeVisibleAsync();
        await Expect(page.GetByText("hash", new() { Exact = false })).ToHaveCountAsync(0);
        await tracked.AssertLooksStyledAsync();
        await Browser.ScreenshotAsync(page, "shared-page");
        await Axe.AssertNoSeriousViolationsAsync(tracked, "shared page", output);
    }
}
