using System.Net;
using SspKbh.Domain.Access;
using SspKbh.Web.Audit;
using SspKbh.Web.Demo;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// An administrator's change reaches the user's open session at once
/// (Security:SessionValidationInterval=0 in the test app; one minute in production).
/// </summary>
public abstract class SessionTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    [Fact]
    public async Task A_user_deactivated_by_an_administrator_loses_their_session_and_cannot_sign_in_again()
    {
        var user = await App.CreateUserAsync([AppRole.AuthorityMember]);
        using var userBrowser = App.CreateBrowser();
        await userBrowser.SignInAsync(user.Email);
        Assert.Equal(HttpStatusCode.OK, (await userBrowser.GetAsync("/")).Status);

        // The administrator presses "Deaktivér bruger" on the user's page.
        using var admin = App.CreateBrowser();
        await admin.SignInAsync("admin@sspkbh.dk");
        var userPage = await admin.GetAsync($"/admin/brugere/{user.Id}");
        Assert.Equal(HttpStatusCode.OK, userPage.Status);
        Assert.Equal(Texts.Users_Deactivate, userPage.TestIdText("toggle-active"));
        var deactivated = await admin.SubmitAsync(userPage, "active");
        Assert.Equal(HttpStatusCode.Redirect, deactivated.Status);
        var after = await admin.GetAsync(TestBrowser.Location(deactivated.Response)!);
        Assert.Contains(Texts.Status_Inactive, after.TestIdText("user-status"), StringComparison.Ordinal);
        Assert.Equal(Texts.Users_Reactivate, after.TestIdText("toggle-active"));

        // The user's very next request finds the session ended.
        var next = await userBrowser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, next.Status);
        Assert.StartsWith("/konto/log-ind", TestBrowser.Location(next.Response), StringComparison.Ordinal);

        // And the right password no longer signs them in; the message is the generic one.
        var again = await userBrowser.LoginAsync(user.Email, DemoDataSeeder.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(Texts.Login_Failed, again.TestIdText("login-error"));

        var audit = await App.AuditEntriesAsync(a => a.SubjectId == user.Id);
        Assert.Contains(audit, a => a.Action == AuditActions.UserDeactivated && a.Outcome == AuditOutcomes.Success);
    }

    [Fact]
    public async Task An_administrator_cannot_deactivate_themselves()
    {
        var adminUser = await App.CreateUserAsync([AppRole.Administrator]);
        using var admin = App.CreateBrowser();
        await admin.SignInAsync(adminUser.Email);

        var page = await admin.GetAsync($"/admin/brugere/{adminUser.Id}");
        var result = await admin.SubmitAsync(page, "active");

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal(Texts.Admin_CannotDeactivateSelf, result.TestIdText("action-error"));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/brugere")).Status);
    }

    [Fact]
    public async Task Removing_the_administrator_role_ends_the_session_at_once()
    {
        var target = await App.CreateUserAsync([AppRole.Administrator]);
        using var targetBrowser = App.CreateBrowser();
        await targetBrowser.SignInAsync(target.Email);
        Assert.Equal(HttpStatusCode.OK, (await targetBrowser.GetAsync("/admin/brugere")).Status);

        using var admin = App.CreateBrowser();
        await admin.SignInAsync("admin@sspkbh.dk");
        var form = await admin.GetAsync($"/admin/brugere/{target.Id}");
        var saved = await admin.SubmitAsync(form, "user",
        [
            new("Input.Roles[Administrator]", null),
            new("Input.Roles[StatisticsReader]", "true"),
        ]);
        Assert.True(saved.Status == HttpStatusCode.Redirect, $"Saving answered {(int)saved.Status}: {saved.TestIdText("error-summary")}");

        // The change renews the user's security stamp, so the old session (with the old role) ends.
        var denied = await targetBrowser.GetAsync("/admin/brugere");
        Assert.Equal(HttpStatusCode.Redirect, denied.Status);
        Assert.StartsWith("/konto/log-ind", TestBrowser.Location(denied.Response), StringComparison.Ordinal);

        // Signed in again, the user has the new role only.
        await targetBrowser.SignInAsync(target.Email);
        Assert.Equal(HttpStatusCode.Forbidden, (await targetBrowser.GetAsync("/admin/brugere")).Status);
        Assert.Equal(Texts.Role_StatisticsReader, (await targetBrowser.GetAsync("/")).TestIdText("user-roles"));
    }
}

public sealed class SessionTestsSqlite(SqliteApp fixture) : SessionTests(fixture), IClassFixture<SqliteApp>;

public sealed class SessionTestsPostgres(PostgresApp fixture) : SessionTests(fixture), IClassFixture<PostgresApp>;
