using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Access;
using SspKbh.Web.Audit;
using SspKbh.Web.Demo;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>Password sign-in through the real login form: success, the one failure message, lockout, audit.</summary>
public abstract class AuthenticationTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    public static TheoryData<string> DemoEmails() => new(DemoDataSeeder.Users.Select(u => u.Email));

    [Theory]
    [MemberData(nameof(DemoEmails))]
    public async Task Each_demo_user_signs_in_and_sees_their_name_and_party(string email)
    {
        var demo = DemoDataSeeder.Users.Single(u => u.Email == email);
        var partyName = OrganisationSeeder.Parties.Single(p => p.Code == demo.Party).Name;
        using var browser = App.CreateBrowser();

        await browser.SignInAsync(email);
        var home = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.Equal(demo.FullName, home.TestIdText("user-name"));
        Assert.Equal(partyName, home.TestIdText("user-party"));
        Assert.Contains(Texts.Home_Greeting.Replace("{0}", demo.FullName, StringComparison.Ordinal), home.Document.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_is_audited()
    {
        var user = await App.CreateUserAsync([AppRole.StatisticsReader]);
        using var browser = App.CreateBrowser();

        await browser.SignInAsync(user.Email);

        var entries = await App.AuditEntriesAsync(a => a.SubjectId == user.Id && a.Action == AuditActions.SignIn);
        var entry = Assert.Single(entries);
        Assert.Equal(AuditOutcomes.Success, entry.Outcome);
        Assert.Equal(user.Id, entry.UserId);
    }

    [Fact]
    public async Task Wrong_password_and_unknown_email_get_the_same_generic_message()
    {
        var user = await App.CreateUserAsync([AppRole.StatisticsReader]);
        using var browser = App.CreateBrowser();

        var wrongPassword = await browser.LoginAsync(user.Email, "forkert-kodeord-123");
        var unknownEmail = await browser.LoginAsync($"findes-ikke-{Guid.NewGuid():N}@sspkbh.dk", "forkert-kodeord-123");

        foreach (var page in new[] { wrongPassword, unknownEmail })
        {
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Equal(Texts.Login_Failed, page.TestIdText("login-error"));
            Assert.Null(page.TestIdText("user-name"));
            Assert.DoesNotContain(page.Response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [],
                c => c.StartsWith("sspkbh.auth=", StringComparison.Ordinal) && !c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase));
        }

        // Nothing else on the page tells the two cases apart.
        Assert.Equal(Normalize(wrongPassword), Normalize(unknownEmail));

        // Still signed out.
        var home = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.Status);
    }

    // The antiforgery token differs per response; compare what the user sees.
    private static string Normalize(Page page) => page.Document.QuerySelector("main")!.TextContent.Trim();

    [Fact]
    public async Task Each_failed_sign_in_is_audited_with_the_account_when_known()
    {
        var user = await App.CreateUserAsync([AppRole.StatisticsReader]);
        var unknown = $"ukendt-{Guid.NewGuid():N}@sspkbh.dk";
        using var browser = App.CreateBrowser();
        var before = (await App.AuditEntriesAsync()).Count;

        await browser.LoginAsync(user.Email, "forkert-kodeord-123");
        await browser.LoginAsync(unknown, "forkert-kodeord-123");

        var failures = await App.AuditEntriesAsync(a => a.Sequence > before && a.Outcome == AuditOutcomes.Failure && a.Action == AuditActions.SignIn);
        Assert.Contains(failures, a => a.SubjectId == user.Id && a.Details == "wrong-password");
        Assert.Contains(failures, a => a.SubjectId == null && a.Details == "unknown-account");
        // The typed e-mail of an unknown account is never written to the audit trail.
        Assert.DoesNotContain(await App.AuditEntriesAsync(), a => (a.Details ?? "").Contains(unknown, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Five_failures_lock_the_account_so_even_the_right_password_fails()
    {
        var user = await App.CreateUserAsync([AppRole.StatisticsReader]);
        using var browser = App.CreateBrowser();

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var failed = await browser.LoginAsync(user.Email, $"forkert-kodeord-{attempt:00}");
            Assert.Equal(HttpStatusCode.OK, failed.Status);
            Assert.Equal(Texts.Login_Failed, failed.TestIdText("login-error"));
        }

        var sixth = await browser.LoginAsync(user.Email, DemoDataSeeder.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, sixth.Status);
        Assert.Equal(Texts.Login_Failed, sixth.TestIdText("login-error"));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).Status);

        await using (var db = App.CreateDbContext())
        {
            var stored = await db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id);
            Assert.True(stored.LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(14), $"LockoutEnd was {stored.LockoutEnd}");
        }

        // Every one of the six failures is in the audit trail; the last ones say the account is locked.
        var failures = await App.AuditEntriesAsync(a => a.SubjectId == user.Id && a.Outcome == AuditOutcomes.Failure);
        Assert.Equal(6, failures.Count);
        Assert.Equal(4, failures.Count(a => a.Action == AuditActions.SignIn && a.Details == "wrong-password"));
        Assert.Equal(2, failures.Count(a => a.Action == AuditActions.LockedOut));
        Assert.Equal(AuditActions.LockedOut, failures[^1].Action);
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        var user = await App.CreateUserAsync([AppRole.StatisticsReader]);
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(user.Email);
        var home = await browser.GetAsync("/");

        var form = home.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("form[action='/konto/log-ud']");
        Assert.NotNull(form);
        var signedOut = await browser.PostFormAsync("/konto/log-ud", HtmlForms.Collect(form));

        Assert.Equal(HttpStatusCode.Redirect, signedOut.Status);
        Assert.StartsWith("/konto/log-ind", TestBrowser.Location(signedOut.Response), StringComparison.Ordinal);
        var after = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.Status);
        Assert.StartsWith("/konto/log-ind", TestBrowser.Location(after.Response), StringComparison.Ordinal);
        Assert.Contains(await App.AuditEntriesAsync(), a => a.Action == AuditActions.SignOut && a.SubjectId == user.Id);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_for_a_copy_of_its_cookie_on_every_instance()
    {
        using var browser = App.CreateBrowser();
        await browser.SignInAsync("sekretaer@sspkbh.dk");
        var home = await browser.GetAsync("/");
        using var laptop = App.CreateBrowser(); // the same user, signed in on another machine
        await laptop.SignInAsync("sekretaer@sspkbh.dk");

        // A copy of the cookie taken before signing out opens case data, here and on a second instance of the app.
        using var secondInstance = App.WithWebHostBuilder(_ => { });
        using var copyHere = browser.WithCopiedCookies(App);
        using var copyThere = browser.WithCopiedCookies(secondInstance);
        foreach (var copy in new[] { copyHere, copyThere })
        {
            var before = await copy.GetAsync("/sager");
            Assert.Equal(HttpStatusCode.OK, before.Status);
            Assert.Contains("Yusuf Amin", before.Text, StringComparison.Ordinal);
        }

        var form = home.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("form[action='/konto/log-ud']");
        Assert.NotNull(form);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync("/konto/log-ud", HtmlForms.Collect(form))).Status);

        // From the next request on, both copies are sent to the login page and see no case.
        foreach (var copy in new[] { copyHere, copyThere })
        {
            var after = await copy.GetAsync("/sager");
            Assert.Equal(HttpStatusCode.Redirect, after.Status);
            Assert.StartsWith("/konto/log-ind", TestBrowser.Location(after.Response), StringComparison.Ordinal);
            Assert.DoesNotContain("Yusuf Amin", after.Text, StringComparison.Ordinal);
        }

        // Her sign-in on the other machine is a session of its own and goes on working.
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/sager")).Status);
    }
}

public sealed class AuthenticationTestsSqlite(SqliteApp fixture) : AuthenticationTests(fixture), IClassFixture<SqliteApp>;

public sealed class AuthenticationTestsPostgres(PostgresApp fixture) : AuthenticationTests(fixture), IClassFixture<PostgresApp>;
