using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SspKbh.E2E;

/// <summary>
/// Issue 16 #18, the SSP+ handover as the two groups live it (ADR 0030): the secretary of Koordinationsgruppe Amager Øst
/// hands a young person of 17½ over to SSP+ (the dialog, a question that names the receiving group, "Fortryd" saves
/// nothing, "Ja" closes the case here and the 17½ warning goes); the member of the SSP+ koordinationsgruppe then finds the
/// case on her list marked as received and opens it, read-only, without a 403.
/// </summary>
[Collection(CasePagesCollection.Name)]
public sealed class SspPlusHandoverJourneyTests(CasesApp app, ITestOutputHelper output)
{
    private const string SspPlusMember = "ssp-plus@sspkbh.dk";
    private const string ReceivingGroup = "SSP+ koordinationsgruppe";

    [Fact]
    public async Task The_secretary_hands_a_case_over_after_a_question_and_the_SSP_plus_group_opens_it_from_its_list()
    {
        // About 17 years and 8 months old: the case page asks for the handover.
        var person = new YoungPersonData(
            "Kasper Overdragsen", DateOnly.FromDateTime(DateTime.Today).AddYears(-17).AddMonths(-8), "Sundby Skole, 10. klasse", "Lise Overdragsen", "mor",
            "Er sigtet for indbrud to gange i år og har ikke noget at stå op til efter 10. klasse.");
        int caseId;
        await using (var tracked = await app.NewPageAsync())
        {
            var page = tracked.Page;
            await CaseSteps.SignInAsync(tracked, CaseSteps.Secretary, "/sager");
            await CaseSteps.OpenRegistrationFromListAsync(tracked);
            caseId = await CaseSteps.RegisterLevel1Async(tracked, person);
            await Expect(page.GetByTestId("ssp-plus-age")).ToBeVisibleAsync();

            await tracked.WaitForCircuitAsync();
            await page.GetByTestId("handover").ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Overdrag til SSP+" });
            await Expect(dialog).ToBeVisibleAsync();

            // The save asks first, naming the receiving group and saying that the case closes here.
            await dialog.GetByTestId("save-handover").ClickAsync();
            var question = page.GetByRole(AriaRole.Dialog, new() { Name = "Overdrag sagen til SSP+?" });
            await Expect(question).ToContainTextAsync($"{ReceivingGroup} får adgang til at læse sagen");
            await Expect(question).ToContainTextAsync("Sagen lukkes samtidig her");
            await Browser.ScreenshotAsync(page, "handover-question");
            await Axe.AssertNoSeriousViolationsAsync(tracked, "handover question", output);

            // "Fortryd" saves nothing: the handover dialog is still open and the case is still open.
            await question.GetByRole(AriaRole.Button, new() { Name = "Fortryd" }).ClickAsync();
            await Expect(question).ToHaveCountAsync(0);
            await Expect(dialog).ToBeVisibleAsync();
            await Expect(page.GetByTestId("case-closed")).ToHaveCountAsync(0);

            await dialog.GetByTestId("save-handover").ClickAsync();
            await question.GetByRole(AriaRole.Button, new() { Name = "Ja, overdrag sagen" }).ClickAsync();
            await Expect(dialog).ToHaveCountAsync(0);
            await tracked.ExpectUrlAsync(CaseSteps.PathUrl($"/sager/{caseId}"), "the case page after the handover");
            await Expect(page.GetByTestId("case-closed")).ToContainTextAsync(ReceivingGroup);
            await Expect(page.GetByTestId("ssp-plus-age")).ToHaveCountAsync(0);
        }

        // The member of the receiving SSP+ koordinationsgruppe: the case is on her list, marked as received, and opens.
        await using (var tracked = await app.NewPageAsync())
        {
            var page = tracked.Page;
            await CaseSteps.SignInAsync(tracked, SspPlusMember, "/sager");
            await Expect(page.GetByTestId("user-name")).ToHaveTextAsync("Rasmus Friis");
            var row = page.GetByTestId("case-row").Filter(new() { HasText = person.Name });
            await Expect(row).ToHaveCountAsync(1);
            await Expect(row.GetByTestId("row-received")).ToHaveTextAsync("Modtaget fra Koordinationsgruppe Amager Øst");
            await Browser.ScreenshotAsync(page, "ssp-plus-case-list");
            await Axe.AssertNoSeriousViolationsAsync(tracked, "SSP+ member's case list", output);

            await tracked.WaitForCircuitAsync();
            await row.GetByRole(AriaRole.Link).ClickAsync();
            await tracked.ExpectUrlAsync(CaseSteps.PathUrl($"/sager/{caseId}"), "the received case's page");
            await Expect(page.GetByTestId("status-heading")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("young-person")).ToContainTextAsync(person.Name);
            await Expect(page.GetByTestId("concern")).ToHaveTextAsync(person.Concern);
            await Expect(page.GetByTestId("ssp-plus-received")).ToContainTextAsync("Koordinationsgruppe Amager Øst har overdraget sagen til " + ReceivingGroup);

            // Reading, not changing: no tools, no emergency-access form, no 17½ warning.
            await Expect(page.GetByTestId("case-tools")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("ssp-plus-age")).ToHaveCountAsync(0);
            await Browser.ScreenshotAsync(page, "ssp-plus-received-case");
            await Axe.AssertNoSeriousViolationsAsync(tracked, "received case page", output);
        }
    }
}
