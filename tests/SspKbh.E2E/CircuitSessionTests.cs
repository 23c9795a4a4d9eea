using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;

namespace SspKbh.E2E;

/// <summary>
/// Sessions inside an open Blazor circuit (ADR 0017): an administrator's change reaches a tab that makes no
/// request of its own, within the revalidation interval (two seconds in this app, one minute by default).
/// And the app's log never holds the personal data a user searched for and saw.
/// </summary>
public sealed partial class CircuitSessionTests(QuickRevalidationApp app) : IClassFixture<QuickRevalidationApp>
{
    [Fact]
    public async Task Deactivating_a_user_ends_their_open_circuit_within_the_interval()
    {
        await using var member = await app.NewPageAsync();
        await SignInAsync(member, "myndighed@sspkbh.dk");
        await member.GotoAsync("/");
        await member.WaitForCircuitAsync();
        await Assertions.Expect(member.Page.GetByTestId("user-name")).ToHaveTextAsync("Jonas Krag");

        await using var admin = await app.NewPageAsync();
        await SignInAsync(admin, "admin@sspkbh.dk");
        await admin.GotoAsync("/admin/brugere");
        await admin.WaitForCircuitAsync();
        await admin.Page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Jonas Krag" }).ClickAsync();
        await admin.Page.GetByTestId("toggle-active").ClickAsync();
        // The interactive user page asks first (it ends the user's work).
        await admin.Page.GetByRole(AriaRole.Dialog, new() { Name = "Deaktivér brugeren?" }).GetByRole(AriaRole.Button, new() { Name = "Deaktivér bruger" }).ClickAsync();
        await Assertions.Expect(admin.Page.GetByTestId("user-status")).ToContainTextAsync("Deaktiveret");

        // The member's tab does nothing: the circuit's revalidation alone must send it to the login page.
        await member.Page.WaitForURLAsync(LoginWithReturn(), new PageWaitForURLOptions { Timeout = 15_000 });
        await Assertions.Expect(member.Page.Locator("#email")).ToBeVisibleAsync();

        // Put the demo user back for the other tests of this app.
        await admin.Page.GetByTestId("toggle-active").ClickAsync();
        await Assertions.Expect(admin.Page.GetByTestId("user-status")).Not.ToContainTextAsync("Deaktiveret");
    }

    [Fact]
    public async Task A_searched_cpr_number_and_the_name_it_finds_never_reach_the_log()
    {
        await using var secretary = await app.NewPageAsync();
        await SignInAsync(secretary, "sekretaer@sspkbh.dk");
        await secretary.GotoAsync("/sager?q=1406124117");
        await Assertions.Expect(secretary.Page.GetByTestId("case-row").First).ToContainTextAsync("Yusuf Amin");

        // Give the request log a moment to be written, then read everything the app has said.
        await Task.Delay(500);
        var output = app.Server.Output;
        Assert.Contains("/sager", output, StringComparison.Ordinal);
        Assert.DoesNotContain("1406124117", output, StringComparison.Ordinal);
        Assert.DoesNotContain("140612-4117", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Yusuf", output, StringComparison.Ordinal);
    }

    private static async Task SignInAsync(TrackedPage tracked, string email)
    {
        await tracked.GotoAsync("/konto/log-ind");
        await tracked.SubmitLoginAsync(email);
        await tracked.ExpectUrlAsync(TrackedPage.HomeUrl(), "the home page after signing in");
    }

    [GeneratedRegex(@"/konto/log-ind\?ReturnUrl=")]
    private static partial Regex LoginWithReturn();
}
