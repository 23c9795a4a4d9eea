using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

using SspKbh.Tests.Shared;

namespace SspKbh.E2E;

/// <summary>
/// With two-factor authentication required: a user signs in with a password, enrols an authenticator
/// (the test plays the authenticator app), signs out, and signs in again with password and code.
/// </summary>
public abstract class TwoFactorFlowTests(TwoFactorRequiredApp app, ITestOutputHelper output, bool javaScriptEnabled)
{
    private string Variant => javaScriptEnabled ? "js" : "nojs";

    protected async Task EnrolSignOutAndSignInAgainAsync(string email, string expectedName)
    {
        await using var tracked = await app.NewPageAsync(javaScriptEnabled);
        var page = tracked.Page;

        // A protected page sends an anonymous visitor to the login page, which looks like DKFDS.
        await tracked.GotoAsync("/");
        await tracked.ExpectUrlAsync(TrackedPage.LoginUrl(), "the login page");
        await tracked.AssertLooksStyledAsync();
        await Browser.ScreenshotAsync(page, $"login-{Variant}");

        // Password alone leads to the enrolment page, which shows the key.
        await tracked.SubmitLoginAsync(email);
        await tracked.ExpectUrlAsync(TrackedPage.TwoFactorSetupUrl(), "the two-factor enrolment page");
        await tracked.AssertLooksStyledAsync();
        var key = (await page.GetByTestId("authenticator-key").InnerTextAsync()).Trim();
        Assert.Matches("^[a-z2-7 ]{16,}$", key);

        // Beside the key, its QR code: one image with a Danish name, and the page stays free of serious axe findings.
        var qr = page.GetByRole(AriaRole.Img, new() { Name = "QR-kode, der tilføjer din konto i godkendelsesappen", Exact = false });
        await Assertions.Expect(qr).ToBeVisibleAsync();
        var box = await qr.BoundingBoxAsync();
        Assert.True(box is { Width: >= 150, Height: >= 150 }, $"The QR code is drawn {box?.Width}x{box?.Height} px, too small to scan.");
        if (javaScriptEnabled)
        {
            // axe-core runs on the page's timers, which do not run with JavaScript off; the page is the same static HTML.
            await Axe.AssertNoSeriousViolationsAsync(tracked, "two-factor enrolment page", output);
        }

        await Browser.ScreenshotAsync(page, $"2fa-setup-{Variant}");

        // The enrolment page keeps the user there until a code is proved: home is not reachable yet.
        var step = Totp.TimeStep(DateTimeOffset.UtcNow);
        await page.Locator("#code").FillAsync(Totp.Code(key, step));
        await page.GetByTestId("2fa-enable").ClickAsync();
        await tracked.ExpectUrlAsync(TrackedPage.HomeUrl(), "the home page after enrolment");
        await Assertions.Expect(page.GetByTestId("user-name")).ToHaveTextAsync(expectedName);
        await Assertions.Expect(page.GetByTestId("2fa-now-enabled")).ToBeVisibleAsync();
        await tracked.AssertLooksStyledAsync();
        await Browser.ScreenshotAsync(page, $"home-{Variant}");

        // Sign out: back on the login page, no longer signed in.
        await page.GetByTestId("logout").ClickAsync();
        await tracked.ExpectUrlAsync(TrackedPage.LoginUrl(), "the login page after signing out");
        await Assertions.Expect(page.GetByTestId("user-name")).ToHaveCountAsync(0);
        await tracked.GotoAsync("/");
        await tracked.ExpectUrlAsync(TrackedPage.LoginUrl(), "the login page (signed out, so home is closed)");

        // Now the password leads to the code page.
        await tracked.SubmitLoginAsync(email);
        await tracked.ExpectUrlAsync(TrackedPage.TwoFactorLoginUrl(), "the two-factor code page");
        await tracked.AssertLooksStyledAsync();
        await Browser.ScreenshotAsync(page, $"login-2fa-{Variant}");

        // A wrong code is refused with a message.
        await page.Locator("#code").FillAsync(Totp.Code(key, step - 1000));
        await page.GetByTestId("2fa-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("2fa-error")).ToBeVisibleAsync();
        await tracked.ExpectUrlAsync(TrackedPage.TwoFactorLoginUrl(), "still the two-factor code page after a wrong code");

        // A fresh code, from a later 30-second step than the one used for enrolment, as a person would
        // get from the authenticator app when signing in again.
        var freshStep = await WaitForStepAfterAsync(step);
        output.WriteLine($"Enrolled with step {step}, signing in with step {freshStep}.");
        await page.Locator("#code").FillAsync(Totp.Code(key, freshStep));
        await page.GetByTestId("2fa-submit").ClickAsync();
        await tracked.ExpectUrlAsync(TrackedPage.HomeUrl(), "the home page after the code");
        await Assertions.Expect(page.GetByTestId("user-name")).ToHaveTextAsync(expectedName);
    }

    private static async Task<long> WaitForStepAfterAsync(long step)
    {
        while (true)
        {
            var now = DateTimeOffset.UtcNow;
            var current = Totp.TimeStep(now);
            if (current > step)
            {
                return current;
            }

            var nextStepStarts = DateTimeOffset.FromUnixTimeSeconds((step + 1) * Totp.StepSeconds);
            await Task.Delay(nextStepStarts - now + TimeSpan.FromMilliseconds(200));
        }
    }
}

public sealed class TwoFactorFlowWithJavaScriptTests(TwoFactorRequiredApp app, ITestOutputHelper output)
    : TwoFactorFlowTests(app, output, javaScriptEnabled: true), IClassFixture<TwoFactorRequiredApp>
{
    [Fact]
    public Task Secretary_enrols_an_authenticator_signs_out_and_signs_in_with_a_code() =>
        EnrolSignOutAndSignInAgainAsync("sekretaer@sspkbh.dk", "Sofie Lund");
}

public sealed class TwoFactorFlowWithoutJavaScriptTests(TwoFactorRequiredApp app, ITestOutputHelper output)
    : TwoFactorFlowTests(app, output, javaScriptEnabled: false), IClassFixture<TwoFactorRequiredApp>
{
    [Fact]
    public Task Authority_member_enrols_and_signs_in_again_with_javascript_off() =>
        EnrolSignOutAndSignInAgainAsync("myndighed@sspkbh.dk", "Jonas Krag");
}
