using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SspKbh.Domain.Access;
using SspKbh.Web.Audit;
using SspKbh.Web.Features.Account;
using SspKbh.Web.Resources;
using SspKbh.Web.Security;
using SspKbh.Web.Tests.Infrastructure;

using SspKbh.Tests.Shared;

namespace SspKbh.Web.Tests;

/// <summary>Security:RequireTwoFactor=true (the production setting): enrolment and sign-in with a TOTP code.</summary>
public abstract class TwoFactorTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private static string KeyOf(Page setup)
    {
        var key = setup.TestIdText("authenticator-key");
        Assert.False(string.IsNullOrWhiteSpace(key), "The set-up page shows no authenticator key.");
        return key;
    }

    /// <summary>A code from a time step far from now: certainly not accepted (the app allows ±2 steps).</summary>
    private static string WrongCode(string key)
    {
        var now = Totp.TimeStep(DateTimeOffset.UtcNow);
        var valid = Enumerable.Range(-3, 7).Select(d => Totp.Code(key, now + d)).ToHashSet();
        return Enumerable.Range(100, 50).Select(d => Totp.Code(key, now + d)).First(c => !valid.Contains(c));
    }

    [Fact]
    public async Task Without_two_factor_every_page_sends_the_user_to_enrolment()
    {
        var admin = await App.CreateUserAsync([AppRole.Administrator]);
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(admin.Email);

        var endpoints = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is null)
            .Where(e => RouteSamples.AllowsGet(e))
            .Select(e => RouteSamples.SampleUrl(e.RoutePattern))
            .Where(url => !url.StartsWith("/konto", StringComparison.Ordinal))
            .Distinct()
            .ToList();
        Assert.Contains("/", endpoints);
        Assert.Contains("/admin/brugere", endpoints);

        foreach (var url in endpoints)
        {
            var page = await browser.GetAsync(url);
            Assert.True(page.Status == HttpStatusCode.Redirect, $"{url} answered {(int)page.Status} instead of redirecting to enrolment");
            Assert.Equal(SecuritySetup.TwoFactorSetupPath, TestBrowser.Location(page.Response));
        }

        // The enrolment page itself and the account page are reachable.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(SecuritySetup.TwoFactorSetupPath)).Status);
    }

    [Fact]
    public async Task Enrolling_with_a_computed_code_enables_two_factor_and_later_sign_in_requires_the_code()
    {
        var user = await App.CreateUserAsync([AppRole.AuthorityMember]);
        using (var browser = App.CreateBrowser())
        {
            await browser.SignInAsync(user.Email);
            Assert.Equal(SecuritySetup.TwoFactorSetupPath, TestBrowser.Location((await browser.GetAsync("/")).Response));

            var setup = await browser.GetAsync(SecuritySetup.TwoFactorSetupPath);
            Assert.Equal(HttpStatusCode.OK, setup.Status);
            var key = KeyOf(setup);
            Assert.Contains("secret=" + key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant(), setup.TestIdText("authenticator-uri"), StringComparison.Ordinal);

            // A wrong code is refused with the Danish message, and nothing is enabled.
            var wrong = await browser.SubmitAsync(setup, "enable-2fa", [new("Input.Code", WrongCode(key))]);
            Assert.True(wrong.Status == HttpStatusCode.OK, $"A wrong code answered {(int)wrong.Status} -> {TestBrowser.Location(wrong.Response)}");
            Assert.Equal(Texts.TwoFactorSetup_WrongCode, wrong.TestIdText("2fa-setup-error"));
            Assert.False(await TwoFactorEnabledAsync(user.Id));

            // The code an authenticator app would show now, typed as the app shows it ("123 456").
            var code = Totp.Code(key, Totp.TimeStep(DateTimeOffset.UtcNow));
            var enabled = await browser.SubmitAsync(wrong, "enable-2fa", [new("Input.Code", code[..3] + " " + code[3..])]);
            Assert.Equal(HttpStatusCode.Redirect, enabled.Status);
            Assert.Equal("/?2fa=aktiveret", TestBrowser.Location(enabled.Response));
            Assert.True(await TwoFactorEnabledAsync(user.Id));

            var home = await browser.GetAsync("/?2fa=aktiveret");
            Assert.True(home.Status == HttpStatusCode.OK, $"After enrolment / answered {(int)home.Status} -> {TestBrowser.Location(home.Response)}");
            Assert.Equal(Texts.TwoFactorSetup_Done, home.TestIdText("2fa-now-enabled"));
            Assert.Equal(user.FullName, home.TestIdText("user-name"));
            // Still through on the next request, after the session was revalidated (interval 0).
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/konto")).Status);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).Status);
        }

        var keyNow = await AuthenticatorKeyAsync(user.Id);
        using (var browser = App.CreateBrowser())
        {
            // The password alone no longer signs in: the user is sent to the code page.
            var afterPassword = await browser.LoginAsync(user.Email);
            Assert.Equal(HttpStatusCode.Redirect, afterPassword.Status);
            Assert.StartsWith("/konto/log-ind/2fa", TestBrowser.Location(afterPassword.Response), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).Status);

            var codePage = await browser.GetAsync(TestBrowser.Location(afterPassword.Response)!);
            Assert.Equal(HttpStatusCode.OK, codePage.Status);

            var refused = await browser.SubmitAsync(codePage, "login-2fa", [new("Input.Code", WrongCode(keyNow))]);
            Assert.Equal(HttpStatusCode.OK, refused.Status);
            Assert.Equal(Texts.TwoFactor_Failed, refused.TestIdText("2fa-error"));

            var accepted = await browser.SubmitAsync(refused, "login-2fa", [new("Input.Code", Totp.Code(keyNow, Totp.TimeStep(DateTimeOffset.UtcNow) + 1))]);
            Assert.Equal(HttpStatusCode.Redirect, accepted.Status);
            Assert.Equal("/", TestBrowser.Location(accepted.Response));

            var home = await browser.GetAsync("/");
            Assert.Equal(HttpStatusCode.OK, home.Status);
            Assert.Equal(user.FullName, home.TestIdText("user-name"));
        }

        var audit = await App.AuditEntriesAsync(a => a.SubjectId == user.Id);
        Assert.Contains(audit, a => a.Action == AuditActions.TwoFactorEnabled && a.Outcome == AuditOutcomes.Success);
        Assert.Contains(audit, a => a.Action == AuditActions.TwoFactorEnabled && a.Outcome == AuditOutcomes.Failure);
        Assert.Contains(audit, a => a.Action == AuditActions.SignInTwoFactor && a.Outcome == AuditOutcomes.Failure);
        Assert.Contains(audit, a => a.Action == AuditActions.SignInTwoFactor && a.Outcome == AuditOutcomes.Success);
    }

    [Fact]
    public async Task The_enrolment_page_shows_a_QR_code_of_the_link_that_carries_the_key_shown_beside_it()
    {
        var user = await App.CreateUserAsync([AppRole.StatisticsReader]);
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(user.Email);
        var setup = await browser.GetAsync(SecuritySetup.TwoFactorSetupPath);
        Assert.Equal(HttpStatusCode.OK, setup.Status);

        // The key as the user reads it, and as the database holds it.
        var key = KeyOf(setup).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        Assert.Equal(await AuthenticatorKeyAsync(user.Id), key);

        // One image for screen readers, named in Danish, drawn on the server (the page has no script of its own).
        var qr = setup.Document.QuerySelector("svg[data-testid='authenticator-qr']");
        Assert.NotNull(qr);
        Assert.Equal("img", qr.GetAttribute("role"));
        Assert.Equal(Texts.TwoFactorSetup_QrLabel, qr.GetAttribute("aria-label"));
        Assert.Equal(Texts.TwoFactorSetup_QrLabel, qr.QuerySelector("title")?.TextContent);
        Assert.Null(qr.QuerySelector("[style], script"));

        // Its modules are those of the otpauth link with this user and this key (the link shown under "Vis opsætningslink").
        var uri = AuthenticatorQrCode.Uri(user.Email, key);
        Assert.Equal(uri, setup.TestIdText("authenticator-uri"));
        Assert.Equal(QrModules(AuthenticatorQrCode.Svg(uri, "x")), qr.QuerySelector("path")?.GetAttribute("d"));
        Assert.NotEqual(QrModules(AuthenticatorQrCode.Svg(AuthenticatorQrCode.Uri(user.Email, "JBSWY3DPEHPK3PXP"), "x")), qr.QuerySelector("path")?.GetAttribute("d"));
    }

    [Fact]
    public void The_otpauth_link_names_the_app_and_the_account_and_carries_the_key()
    {
        Assert.Equal("otpauth://totp/SspKbh:anna%2Bssp%40kk.dk?secret=JBSWY3DPEHPK3PXP&issuer=SspKbh&digits=6",
            AuthenticatorQrCode.Uri("anna+ssp@kk.dk", "JBSWY3DPEHPK3PXP"));

        var svg = System.Xml.Linq.XElement.Parse(AuthenticatorQrCode.Svg(AuthenticatorQrCode.Uri("anna@kk.dk", "JBSWY3DPEHPK3PXP"), "QR-kode"));
        Assert.Equal("img", (string?)svg.Attribute("role"));
        Assert.Equal("QR-kode", (string?)svg.Attribute("aria-label"));
        Assert.DoesNotContain(svg.DescendantsAndSelf(), e => e.Attribute("style") is not null || e.Name.LocalName is "script" or "style");
    }

    /// <summary>The drawing of the dark modules: QRCoder draws them as one path.</summary>
    private static string? QrModules(string svg) =>
        (string?)System.Xml.Linq.XElement.Parse(svg).Descendants().Single(e => e.Name.LocalName == "path").Attribute("d");

    [Fact]
    public async Task Enrolment_works_with_the_production_session_interval()
    {
        // The shared app revalidates sessions on every request; production does it once a minute,
        // so pages load the user from the database themselves (a different code path).
        await using var app = await SspAppFactory.StartAsync(App.Provider, new Dictionary<string, string?>
        {
            ["Security:RequireTwoFactor"] = "true",
            ["Security:SessionValidationInterval"] = "00:01:00",
        });
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("sekretaer@sspkbh.dk");

        var setup = await browser.GetAsync(SecuritySetup.TwoFactorSetupPath);
        Assert.Equal(HttpStatusCode.OK, setup.Status);
        var enabled = await browser.SubmitAsync(setup, "enable-2fa", [new("Input.Code", Totp.Code(KeyOf(setup), Totp.TimeStep(DateTimeOffset.UtcNow)))]);
        Assert.Equal(HttpStatusCode.Redirect, enabled.Status);

        var home = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.Equal("Sofie Lund", home.TestIdText("user-name"));
        Assert.Equal(Texts.TwoFactor_StatusOn, (await browser.GetAsync("/konto")).TestIdText("2fa-status"));
    }

    [Fact]
    public async Task The_code_page_is_useless_without_a_correct_password_first()
    {
        using var browser = App.CreateBrowser();
        var page = await browser.GetAsync("/konto/log-ind/2fa");
        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("/konto/log-ind", TestBrowser.Location(page.Response), StringComparison.Ordinal);
    }

    private async Task<bool> TwoFactorEnabledAsync(string userId)
    {
        await using var db = App.CreateDbContext();
        return await db.Users.Where(u => u.Id == userId).Select(u => u.TwoFactorEnabled).SingleAsync();
    }

    private async Task<string> AuthenticatorKeyAsync(string userId)
    {
        await using var db = App.CreateDbContext();
        return await db.UserTokens.Where(t => t.UserId == userId && t.Name == "AuthenticatorKey").Select(t => t.Value!).SingleAsync();
    }
}

public sealed class TwoFactorTestsSqlite(SqliteTwoFactorApp fixture) : TwoFactorTests(fixture), IClassFixture<SqliteTwoFactorApp>;

public sealed class TwoFactorTestsPostgres(PostgresTwoFactorApp fixture) : TwoFactorTests(fixture), IClassFixture<PostgresTwoFactorApp>;
