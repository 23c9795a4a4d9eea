using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SspKbh.E2E;

/// <summary>
/// The meetings as the demo people use them: the secretary plans a meeting for today, publishes the
/// agenda, writes and approves the minutes (the decision and the task land on the case); the guest
/// without authority status sees only the general part and hands over a concern; the leader group
/// sets a goal on a level-4 case. axe-core on every meeting page, and the forms without JavaScript.
/// </summary>
public sealed partial class MeetingJourneyTests(MeetingsApp app, ITestOutputHelper output) : IClassFixture<MeetingsApp>
{
    private const string AmagerOst = "Koordinationsgruppe Amager Øst";
    private const string LeaderGroup = "SSP-ledergruppe Amager";
    private const string Guest = "ikke-myndighed@sspkbh.dk";

    /// <summary>The demo young people; none of them may show on a page for someone without authority status.</summary>
    private static readonly string[] DemoNames =
        ["Yusuf Amin", "Freja Nielsen", "Oliver Hansen", "Adam Khalil", "Malik Ahmed", "Mikkel Sørensen", "Lucas Holm"];

    [Fact]
    public async Task Secretary_plans_a_meeting_writes_and_approves_the_minutes_and_the_task_lands_on_the_case()
    {
        const string generalTitle = "Tryghedsvandring i bebyggelsen: erfaringer";
        const string summary = "Gruppen gennemgik sagen. Skolen oplever lidt mindre fravær.";
        const string task = "Politiet tager en bekymringssamtale med den unge og forældrene.";
        await WithAppOutputOnFailureAsync(async () =>
        {
            await using var tracked = await app.NewPageAsync();
            var page = tracked.Page;
            await CaseSteps.SignInAsync(tracked, CaseSteps.Secretary, "/moeder");
            var meetingId = await CreateMeetingTodayAsync(tracked, AmagerOst, "Sundby Skole, mødelokale 3");
            await Expect(page.GetByTestId("meeting-state")).ToHaveTextAsync("Kladde");

            // The proposed agenda: the group's cases, each with why it is on the agenda.
            var caseRows = page.GetByTestId("case-items").GetByTestId("agenda-item");
            await Expect(caseRows.First).ToBeVisibleAsync();
            var proposed = await caseRows.CountAsync();
            await Expect(caseRows.First.GetByTestId("item-reasons")).Not.ToBeEmptyAsync();
            await Expect(page.GetByTestId("case-items").GetByTestId("item-reasons")).ToHaveCountAsync(proposed);
            output.WriteLine($"Meeting {meetingId}: {proposed} proposed case item(s).");

            // A general item of the secretary's own, moved up one place with its button (the keyboard's way), then dragged to the top.
            await page.GetByLabel("Nyt generelt punkt").FillAsync(generalTitle);
            await page.GetByTestId("add-general").ClickAsync();
            var generalRows = page.GetByTestId("general-items").GetByTestId("agenda-item");
            await Expect(generalRows.Last).ToContainTextAsync(generalTitle);
            await Expect(page.GetByText("Det generelle punkt er tilføjet til dagsordenen.")).ToBeVisibleAsync();
            var generalCount = await generalRows.CountAsync();
            await generalRows.Last.GetByRole(AriaRole.Button, new() { NameRegex = MoveUp() }).ClickAsync();
            await Expect(generalRows.Nth(generalCount - 2)).ToContainTextAsync(generalTitle);
            await Expect(generalRows.Last).Not.ToContainTextAsync(generalTitle);
            await DragAsync(page, generalRows.Nth(generalCount - 2), generalRows.First);
            await Expect(generalRows.First).ToContainTextAsync(generalTitle);
            await Expect(generalRows.First.GetByTestId("item-position")).ToHaveTextAsync("1");
            await Expect(generalRows.Last.GetByTestId("item-position")).ToHaveTextAsync(generalCount.ToString(CultureInfo.InvariantCulture));

            // Only the first case is decided today: the others are taken off before any minutes are written.
            await RemoveAllCaseItemsButTheFirstAsync(page);
            var kept = caseRows.First;
            var caseId = int.Parse(CaseIdInHref().Match(await kept.GetByTestId("item-case").GetAttributeAsync("href") ?? "").Groups["id"].Value, CultureInfo.InvariantCulture);

            await page.GetByTestId("publish-agenda").ClickAsync();
            await Expect(page.GetByTestId("meeting-state")).ToHaveTextAsync("Dagsorden udsendt");
            await Expect(page.GetByTestId("publish-agenda")).ToHaveCountAsync(0);

            // Attendance, one click per person: the first attendee (by name) has sent apologies, everyone else is present.
            var groups = page.GetByTestId("attendance-choices");
            var attendees = await groups.CountAsync();
            Assert.True(attendees >= 2, $"Expected the group's members as attendees, found {attendees}.");
            for (var i = 0; i < attendees; i++)
            {
                var choice = groups.Nth(i).GetByRole(AriaRole.Button, new() { Name = i == 0 ? "Afbud" : "Til stede", Exact = true });
                await choice.ClickAsync();
                await Expect(choice).ToHaveAttributeAsync("aria-pressed", "true");
            }

            await Expect(page.GetByText(new Regex("^Fremmøde for .+ er gemt: Til stede\\.$")).First).ToBeVisibleAsync();
            await Expect(groups.First.GetByRole(AriaRole.Button, new() { Name = "Afbud", Exact = true })).ToHaveAttributeAsync("aria-pressed", "true");
            await Expect(groups.Last.GetByRole(AriaRole.Button, new() { Name = "Til stede", Exact = true })).ToHaveAttributeAsync("aria-pressed", "true");

            // A member has the meeting open while the minutes are written: they appear there without a reload.
            await using var member = await app.NewPageAsync();
            await CaseSteps.SignInAsync(member, "myndighed@sspkbh.dk", $"/moeder/{meetingId}");
            await member.WaitForCircuitAsync();
            var memberKept = member.Page.GetByTestId("case-items").GetByTestId("agenda-item").First;
            await Expect(memberKept.GetByTestId("item-summary")).ToHaveCountAsync(0);

            // The general items' minutes, item by item while the meeting runs: "Gem og næste" saves and opens the next item.
            await page.GetByTestId("general-items").GetByTestId("write-minutes").First.ClickAsync();
            await tracked.ExpectUrlAsync(MinutesUrl(meetingId), "the minutes page of the first general item");
            await Expect(page.GetByTestId("minutes-heading")).ToContainTextAsync($"Referat af punkt 1: {generalTitle}");
            var firstItemPath = new Uri(page.Url).AbsolutePath;
            await page.GetByLabel("Referat", new() { Exact = true }).FillAsync("Erfaringerne fra tryghedsvandringen blev delt.");
            await page.GetByTestId("save-and-next").ClickAsync();
            await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Referat af punkt 1" })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("minutes-heading")).ToContainTextAsync("Referat af punkt 2:");
            Assert.NotEqual(firstItemPath, new Uri(page.Url).AbsolutePath);
            await Expect(page.GetByLabel("Referat", new() { Exact = true })).ToHaveValueAsync("");
            await page.GetByTestId("previous-item").ClickAsync();
            await Expect(page.GetByTestId("minutes-heading")).ToContainTextAsync($"Referat af punkt 1: {generalTitle}");
            await Expect(page.GetByLabel("Referat", new() { Exact = true })).ToHaveValueAsync("Erfaringerne fra tryghedsvandringen blev delt.");

            // Minutes for the case: "Andet" needs a text, and nothing is saved without it.
            await page.GetByRole(AriaRole.Link, new() { Name = "Tilbage til mødet" }).ClickAsync();
            await tracked.ExpectUrlAsync(CaseSteps.PathUrl($"/moeder/{meetingId}"), "the meeting page");
            await kept.GetByTestId("write-minutes").ClickAsync();
            await tracked.ExpectUrlAsync(MinutesUrl(meetingId), "the minutes page of the case item");
            await Expect(page.GetByTestId("save-minutes")).ToBeVisibleAsync();
            var minutesPath = new Uri(page.Url).AbsolutePath;
            await CaseSteps.ChooseAsync(page, "decision", "Andet");
            await page.GetByTestId("save-minutes").ClickAsync();
            await Expect(page.Locator("#decisiontext-error")).ToContainTextAsync("Beskriv beslutningen.");
            await Expect(page.GetByTestId("error-summary")).ToContainTextAsync("Beskriv beslutningen.");
            await tracked.GotoAsync(minutesPath);
            await tracked.WaitForCircuitAsync();
            await Expect(page.GetByTestId("decision-applied")).ToHaveCountAsync(0);
            await Expect(page.Locator("#decision")).ToHaveValueAsync("");

            await CaseSteps.ChooseAsync(page, "decision", "Fasthold niveau");
            await page.GetByLabel("Referat", new() { Exact = true }).FillAsync(summary);
            await page.GetByTestId("save-minutes").ClickAsync();
            await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Referat af punkt 1 (" })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("decision-applied")).ToContainTextAsync("Fasthold niveau");
            await Expect(page.GetByLabel("Referat", new() { Exact = true })).ToHaveValueAsync(summary);
            await Expect(memberKept.GetByTestId("item-summary")).ToHaveTextAsync(summary);
            await Expect(memberKept.GetByTestId("item-decision")).ToHaveTextAsync("Fasthold niveau");

            // A task needs what, who, which party and when.
            await page.GetByTestId("add-task").ClickAsync();
            await Expect(page.Locator("#task-what-error")).ToContainTextAsync("Beskriv handlingen.");
            await Expect(page.Locator("#task-ownername-error")).ToContainTextAsync("Vælg eller skriv, hvem der er ansvarlig.");
            await Expect(page.Locator("#task-ownerparty-error")).ToContainTextAsync("Vælg en part.");
            await Expect(page.Locator("#task-dueon-error")).ToContainTextAsync("Skriv en frist for handlingen.");
            await Expect(page.GetByTestId("no-tasks")).ToBeVisibleAsync();

            var dueOn = AppToday.AddDays(7);
            await page.Locator("#task-what").FillAsync(task);
            await CaseSteps.ChooseAsync(page, "task-owneruser", "Jonas Krag");
            await CaseSteps.ChooseAsync(page, "task-ownerparty", "POL –");
            await CaseSteps.TypeDateAsync(page, "task-dueon", dueOn);
            await page.GetByTestId("add-task").ClickAsync();
            await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "er tilføjet til punkt" })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("task")).ToHaveCountAsync(1);
            await Expect(page.GetByTestId("task")).ToContainTextAsync(task);
            await Expect(page.GetByTestId("task")).ToContainTextAsync(dueOn.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture));

            // Approved: locked, no more minutes, an addendum instead.
            await page.GetByRole(AriaRole.Link, new() { Name = "Tilbage til mødet" }).ClickAsync();
            await tracked.ExpectUrlAsync(CaseSteps.PathUrl($"/moeder/{meetingId}"), "the meeting page");
            await tracked.WaitForCircuitAsync();
            await Expect(kept.GetByTestId("item-decision")).ToHaveTextAsync("Fasthold niveau");
            await Expect(kept.GetByTestId("item-summary")).ToHaveTextAsync(summary);
            await page.GetByTestId("approve-minutes").ClickAsync();
            await Expect(page.GetByTestId("meeting-state")).ToHaveTextAsync("Referat godkendt");
            await Expect(page.GetByTestId("minutes-approved")).ToContainTextAsync("Sofie Lund");
            await Expect(page.GetByTestId("write-minutes")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("approve-minutes")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("attendance-choice")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("attendance").First).ToHaveTextAsync("Afbud");
            await Expect(page.GetByTestId("remove-item")).ToHaveCountAsync(0);
            await page.GetByLabel("Tillæg til referatet").FillAsync("Rettelse: mødet sluttede kl. 15.30.");
            await page.GetByTestId("add-addendum").ClickAsync();
            await Expect(page.GetByTestId("addendum")).ToContainTextAsync("Rettelse: mødet sluttede kl. 15.30.");
            await Expect(member.Page.GetByTestId("addendum")).ToContainTextAsync("Rettelse: mødet sluttede kl. 15.30.");
            await Expect(member.Page.GetByTestId("meeting-state")).ToHaveTextAsync("Referat godkendt");
            await Browser.ScreenshotAsync(page, "meeting-approved");

            // The minutes page is closed for changes too.
            await tracked.GotoAsync(minutesPath);
            await Expect(page.GetByTestId("minutes-closed")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("save-minutes")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("add-task")).ToHaveCountAsync(0);

            await tracked.GotoAsync($"/moeder/{meetingId}");
            await page.GetByTestId("print-link").ClickAsync();
            await tracked.ExpectUrlAsync(CaseSteps.PathUrl($"/moeder/{meetingId}/udskriv"), "the print view");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Referat: {AmagerOst}");
            await Expect(page.GetByTestId("print-item").Filter(new() { HasText = summary })).ToContainTextAsync(task);
            await Expect(page.GetByTestId("print-attendees")).ToContainTextAsync("Afbud");
            await tracked.AssertLooksStyledAsync();
            await Browser.ScreenshotAsync(page, "meeting-print");

            // The task is an action on the case.
            await tracked.GotoAsync($"/sager/{caseId}");
            var action = page.GetByTestId("action-row").Filter(new() { HasText = task });
            await Expect(action).ToHaveCountAsync(1);
            await Expect(action).ToContainTextAsync("Jonas Krag, ");
            await Expect(action).ToContainTextAsync(dueOn.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture));
        });
    }

    [Fact]
    public async Task Raising_a_case_to_level_3_in_the_minutes_takes_the_level_form_there_and_the_case_shows_it()
    {
        const string reason = "Politiet har sigtet ham for røveri sammen med to ældre unge.";
        await WithAppOutputOnFailureAsync(async () =>
        {
            // A new level 1 case, so it has no level form and no named lead yet.
            await using var tracked = await app.NewPageAsync();
            var page = tracked.Page;
            await CaseSteps.SignInAsync(tracked, CaseSteps.Secretary, "/sager");
            await CaseSteps.OpenRegistrationFromListAsync(tracked);
            var caseId = await CaseSteps.RegisterLevel1Async(tracked, new YoungPersonData(
                "Villads Referatsen", CaseSteps.BirthDateAged14, "Sundby Skole, 8. klasse", "Lene Referatsen", "mor",
                "Er set sammen med ældre unge ved stationen flere aftener i træk."));

            // On today's agenda alone: the proposal's cases are taken off, the new case is found by its name and added.
            await tracked.GotoAsync("/moeder");
            var meetingId = await CreateMeetingTodayAsync(tracked, AmagerOst, "Sundby Skole, mødelokale 4");
            var caseRows = page.GetByTestId("case-items").GetByTestId("agenda-item");
            await RemoveAllCaseItemsButTheFirstAsync(page);
            if (await caseRows.CountAsync() == 1)
            {
                await caseRows.First.GetByTestId("remove-item").ClickAsync();
                await page.Locator(".mud-message-box").GetByRole(AriaRole.Button, new() { Name = "Fjern", Exact = true }).ClickAsync();
                await Expect(caseRows).ToHaveCountAsync(0);
            }

            await CaseSteps.SearchAndChooseAsync(page, "case-id", "Villads Referatsen", "Villads Referatsen");
            await page.GetByTestId("add-case").ClickAsync();
            await Expect(caseRows).ToHaveCountAsync(1);
            await Expect(caseRows.First.GetByTestId("item-case")).ToContainTextAsync("Villads Referatsen");
            await page.GetByTestId("publish-agenda").ClickAsync();
            await Expect(page.GetByTestId("meeting-state")).ToHaveTextAsync("Dagsorden udsendt");

            // The decision "Ændr niveau" to 3: the level form opens on the minutes page itself.
            await caseRows.First.GetByTestId("write-minutes").ClickAsync();
            await tracked.ExpectUrlAsync(MinutesUrl(meetingId), "the minutes page of the case item");
            await tracked.WaitForCircuitAsync();
            await CaseSteps.ChooseAsync(page, "decision", "Ændr niveau");
            await CaseSteps.ChooseAsync(page, "newlevel", "Niveau 3");
            await Expect(page.GetByTestId("minutes-level-form")).ToBeVisibleAsync();
            await page.Locator("#levelreason").FillAsync(reason);

            // Saved without the form and without a lead: each missing answer is named beside its field, and the case is untouched.
            await page.GetByTestId("save-minutes").ClickAsync();
            foreach (var (id, _) in CaseSteps.LevelForm)
            {
                await Expect(page.Locator($"#{id}-error")).ToContainTextAsync(CaseSteps.FormFieldRequired);
            }

            await Expect(page.Locator("#newlead-error")).ToContainTextAsync(CaseSteps.LeadPersonRequired);
            await Expect(page.GetByTestId("error-summary")).ToContainTextAsync(CaseSteps.FormFieldRequired);
            await Expect(page.GetByTestId("decision-applied")).ToHaveCountAsync(0);

            // Filled in place and saved: the decision is carried out on the case.
            foreach (var (id, text) in CaseSteps.LevelForm)
            {
                await page.Locator($"#{id}").FillAsync(text);
            }

            await CaseSteps.ChooseAsync(page, "newlead", "Sofie Lund");
            await page.GetByTestId("save-minutes").ClickAsync();
            await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Referat af punkt 1 (" })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("decision-applied")).ToContainTextAsync("Ændr niveau");

            await page.GetByTestId("open-case").ClickAsync();
            await tracked.ExpectUrlAsync(CaseSteps.PathUrl($"/sager/{caseId}"), "the case page");
            await Expect(page.GetByTestId("case-summary").GetByTestId("level-badge")).ToHaveTextAsync("Niveau 3");
            await Expect(page.GetByTestId("case-lead")).ToContainTextAsync("Sofie Lund");
            await Expect(page.GetByTestId("level-form")).ToContainTextAsync(CaseSteps.LevelForm[0].Text);
            await Expect(page.GetByTestId("level-form")).ToContainTextAsync(CaseSteps.LevelForm[5].Text);
        });
    }

    [Fact]
    public async Task Guest_without_authority_sees_only_the_general_part_and_hands_over_a_concern_the_secretary_sees()
    {
        const string concern = "Jeg har set nogle unge sælge noget bag vaskeriet i opgang 4 flere aftener i træk.";
        await WithAppOutputOnFailureAsync(async () =>
        {
            int meetingId;
            await using (var tracked = await app.NewPageAsync())
            {
                var page = tracked.Page;
                meetingId = await OpenDemoMeetingAsGuestAsync(tracked);
                await Expect(page.GetByTestId("general-items")).ToContainTextAsync("Uro ved indkøbscentret");
                await Expect(page.GetByTestId("case-part-closed")).ToContainTextAsync("Mødet har 4 enkeltsagspunkter");
                await Expect(page.GetByTestId("case-items")).ToHaveCountAsync(0);
                await AssertNoDemoNamesAsync(page);

                await tracked.WaitForCircuitAsync();
                await page.GetByTestId("hand-over").ClickAsync();
                await Expect(page.Locator("#concern-text-error")).ToContainTextAsync("Skriv en tekst.");
                await page.GetByLabel("Din bekymring").FillAsync(concern);
                await page.GetByTestId("hand-over").ClickAsync();
                await Expect(page.GetByText("Din bekymring er overleveret til myndighedspersonerne.")).ToBeVisibleAsync();
                await Expect(page.GetByTestId("my-concern")).ToHaveTextAsync(concern);
                await AssertNoDemoNamesAsync(page);

                // The print view keeps the case part closed as well.
                await tracked.GotoAsync($"/moeder/{meetingId}/udskriv");
                await Expect(page.GetByText("Mødet har 4 enkeltsagspunkter")).ToBeVisibleAsync();
                await AssertNoDemoNamesAsync(page);
            }

            await using (var tracked = await app.NewPageAsync())
            {
                var page = tracked.Page;
                await CaseSteps.SignInAsync(tracked, CaseSteps.Secretary, $"/moeder/{meetingId}");
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overleverede bekymringer" })).ToBeVisibleAsync();
                var handedOver = page.GetByTestId("concerns").GetByTestId("concern").Filter(new() { HasText = concern });
                await Expect(handedOver).ToHaveCountAsync(1);
                await Expect(handedOver).ToContainTextAsync("Ali Hassan (BOLIG)");
                await Expect(handedOver.GetByTestId("register-from-concern")).ToBeVisibleAsync();
            }
        });
    }

    [Fact]
    public async Task A_guests_open_meeting_page_reloads_live_and_never_receives_the_case_minutes_or_the_young_persons_name()
    {
        const string caseSummary = "Drøftelse af den unges skolegang og fritid.";
        const string generalSummary = "Orientering om tryghedsvandringen blev taget til efterretning.";
        await WithAppOutputOnFailureAsync(async () =>
        {
            // The secretary holds a meeting today with the guest without authority status invited, and sends out the agenda.
            await using var secretary = await app.NewPageAsync();
            var page = secretary.Page;
            await CaseSteps.SignInAsync(secretary, CaseSteps.Secretary, "/moeder");
            var meetingId = await CreateMeetingTodayAsync(secretary, AmagerOst, "Sundby Skole, mødelokale 5");
            await CaseSteps.SearchAndChooseAsync(page, "guest-user", "Ali", "Ali Hassan");
            await page.GetByTestId("add-guest").ClickAsync();
            await Expect(page.GetByTestId("attendees")).ToContainTextAsync("Ali Hassan");
            await page.GetByTestId("publish-agenda").ClickAsync();
            await Expect(page.GetByTestId("meeting-state")).ToHaveTextAsync("Dagsorden udsendt");
            if (await page.GetByTestId("case-items").GetByTestId("agenda-item").CountAsync() == 0)
            {
                // Earlier meetings today may have taken the proposal's cases: the secretary adds one from the search.
                await page.Locator("#case-id").ClickAsync();
                await page.Locator(".mud-popover-open .mud-list-item").First.ClickAsync();
                await page.GetByTestId("add-case").ClickAsync();
            }

            var caseRow = page.GetByTestId("case-items").GetByTestId("agenda-item").First;
            await Expect(caseRow.GetByTestId("item-case")).ToBeVisibleAsync();
            var personName = (await caseRow.GetByTestId("item-case").InnerTextAsync()).Split(" – ", 2)[1].Trim();
            var caseMinutes = await caseRow.GetByTestId("write-minutes").GetAttributeAsync("href");
            var generalMinutes = await page.GetByTestId("general-items").GetByTestId("write-minutes").First.GetAttributeAsync("href");

            // The guest has the meeting open; everything the circuit sends is kept.
            await using var guest = await app.NewPageAsync();
            var gate = new object();
            var frames = new System.Text.StringBuilder();
            var frameCount = 0;
            guest.Page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) =>
            {
                lock (gate)
                {
                    frameCount++;
                    frames.Append(frame.Text ?? System.Text.Encoding.UTF8.GetString(frame.Binary ?? [])).Append('\n');
                }
            };
            await CaseSteps.SignInAsync(guest, Guest, $"/moeder/{meetingId}");
            await guest.WaitForCircuitAsync();
            await Expect(guest.Page.GetByTestId("case-part-closed")).ToBeVisibleAsync();

            // The secretary writes the case's minutes, then a general item's: the guest's page shows the general one without a reload.
            await secretary.GotoAsync(caseMinutes!);
            await secretary.WaitForCircuitAsync();
            await CaseSteps.ChooseAsync(page, "decision", "Fasthold niveau");
            await page.GetByLabel("Referat", new() { Exact = true }).FillAsync(caseSummary);
            await page.GetByTestId("save-minutes").ClickAsync();
            await Expect(page.GetByTestId("decision-applied")).ToBeVisibleAsync();
            await secretary.GotoAsync(generalMinutes!);
            await secretary.WaitForCircuitAsync();
            await page.GetByLabel("Referat", new() { Exact = true }).FillAsync(generalSummary);
            await page.GetByTestId("save-minutes").ClickAsync();
            await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Referat af punkt" }).Last).ToBeVisibleAsync();
            await Expect(guest.Page.GetByTestId("general-items").GetByTestId("item-summary").First).ToHaveTextAsync(generalSummary);

            var html = await guest.Page.ContentAsync();
            Assert.DoesNotContain(personName, html, StringComparison.Ordinal);
            Assert.DoesNotContain(caseSummary, html, StringComparison.Ordinal);
            lock (gate)
            {
                Assert.True(frameCount > 0, "No circuit message reached the guest's page, so nothing was checked.");
                Assert.DoesNotContain(personName, frames.ToString(), StringComparison.Ordinal);
                Assert.DoesNotContain(caseSummary, frames.ToString(), StringComparison.Ordinal);
                Assert.Contains(generalSummary, frames.ToString(), StringComparison.Ordinal);
            }

            await AssertNoDemoNamesAsync(guest.Page);
        });
    }

    [Fact]
    public async Task Leader_group_takes_up_a_level_4_case_again_and_the_goal_is_on_the_case()
    {
        const string goal = "Yusuf er tilbage i skole hver dag og har brudt med de ældre venner inden sommerferien.";
        await WithAppOutputOnFailureAsync(async () =>
        {
            await using var tracked = await app.NewPageAsync();
            var page = tracked.Page;
            await CaseSteps.SignInAsync(tracked, CaseSteps.Leader, "/moeder");
            var meetingId = await CreateMeetingTodayAsync(tracked, LeaderGroup, "Rådhuset, lokale 12");

            // The proposal: level 3–4 cases from the coordination groups under the leader group.
            var caseRows = page.GetByTestId("case-items").GetByTestId("agenda-item");
            var yusuf = caseRows.Filter(new() { HasText = "Yusuf Amin" });
            await Expect(yusuf).ToHaveCountAsync(1);
            await Expect(yusuf.GetByTestId("level-badge")).ToHaveTextAsync("Niveau 4");
            await Expect(yusuf.GetByTestId("item-reasons")).Not.ToBeEmptyAsync();
            foreach (var badge in await page.GetByTestId("case-items").GetByTestId("level-badge").AllInnerTextsAsync())
            {
                Assert.True(badge.Trim() is "Niveau 3" or "Niveau 4", $"The leader group's proposal lists a case at '{badge}'.");
            }

            await yusuf.GetByTestId("write-minutes").ClickAsync();
            await tracked.ExpectUrlAsync(MinutesUrl(meetingId), "the minutes page for Yusuf's case");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Yusuf Amin");
            await Expect(page.GetByTestId("save-minutes")).ToBeVisibleAsync();
            await CaseSteps.ChooseAsync(page, "decision", "Tag sagen op igen på næste møde");
            await page.GetByLabel("Overordnet mål").FillAsync(goal);
            await page.GetByLabel("Referat", new() { Exact = true }).FillAsync("Ledergruppen følger sagen til næste møde.");
            await page.GetByTestId("save-minutes").ClickAsync();
            await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Referat af punkt" })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("decision-applied")).ToContainTextAsync("Tag sagen op igen på næste møde");

            await page.GetByRole(AriaRole.Link, new() { Name = "Åbn sagen" }).ClickAsync();
            await tracked.ExpectUrlAsync(CaseUrl(), "Yusuf's case page");
            await Expect(page.GetByTestId("young-person")).ToContainTextAsync("Yusuf Amin");
            await Expect(page.GetByTestId("goals")).ToContainTextAsync(goal);
            await Expect(page.GetByTestId("leader-group-flag")).ToBeVisibleAsync();

            // The journal extract of the case carries the leader group's minutes, ready to print.
            await tracked.WaitForCircuitAsync();
            await CaseSteps.OpenTabAsync(page, "Samtaler og møder");
            await page.GetByTestId("journal-extract-link").ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Journaludtræk");
            await Expect(page.GetByTestId("extract-meeting").Last).ToContainTextAsync("Ledergruppen følger sagen til næste møde.");
            await Expect(page.GetByTestId("extract-meeting").Last).ToContainTextAsync("Tag sagen op igen på næste møde");
            await tracked.AssertLooksStyledAsync();
            await Axe.AssertNoSeriousViolationsAsync(tracked, "journal extract", output);

            // The board: every level 3–4 case under the leader group; Yusuf's is marked to be taken up again, with the goal below.
            await tracked.GotoAsync("/moeder");
            await page.GetByTestId("leader-boards").GetByRole(AriaRole.Link).First.ClickAsync();
            var row = page.GetByTestId("board-row").Filter(new() { HasText = "Yusuf Amin" });
            await Expect(row).ToHaveCountAsync(1);
            await Expect(row.GetByTestId("take-up-again")).ToBeVisibleAsync();
            await Expect(row.GetByTestId("last-decision")).ToContainTextAsync("Tag sagen op igen på næste møde");
            foreach (var badge in await page.GetByTestId("leader-board").GetByTestId("level-badge").AllInnerTextsAsync())
            {
                Assert.True(badge.Trim() is "Niveau 3" or "Niveau 4", $"The leader board lists a case at '{badge}'.");
            }

            await tracked.AssertLooksStyledAsync();
            // The link jumps down the same page to the case's goals and named tasks.
            await tracked.WaitForCircuitAsync();
            await row.GetByRole(AriaRole.Link, new() { Name = "Mål og ansvarlige" }).ClickAsync();
            await Expect(page.GetByTestId("board-case").Filter(new() { HasText = "Yusuf Amin" }).GetByTestId("board-goals")).ToContainTextAsync(goal);
            await Browser.ScreenshotAsync(page, "leader-board");
            await Axe.AssertNoSeriousViolationsAsync(tracked, "leader board", output);

            // Sorted by case number, highest first: the address holds the view, and coming back from a case shows it again.
            var rows = page.GetByTestId("board-row");
            await page.GetByTestId("sort-case").ClickAsync();
            await Expect(page.GetByTestId("board-results")).ToHaveAttributeAsync("data-shown-query", "?sortering=Case&retning=stigende");
            await page.GetByTestId("sort-case").ClickAsync();
            await Expect(page.GetByTestId("board-results")).ToHaveAttributeAsync("data-shown-query", "?sortering=Case&retning=faldende");
            await tracked.ExpectUrlAsync(PathPatternUrl(@"/moeder/ledergrupper/\d+\?sortering=Case&retning=faldende"), "the board sorted by case, highest first");
            var sorted = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.case)");
            Assert.Equal(sorted.OrderDescending(StringComparer.Ordinal), sorted);
            await Axe.AssertNoSeriousViolationsAsync(tracked, "leader board sorted", output);
            await rows.Filter(new() { HasText = "Yusuf Amin" }).GetByRole(AriaRole.Link, new() { NameRegex = CaseNumberText() }).ClickAsync();
            await tracked.ExpectUrlAsync(CaseUrl(), "Yusuf's case from the board");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Sag");
            await page.GoBackAsync();
            await tracked.ExpectUrlAsync(PathPatternUrl(@"/moeder/ledergrupper/\d+\?sortering=Case&retning=faldende"), "the board again, as it was left");
            await Expect(page.GetByTestId("board-results")).ToHaveAttributeAsync("data-shown-query", "?sortering=Case&retning=faldende");
            Assert.Equal(sorted, await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.case)"));
            await Expect(page.GetByTestId("sort-case").Locator("xpath=ancestor::th[1]")).ToHaveAttributeAsync("aria-sort", "descending");
        });
    }

    [Fact]
    public async Task Meeting_pages_have_no_serious_or_critical_violations()
    {
        await WithAppOutputOnFailureAsync(async () =>
        {
            await using (var tracked = await app.NewPageAsync())
            {
                var page = tracked.Page;
                await CaseSteps.SignInAsync(tracked, CaseSteps.Secretary, "/moeder");
                await Expect(page.GetByTestId("plannable-groups")).ToBeVisibleAsync();
                await tracked.AssertLooksStyledAsync();
                await Browser.ScreenshotAsync(page, "meetings-mine");
                await Axe.AssertNoSeriousViolationsAsync(tracked, "my meetings", output);

                await OpenGroupAsync(tracked, AmagerOst);
                await tracked.AssertLooksStyledAsync();
                await Browser.ScreenshotAsync(page, "meetings-group");
                await Axe.AssertNoSeriousViolationsAsync(tracked, "group's meetings", output);

                // The new meeting's date picker open, and the form's messages shown (an empty place).
                await tracked.WaitForCircuitAsync();
                await page.Locator(".mud-picker").Filter(new() { Has = page.Locator("#date") }).Locator("button").First.ClickAsync();
                await Expect(page.Locator(".mud-popover-open .mud-picker-calendar-header-day, .mud-popover-open .mud-picker-calendar-header .mud-day-name").First).ToBeVisibleAsync();
                await Axe.AssertNoSeriousViolationsAsync(tracked, "group's meetings with the date picker open", output);
                await page.Keyboard.PressAsync("Escape");
                await Expect(page.Locator(".mud-popover-open .mud-picker-calendar-header-day, .mud-popover-open .mud-picker-calendar-header .mud-day-name")).ToHaveCountAsync(0);
                await page.GetByLabel("Sted", new() { Exact = true }).FillAsync("");
                await page.GetByTestId("create-meeting").ClickAsync();
                await Expect(page.Locator("#place-error")).ToContainTextAsync("Angiv hvor mødet holdes.");
                await Axe.AssertNoSeriousViolationsAsync(tracked, "group's meetings with errors", output);
                await tracked.GotoAsync("/moeder");
                await OpenGroupAsync(tracked, AmagerOst);

                var meetingId = await CreateMeetingTodayAsync(tracked, null, "Sundby Skole, mødelokale 1");
                await tracked.AssertLooksStyledAsync();
                await Browser.ScreenshotAsync(page, "meeting-secretary");
                await Axe.AssertNoSeriousViolationsAsync(tracked, "meeting page (secretary)", output);

                // The confirmation before an item is removed, the case search open, and a form's messages shown.
                await tracked.WaitForCircuitAsync();
                await page.GetByTestId("general-items").GetByTestId("remove-item").First.ClickAsync();
                await Expect(page.Locator(".mud-message-box")).ToBeVisibleAsync();
                await Axe.AssertNoSeriousViolationsAsync(tracked, "meeting page with the remove confirmation open", output);
                await page.Locator(".mud-message-box").GetByRole(AriaRole.Button, new() { Name = "Behold punktet" }).ClickAsync();
                await Expect(page.Locator(".mud-message-box")).ToHaveCountAsync(0);
                if (await page.Locator("#case-id").CountAsync() > 0)
                {
                    await page.Locator("#case-id").ClickAsync();
                    await Expect(page.Locator(".mud-popover-open .mud-list-item").First).ToBeVisibleAsync();
                    await Axe.AssertNoSeriousViolationsAsync(tracked, "meeting page with the case search open", output);
                    await page.Keyboard.PressAsync("Escape");
                }

                await page.GetByTestId("add-guest").ClickAsync();
                await Expect(page.Locator("#guest-name-error")).ToContainTextAsync("Skriv gæstens navn");
                await Axe.AssertNoSeriousViolationsAsync(tracked, "meeting page with the guest form's messages", output);

                await page.GetByTestId("case-items").GetByTestId("write-minutes").First.ClickAsync();
                await tracked.ExpectUrlAsync(MinutesUrl(meetingId), "the minutes page");
                // The address changes before the minutes page has replaced the meeting page: wait for the form itself.
                await Expect(page.GetByTestId("save-minutes")).ToBeVisibleAsync();
                await tracked.AssertLooksStyledAsync();
                await Browser.ScreenshotAsync(page, "meeting-minutes");
                await Axe.AssertNoSeriousViolationsAsync(tracked, "minutes page", output);

                await page.GetByTestId("save-minutes").ClickAsync();
                await Expect(page.Locator("#decision-error")).ToContainTextAsync("Vælg en beslutning.");
                await Browser.ScreenshotAsync(page, "meeting-minutes-errors");
                await Axe.AssertNoSeriousViolationsAsync(tracked, "minutes page with errors", output);

                // A level change to level 3 takes the level 3–4 form in place (nothing is saved here: the demo cases stay as they are).
                await CaseSteps.OpenSelectByIdAsync(page, "decision");
                await Axe.AssertNoSeriousViolationsAsync(tracked, "minutes page with the decision list open", output);
                await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Ændr niveau" }).First.ClickAsync();
                await CaseSteps.ChooseAsync(page, "newlevel", "Niveau 3");
                await Expect(page.GetByTestId("minutes-level-form").Locator("#f-offence")).ToBeVisibleAsync();
                await Axe.AssertNoSeriousViolationsAsync(tracked, "minutes page with the level form in place", output);
                await page.Locator(".mud-picker").Filter(new() { Has = page.Locator("#task-dueon") }).Locator("button").First.ClickAsync();
                var calendar = page.Locator(".mud-popover-open .mud-picker-calendar-header-day, .mud-popover-open .mud-picker-calendar-header .mud-day-name");
                await Expect(calendar.First).ToBeVisibleAsync();
                await Axe.AssertNoSeriousViolationsAsync(tracked, "minutes page with the due date picker open", output);
                await page.Keyboard.PressAsync("Escape");

                await tracked.GotoAsync($"/moeder/{meetingId}/udskriv");
                await tracked.AssertLooksStyledAsync();
                await Axe.AssertNoSeriousViolationsAsync(tracked, "print view", output);
            }

            await using (var tracked = await app.NewPageAsync())
            {
                await OpenDemoMeetingAsGuestAsync(tracked);
                await tracked.AssertLooksStyledAsync();
                await Browser.ScreenshotAsync(tracked.Page, "meeting-guest");
                await Axe.AssertNoSeriousViolationsAsync(tracked, "meeting page (guest without authority)", output);
            }
        });
    }

    [Fact]
    public async Task Meeting_pages_work_without_javascript()
    {
        await WithAppOutputOnFailureAsync(async () =>
        {
            // The group page, the meeting page and the minutes page are interactive and need JavaScript to change anything
            // (ADR 0017); without it they still show what they hold (prerendered), and the print view is a static page.
            int meetingId;
            await using (var planner = await app.NewPageAsync())
            {
                await CaseSteps.SignInAsync(planner, CaseSteps.Secretary, "/moeder");
                meetingId = await CreateMeetingTodayAsync(planner, AmagerOst, "Sundby Skole, mødelokale 4");
                await planner.WaitForCircuitAsync();
                await planner.Page.GetByTestId("publish-agenda").ClickAsync();
                await Expect(planner.Page.GetByTestId("meeting-state")).ToHaveTextAsync("Dagsorden udsendt");
                await planner.Page.GetByTestId("general-items").GetByTestId("write-minutes").First.ClickAsync();
                await planner.ExpectUrlAsync(MinutesUrl(meetingId), "the minutes page of a general item");
                await planner.Page.GetByLabel("Referat", new() { Exact = true }).FillAsync("Formanden bød velkommen; dagsordenen blev godkendt.");
                await planner.Page.GetByTestId("save-minutes").ClickAsync();
                await Expect(planner.Page.Locator(".mud-snackbar").Filter(new() { HasText = "Referat af punkt 1" })).ToBeVisibleAsync();
            }

            await using (var tracked = await app.NewPageAsync(javaScriptEnabled: false))
            {
                var page = tracked.Page;
                await CaseSteps.SignInAsync(tracked, CaseSteps.Secretary, "/moeder");
                await tracked.AssertLooksStyledAsync(); // the prerendered overview, styled without a circuit
                await tracked.GotoAsync($"/moeder/{meetingId}");
                await tracked.AssertLooksStyledAsync();
                await Expect(page.GetByTestId("meeting-state")).ToHaveTextAsync("Dagsorden udsendt");

                await page.GetByTestId("general-items").GetByTestId("write-minutes").First.ClickAsync();
                await tracked.ExpectUrlAsync(MinutesUrl(meetingId), "the minutes page of a general item");
                await Expect(page.GetByLabel("Referat", new() { Exact = true })).ToHaveValueAsync("Formanden bød velkommen; dagsordenen blev godkendt.");
                await tracked.AssertLooksStyledAsync();

                await tracked.GotoAsync($"/moeder/{meetingId}/udskriv");
                await Expect(page.GetByTestId("print-item").First).ToContainTextAsync("Formanden bød velkommen");
                await tracked.AssertLooksStyledAsync();
            }

            await using (var tracked = await app.NewPageAsync(javaScriptEnabled: false))
            {
                var page = tracked.Page;
                await OpenDemoMeetingAsGuestAsync(tracked);
                await tracked.AssertLooksStyledAsync();
                await Expect(page.GetByTestId("case-part-closed")).ToBeVisibleAsync();
                await AssertNoDemoNamesAsync(page);
            }
        });
    }

    [Fact]
    public async Task Opening_the_minutes_page_reads_and_audits_the_item_once_across_prerender_and_circuit()
    {
        await WithAppOutputOnFailureAsync(async () =>
        {
            await using var tracked = await app.NewPageAsync();
            var page = tracked.Page;
            await CaseSteps.SignInAsync(tracked, CaseSteps.Secretary, "/moeder");
            var meetingId = await CreateMeetingTodayAsync(tracked, AmagerOst, "Sundby Skole, mødelokale 6");
            var minutes = await page.GetByTestId("general-items").GetByTestId("write-minutes").First.GetAttributeAsync("href");

            var since = AuditScalar("SELECT COALESCE(MAX(Sequence), 0) FROM AuditEntries");
            await tracked.GotoAsync(minutes!);
            await tracked.WaitForCircuitAsync();
            await Expect(page.GetByTestId("save-minutes")).ToBeVisibleAsync();
            await page.WaitForTimeoutAsync(1500); // a second read would come right after the circuit starts

            // One entry (a meeting with case items lists their case ids in it, and names the meeting in its details).
            Assert.Equal(1, AuditScalar(FormattableString.Invariant(
                $"SELECT COUNT(*) FROM AuditEntries WHERE Sequence > {since} AND Action = 'meeting.view' AND Purpose = 'minutes' AND (Details = 'meeting={meetingId}' OR Details LIKE 'meeting={meetingId};%')")));
        });
    }

    private long AuditScalar(string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={app.Server.DatabasePath};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>The app's today (Copenhagen); the fixture runs the app on the real clock.</summary>
    private static DateOnly AppToday =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen")).DateTime);

    /// <summary>From "Mine møder", the group's link under "Planlæg møder".</summary>
    private static async Task OpenGroupAsync(TrackedPage tracked, string group)
    {
        var page = tracked.Page;
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Planlæg møder" })).ToBeVisibleAsync();
        await page.GetByTestId("plannable-groups").GetByRole(AriaRole.Link, new() { Name = group, Exact = true }).ClickAsync();
        await tracked.ExpectUrlAsync(GroupUrl(), $"the meetings page of {group}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Gruppens møder: {group}");
    }

    /// <summary>
    /// From "Mine møder" (or, with no group, from the group page already open), a meeting today: the
    /// form proposes the next date by the group's plan, and minutes are written from the meeting day on.
    /// The group page is interactive; the meeting page it leads to is a static page, loaded in full.
    /// </summary>
    private static async Task<int> CreateMeetingTodayAsync(TrackedPage tracked, string? group, string place)
    {
        var page = tracked.Page;
        if (group is not null)
        {
            await OpenGroupAsync(tracked, group);
        }

        // The group page is interactive: typed once its circuit is up. The date picker takes dd.MM.yyyy.
        await tracked.WaitForCircuitAsync();
        await CaseSteps.TypeDateAsync(page, "date", AppToday);
        await page.GetByLabel("Tidspunkt", new() { Exact = true }).FillAsync("14:00");
        await page.GetByLabel("Sted", new() { Exact = true }).FillAsync(place);
        await page.GetByLabel("Sted", new() { Exact = true }).PressAsync("Tab");
        await page.GetByTestId("create-meeting").ClickAsync();
        await tracked.ExpectUrlAsync(MeetingCreatedUrl(), "the new meeting's page");
        await Expect(page.GetByTestId("saved")).ToBeVisibleAsync();
        await tracked.WaitForCircuitAsync();
        await Expect(page.GetByTestId("meeting-when")).ToContainTextAsync(place);
        await Expect(page.GetByTestId("meeting-when")).ToContainTextAsync("kl. 14:00");
        return int.Parse(MeetingCreatedUrl().Match(page.Url).Groups["id"].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Drags an agenda item onto another with the mouse, in steps with pauses: each drag event makes a round trip to the
    /// circuit (MudDropContainer keeps the drag on the server), and a drop that arrives before the drag has started is lost.
    /// </summary>
    private static async Task DragAsync(IPage page, ILocator item, ILocator onto)
    {
        await item.HoverAsync();
        await page.Mouse.DownAsync();
        var target = await onto.BoundingBoxAsync() ?? throw new InvalidOperationException("The drop target is not on screen.");
        await page.Mouse.MoveAsync(target.X + (target.Width / 2), target.Y + (target.Height / 2), new() { Steps = 10 });
        await page.WaitForTimeoutAsync(300);
        await page.Mouse.MoveAsync(target.X + (target.Width / 2), target.Y + 4, new() { Steps = 5 });
        await page.WaitForTimeoutAsync(300);
        await page.Mouse.UpAsync();
    }

    /// <summary>Removes every case item but the first, each confirmed in the message box the page asks with.</summary>
    private static async Task RemoveAllCaseItemsButTheFirstAsync(IPage page)
    {
        var rows = page.GetByTestId("case-items").GetByTestId("agenda-item");
        for (var count = await rows.CountAsync(); count > 1; count--)
        {
            await rows.Last.GetByTestId("remove-item").ClickAsync();
            await page.Locator(".mud-message-box").GetByRole(AriaRole.Button, new() { Name = "Fjern", Exact = true }).ClickAsync();
            await Expect(rows).ToHaveCountAsync(count - 1);
        }
    }

    /// <summary>The guest without authority status: "Mine møder" lists the demo meeting as upcoming; returns its id.</summary>
    private static async Task<int> OpenDemoMeetingAsGuestAsync(TrackedPage tracked)
    {
        var page = tracked.Page;
        await CaseSteps.SignInAsync(tracked, Guest, "/moeder");
        await Expect(page.GetByTestId("plannable-groups")).ToHaveCountAsync(0);
        var row = page.GetByTestId("upcoming-meetings").GetByTestId("meeting-row").Filter(new() { HasText = AmagerOst });
        await Expect(row).ToHaveCountAsync(1);
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await tracked.ExpectUrlAsync(MeetingUrl(), "the demo meeting's page");
        await Expect(page.GetByTestId("meeting-heading")).ToHaveTextAsync(AmagerOst);
        return int.Parse(MeetingUrl().Match(page.Url).Groups["id"].Value, CultureInfo.InvariantCulture);
    }

    private static async Task AssertNoDemoNamesAsync(IPage page)
    {
        var html = await page.ContentAsync();
        foreach (var name in DemoNames)
        {
            Assert.False(html.Contains(name, StringComparison.Ordinal), $"{page.Url} shows '{name}' to a guest without authority status.");
        }
    }

    /// <summary>Runs a test; when it fails, the app's last lines of output go to the test output.</summary>
    private async Task WithAppOutputOnFailureAsync(Func<Task> test)
    {
        try
        {
            await test();
        }
        catch
        {
            output.WriteLine($"App running: {app.Server.IsRunning}. App output (tail):\n" + string.Join('\n', app.Server.Output.Split('\n').TakeLast(60)));
            throw;
        }
    }

    /// <summary>A path on the app matching <paramref name="pathPattern"/> (a regex), with any query string and fragment.</summary>
    private static Regex PathPatternUrl(string pathPattern) => new("^https?://[^/]+" + pathPattern + @"(\?[^#]*)?(#.*)?$");

    private static Regex MinutesUrl(int meetingId) => PathPatternUrl($@"/moeder/{meetingId}/punkter/\d+");

    private static Regex GroupUrl() => PathPatternUrl(@"/moeder/grupper/\d+");

    private static Regex MeetingUrl() => PathPatternUrl(@"/moeder/(?<id>\d+)");

    private static Regex CaseUrl() => PathPatternUrl(@"/sager/\d+");

    [GeneratedRegex(@"^https?://[^/]+/moeder/(?<id>\d+)\?gemt=1(#.*)?$")]
    private static partial Regex MeetingCreatedUrl();

    [GeneratedRegex(@"/sager/(?<id>\d+)$")]
    private static partial Regex CaseIdInHref();

    [GeneratedRegex(@"^\d{4}-\d+$")]
    private static partial Regex CaseNumberText();

    [GeneratedRegex(@"^Flyt punkt \d+ \(.+\) op$")]
    private static partial Regex MoveUp();
}
