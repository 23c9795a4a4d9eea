using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SspKbh.E2E;

/// <summary>
/// axe-core on the checklist editor (also after a submit with errors) and on the printable conversation
/// guide; the editor publishes a new version with JavaScript off.
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
        await Expect(page.GetByTestId("versions")).ToBeVisibleAsync();
        await tracked.AssertLooksStyledAsync();
        await Browser.ScreenshotAsync(page, "checklist-admin");
        await Axe.AssertNoSeriousViolationsAsync(tracked, "checklist editor", output);

        // An emptied item and a new item without a section: messages next to both fields, nothing saved.
        await page.Locator("#item-text-0").FillAsync("");
        await page.Locator("#new-text").FillAsync("Et nyt punkt uden afsnit");
        await page.GetByTestId("publish-checklist").ClickAsync();
        await Expect(page.GetByTestId("error-summary")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("field-error")).ToHaveCountAsync(2);
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
    public async Task The_checklist_editor_publishes_a_new_version_with_javascript_off()
    {
        await using var tracked = await app.NewPageAsync(javaScriptEnabled: false);
        var page = tracked.Page;
        await CaseSteps.SignInAsync(tracked, Admin, "/admin/tjeklister");
        var before = await page.GetByTestId("newest-version").TextContentAsync() ?? "";
        var version = int.Parse(before.Split(':')[1].Split(',')[0].Trim(), System.Globalization.CultureInfo.InvariantCulture);

        await page.Locator("#item-hint-1").FillAsync("Fx hvis den unge har en fast kontaktperson i klubben.");
        await page.GetByTestId("publish-checklist").ClickAsync();
        await Expect(page.GetByTestId("published")).ToContainTextAsync($"version {version + 1}");
        await Expect(page.GetByTestId("newest-version")).ToContainTextAsync($"Nyeste version: {version + 1},");
        await Expect(page.Locator("#item-hint-1")).ToHaveValueAsync("Fx hvis den unge har en fast kontaktperson i klubben.");
        await Browser.ScreenshotAsync(page, "checklist-admin-nojs-published");
    }
}
