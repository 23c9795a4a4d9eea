using System.Diagnostics;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SspKbh.E2E;

/// <summary>
/// The secretary's journey through a case: a level-1 concern is registered, escalated to level 4 with
/// the standardised form and a named lead, given goals and a named action with a deadline; after the
/// app is restarted on the same database it is all still there, and the leader group sees the case.
/// Ten days later (the app restarted with its clock moved forward) the action is overdue.
/// Two people saving the same case in two browsers do not overwrite each other, and typed text (a registration,
/// a journal note) survives a lost circuit.
/// </summary>
[Collection(CasePagesCollection.Name)]
public sealed class CaseJourneyTests(CasesApp app, ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> TenDaysLater = new() { ["Testing__ClockOffset"] = "10.00:00:00" };

    [Fact]
    public async Task Secretary_registers_escalates_and_plans_a_case_and_after_a_restart_the_leader_group_sees_it()
    {
        var watch = Stopwatch.StartNew();
        var person = new YoungPersonData(
            "Viggo Prøvesen", CaseSteps.BirthDateAged14, "Lergravsparkens Skole, 8. klasse", "Hanne Prøvesen", "mor",
            "Har været med til at true yngre elever for penge ved skolen og er set med ældre unge fra bebyggelsen.");
        const string reason = "Anholdt for røveri med vold mod en jævnaldrende ved Sundby Station.";
        const string action = "Socialrådgiveren holder møde med Viggo og hans mor om en kontaktperson.";

        try
        {
            int caseId;
            DateOnly dueOn;
            await using (var tracked = await app.NewPageAsync())
            {
                var page = tracked.Page;
                await CaseSteps.SignInAsync(tracked, CaseSteps.Secretary, "/sager");
                await Expect(page.GetByTestId("user-name")).ToHaveTextAsync("Sofie Lund");
                await tracked.AssertLooksStyledAsync();

                await CaseSteps.OpenRegistrationFromListAsync(tracked);
                var appToday = await CaseSteps.AppTodayFromRegistrationFormAsync(page);
                caseId = await CaseSteps.RegisterLevel1Async(tracked, person);
                output.WriteLine($"Registered case {caseId} on {appToday:yyyy-MM-dd} ({watch.Elapsed.TotalSeconds:F1} s).");

                await CaseSteps.OpenLevelChangeAndChooseLevel4Async(tracked, caseId, reason);
                await CaseSteps.SubmitLevel4WithoutFormAsync(tracked, caseId);
                await CaseSteps.CompleteLevel4Async(tracked, caseId, reason);

                await CaseSteps.SetGoalsAsync(tracked, caseId);
                dueOn = appToday.AddDays(3);
                await CaseSteps.AddActionAsync(tracked, caseId, action, ownerUser: "Jonas Krag", ownerName: null, partyCode: "POL", dueOn: dueOn);
                await tracked.AssertLooksStyledAsync();
                await Browser.ScreenshotAsync(page, "journey-case-planned");
                output.WriteLine($"Escalated, goals and action set ({watch.Elapsed.TotalSeconds:F1} s).");
            }

            // The app is stopped and started again on the same SQLite file: the case is all still there.
            await app.Server.RestartAsync();
            output.WriteLine($"Restarted ({watch.Elapsed.TotalSeconds:F1} s).");
            await using (var tracked = await app.NewPageAsync())
            {
                var page = tracked.Page;
                await CaseSteps.SignInAsync(tracked, CaseSteps.Secretary, $"/sager/{caseId}");
                await Expect(page.GetByTestId("case-summary").GetByTestId("level-badge")).ToHaveTextAsync("Niveau 4");
                await Expect(page.GetByTestId("goals")).ToContainTextAsync(CaseSteps.Goals.Overall);
                var row = page.GetByTestId("action-row").Filter(new() { HasText = action });
                await Expect(row).ToContainTextAsync("Jonas Krag, ");
                await Expect(row).ToContainTextAsync(dueOn.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture));
                await Expect(row.GetByTestId("action-overdue")).ToHaveCountAsync(0);
                await Expect(page.GetByTestId("level-history").Locator("tbody tr")).ToHaveCountAsync(2);
            }

            // The leader group above Koordinationsgruppe Amager Øst sees the level-4 case in its list and opens it.
            await using (var tracked = await app.NewPageAsync())
            {
                var page = tracked.Page;
                await CaseSteps.SignInAsync(tracked, CaseSteps.Leader, "/sager");
                await Expect(page.GetByTestId("user-name")).ToHaveTextAsync("Mette Vang");
                var listed = page.GetByTestId("case-row").Filter(new() { HasText = person.Name });
                await Expect(listed).ToHaveCountAsync(1);
                await Expect(listed.GetByTestId("level-badge")).ToHaveTextAsync("Niveau 4");
                await listed.GetByRole(AriaRole.Link).ClickAsync();
                await tracked.ExpectUrlAsync(CaseSteps.PathUrl($"/sager/{caseId}"), "the case page for the leader");
                await Expect(page.GetByTestId("young-person")).ToContainTextAsync(person.Name);
                await Expect(page.GetByTestId("case-summary").GetByTestId("level-badge")).ToHaveTextAsync("Niveau 4");
                await Expect(page.GetByTestId("access-basis")).ToBeVisibleAsync();

                // Reading, not coordinating: the leader group does not change the level.
                await Expect(page.GetByTestId("change-level")).ToHaveCountAsync(0);
            }
        }
        catch
        {
            WriteAppOutputTail();
            throw;
        }
        finally
        {
            // A failed restart must not leave the other tests on this app without one.
            if (!app.Server.IsRunning)
            {
                await app.Server.StartAgainAsync();
            }
        }

        output.WriteLine($"Journey done in {watch.Elapsed.TotalSeconds:F1} s.");
    }

    [Fact]
    public async Task Ten_days_later_the_action_is_overdue_and_the_case_is_in_the_overdue_list()
    {
        var person = new YoungPersonData(
            "Otto Fristesen", CaseSteps.BirthDateAged14.AddYears(-1), "Sundby Skole, 9. klasse", "Lis Fristesen", "mor",
            "Klubben har set ham sælge hash til yngre unge bag fritidscentret.");
        const string action = "Klubmedarbejderen tager en samtale med Otto om hans aftener.";
        int caseId;
        DateOnly appToday;
        try
        {
            await using (var tracked = await app.NewPageAsync())
            {
                await CaseSteps.SignInAsync(tracked, CaseSteps.Secretary, "/sager");
                await CaseSteps.OpenRegistrationFromListAsync(tracked);
                appToday = await CaseSteps.AppTodayFromRegistrationFormAsync(tracked.Page);
                caseId = await CaseSteps.RegisterLevel1Async(tracked, person);
                await CaseSteps.AddActionAsync(tracked, caseId, action, ownerUser: null, ownerName: "Kim Klub", partyCode: "KFF", dueOn: appToday.AddDays(3));
            }

            // Ten days later: the same database, the app's clock moved forward.
            await app.Server.RestartAsync(TenDaysLater);
            await using (var tracked = await app.NewPageAsync())
            {
                var page = tracked.Page;
                await CaseSteps.SignInAsync(tracked, CaseSteps.Secretary, "/sager/ny");
                var laterToday = await CaseSteps.AppTodayFromRegistrationFormAsync(page);
                Assert.True(laterToday == appToday.AddDays(10),
                    $"With Testing__ClockOffset=10.00:00:00 the app's today should be {appToday.AddDays(10):yyyy-MM-dd}, but the registration form proposes {laterToday:yyyy-MM-dd}.");

                await tracked.GotoAsync($"/sager/{caseId}");
                await tracked.AssertLooksStyledAsync();
                await CaseSteps.OpenTabAsync(page, "Mål og handlinger");
                var row = page.GetByTestId("action-row").Filter(new() { HasText = action });
                await Expect(row.GetByTestId("action-overdue")).ToBeVisibleAsync();
                await Expect(row.GetByTestId("action-overdue")).ToHaveTextAsync("Frist overskredet");
                await Expect(page.GetByTestId("actions-overdue")).ToBeVisibleAsync();
                await Expect(page.GetByTestId("actions-overdue")).ToContainTextAsync("1 handling(er) har overskredet fristen.");
                await Browser.ScreenshotAsync(page, "journey-case-overdue");

                // The list, filtered to overdue deadlines with the checkbox, contains the case.
                await page.GetByRole(AriaRole.Link, new() { Name = "Tilbage til sagerne" }).ClickAsync();
                await tracked.ExpectUrlAsync(CaseSteps.PathUrl("/sager"), "the case list");
                await tracked.WaitForCircuitAsync();
                await page.GetByLabel("Vis kun sager med overskredne frister").CheckAsync();
                await tracked.ExpectUrlAsync(CaseSteps.CaseListUrlWith("forsinket=true"), "the filtered case list");
                await CaseSteps.WaitForCaseListAsync(page);
                Assert.Contains("forsinket=true", page.Url, StringComparison.Ordinal);
                await Expect(page.GetByLabel("Vis kun sager med overskredne frister")).ToBeCheckedAsync();
                var listed = page.GetByTestId("case-row").Filter(new() { HasText = person.Name });
                await Expect(listed).ToHaveCountAsync(1);
                await Expect(listed.GetByTestId("row-overdue")).ToBeVisibleAsync();
                await Browser.ScreenshotAsync(page, "journey-list-overdue");
            }
        }
        catch
        {
            WriteAppOutputTail();
            throw;
        }
        finally
        {
            // Back to the real clock for the other tests on this app.
            if (app.Server.ExtraEnvironment.Count > 0 || !app.Server.IsRunning)
            {
                await app.Server.RestartAsync();
            }
        }
    }

    [Fact]
    public async Task Two_people_saving_the_same_case_in_two_browsers_do_not_overwrite_each_other()
    {
        var person = new YoungPersonData(
            "Liva Eksempelsen", CaseSteps.BirthDateAged14.AddYears(1), "Sundby Skole, 7. klasse", "Tom Eksempelsen", "far",
            "Skolen har set hende sammen med ældre unge, der sælger hash ved indkøbscentret.");
        try
        {
            int caseId;
            await using (var registering = await app.NewPageAsync())
            {
                await CaseSteps.SignInAsync(registering, CaseSteps.Secretary, "/sager");
                await CaseSteps.OpenRegistrationFromListAsync(registering);
                caseId = await CaseSteps.RegisterLevel1Async(registering, person);
            }

            // Two browsers (separate contexts, separate circuits): the secretary and the police's member of the group.
            await using var first = await app.NewPageAsync();
            await using var second = await app.NewPageAsync();
            await CaseSteps.SignInAsync(first, CaseSteps.Secretary, $"/sager/{caseId}");
            await CaseSteps.SignInAsync(second, "myndighed@sspkbh.dk", $"/sager/{caseId}");
            await first.WaitForCircuitAsync();
            await second.WaitForCircuitAsync();

            var dialogs = new List<ILocator>();
            foreach (var tracked in new[] { first, second })
            {
                await tracked.Page.GetByTestId("edit-goals").ClickAsync();
                var dialog = tracked.Page.GetByRole(AriaRole.Dialog, new() { Name = "Mål" });
                await Expect(dialog.GetByLabel("Overordnet mål")).ToBeVisibleAsync();
                dialogs.Add(dialog);
            }

            await dialogs[0].GetByLabel("Overordnet mål").FillAsync("Første version: tilbage i skole efter jul.");
            await dialogs[0].GetByTestId("save-goals").ClickAsync();
            await Expect(dialogs[0]).ToHaveCountAsync(0);

            await dialogs[1].GetByLabel("Overordnet mål").FillAsync("Anden version, skrevet samtidig.");
            await dialogs[1].GetByTestId("save-goals").ClickAsync();
            await Expect(dialogs[1].GetByTestId("error-summary")).ToContainTextAsync("En anden har ændret oplysningerne");
            await Browser.ScreenshotAsync(second.Page, "case-goals-conflict");
            await dialogs[1].GetByTestId("reload-latest").ClickAsync();
            await Expect(dialogs[1].GetByLabel("Overordnet mål")).ToHaveValueAsync("Første version: tilbage i skole efter jul.");
            await dialogs[1].GetByTestId("dialog-cancel").ClickAsync();
            await Expect(dialogs[1]).ToHaveCountAsync(0);
            await Expect(second.Page.GetByTestId("goals")).ToContainTextAsync("Første version: tilbage i skole efter jul.");
            await Expect(second.Page.GetByTestId("goals")).Not.ToContainTextAsync("Anden version");

            // The first browser still shows its own save; the circuit of the second is alive and saves again.
            await Expect(first.Page.GetByTestId("goals")).ToContainTextAsync("Første version");
            await Expect(second.Page.Locator("[data-circuit='ready']")).ToHaveCountAsync(1);
        }
        catch
        {
            WriteAppOutputTail();
            throw;
        }
    }

    [Fact]
    public async Task A_journal_note_survives_a_lost_circuit_and_a_pasted_megabyte_is_cut_with_a_danish_message()
    {
        const string note = "Mor ringede: Yusuf var ikke hjemme i går aftes før kl. 23, og hun vil gerne have et møde med skolen.";
        try
        {
            await using var tracked = await app.NewPageAsync();
            var page = tracked.Page;
            // The fragment opens the journal tab (the home page links to "#handlinger" the same way).
            await CaseSteps.SignInAsync(tracked, CaseSteps.Secretary, "/");
            await tracked.GotoAsync("/sager/1#notater");
            await tracked.WaitForCircuitAsync();
            await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Journal", Exact = true })).ToHaveAttributeAsync("aria-selected", "true");

            // A megabyte pasted into the note: the field keeps its limit, says so in Danish, and the circuit lives on.
            await page.Locator("#notetext").FocusAsync();
            await page.Keyboard.InsertTextAsync(new string('x', 1_048_576));
            await Expect(page.GetByText("Teksten er skåret af ved 8000 tegn.")).ToBeVisibleAsync();
            Assert.Equal(8000, (await page.Locator("#notetext").InputValueAsync()).Length);
            await Expect(page.Locator("[data-circuit='ready']")).ToHaveCountAsync(1);
            await Expect(page.Locator(".components-reconnect-show, .components-reconnect-failed, .components-reconnect-rejected")).ToHaveCountAsync(0);

            await page.Locator("#notetext").FillAsync(note);
            await tracked.ReplaceCircuitAsync();

            await Expect(page.Locator("#notetext")).ToHaveValueAsync(note);
            await page.GetByTestId("save-note").ClickAsync();
            await Expect(page.GetByTestId("notes")).ToContainTextAsync(note);
            await Expect(page.Locator("#notetext")).ToHaveValueAsync("");
        }
        catch
        {
            WriteAppOutputTail();
            throw;
        }
    }

    [Fact]
    public async Task Text_typed_before_the_circuit_is_lost_comes_back_in_a_new_circuit_and_is_saved()
    {
        const string concern = "Skrevet før kredsløbet gik tabt: Yusuf er set ved stationen sent om aftenen flere gange i denne uge.";
        try
        {
            await using var tracked = await app.NewPageAsync();
            var page = tracked.Page;
            await CaseSteps.SignInAsync(tracked, CaseSteps.Secretary, "/sager");
            await CaseSteps.OpenRegistrationFromListAsync(tracked);

            // A known young person, found by typing part of his name and picked from the list.
            await CaseSteps.ChooseKnownPersonAsync(page, "Yusuf", "Yusuf Amin, 14.06.2012");
            await CaseSteps.ChooseAsync(page, "area", "Amager Øst");
            await CaseSteps.FillConcernAsync(page, concern);
            await Expect(page.Locator("#concern")).ToHaveValueAsync(concern);

            // He has an open case: it is offered with a link, and a case more is refused until the reason is written.
            var openCases = page.GetByTestId("open-cases");
            await Expect(openCases).ToContainTextAsync("Den unge har allerede en åben sag");
            var openLink = openCases.GetByTestId("open-case-link").First;
            var openHref = await openLink.GetAttributeAsync("href");
            var openNumber = (await openLink.TextContentAsync())!.Split(' ')[1];
            await Browser.ScreenshotAsync(page, "case-register-open-case");
            await Axe.AssertNoSeriousViolationsAsync(tracked, "registration with the known person's open case", output);
            await page.GetByTestId("register-case").ClickAsync();
            await Expect(page.Locator("#secondreason-error")).ToContainTextAsync("har allerede en åben sag");
            await tracked.ExpectUrlAsync(CaseSteps.PathUrl("/sager/ny"), "the registration form while the reason is missing");
            const string reason = "Politiet vil have den nye anmeldelse fulgt for sig.";
            await page.Locator("#secondreason").FillAsync(reason);

            // The circuit goes away and a new one takes over: the typed text must come back in the new circuit.
            await tracked.ReplaceCircuitAsync();
            await Browser.ScreenshotAsync(page, "case-register-after-reconnect");

            await Expect(page.Locator("#concern")).ToHaveValueAsync(concern);
            await Expect(page.Locator("#secondreason")).ToHaveValueAsync(reason);
            await Expect(page.GetByTestId("chosen-person")).ToContainTextAsync("Yusuf Amin, født 14.06.2012");
            await page.GetByTestId("register-case").ClickAsync();

            await tracked.ExpectUrlAsync(CaseSteps.CaseCreated(), "the new case's page after the reconnect");
            await Expect(page.GetByTestId("concern")).ToHaveTextAsync(concern);
            await Expect(page.GetByTestId("young-person")).ToContainTextAsync("Yusuf Amin");
            // Both cases show: the new one links to the open one, and the reason is its first journal note.
            await Expect(page.GetByTestId("other-open-cases").GetByTestId("open-case-link")).ToHaveAttributeAsync("href", openHref!);
            await CaseSteps.OpenTabAsync(page, "Journal");
            await Expect(page.GetByTestId("notes")).ToContainTextAsync(reason);
            await Expect(page.GetByTestId("notes")).ToContainTextAsync(openNumber);
            output.WriteLine($"Registered case {CaseSteps.CaseIdFromUrl(page.Url)} after a connection loss.");
        }
        catch
        {
            WriteAppOutputTail();
            throw;
        }
    }

    private void WriteAppOutputTail() =>
        output.WriteLine($"App running: {app.Server.IsRunning}. App output (tail):\n" + string.Join('\n', app.Server.Output.Split('\n').TakeLast(60)));
}
