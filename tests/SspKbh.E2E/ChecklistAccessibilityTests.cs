using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SspKbh.E2E;

/// <summary>
/// The checklist editor in Chromium: a new version is created through the confirmation dialog, bad input gets its
/// messages next to the fields; axe-core finds no serious or critical violation on the editor, with the dialog open,
/// with errors, and on the printable conversation guide.
/// </summary>
[Collection(CasePagesCollection.Name)]
public sealed class ChecklistAccessibilityTests(CasesApp app, ITestOutputHelper output)
{
    private const string Admin = "admin@sspkbh.dk";

    [Fact]
    public async Task Checklist_editor_and_guide_have_no_serious_or_critical_violations()
    {
        await using var tracked = await app.NewPageAsync();
        var page = tracked.Page;
        await CaseSteps.SignInAsync(tracked, Admin, "/admin/tjeklister");
        await tracked.WaitForCircuitAsync();
        await Expect(page.GetByTestId("versions")).ToBeVisibleAsync();
        await tracked.AssertLooksStyledAsync();
        await Browser.ScreenshotAsync(page, "checklist-admin");
        await Axe.AssertNoSeriousViolationsAsync(tracked, "checklist editor", output);

        // An emptied item and a new item without a section: messages next to both fields, nothing saved.
        await page.Locator("#item-text-0").FillAsync("");
        await page.Locator("#new-text").FillAsync("Et nyt punkt uden afsnit");
        await page.GetByTestId("publish-checklist").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToBeVisibleAsync();
        await Axe.AssertNoSeriousViolationsAsync(tracked, "checklist editor with the save dialog open", output);
        await dialog.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Gem version") }).ClickAsync();
        await Expect(page.GetByTestId("error-summary")).ToBeVisibleAsync();
        await Expect(page.Locator("#item-text-0-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#new-section-error")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "checklist-admin-errors");
        await Axe.AssertNoSeriousViolationsAsync(tracked, "checklist editor with errors", output);

        await page.GetByTestId("guide-link").ClickAsync();
        await tracked.ExpectUrlAsync(CaseSteps.PathUrl("/samtaler/guide"), "the conversation guide");
        await Expect(page.GetByTestId("guide-phase")).ToHaveCountAsync(5);
        await tracked.AssertLooksStyledAsync();
        await Browser.ScreenshotAsync(page, "conversation-guide");
        await Axe.AssertNoSeriousViolationsAsync(tracked, "conversation guide", output);

        // Printed, the guide fits one A4 page: the printable area (A4 less the @page margins of 15 mm and
        // 12 mm) is 186 × 267 mm, about 703 × 1009 CSS pixels.
        await page.SetViewportSizeAsync(703, 1009);
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator("header.header")).ToBeHiddenAsync();
        var height = await page.GetByTestId("conversation-guide").EvaluateAsync<double>("e => e.getBoundingClientRect().height");
        await Browser.ScreenshotAsync(page, "conversation-guide-print");
        Assert.True(height < 1009, $"the printed guide is {height:0} px high, more than one A4 page");
    }

    [Fact]
    public async Task The_checklist_editor_creates_a_new_version()
    {
        await using var tracked = await app.NewPageAsync();
        var page = tracked.Page;
        await CaseSteps.SignInAsync(tracked, Admin, "/admin/tjeklister");
        await tracked.WaitForCircuitAsync();
        var before = await page.GetByTestId("newest-version").TextContentAsync() ?? "";
        var version = int.Parse(before.Split(':')[1].Split(',')[0].Trim(), System.Globalization.CultureInfo.InvariantCulture);

        await page.Locator("#item-hint-1").FillAsync("Fx hvis den unge har en fast kontaktperson i klubben.");
        await page.GetByTestId("publish-checklist").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = $"Gem version {version + 1}" }).ClickAsync();
        await Expect(page.GetByTestId("published")).ToContainTextAsync($"version {version + 1}");
        await Expect(page.GetByTestId("newest-version")).ToContainTextAsync($"Nyeste version: {version + 1},");
        await Expect(page.Locator("#item-hint-1")).ToHaveValueAsync("Fx hvis den unge har en fast kontaktperson i klubben.");
        await Browser.ScreenshotAsync(page, "checklist-admin-published");

        // The new version's own page shows it, read only.
        await page.GetByRole(AriaRole.Link, new() { Name = $"Vis version {version + 1}" }).ClickAsync();
        await tracked.ExpectUrlAsync(CaseSteps.PathUrl($"/admin/tjeklister/version/{version + 1}"), "the new version's page");
        await Expect(page.GetByText("Fx hvis den unge har en fast kontaktperson i klubben.")).ToBeVisibleAsync();
    }
}
