using System.Net;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Access;
using SspKbh.Web.Audit;
using SspKbh.Web.Demo;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// (An administrator's changes on the interactive user page, deactivation, roles, groups and "log out everywhere",
/// are driven in UserEditComponentTests, which checks the user's next request the same way.)
/// An administrator's change reaches the user's open session at once
/// (Security:SessionValidationInterval=0 in the test app; one minute in production). Sessions end
/// after 30 idle minutes and, however active, 10 hours after sign-in (the tests move the app's clock).
/// </summary>
public abstract class SessionTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

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

    private async Task<string?> SecurityStampAsync(string userId)
    {
        await using var db = App.CreateDbContext();
        return await db.Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleAsync();
    }
}

public sealed class SessionTestsSqlite(SqliteApp fixture) : SessionTests(fixture), IClassFixture<SqliteApp>;

public sealed class SessionTestsPostgres(PostgresApp fixture) : SessionTests(fixture), IClassFixture<PostgresApp>;
