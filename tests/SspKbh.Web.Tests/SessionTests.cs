using System.Net;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Access;
using SspKbh.Web.Audit;
using SspKbh.Web.Demo;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// An administrator's change reaches the user's open session at once
/// (Security:SessionValidationInterval=0 in the test app; one minute in production). Sessions end
/// after 30 idle minutes and, however active, 10 hours after sign-in (the tests move the app's clock).
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

    [Fact]
    public async Task An_idle_session_ends_after_the_idle_timeout_while_activity_keeps_it_alive()
    {
        var user = await App.CreateUserAsync([AppRole.StatisticsReader]);
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(user.Email);

        // Active every 20 minutes: 40 minutes after sign-in the session is still there (sliding).
        App.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).Status);
        App.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).Status);

        // 31 minutes without a request: the next one is sent to sign in.
        App.Clock.Advance(TimeSpan.FromMinutes(31));
        var idle = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, idle.Status);
        Assert.StartsWith("/konto/log-ind", TestBrowser.Location(idle.Response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Activity_in_an_interactive_page_keeps_the_cookie_alive_through_the_keep_alive_call()
    {
        var user = await App.CreateUserAsync([AppRole.StatisticsReader]);
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(user.Email);

        // Twenty minutes of work inside the circuit: the page's script calls /konto/aktiv, which renews the cookie.
        App.Clock.Advance(TimeSpan.FromMinutes(20));
        using var keepAlive = await browser.Client.GetAsync("/konto/aktiv");
        Assert.Equal(HttpStatusCode.NoContent, keepAlive.StatusCode);
        Assert.Contains(keepAlive.Headers.GetValues("Set-Cookie"), c => c.StartsWith("sspkbh.auth=", StringComparison.Ordinal));
        Assert.Equal(0, keepAlive.Content.Headers.ContentLength ?? 0);

        // Forty minutes after sign-in, twenty after the last call: a full page load is still signed in.
        App.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).Status);

        // Anonymous callers are sent to sign in, like everywhere else.
        using var anonymous = App.CreateBrowser();
        var refused = await anonymous.GetAsync("/konto/aktiv");
        Assert.Equal(HttpStatusCode.Redirect, refused.Status);
    }

    [Fact]
    public async Task An_active_session_still_ends_ten_hours_after_sign_in()
    {
        var user = await App.CreateUserAsync([AppRole.StatisticsReader]);
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(user.Email);

        // A request every 20 minutes for 9 hours 40 minutes: never idle, always signed in.
        for (var i = 0; i < 29; i++)
        {
            App.Clock.Advance(TimeSpan.FromMinutes(20));
            var page = await browser.GetAsync("/");
            Assert.True(page.Status == HttpStatusCode.OK, $"After {(i + 1) * 20} minutes of activity the session answered {(int)page.Status}.");
        }

        // 10 hours 5 minutes after sign-in, 25 minutes after the last request (within the idle timeout).
        App.Clock.Advance(TimeSpan.FromMinutes(25));
        var expired = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, expired.Status);
        Assert.StartsWith("/konto/log-ind", TestBrowser.Location(expired.Response), StringComparison.Ordinal);
        // The rejected session is also signed out: the auth cookie is deleted, not merely ignored.
        Assert.Contains(expired.Response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [],
            c => c.StartsWith("sspkbh.auth=;", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).Status);

        // Signing in again starts a new session.
        await browser.SignInAsync(user.Email);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).Status);
    }

    [Fact]
    public async Task Removing_a_user_from_a_koordinationsgruppe_hides_its_cases_from_the_next_request()
    {
        // Demo data: Sara Jensen's case belongs to Koordinationsgruppe Amager Vest.
        var user = await App.CreateUserAsync([AppRole.AuthorityMember]);
        using var admin = App.CreateBrowser();
        await admin.SignInAsync("admin@sspkbh.dk");
        var groupId = await GroupIdAsync("Koordinationsgruppe Amager Vest");
        var added = await admin.SubmitAsync(await admin.GetAsync($"/admin/brugere/{user.Id}"), "user",
            [new("Input.NewGroupId", groupId), new("Input.NewGroupRole", "Member")]);
        Assert.True(added.Status == HttpStatusCode.Redirect, $"Adding the membership answered {(int)added.Status}: {added.TestIdText("error-summary")}");

        using var userBrowser = App.CreateBrowser();
        await userBrowser.SignInAsync(user.Email);
        var before = await userBrowser.GetAsync("/sager");
        Assert.Equal(HttpStatusCode.OK, before.Status);
        Assert.Contains("Sara Jensen", before.Text, StringComparison.Ordinal);

        // The administrator ticks "Fjern" on the membership and saves.
        var form = await admin.GetAsync($"/admin/brugere/{user.Id}");
        Assert.Contains("Koordinationsgruppe Amager Vest", form.TestIdText("memberships"), StringComparison.Ordinal);
        var removed = await admin.SubmitAsync(form, "user", [new("Input.Memberships[0].Remove", "true")]);
        Assert.True(removed.Status == HttpStatusCode.Redirect, $"Removing the membership answered {(int)removed.Status}: {removed.TestIdText("error-summary")}");

        // The user's very next request no longer reaches the group's cases: the old session is over ...
        var next = await userBrowser.GetAsync("/sager");
        Assert.Equal(HttpStatusCode.Redirect, next.Status);
        Assert.StartsWith("/konto/log-ind", TestBrowser.Location(next.Response), StringComparison.Ordinal);

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

        using var admin = App.CreateBrowser();
        await admin.SignInAsync("admin@sspkbh.dk");
        var page = await admin.GetAsync($"/admin/brugere/{user.Id}");
        Assert.Equal(Texts.Users_EndSessions, page.TestIdText("end-sessions"));
        var ended = await admin.SubmitAsync(page, "end-sessions");
        Assert.Equal(HttpStatusCode.Redirect, ended.Status);
        var confirmation = await admin.GetAsync(TestBrowser.Location(ended.Response)!);
        Assert.Equal(Texts.Users_SessionsEnded, confirmation.TestIdText("sessions-ended"));

        // Both of the user's browsers are sent to sign in at their next request.
        foreach (var browser in new[] { office, laptop })
        {
            var next = await browser.GetAsync("/");
            Assert.Equal(HttpStatusCode.Redirect, next.Status);
            Assert.StartsWith("/konto/log-ind", TestBrowser.Location(next.Response), StringComparison.Ordinal);
        }

        // The account itself is untouched: the user can sign in again.
        await office.SignInAsync(user.Email);

        var adminId = await App.UserIdAsync("admin@sspkbh.dk");
        var audit = await App.AuditEntriesAsync(a => a.Action == AuditActions.UserSessionsEnded && a.SubjectId == user.Id);
        var entry = Assert.Single(audit);
        Assert.Equal(AuditOutcomes.Success, entry.Outcome);
        Assert.Equal("user", entry.SubjectType);
        Assert.Equal(adminId, entry.UserId);
        Assert.False(string.IsNullOrEmpty(entry.CorrelationId), "an entry written in a request carries the request's correlation id");
    }

    [Fact]
    public async Task Only_an_administrator_can_log_a_user_out_everywhere()
    {
        var target = await App.CreateUserAsync([AppRole.StatisticsReader]);
        using var targetBrowser = App.CreateBrowser();
        await targetBrowser.SignInAsync(target.Email);
        var stampBefore = await SecurityStampAsync(target.Id);

        // A signed-in non-administrator posts the form by hand, with a valid antiforgery token of their own.
        using var other = App.CreateBrowser();
        await other.SignInAsync("sekretaer@sspkbh.dk");
        var home = await other.GetAsync("/");
        var token = home.Document.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(token), "The start page should carry an antiforgery token (the sign-out form).");
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/admin/brugere/{target.Id}")).Status);
        var post = await other.PostFormAsync($"/admin/brugere/{target.Id}",
            [new("_handler", "end-sessions"), new("__RequestVerificationToken", token!)]);
        Assert.Equal(HttpStatusCode.Forbidden, post.Status);

        Assert.Equal(stampBefore, await SecurityStampAsync(target.Id));
        Assert.Empty(await App.AuditEntriesAsync(a => a.Action == AuditActions.UserSessionsEnded && a.SubjectId == target.Id));
        Assert.Equal(HttpStatusCode.OK, (await targetBrowser.GetAsync("/")).Status);
    }

    private async Task<string> GroupIdAsync(string name)
    {
        await using var db = App.CreateDbContext();
        return (await db.Groups.Where(g => g.Name == name).Select(g => g.Id).SingleAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<string?> SecurityStampAsync(string userId)
    {
        await using var db = App.CreateDbContext();
        return await db.Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleAsync();
    }
}

public sealed class SessionTestsSqlite(SqliteApp fixture) : SessionTests(fixture), IClassFixture<SqliteApp>;

public sealed class SessionTestsPostgres(PostgresApp fixture) : SessionTests(fixture), IClassFixture<PostgresApp>;
