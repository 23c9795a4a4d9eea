using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SspKbh.E2E;

/// <summary>
/// axe-core on the §115 pages: the consents tab of a case and its consent dialog (also with errors, and a consent
/// recorded through it and withdrawn after a confirmation), and what the demo club worker without authority status sees under the demo consent.
/// Photographed for people to look at.
/// </summary>
[Collection(CasePagesCollection.Name)]
public sealed class ConsentAccessibilityTests(CasesApp app, ITestOutputHelper output)
{
    [Fact]
    public async Task The_consents_tab_and_its_dialog_before_and_after_a_failed_save_have_no_serious_or_critical_violations_and_a_consent_is_recorded()
    {
        await using var tracked = await app.NewPageAsync();
        var page = tracked.Page;
        await CaseSteps.SignInAsync(tracked, CaseSteps.Secretary, "/sager?q=Noah");
        await page.GetByTestId("case-row").First.GetByRole(AriaRole.Link).First.ClickAsync();
        await tracked.WaitForCircuitAsync();
        await CaseSteps.OpenTabAsync(page, "Samtykker og adgang");
        await Expect(page.GetByTestId("consents")).ToContainTextAsync("Camilla Brandt");
        await Expect(page.GetByTestId("consent-row")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("withdraw-consent")).ToHaveCountAsync(1);
        await tracked.AssertLooksStyledAsync();
        await Browser.ScreenshotAsync(page, "consents-tab");
        await Axe.AssertNoSeriousViolationsAsync(tracked, "consents tab", output);

        await page.GetByTestId("record-consent").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Registrér nyt samtykke" });
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.GetByTestId("save-consent")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "consent-dialog");
        await Axe.AssertNoSeriousViolationsAsync(tracked, "consent dialog", output);

        await dialog.GetByTestId("save-consent").ClickAsync();
        await Expect(dialog.GetByTestId("error-summary")).ToBeVisibleAsync();
        await Expect(page.Locator("#recipients-error")).ToContainTextAsync("mindst én part");
        await Expect(page.Locator("#information-error")).ToContainTextAsync("mindst én slags oplysninger");
        await Expect(page.Locator("#givenby-error")).ToContainTextAsync("Vælg, hvem der har givet samtykket");
        await Browser.ScreenshotAsync(page, "consent-dialog-errors");
        await Axe.AssertNoSeriousViolationsAsync(tracked, "consent dialog with errors", output);

        // A consent for an authority party (sharing under §115 needs none, but it may be recorded), so the walks of the
        // users without authority status in other tests see nothing new.
        await CaseSteps.ChooseAsync(page, "givenby", "Den unge selv");
        await CaseSteps.TickAsync(dialog, "Navn, fødselsdato, skole og klub");
        await CaseSteps.ChooseAsync(page, "purpose", "Samarbejde om indsatsen");
        await CaseSteps.TickAsync(dialog, "KFF – Kultur- og Fritidsforvaltningen");
        await Expect(page.Locator("#recipients-error")).ToHaveTextAsync("");
        await dialog.GetByTestId("save-consent").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("consent-row")).ToHaveCountAsync(2);
        var row = page.GetByTestId("consent-row").Filter(new() { HasText = "Kultur- og Fritidsforvaltningen" });
        await Expect(row).ToContainTextAsync("Den unge selv");
        await Expect(row.GetByTestId("consent-state")).ToHaveTextAsync("Gyldigt");
        await Browser.ScreenshotAsync(page, "consents-tab-recorded");

        // Withdrawing asks first, naming who loses access; keeping it changes nothing, confirming withdraws it.
        await row.GetByTestId("withdraw-consent").ClickAsync();
        var question = page.GetByRole(AriaRole.Dialog, new() { Name = "Træk samtykket tilbage?" });
        await Expect(question).ToContainTextAsync("Kultur- og Fritidsforvaltningen mister straks adgangen");
        await Browser.ScreenshotAsync(page, "consent-withdraw-question");
        await Axe.AssertNoSeriousViolationsAsync(tracked, "withdraw question", output);
        await question.GetByRole(AriaRole.Button, new() { Name = "Behold samtykket" }).ClickAsync();
        await Expect(question).ToHaveCountAsync(0);
        await Expect(row.GetByTestId("consent-state")).ToHaveTextAsync("Gyldigt");

        await row.GetByTestId("withdraw-consent").ClickAsync();
        await question.GetByRole(AriaRole.Button, new() { Name = "Træk tilbage" }).ClickAsync();
        await Expect(row.GetByTestId("consent-state")).ToContainTextAsync("Tilbagekaldt");
        await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Samtykket er trukket tilbage." })).ToBeVisibleAsync();
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
