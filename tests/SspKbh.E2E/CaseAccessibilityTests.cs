using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SspKbh.E2E;

/// <summary>
/// axe-core on the case pages as the secretary sees them: the list with its filters (searched, a select open, filtered), the
/// registration form (also with errors), a case with level history, goals and actions, and its dialogs
/// (level change with a select open and with errors, a new action with the date picker open). The pages are
/// photographed for people to look at.
/// </summary>
[Collection(CasePagesCollection.Name)]
public sealed class CaseAccessibilityTests(CasesApp app, ITestOutputHelper output)
{
    [Fact]
    public async Task Case_list_with_the_filter_form_has_no_serious_or_critical_violations()
    {
        await using var tracked = await app.NewPageAsync();
        var page = tracked.Page;
        await CaseSteps.SignInAsync(tracked, CaseSteps.Secretary, "/sager");
        await Expect(page.GetByTestId("case-filter")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("case-row").First).ToBeVisibleAsync();
        await tracked.AssertLooksStyledAsync();
        await Browser.ScreenshotAsync(page, "cases-list");
        await Axe.AssertNoSeriousViolationsAsync(tracked, "case list", output);

        // Search as you type: the list and the address follow the search box.
        await tracked.WaitForCircuitAsync();
        await page.GetByLabel("Søg", new() { Exact = true }).PressSequentiallyAsync("Noah");
        await tracked.ExpectUrlAsync(CaseSteps.CaseListUrlWith("q=Noah"), "the case list searched for Noah");
        await CaseSteps.WaitForCaseListAsync(page);
        await Expect(page.GetByTestId("case-row").First).ToContainTextAsync("Noah");
        await page.GetByLabel("Søg", new() { Exact = true }).FillAsync("");
        await tracked.ExpectUrlAsync(CaseSteps.CaseListUrlWithoutFilter(), "the case list without a search");

        // Filtered (level 1, overdue only): the list shows what is chosen. The filters are the browser's own selects
        // (ADR 0025): the keyboard changes one without opening it, and a choice is made as in any select.
        var levelSelect = page.GetByRole(AriaRole.Combobox, new() { Name = "Niveau", Exact = true });
        await levelSelect.FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await tracked.ExpectUrlAsync(CaseSteps.CaseListUrlWith("niveau=WorryingBehaviour"), "the case list at level 1 (keyboard)");
        await CaseSteps.SelectOptionStartingWithAsync(levelSelect, "Niveau 2 –");
        await tracked.ExpectUrlAsync(CaseSteps.CaseListUrlWith("niveau=FirstTimeCrime"), "the case list at level 2");
        await page.GetByTestId("count-1").ClickAsync();
        await tracked.ExpectUrlAsync(CaseSteps.CaseListUrlWith("niveau=WorryingBehaviour"), "the case list at level 1 (chip)");
        await CaseSteps.WaitForCaseListAsync(page);
        await Expect(levelSelect.Locator("option:checked")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Niveau 1 –"));
        await page.GetByLabel("Vis kun sager med overskredne frister").CheckAsync();
        await tracked.ExpectUrlAsync(CaseSteps.CaseListUrlWith("niveau=WorryingBehaviour", "forsinket=true"), "the filtered case list");
        await CaseSteps.WaitForCaseListAsync(page);
        await Expect(page.GetByTestId("case-row").Or(page.GetByTestId("no-cases")).First).ToBeVisibleAsync();
        foreach (var row in await page.GetByTestId("case-row").AllAsync())
        {
            await Expect(row.GetByTestId("level-badge")).ToHaveTextAsync("Niveau 1");
            await Expect(row.GetByTestId("row-overdue")).ToBeVisibleAsync();
        }

        await Expect(page.GetByLabel("Vis kun sager med overskredne frister")).ToBeCheckedAsync();
        await Browser.ScreenshotAsync(page, "cases-list-filtered");
        await Axe.AssertNoSeriousViolationsAsync(tracked, "filtered case list", output);

        await page.SetViewportSizeAsync(390, 844);
        await Browser.ScreenshotAsync(page, "cases-list-mobile");
        await Axe.AssertNoSeriousViolationsAsync(tracked, "case list on a phone", output);
    }

    [Fact]
    public async Task Registration_form_before_and_after_a_failed_submit_has_no_serious_or_critical_violations()
    {
        await using var tracked = await app.NewPageAsync();
        var page = tracked.Page;
        await CaseSteps.SignInAsync(tracked, CaseSteps.Secretary, "/sager");
        await CaseSteps.OpenRegistrationFromListAsync(tracked);
        await tracked.AssertLooksStyledAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveCountAsync(1);
        await Browser.ScreenshotAsync(page, "case-register");
        await Axe.AssertNoSeriousViolationsAsync(tracked, "registration form", output);

        // With the search's list of known young people open.
        await CaseSteps.TypeInPersonSearchAsync(page, "Yus");
        await Expect(page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Yusuf Amin, 14.06.2012" })).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "case-register-search-open");
        await Axe.AssertNoSeriousViolationsAsync(tracked, "registration form with the search list open", output);
        await page.Locator("#person-search").FillAsync("");
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);

        // With the date picker open (weeks from Monday).
        await page.Locator(".mud-picker").Filter(new() { Has = page.Locator("#birthdate") }).Locator("button").First.ClickAsync();
        var calendar = page.Locator(".mud-popover-open .mud-picker-calendar-header-day, .mud-popover-open .mud-picker-calendar-header .mud-day-name");
        await Expect(calendar.First).ToBeVisibleAsync();
        await Expect(calendar.First).ToContainTextAsync("ma", new() { IgnoreCase = true });
        await Browser.ScreenshotAsync(page, "case-register-datepicker-open");
        await Axe.AssertNoSeriousViolationsAsync(tracked, "registration form with the date picker open", output);
        await page.Keyboard.PressAsync("Escape");
        await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).ClickAsync();

        await page.GetByTestId("register-case").ClickAsync();
        await Expect(page.GetByTestId("error-summary")).ToBeVisibleAsync();
        await tracked.ExpectUrlAsync(CaseSteps.PathUrl("/sager/ny"), "the registration form after a failed submit");
        await Expect(page.Locator("#fullname-error")).ToContainTextAsync("Skriv et navn.");
        await Expect(page.Locator(".mud-input-error")).Not.ToHaveCountAsync(0);
        await tracked.AssertLooksStyledAsync();
        await Browser.ScreenshotAsync(page, "case-register-errors");
        await Axe.AssertNoSeriousViolationsAsync(tracked, "registration form with errors", output);
    }

    [Fact]
    public async Task Case_page_with_history_goals_and_actions_and_its_dialogs_have_no_serious_or_critical_violations()
    {
        await using var tracked = await app.NewPageAsync();
        var page = tracked.Page;
        await CaseSteps.SignInAsync(tracked, CaseSteps.Secretary, "/sager");
        await CaseSteps.OpenRegistrationFromListAsync(tracked);
        var today = await CaseSteps.AppTodayFromRegistrationFormAsync(page);
        var caseId = await CaseSteps.RegisterLevel1Async(tracked, new YoungPersonData(
            "Asta Tjekkesen", CaseSteps.BirthDateAged14, "Sundby Skole, 8. klasse", "Mona Tjekkesen", "mor",
            "Har skrevet trusler til en anden elev på sociale medier."));

        await tracked.AssertLooksStyledAsync();
        await Browser.ScreenshotAsync(page, "case-details-new");
        await Axe.AssertNoSeriousViolationsAsync(tracked, "case page of a new case", output);

        const string reason = "Har slået en medelev med en genstand.";
        await CaseSteps.OpenLevelChangeAndChooseLevel4Async(tracked, caseId, reason);
        await Browser.ScreenshotAsync(page, "case-level-dialog");
        await Axe.AssertNoSeriousViolationsAsync(tracked, "case page with the level dialog open", output);

        // The lead select open inside the dialog.
        await CaseSteps.OpenSelectByIdAsync(page, "leaduser");
        await Axe.AssertNoSeriousViolationsAsync(tracked, "level dialog with the lead select open", output);
        await CaseSteps.ClickOpenOptionAsync(page, "Ingen");

        await CaseSteps.SubmitLevel4WithoutFormAsync(tracked, caseId);
        await Browser.ScreenshotAsync(page, "case-level-dialog-errors");
        await Axe.AssertNoSeriousViolationsAsync(tracked, "level dialog with errors", output);
        await CaseSteps.CompleteLevel4Async(tracked, caseId, reason);

        await CaseSteps.SetGoalsAsync(tracked, caseId);
        await CaseSteps.AddActionAsync(tracked, caseId, "Klasselæreren ringer hjem, hvis hun ikke er mødt kl. 8.30.",
            ownerUser: null, ownerName: "Hanne Bro", partyCode: "BUF", dueOn: today.AddDays(5));
        await Expect(page.GetByTestId("level-history").Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("goals")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("action-row")).ToHaveCountAsync(1);

        // The action dialog with its date picker open (weeks from Monday).
        await page.GetByTestId("add-action").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Ny handling" });
        await Expect(dialog).ToBeVisibleAsync();
        await page.Locator(".mud-picker").Filter(new() { Has = page.Locator("#dueon") }).Locator("button").First.ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-picker-calendar-header-day, .mud-popover-open .mud-picker-calendar-header .mud-day-name").First).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "case-action-dialog-datepicker");
        await Axe.AssertNoSeriousViolationsAsync(tracked, "action dialog with the date picker open", output);
        await tracked.GotoAsync($"/sager/{caseId}");
        await tracked.WaitForCircuitAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await tracked.AssertLooksStyledAsync();
        await Browser.ScreenshotAsync(page, "case-details");
        await Axe.AssertNoSeriousViolationsAsync(tracked, "case page", output);

        await page.SetViewportSizeAsync(390, 844);
        await Browser.ScreenshotAsync(page, "case-details-mobile");
        await Axe.AssertNoSeriousViolationsAsync(tracked, "case page on a phone", output);
    }
}
