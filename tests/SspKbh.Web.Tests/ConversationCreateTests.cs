using System.Globalization;
using System.Net;
using Bunit;
using Microsoft.EntityFrameworkCore;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Features.Conversations;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// Offering a concern conversation on a case (/sager/{Id}/samtaler/ny, interactive). Over the service, as the page
/// calls it: hostile and forged values for the responsible (the cases the static form's walker in HostileInputTests
/// posted), a case outside the user's scope and an unknown case, each refused with nothing saved. Over bUnit: the
/// form's message at the field with nothing saved, the new conversation opened after a good save, and the refusal
/// without personal data for a user who may not change the case; over HTTP the prerendered status codes.
/// </summary>
public abstract class ConversationCreateTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private const string Secretary = "sekretaer@sspkbh.dk";
    private const string Member = "myndighed@sspkbh.dk";
    private const string Leader = "leder@sspkbh.dk";

    private async Task<int> FrejaCaseAsync()
    {
        await using var db = App.CreateDbContext();
        return await db.Cases.Where(c => db.YoungPersons.Any(p => p.Id == c.YoungPersonId && p.FullName == "Freja Nielsen")).Select(c => c.Id).SingleAsync();
    }

    private async Task<int> CountAsync()
    {
        await using var db = App.CreateDbContext();
        return await db.ConcernConversations.CountAsync();
    }

    private Task<ConversationResult> CreateAsync(string email, int caseId, string? responsible) =>
        App.AsAsync<ConversationService, ConversationResult>(email, (conversations, user) =>
            conversations.CreateAsync(caseId, new CreateConversationInput { ResponsibleUserId = responsible }, user, CancellationToken.None));

    private static IRenderedComponent<ConversationCreatePage> Open(ComponentHost host, int caseId)
    {
        var page = host.RenderPage<ConversationCreatePage>(p => p.Add(x => x.Id, caseId));
        page.WaitForAssertion(() => Assert.NotNull(page.Instance.State), CasePageSteps.Patience);
        return page;
    }

    [Fact]
    public async Task Hostile_or_forged_responsibles_are_refused_at_the_field_and_nothing_is_saved()
    {
        var caseId = await FrejaCaseAsync();
        var statistics = await App.UserIdAsync("statistik@sspkbh.dk");
        var nonAuthority = await App.UserIdAsync("ikke-myndighed@sspkbh.dk");
        var before = await CountAsync();
        string?[] hostile =
        [
            new string('x', 100_000), "<script>alert(1)</script>", "' OR 1=1 --", "'; DROP TABLE ConcernConversations; --", "-1", "99999999999999999999",
            Guid.NewGuid().ToString(), statistics, nonAuthority, " ",
        ];
        foreach (var value in hostile)
        {
            var refused = await CreateAsync(Member, caseId, value);
            Assert.Equal(LookupOutcome.Found, refused.Outcome);
            Assert.False(refused.Succeeded, $"«{value?[..Math.Min(40, value.Length)]}» was accepted");
            var message = Assert.Single(refused.Result.FieldErrors[nameof(CreateConversationInput.ResponsibleUserId)]);
            Assert.DoesNotContain("<script>", message, StringComparison.Ordinal);
        }

        // A user outside the case's group (statistics, without authority status) is named as not in the group.
        Assert.Equal([Texts.Error_ConversationResponsibleNotInGroup], (await CreateAsync(Member, caseId, statistics)).Result.FieldErrors[nameof(CreateConversationInput.ResponsibleUserId)]);
        Assert.Equal([Texts.Conversation_Validation_ResponsibleRequired], (await CreateAsync(Member, caseId, null)).Result.FieldErrors[nameof(CreateConversationInput.ResponsibleUserId)]);
        Assert.Equal([Texts.Conversation_Validation_ResponsibleRequired], (await CreateAsync(Member, caseId, "")).Result.FieldErrors[nameof(CreateConversationInput.ResponsibleUserId)]);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task A_case_outside_scope_is_forbidden_an_unknown_case_not_found_and_nothing_is_saved()
    {
        int outside;
        await using (var db = App.CreateDbContext())
        {
            var ownGroup = await db.Groups.Where(g => g.Name == "Koordinationsgruppe Amager Øst").Select(g => g.Id).SingleAsync();
            outside = await db.Cases.Where(c => c.CoordinationGroupId != ownGroup).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        }

        var secretary = await App.UserIdAsync(Secretary);
        var before = await CountAsync();
        Assert.Equal(LookupOutcome.Forbidden, (await CreateAsync(Secretary, outside, secretary)).Outcome);
        Assert.Equal(LookupOutcome.NotFound, (await CreateAsync(Secretary, 999999, secretary)).Outcome);
        // The ledergruppe does not change a level 1 case (as its page refuses it).
        Assert.Equal(LookupOutcome.Forbidden, (await CreateAsync(Leader, await FrejaCaseAsync(), secretary)).Outcome);
        Assert.Equal(before, await CountAsync());

        // The prerendered page answers as the static page did.
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(Secretary);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync($"/sager/{outside}/samtaler/ny")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/sager/999999/samtaler/ny")).Status);
        var own = await browser.GetAsync($"/sager/{await FrejaCaseAsync()}/samtaler/ny");
        Assert.Equal(HttpStatusCode.OK, own.Status);
        Assert.Empty(own.Document.QuerySelectorAll("form[method='post']:not([action='/konto/log-ud'])"));
    }

    [Fact]
    public async Task Without_a_responsible_the_form_says_so_at_the_field_and_saves_nothing_then_opens_the_new_conversation()
    {
        var caseId = await FrejaCaseAsync();
        await using var host = await ComponentHost.ForAsync(App, Secretary);
        var page = Open(host, caseId);
        Assert.Contains("Freja Nielsen", page.Find("h1").TextContent, StringComparison.Ordinal);
        var before = await CountAsync();

        // The user is picked first (she may be responsible); cleared, the form refuses at the field and above it.
        Assert.Equal(await App.UserIdAsync(Secretary), page.Instance.State!.Preselected);
        var control = page.Find("#responsible").Closest("div.mud-input-control")!;
        var clear = control.QuerySelector(".mud-input-clear-button") ?? throw new InvalidOperationException("No clear button: " + control.OuterHtml);
        await page.InvokeAsync(() => clear.Click());
        await page.ClickAsync("create-conversation");
        page.WaitForAssertion(() =>
        {
            Assert.Contains(Texts.Conversation_Validation_ResponsibleRequired, page.Find("#responsible-error").TextContent, StringComparison.Ordinal);
            Assert.Contains(Texts.Conversation_Validation_ResponsibleRequired, page.TestIdText("error-summary"), StringComparison.Ordinal);
        }, CasePageSteps.Patience);
        Assert.Equal(before, await CountAsync());
        Assert.DoesNotContain("samtaler/", host.RelativeUri.Replace($"sager/{caseId}/samtaler/ny", "", StringComparison.Ordinal), StringComparison.Ordinal);

        // Another professional of the group: saved, and the page goes to the new conversation.
        await host.PickAsync(page, "responsible", "Jonas Krag");
        await page.ClickAsync("create-conversation");
        for (var waited = 0; waited < 40 && await CountAsync() == before; waited++)
        {
            await Task.Delay(250);
        }

        await using var db = App.CreateDbContext();
        var created = await db.ConcernConversations.AsNoTracking().Where(c => c.CaseId == caseId).OrderByDescending(c => c.Id).FirstAsync();
        Assert.Equal(before + 1, await db.ConcernConversations.CountAsync());
        Assert.Equal(await App.UserIdAsync(Member), created.ResponsibleUserId);
        host.WaitForAddress(a => Assert.Equal($"samtaler/{created.Id.ToString(CultureInfo.InvariantCulture)}", a), CasePageSteps.Patience);
        Assert.Contains(host.Snackbars.ShownSnackbars, s => s.Message == Texts.Conversation_Created);
    }

    [Fact]
    public async Task A_user_who_may_not_change_the_case_gets_the_refusal_without_the_form_or_personal_data()
    {
        var caseId = await FrejaCaseAsync();
        await using var leader = await ComponentHost.ForAsync(App, Leader);
        var page = Open(leader, caseId);
        Assert.Equal(Texts.Forbidden_Title, page.TestIdText("status-heading").Trim());
        Assert.Empty(page.FindAll("[data-testid='create-conversation'], [data-testid='responsible']"));
        Assert.DoesNotContain("Freja", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.Instance.State!.Candidates);
        Assert.Equal("", page.Instance.State.PersonName);

        await using var secretary = await ComponentHost.ForAsync(App, Secretary);
        var unknown = Open(secretary, 999999);
        Assert.Equal(Texts.NotFound_Title, unknown.TestIdText("status-heading").Trim());
    }
}

public sealed class ConversationCreateTestsSqlite(SqliteApp fixture) : ConversationCreateTests(fixture), IClassFixture<SqliteApp>;

public sealed class ConversationCreateTestsPostgres(PostgresApp fixture) : ConversationCreateTests(fixture), IClassFixture<PostgresApp>;
