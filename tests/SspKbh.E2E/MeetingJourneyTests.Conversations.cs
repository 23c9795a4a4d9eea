using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace SspKbh.E2E;

/// <summary>
/// The professional's concern conversation, from the koordinationsgruppe's decision to the journalised
/// record: planned and prepared before, five phases and an agreement during, the outcome and the journal
/// reference after. axe-core on every page of the record (the participant list open too), and the interactive
/// planning form's message at a refused length.
/// </summary>
public sealed partial class MeetingJourneyTests
{
    [Fact]
    public async Task Professional_takes_a_concern_conversation_from_the_meeting_decision_to_journalised()
    {
        const string agreement = "Oliver møder i skole til tiden hver dag i de næste fire uger.";
        await WithAppOutputOnFailureAsync(async () =>
        {
            await using var tracked = await app.NewPageAsync();
            var page = tracked.Page;
            await CaseSteps.SignInAsync(tracked, CaseSteps.Secretary, "/moeder");
            var meetingId = await CreateMeetingTodayAsync(tracked, AmagerOst, "Sundby Skole, mødelokale 5");

            // The koordinationsgruppe decides to offer a conversation on the first case of the agenda.
            var item = page.GetByTestId("case-items").GetByTestId("agenda-item").First;
            var person = (await item.InnerTextAsync()).Split('\n').Select(l => l.Trim()).First(l => DemoNames.Any(n => l.Contains(n, StringComparison.Ordinal)));
            var name = DemoNames.First(n => person.Contains(n, StringComparison.Ordinal));
            await item.GetByTestId("write-minutes").ClickAsync();
            await tracked.ExpectUrlAsync(MinutesUrl(meetingId), "the minutes page");
            await Expect(page.GetByTestId("save-minutes")).ToBeVisibleAsync();
            await CaseSteps.ChooseAsync(page, "decision", "Tilbyd en bekymringssamtale");
            await page.GetByTestId("save-minutes").ClickAsync();
            await Expect(page.GetByTestId("decision-applied")).ToContainTextAsync("Tilbyd en bekymringssamtale");
            await page.GetByTestId("offered-conversation").ClickAsync();
            await tracked.ExpectUrlAsync(ConversationUrl(""), "the conversation's overview");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(name);
            await Expect(page.GetByTestId("from-meeting")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("conversation-status")).ToHaveTextAsync("Planlagt");
            await AssertPageAsync(tracked, "conversation-overview");
            // Før, under and efter sit side by side as tabs (the stylesheet applies), not as a stacked list.
            var tabs = page.GetByTestId("conversation-nav");
            var before = await tabs.GetByRole(AriaRole.Link, new() { Name = "Før" }).BoundingBoxAsync();
            var after = await tabs.GetByRole(AriaRole.Link, new() { Name = "Efter" }).BoundingBoxAsync();
            Assert.True(before is not null && after is not null && Math.Abs(before.Y - after.Y) < 2 && after.X > before.X,
                $"The record's tabs are not in one row: Før at {before?.X},{before?.Y}, Efter at {after?.X},{after?.Y}.");

            // Before (interactive): a point of the checklist is ticked first; it saves at once.
            await page.GetByTestId("conversation-nav").GetByRole(AriaRole.Link, new() { Name = "Før" }).ClickAsync();
            await tracked.ExpectUrlAsync(ConversationUrl("/foer"), "the before page");
            await tracked.WaitForCircuitAsync();
            var firstPoint = page.GetByTestId("checklist-before").GetByRole(AriaRole.Checkbox).First;
            await firstPoint.CheckAsync();
            await Expect(page.GetByTestId("checklist-done-by").First).ToContainTextAsync("Sofie Lund");

            // Then where and when (earlier today, so it can be marked held), saved with the planning's button.
            await CaseSteps.ChooseAsync(page, "place", "Skolen");
            await page.Locator("#place-details").FillAsync("Sundby Skole, lokale 12");
            await CaseSteps.TypeDateAsync(page, "scheduled-date", AppToday);
            await page.Locator("#start-time").FillAsync("00:00");
            await page.Locator("#start-time").PressAsync("Tab");
            await page.Locator("#planned-minutes").FillAsync("45");
            await page.Locator("#questions").FillAsync("Hvordan går det i skolen, og hvad laver han efter skole?");
            await page.GetByTestId("save-planning").ClickAsync();
            await Expect(page.GetByTestId("saved")).ToContainTextAsync("Planlægningen er gemt");

            // Issue 16 #5: after a reload the tick is still there beside the saved planning.
            await page.ReloadAsync();
            await tracked.WaitForCircuitAsync();
            await Expect(page.GetByTestId("checklist-before").GetByRole(AriaRole.Checkbox).First).ToBeCheckedAsync();
            await Expect(page.Locator("#place-details")).ToHaveValueAsync("Sundby Skole, lokale 12");

            // Who: the young person, picked by name; the § 115 rule is shown before adding.
            await page.Locator("#participant-pick").ClickAsync();
            await page.Locator("#participant-pick").PressSequentiallyAsync(name.Split(' ')[0], new() { Delay = 50 });
            var young = page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = name }).First;
            await Expect(young).ToBeVisibleAsync();
            await Axe.AssertNoSeriousViolationsAsync(tracked, "conversation-before with the participant list open", output);
            await young.ClickAsync();
            await Expect(page.GetByTestId("consent-rule")).ToContainTextAsync("uden samtykke");
            await page.GetByTestId("add-participant").ClickAsync();
            await Expect(page.GetByTestId("participants")).ToContainTextAsync(name);

            // The invitation by letter.
            await CaseSteps.ChooseAsync(page, "invitation-method", "Brev");
            await CaseSteps.TypeDateAsync(page, "invited-on", AppToday);
            await page.GetByTestId("save-invitation").ClickAsync();
            await Expect(page.GetByTestId("invitation-saved")).ToBeVisibleAsync();
            await AssertPageAsync(tracked, "conversation-before");

            await page.GetByTestId("letter-link").ClickAsync();
            await tracked.ExpectUrlAsync(ConversationUrl("/brev"), "the invitation letter");
            await Expect(page.GetByTestId("letter-where")).ToContainTextAsync("Sundby Skole, lokale 12");
            await Expect(page.GetByTestId("letter-offer")).ToBeVisibleAsync();
            await AssertPageAsync(tracked, "conversation-letter");
            await page.GoBackAsync();

            // The overview: prepared, then held (its time has come).
            await page.GetByTestId("conversation-nav").GetByRole(AriaRole.Link, new() { Name = "Overblik" }).ClickAsync();
            await tracked.ExpectUrlAsync(ConversationUrl(""), "the overview");
            await tracked.WaitForCircuitAsync(); // the overview is interactive: its buttons work once the circuit is up
            await page.GetByTestId("step-prepared").ClickAsync();
            await Expect(page.GetByTestId("conversation-status")).ToHaveTextAsync("Forberedt");
            await page.GetByTestId("step-held").ClickAsync();
            await Expect(page.GetByTestId("conversation-status")).ToHaveTextAsync("Holdt");

            // During (interactive): a note for the phase that names the concern, and an agreement kept by the young
            // person by a day of its own and followed up by Jonas Krag on another (issue 16 #6).
            await page.GetByTestId("conversation-nav").GetByRole(AriaRole.Link, new() { Name = "Under" }).ClickAsync();
            await tracked.ExpectUrlAsync(ConversationUrl("/under"), "the during page");
            await tracked.WaitForCircuitAsync();
            await page.Locator("#phase-2-note").FillAsync("Vi fortalte konkret om fraværet og aftenerne ved indkøbscentret.");
            await page.GetByTestId("save-phases").ClickAsync();
            await Expect(page.GetByTestId("phases-saved")).ToBeVisibleAsync();
            await page.Locator("#agreement-what").FillAsync(agreement);
            await CaseSteps.ChooseAsync(page, "agreement-responsible-kind", "Den unge");
            await page.Locator("#agreement-responsible-name").FillAsync(name);
            await CaseSteps.TypeDateAsync(page, "agreement-due-on", AppToday.AddDays(10));
            await CaseSteps.TypeDateAsync(page, "agreement-follow-up-on", AppToday.AddDays(14));
            await CaseSteps.ChooseAsync(page, "agreement-follow-up-user", "Jonas Krag");
            // With the follow-up's date picker open (weeks from Monday).
            await page.Locator(".mud-picker").Filter(new() { Has = page.Locator("#agreement-follow-up-on") }).Locator("button").First.ClickAsync();
            await Expect(page.Locator(".mud-popover-open .mud-picker-calendar-header-day, .mud-popover-open .mud-picker-calendar-header .mud-day-name").First).ToBeVisibleAsync();
            await Browser.ScreenshotAsync(page, "conversation-during-datepicker");
            await Axe.AssertNoSeriousViolationsAsync(tracked, "conversation-during with the date picker open", output);
            await page.Keyboard.PressAsync("Escape");
            await Expect(page.Locator(".mud-popover-open .mud-picker-calendar-header-day, .mud-popover-open .mud-picker-calendar-header .mud-day-name")).ToHaveCountAsync(0);
            await page.GetByTestId("save-agreement").ClickAsync();
            await Expect(page.GetByTestId("agreement-saved")).ToContainTextAsync("Jonas Krag");
            await Expect(page.GetByTestId("agreements")).ToContainTextAsync(agreement);
            await Expect(page.GetByTestId("agreement-row").Filter(new() { HasText = agreement })).ToContainTextAsync(AppToday.AddDays(10).ToString("d. MMMM yyyy", CultureInfo.GetCultureInfo("da-DK")));
            await Expect(page.GetByTestId("agreement-row").Filter(new() { HasText = agreement })).ToContainTextAsync(AppToday.AddDays(14).ToString("d. MMMM yyyy", CultureInfo.GetCultureInfo("da-DK")));
            await AssertPageAsync(tracked, "conversation-during");

            // After (interactive): the agreement was kept; the record is journalised with a reference and then closed.
            await page.GetByTestId("conversation-nav").GetByRole(AriaRole.Link, new() { Name = "Efter" }).ClickAsync();
            await tracked.ExpectUrlAsync(ConversationUrl("/efter"), "the after page");
            await tracked.WaitForCircuitAsync();
            await page.Locator("#after-debrief").FillAsync("Kort opsamling med skolen efter samtalen.");
            await page.GetByTestId("save-after").ClickAsync();
            await Expect(page.GetByTestId("after-saved")).ToBeVisibleAsync();
            var outcomeSelect = await page.GetByTestId("outcome-agreement").First.Locator("input.mud-select-input, input[id^='outcome-']").First.GetAttributeAsync("id");
            await CaseSteps.ChooseAsync(page, outcomeSelect!, "Overholdt");
            await page.GetByTestId("save-outcomes").ClickAsync();
            await Expect(page.GetByTestId("outcomes-saved")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("agreements")).ToContainTextAsync("Overholdt");
            await AssertPageAsync(tracked, "conversation-after");

            await page.GetByTestId("status-pointer").GetByRole(AriaRole.Link).First.ClickAsync();
            await tracked.WaitForCircuitAsync();
            await page.Locator("#status-reference").FillAsync("SBSYS 2026-4711");
            await page.GetByTestId("step-journalised").ClickAsync();
            await Expect(page.GetByTestId("conversation-status")).ToHaveTextAsync("Journaliseret");
            await Expect(page.GetByTestId("journalised")).ToContainTextAsync("SBSYS 2026-4711");
            // Journalised: the stages are over. Points left unticked are not shown as done (no tick beside "0 af 16").
            await Expect(page.GetByTestId("conversation-progress")).ToContainTextAsync("trinnet er afsluttet");
            await Expect(page.GetByTestId("conversation-progress")).Not.ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"\b0 af \d+ ✓"));
            await Expect(page.Locator("dd").Filter(new() { HasText = "endnu ikke fulgt op" })).ToHaveTextAsync("1 aftale, 0 endnu ikke fulgt op");

            // The dashboard no longer lists it as waiting; the guide is there for the next one.
            await page.GetByRole(AriaRole.Link, new() { Name = "Tilbage til mine bekymringssamtaler" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mine bekymringssamtaler");
            await AssertPageAsync(tracked, "conversations-mine");
        });
    }

    [Fact]
    public async Task Conversation_planning_refuses_a_bad_length_at_the_field_and_keeps_a_good_one()
    {
        await WithAppOutputOnFailureAsync(async () =>
        {
            await using var tracked = await app.NewPageAsync();
            var page = tracked.Page;
            await CaseSteps.SignInAsync(tracked, CaseSteps.Secretary, "/samtaler");
            var demo = page.GetByTestId("conversation-row").Filter(new() { HasText = "Freja Nielsen" }).First;
            await demo.GetByRole(AriaRole.Link).ClickAsync();
            await page.GetByTestId("conversation-nav").GetByRole(AriaRole.Link, new() { Name = "Før" }).ClickAsync();
            await tracked.WaitForCircuitAsync();
            await tracked.AssertLooksStyledAsync();
            await page.Locator("#planned-minutes").FillAsync("5");
            await page.GetByTestId("save-planning").ClickAsync();
            await Expect(page.GetByTestId("error-summary")).ToBeVisibleAsync();
            await Expect(page.Locator("#planned-minutes-error")).ToContainTextAsync("mellem 15 og 180");
            await Axe.AssertNoSeriousViolationsAsync(tracked, "conversation-before with a refused length", output);
            await page.Locator("#planned-minutes").FillAsync("50");
            await page.GetByTestId("save-planning").ClickAsync();
            await Expect(page.GetByTestId("saved")).ToBeVisibleAsync();
            await page.ReloadAsync();
            await tracked.WaitForCircuitAsync();
            await Expect(page.Locator("#planned-minutes")).ToHaveValueAsync("50");
        });
    }

    private async Task AssertPageAsync(TrackedPage tracked, string name)
    {
        await tracked.AssertLooksStyledAsync();
        await Browser.ScreenshotAsync(tracked.Page, name);
        await Axe.AssertNoSeriousViolationsAsync(tracked, name, output);
    }

    private static Regex ConversationUrl(string part) => PathPatternUrl($@"/samtaler/\d+{Regex.Escape(part)}");
}
