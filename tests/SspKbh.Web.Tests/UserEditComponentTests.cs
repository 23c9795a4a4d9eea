using System.Net;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;
using SspKbh.Domain.Access;
using SspKbh.Domain.Organisation;
using SspKbh.Web.Audit;
using SspKbh.Web.Features.Admin.Users;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The interactive user pages over the real services (bUnit, ADR 0021): what the administrator types and ticks, the
/// Danish messages at the fields, the authority status that follows from the roles (issue 16 #23), confirmations before
/// the account actions, and that each change reaches the user's own session (an HTTP browser) at its next request.
/// These carry the form-post tests of the static pages (SessionTests, BadInputTests, AuditActorTests).
/// </summary>
public abstract class UserEditComponentTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private const string Admin = "admin@sspkbh.dk";

    private static readonly TimeSpan Patience = CasePageSteps.Patience;

    private static IRenderedComponent<UserEdit> Open(ComponentHost host, string? id)
    {
        var page = host.RenderPage<UserEdit>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => Assert.NotNull(page.Instance.Form), Patience);
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-progress-linear")), Patience);
        return page;
    }

    private static async Task TickAsync(IRenderedComponent<UserEdit> page, string testId, bool ticked = true) =>
        await page.InvokeAsync(() => page.Find($"input[data-testid='{testId}'], [data-testid='{testId}'] input").Change(ticked));

    private static async Task ChooseAsync<T>(IRenderedComponent<UserEdit> page, string inputId, T value)
    {
        var select = page.FindComponents<MudSelect<T>>().Single(s => s.Instance.GetState(x => x.InputId) == inputId);
        await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(value));
    }

    private static string ErrorText(IRenderedComponent<UserEdit> page, string id) =>
        page.FindAll($"#{id}-error").Select(e => e.TextContent.Trim()).FirstOrDefault() ?? "";

    private async Task<int> CountUsersAsync()
    {
        await using var db = App.CreateDbContext();
        return await db.Users.CountAsync();
    }

    private static void Redirected(Infrastructure.Page next)
    {
        Assert.Equal(HttpStatusCode.Redirect, next.Status);
        Assert.StartsWith("/konto/log-ind", TestBrowser.Location(next.Response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_creates_a_user_whose_authority_status_follows_from_the_role_she_ticks()
    {
        await using var host = await ComponentHost.ForAsync(App, Admin);
        var page = Open(host, null);
        Assert.Equal(Texts.Users_New, page.Find("h1").TextContent.Trim());
        // Issue 16 #23: one question, not a role and a check box.
        Assert.DoesNotContain("Brugeren er myndighedsperson efter retsplejelovens", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#authority"));
        Assert.Contains(Texts.Users_AuthorityNo, page.TestIdText("authority-status"), StringComparison.Ordinal);

        var email = $"ny-{Guid.NewGuid():N}@sspkbh.dk";
        page.Find("#fullname").Input("Nora Nyborg");
        page.Find("#email").Input(email);
        page.Find("#password").Input("et-langt-kodeord-2026");
        await ChooseAsync<int?>(page, "party", await App.PartyIdAsync("POL"));
        await TickAsync(page, $"role-{AppRole.AuthorityMember}");
        Assert.Contains(Texts.Users_AuthorityYes, page.TestIdText("authority-status"), StringComparison.Ordinal);
        await ChooseAsync<int?>(page, "new-group", await App.GroupIdAsync("Koordinationsgruppe Amager Øst"));
        await ChooseAsync<GroupRole?>(page, "new-group-role", GroupRole.Member);
        await page.ClickAsync("save-user");

        var navigation = host.Services.GetRequiredService<BunitNavigationManager>();
        page.WaitForAssertion(() => Assert.Matches("/admin/brugere/[0-9a-f-]+$", navigation.Uri), Patience);
        Assert.Contains(host.Snackbars.ShownSnackbars, s => s.Message == Texts.Users_Created && s.Message == "Brugeren er oprettet.");
        await using var db = App.CreateDbContext();
        var saved = await db.Users.SingleAsync(u => u.Email == email);
        Assert.True(saved.IsAuthorityPerson);
        Assert.Equal("Nora Nyborg", saved.FullName);
        Assert.Single(await db.GroupMemberships.Where(m => m.UserId == saved.Id).ToListAsync());
        Assert.Contains(await App.AuditEntriesAsync(a => a.SubjectId == saved.Id), a => a.Action == AuditActions.UserCreated && a.UserId != null);
    }

    [Fact]
    public async Task Bad_input_gets_danish_messages_next_to_the_fields_and_nothing_is_saved()
    {
        await using var host = await ComponentHost.ForAsync(App, Admin);
        var page = Open(host, null);
        var usersBefore = await CountUsersAsync();

        page.Find("#email").Input("ikke-en-adresse");
        page.Find("#password").Input("kort");
        await page.ClickAsync("save-user");

        page.WaitForAssertion(() => Assert.Contains(Texts.FormHasErrors, page.TestIdText("error-summary"), StringComparison.Ordinal), Patience);
        Assert.Equal(Texts.Validation_NameRequired, ErrorText(page, "fullname"));
        Assert.Equal(Texts.Validation_EmailFormat, ErrorText(page, "email"));
        Assert.Equal(Texts.Validation_PasswordLength, ErrorText(page, "password"));
        Assert.Equal(Texts.Validation_PartyRequired, ErrorText(page, "party"));
        Assert.Contains(Texts.Error_UserNeedsRole, page.Find("#roles-error").TextContent, StringComparison.Ordinal);
        Assert.Equal(usersBefore, await CountUsersAsync());

        // A paste longer than the field is cut by the field and said so; the typed text stays.
        page.Find("#fullname").Input(new string('x', 200));
        Assert.Contains("200", page.Find("#fullname").ParentElement!.ParentElement!.ParentElement!.TextContent, StringComparison.Ordinal);

        // The service's answer (an e-mail address another user has) is shown at its field.
        page.Find("#fullname").Input("Navn");
        page.Find("#email").Input("sekretaer@sspkbh.dk");
        page.Find("#password").Input("et-langt-kodeord-2026");
        await ChooseAsync<int?>(page, "party", await App.PartyIdAsync("BUF"));
        await TickAsync(page, $"role-{AppRole.StatisticsReader}");
        await page.ClickAsync("save-user");
        page.WaitForAssertion(() => Assert.Equal(Texts.Validation_EmailTaken, ErrorText(page, "email")), Patience);
        Assert.Equal(usersBefore, await CountUsersAsync());
        Assert.Equal("Navn", page.Find("#fullname").GetAttribute("value"));
    }

    [Fact]
    public async Task The_section_115_rules_are_shown_while_the_administrator_ticks()
    {
        await using var host = await ComponentHost.ForAsync(App, Admin);
        var page = Open(host, null);

        await TickAsync(page, $"role-{AppRole.NonAuthorityMember}");
        await ChooseAsync<int?>(page, "new-group", await App.GroupIdAsync("Koordinationsgruppe Amager Øst"));
        await ChooseAsync<GroupRole?>(page, "new-group-role", GroupRole.Member);
        page.WaitForAssertion(() => Assert.Contains(Texts.Error_CaseGroupRequiresAuthority, page.Find("#memberships-error").TextContent, StringComparison.Ordinal), Patience);

        await TickAsync(page, $"role-{AppRole.Secretary}");
        page.WaitForAssertion(() => Assert.Contains(Texts.Error_NonAuthorityRoleForAuthority, page.Find("#roles-error").TextContent, StringComparison.Ordinal), Patience);
        Assert.Contains(Texts.Users_AuthorityYes, page.TestIdText("authority-status"), StringComparison.Ordinal);

        await TickAsync(page, $"role-{AppRole.NonAuthorityMember}", false);
        page.WaitForAssertion(() => Assert.DoesNotContain(Texts.Error_CaseGroupRequiresAuthority, page.Find("#memberships-error").TextContent, StringComparison.Ordinal), Patience);
        Assert.Equal("", page.Find("#roles-error").TextContent.Trim());
    }

    [Fact]
    public async Task The_second_of_two_administrators_saving_the_same_user_is_refused_and_can_fetch_the_newest()
    {
        var target = await App.CreateUserAsync([AppRole.StatisticsReader]);
        await using var first = await ComponentHost.ForAsync(App, Admin);
        await using var second = await ComponentHost.ForAsync(App, Admin);
        var firstPage = Open(first, target.Id);
        var secondPage = Open(second, target.Id);

        firstPage.Find("#fullname").Input("Navn fra første");
        await firstPage.ClickAsync("save-user");
        firstPage.WaitForAssertion(() => Assert.Contains(first.Snackbars.ShownSnackbars, s => s.Message == Texts.Users_Saved), Patience);

        secondPage.Find("#fullname").Input("Navn fra anden");
        await secondPage.ClickAsync("save-user");
        secondPage.WaitForAssertion(() => Assert.Contains(Texts.Concurrency_Conflict, secondPage.TestIdText("error-summary"), StringComparison.Ordinal), Patience);
        await using (var db = App.CreateDbContext())
        {
            Assert.Equal("Navn fra første", await db.Users.Where(u => u.Id == target.Id).Select(u => u.FullName).SingleAsync());
        }

        await secondPage.ClickAsync("reload-latest");
        secondPage.WaitForAssertion(() => Assert.Equal("Navn fra første", secondPage.Find("#fullname").GetAttribute("value")), Patience);
        secondPage.Find("#fullname").Input("Navn fra anden");
        await secondPage.ClickAsync("save-user");
        secondPage.WaitForAssertion(() => Assert.Contains(second.Snackbars.ShownSnackbars, s => s.Message == Texts.Users_Saved), Patience);
        await using var after = App.CreateDbContext();
        Assert.Equal("Navn fra anden", await after.Users.Where(u => u.Id == target.Id).Select(u => u.FullName).SingleAsync());
    }

    [Fact]
    public async Task A_user_deactivated_by_an_administrator_loses_their_session_and_cannot_sign_in_again()
    {
        var user = await App.CreateUserAsync([AppRole.AuthorityMember]);
        using var userBrowser = App.CreateBrowser();
        await userBrowser.SignInAsync(user.Email);
        Assert.Equal(HttpStatusCode.OK, (await userBrowser.GetAsync("/")).Status);

        // The administrator presses "Deaktivér bruger" on the user's page; she is asked first, and "Fortryd" changes nothing.
        await using var host = await ComponentHost.ForAsync(App, Admin);
        var page = Open(host, user.Id);
        Assert.Equal(Texts.Users_Deactivate, page.TestIdText("toggle-active").Trim());
        await page.ClickAsync("toggle-active");
        host.Dialogs.WaitForAssertion(() => Assert.Contains(Texts.Users_ConfirmDeactivateTitle, host.Dialogs.Markup, StringComparison.Ordinal), Patience);
        Assert.Contains(user.FullName, host.Dialogs.Find(".mud-message-box").TextContent, StringComparison.Ordinal);
        await host.Dialogs.AnswerAsync(Texts.Users_ConfirmNo);
        Assert.Equal(HttpStatusCode.OK, (await userBrowser.GetAsync("/")).Status);

        await page.ClickAsync("toggle-active");
        await host.Dialogs.AnswerAsync(Texts.Users_Deactivate);
        page.WaitForAssertion(() => Assert.Contains(Texts.Status_Inactive, page.TestIdText("user-status"), StringComparison.Ordinal), Patience);
        Assert.Equal(Texts.Users_Reactivate, page.TestIdText("toggle-active").Trim());
        Assert.Contains(host.Snackbars.ShownSnackbars, s => s.Message == Texts.Users_Deactivated);

        // The user's very next request finds the session ended, and the right password no longer signs them in.
        Redirected(await userBrowser.GetAsync("/"));
        var again = await userBrowser.LoginAsync(user.Email, Demo.DemoDataSeeder.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(Texts.Login_Failed, again.TestIdText("login-error"));

        var audit = await App.AuditEntriesAsync(a => a.SubjectId == user.Id);
        Assert.Contains(audit, a => a.Action == AuditActions.UserDeactivated && a.Outcome == AuditOutcomes.Success);
    }

    [Fact]
    public async Task An_administrator_cannot_deactivate_themselves()
    {
        var adminUser = await App.CreateUserAsync([AppRole.Administrator]);
        await using var host = await ComponentHost.ForAsync(App, adminUser.Email);
        var page = Open(host, adminUser.Id);

        await page.ClickAsync("toggle-active");
        await host.Dialogs.AnswerAsync(Texts.Users_Deactivate);

        page.WaitForAssertion(() => Assert.Equal(Texts.Admin_CannotDeactivateSelf, page.TestIdText("action-error").Trim()), Patience);
        Assert.Contains(Texts.Status_Active, page.TestIdText("user-status"), StringComparison.Ordinal);
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(adminUser.Email);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin/brugere")).Status);
    }

    [Fact]
    public async Task Removing_the_administrator_role_ends_the_session_at_once()
    {
        var target = await App.CreateUserAsync([AppRole.Administrator]);
        using var targetBrowser = App.CreateBrowser();
        await targetBrowser.SignInAsync(target.Email);
        Assert.Equal(HttpStatusCode.OK, (await targetBrowser.GetAsync("/admin/brugere")).Status);

        await using var host = await ComponentHost.ForAsync(App, Admin);
        var page = Open(host, target.Id);
        await TickAsync(page, $"role-{AppRole.Administrator}", false);
        await TickAsync(page, $"role-{AppRole.StatisticsReader}");
        await page.ClickAsync("save-user");
        page.WaitForAssertion(() => Assert.Contains(host.Snackbars.ShownSnackbars, s => s.Message == Texts.Users_Saved), Patience);

        // The change renews the user's security stamp, so the old session (with the old role) ends.
        Redirected(await targetBrowser.GetAsync("/admin/brugere"));

        // Signed in again, the user has the new role only.
        await targetBrowser.SignInAsync(target.Email);
        Assert.Equal(HttpStatusCode.Forbidden, (await targetBrowser.GetAsync("/admin/brugere")).Status);
        Assert.Equal(Texts.Role_StatisticsReader, (await targetBrowser.GetAsync("/")).TestIdText("user-roles"));
    }

    [Fact]
    public async Task Removing_a_user_from_a_koordinationsgruppe_hides_its_cases_from_the_next_request()
    {
        // Demo data: Sara Jensen's case belongs to Koordinationsgruppe Amager Vest.
        var user = await App.CreateUserAsync([AppRole.AuthorityMember]);
        await using var host = await ComponentHost.ForAsync(App, Admin);
        var page = Open(host, user.Id);
        await ChooseAsync<int?>(page, "new-group", await App.GroupIdAsync("Koordinationsgruppe Amager Vest"));
        await ChooseAsync<GroupRole?>(page, "new-group-role", GroupRole.Member);
        await page.ClickAsync("save-user");
        page.WaitForAssertion(() => Assert.Contains("Koordinationsgruppe Amager Vest", page.TestIdText("memberships"), StringComparison.Ordinal), Patience);

        using var userBrowser = App.CreateBrowser();
        await userBrowser.SignInAsync(user.Email);
        var before = await userBrowser.GetAsync("/sager");
        Assert.Equal(HttpStatusCode.OK, before.Status);
        Assert.Contains("Sara Jensen", before.Text, StringComparison.Ordinal);

        // The administrator ticks "Fjern" on the membership and saves.
        await TickAsync(page, "membership-0-remove");
        await page.ClickAsync("save-user");
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid='membership-row']")), Patience);

        // The user's very next request no longer reaches the group's cases: the old session is over ...
        Redirected(await userBrowser.GetAsync("/sager"));

        // ... and signed in again, the case list has no trace of the group's cases.
        await userBrowser.SignInAsync(user.Email);
        var after = await userBrowser.GetAsync("/sager");
        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.DoesNotContain("Sara Jensen", after.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_logs_a_user_out_everywhere()
    {
        var user = await App.CreateUserAsync([AppRole.StatisticsReader]);
        using var office = App.CreateBrowser();
        using var laptop = App.CreateBrowser();
        await office.SignInAsync(user.Email);
        await laptop.SignInAsync(user.Email);

        await using var host = await ComponentHost.ForAsync(App, Admin);
        var page = Open(host, user.Id);
        Assert.Equal(Texts.Users_EndSessions, page.TestIdText("end-sessions").Trim());
        await page.ClickAsync("end-sessions");
        await host.Dialogs.AnswerAsync(Texts.Users_EndSessions);
        page.WaitForAssertion(() => Assert.Contains(host.Snackbars.ShownSnackbars, s => s.Message == Texts.Users_SessionsEnded), Patience);

        // Both of the user's browsers are sent to sign in at their next request.
        foreach (var browser in new[] { office, laptop })
        {
            Redirected(await browser.GetAsync("/"));
        }

        // The account itself is untouched: the user can sign in again.
        await office.SignInAsync(user.Email);

        var adminId = await App.UserIdAsync(Admin);
        var entry = Assert.Single(await App.AuditEntriesAsync(a => a.Action == AuditActions.UserSessionsEnded && a.SubjectId == user.Id));
        Assert.Equal(AuditOutcomes.Success, entry.Outcome);
        Assert.Equal("user", entry.SubjectType);
        Assert.Equal(adminId, entry.UserId);
        // Written in a circuit: the correlation id names the circuit and the operation.
        Assert.StartsWith("bunit-", entry.CorrelationId, StringComparison.Ordinal);
        Assert.Contains('/', entry.CorrelationId ?? "");
    }

    [Fact]
    public async Task An_administrators_two_factor_reset_is_recorded_with_the_administrator_and_the_operation()
    {
        var target = await App.CreateUserAsync([AppRole.StatisticsReader]);
        await using var host = await ComponentHost.ForAsync(App, Admin);
        var page = Open(host, target.Id);

        await page.ClickAsync("reset-2fa");
        host.Dialogs.WaitForAssertion(() => Assert.Contains(Texts.Users_ConfirmResetTitle, host.Dialogs.Markup, StringComparison.Ordinal), Patience);
        await host.Dialogs.AnswerAsync(Texts.Users_Reset2fa);
        page.WaitForAssertion(() => Assert.Contains(host.Snackbars.ShownSnackbars, s => s.Message == Texts.Users_TwoFactorWasReset), Patience);

        var entry = Assert.Single(await App.AuditEntriesAsync(a => a.SubjectId == target.Id && a.Action == AuditActions.TwoFactorReset));
        Assert.Equal(await App.UserIdAsync(Admin), entry.UserId);
        Assert.False(string.IsNullOrEmpty(entry.CorrelationId));
        // Another operation (the reading of the page, the creation of the user) has another correlation id.
        var created = Assert.Single(await App.AuditEntriesAsync(a => a.SubjectId == target.Id && a.Action == AuditActions.UserCreated));
        Assert.NotEqual(created.CorrelationId, entry.CorrelationId);
    }

    [Fact]
    public async Task Script_in_a_name_is_shown_as_text_on_the_list_and_the_form()
    {
        var name = $"<script>alert(1)</script><b>fed</b> {Guid.NewGuid():N}";
        var created = await App.AsUserAsync<UserAdministration, SspKbh.Web.Infrastructure.ServiceResult>(Admin, async (admin, user) =>
        {
            await using var db = App.CreateDbContext();
            var party = await db.Parties.Where(p => p.Code == "BUF").Select(p => p.Id).SingleAsync();
            return await admin.CreateAsync(new UserInput
            {
                FullName = name, Email = $"ny-{Guid.NewGuid():N}@sspkbh.dk", InitialPassword = "et-langt-kodeord-2026", PartyId = party,
                Roles = new(StringComparer.Ordinal) { [nameof(AppRole.StatisticsReader)] = true },
            }, user, CancellationToken.None);
        });
        Assert.True(created.Succeeded);
        await using var host = await ComponentHost.ForAsync(App, Admin);
        var list = host.RenderAt<UserList>($"/admin/brugere?q={Uri.EscapeDataString(name[^32..])}");
        list.WaitForAssertion(() => Assert.Single(list.FindAll("[data-testid='user-row']")), Patience);
        Assert.Equal(name, list.Find("[data-testid='user-row'] a").TextContent);
        Assert.Empty(list.FindAll("[data-testid='user-row'] script, [data-testid='user-row'] b"));
        var page = Open(host, created.CreatedId);
        Assert.Equal(name, page.Find("#fullname").GetAttribute("value"));
        Assert.Empty(page.FindAll("form script, form b"));
    }

    [Fact]
    public async Task An_unknown_user_id_shows_a_danish_message()
    {
        await using var host = await ComponentHost.ForAsync(App, Admin);
        var page = host.RenderPage<UserEdit>(p => p.Add(x => x.Id, Guid.NewGuid().ToString()));
        page.WaitForAssertion(() => Assert.Equal(Texts.Admin_UserNotFound, page.TestIdText("not-found").Trim()), Patience);
        Assert.Empty(page.FindAll("[data-testid='save-user']"));
    }

    [Fact]
    public async Task The_user_list_searches_shows_inactive_users_on_request_and_links_to_each_user()
    {
        var user = await App.CreateUserAsync([AppRole.StatisticsReader]);
        await using var host = await ComponentHost.ForAsync(App, Admin);
        var list = host.RenderAt<UserList>($"/admin/brugere?q={Uri.EscapeDataString(user.FullName)}");
        list.WaitForAssertion(() => Assert.Single(list.FindAll("[data-testid='user-row']")), Patience);
        Assert.Equal(string.Format(System.Globalization.CultureInfo.GetCultureInfo("da-DK"), Texts.Users_Count, 1), list.TestIdText("user-count").Trim());
        var link = list.Find("[data-testid='user-row'] a");
        Assert.Equal(user.FullName, link.TextContent.Trim());
        host.FollowLink(link);
        Assert.EndsWith($"/admin/brugere/{user.Id}", host.Navigation.Uri, StringComparison.Ordinal);

        // Deactivated, the user is gone from the list until the administrator asks for inactive users too.
        Assert.True((await App.AsUserAsync<UserAccountActions, SspKbh.Web.Infrastructure.ServiceResult>(Admin,
            (actions, admin) => actions.SetActiveAsync(user.Id, false, admin, CancellationToken.None))).Succeeded);
        var again = host.RenderAt<UserList>($"/admin/brugere?q={Uri.EscapeDataString(user.FullName)}");
        again.WaitForAssertion(() => Assert.NotNull(again.Find("[data-testid='no-users']")), Patience);
        var withInactive = host.RenderAt<UserList>($"/admin/brugere?q={Uri.EscapeDataString(user.FullName)}&inaktive=true");
        withInactive.WaitForAssertion(() => Assert.Contains(Texts.Status_Inactive, withInactive.Find("[data-testid='user-row']").TextContent, StringComparison.Ordinal), Patience);
    }
}

public sealed class UserEditComponentTestsSqlite(SqliteApp fixture) : UserEditComponentTests(fixture), IClassFixture<SqliteApp>;

public sealed class UserEditComponentTestsPostgres(PostgresApp fixture) : UserEditComponentTests(fixture), IClassFixture<PostgresApp>;
