using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SspKbh.E2E;

/// <summary>
/// The interactive pages of a concern conversation in a real browser and circuit, where bUnit and the HTTP tests
/// cannot look: the conversation read while prerendering is carried into the circuit, so opening a page reads and
/// audits it once; a tick is one save of its own (one update entry) and reads nothing again. The dashboard
/// (/samtaler) and the offer page (/sager/{Id}/samtaler/ny) likewise read and audit once, pass axe-core (the
/// responsible list open too), and the offer opens the new conversation.
/// </summary>
public sealed class ConversationCircuitTests(TwoFactorOptionalApp app, ITestOutputHelper output) : IClassFixture<TwoFactorOptionalApp>
{
    [Fact]
    public async Task Opening_the_before_page_audits_one_view_and_a_tick_is_one_update()
    {
        var id = FrejasConversation();
        var since = LastSequence();
        await using var tracked = await OpenAsSecretaryAsync($"/samtaler/{id}/foer");
        var page = tracked.Page;
        await Expect(page.GetByTestId("planning-form")).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(1500); // a second read would come right after the circuit starts

        var viewed = $"conversation={id}; part=before";
        Assert.Equal(1, Count(since, "conversation.view", viewed));

        var point = page.GetByTestId("checklist-before").GetByRole(AriaRole.Checkbox).Last;
        var wasTicked = await point.IsCheckedAsync();
        await point.SetCheckedAsync(!wasTicked);
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync(wasTicked ? "ikke gjort" : "gjort");
        await page.WaitForTimeoutAsync(500);
        Assert.Equal(1, Count(since, "conversation.update", $"conversation={id}; checklist=Before; item=%"));
        Assert.Equal(1, Count(since, "conversation.view", viewed));
    }

    [Theory]
    [InlineData("", "overview")]
    [InlineData("/under", "during")]
    [InlineData("/efter", "after")]
    public async Task Opening_the_overview_during_or_after_page_audits_one_view(string path, string part)
    {
        var id = FrejasConversation();
        var since = LastSequence();
        await using var tracked = await OpenAsSecretaryAsync($"/samtaler/{id}{path}");
        var page = tracked.Page;
        await Expect(page.GetByTestId("conversation-nav")).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(1500); // a second read would come right after the circuit starts

        Assert.Equal(1, Count(since, "conversation.view", $"conversation={id}; part={part}"));
    }

    [Fact]
    public async Task The_dashboard_is_read_once_names_the_young_person_and_passes_axe()
    {
        var since = LastSequence();
        await using var tracked = await OpenAsSecretaryAsync("/samtaler");
        var page = tracked.Page;
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mine bekymringssamtaler");
        await page.WaitForTimeoutAsync(1500); // a second read would come right after the circuit starts
        Assert.Equal(1, CountPurpose(since, "conversation.view", "my-conversations"));

        // Sorted in the page (no new read): the link of a row names the young person.
        var freja = page.GetByTestId("conversation-row").Filter(new() { HasText = "Freja Nielsen" }).First;
        await Expect(freja.GetByTestId("conversation-link")).ToHaveTextAsync("Freja Nielsen");
        await page.GetByTestId("sort-person").First.ClickAsync();
        await Expect(page.Locator("th[aria-sort='ascending']").First).ToBeVisibleAsync();
        Assert.Equal(1, CountPurpose(since, "conversation.view", "my-conversations"));
        await Axe.AssertNoSeriousViolationsAsync(tracked, "conversations-mine (sorted)", output);
    }

    [Fact]
    public async Task The_offer_page_is_read_once_passes_axe_and_opens_the_new_conversation()
    {
        var caseId = Scalar("SELECT k.Id FROM Cases k JOIN YoungPersons p ON p.Id = k.YoungPersonId WHERE p.FullName = 'Freja Nielsen'");
        var since = LastSequence();
        await using var tracked = await OpenAsSecretaryAsync($"/sager/{caseId}/samtaler/ny");
        var page = tracked.Page;
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Freja Nielsen");
        await page.WaitForTimeoutAsync(1500);
        Assert.Equal(1, CountPurpose(since, "case.view", "edit"));
        await tracked.AssertLooksStyledAsync();
        await Axe.AssertNoSeriousViolationsAsync(tracked, "conversation-new", output);

        await CaseSteps.OpenSelectByIdAsync(page, "responsible");
        await Axe.AssertNoSeriousViolationsAsync(tracked, "conversation-new with the responsible list open", output);
        var option = page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Jonas Krag" }).First;
        await option.ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        var before = Scalar("SELECT COUNT(*) FROM ConcernConversations");
        await page.GetByTestId("create-conversation").ClickAsync();
        await tracked.ExpectUrlAsync(new System.Text.RegularExpressions.Regex(@"^https?://[^/]+/samtaler/\d+$"), "the new conversation");
        await Expect(page.GetByTestId("responsible")).ToHaveTextAsync("Jonas Krag");
        Assert.Equal(before + 1, Scalar("SELECT COUNT(*) FROM ConcernConversations"));
        var id = Scalar("SELECT MAX(Id) FROM ConcernConversations");
        Assert.EndsWith($"/samtaler/{id}", page.Url, StringComparison.Ordinal);
    }

    /// <summary>The demo conversation about Freja Nielsen (the first one, if the journeys added more).</summary>
    private long FrejasConversation() =>
        Scalar("SELECT c.Id FROM ConcernConversations c JOIN Cases k ON k.Id = c.CaseId JOIN YoungPersons p ON p.Id = k.YoungPersonId WHERE p.FullName = 'Freja Nielsen' ORDER BY c.Id LIMIT 1");

    private long LastSequence() => Scalar("SELECT COALESCE(MAX(Sequence), 0) FROM AuditEntries");

    /// <summary>Signs the secretary in and opens <paramref name="path"/> in a new tab, waiting for its circuit.</summary>
    private async Task<TrackedPage> OpenAsSecretaryAsync(string path)
    {
        var tracked = await app.NewPageAsync();
        await tracked.GotoAsync("/konto/log-ind");
        await tracked.SubmitLoginAsync(CaseSteps.Secretary);
        await tracked.ExpectUrlAsync(TrackedPage.HomeUrl(), "the home page");
        await tracked.GotoAsync(path);
        await tracked.WaitForCircuitAsync();
        return tracked;
    }

    private long Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={app.Server.DatabasePath};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private long CountPurpose(long since, string action, string purpose) => CountWhere(since, action, "Purpose = $value", purpose);

    private long Count(long since, string action, string details) => CountWhere(since, action, "Details LIKE $value", details);

    private long CountWhere(long since, string action, string condition, string value)
    {
        using var connection = new SqliteConnection($"Data Source={app.Server.DatabasePath};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM AuditEntries WHERE Sequence > $since AND Action = $action AND {condition}";
        command.Parameters.AddWithValue("$since", since);
        command.Parameters.AddWithValue("$action", action);
        command.Parameters.AddWithValue("$value", value);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
