using System.Text.Json;
using Xunit;
using Xunit.Abstractions;

namespace SspKbh.E2E;

/// <summary>
/// axe-core (pinned in package.json) run in the real page. Serious and critical violations fail the
/// test; lesser ones are written to the test output.
/// </summary>
public sealed class AccessibilityTests(TwoFactorOptionalApp app, ITestOutputHelper output) : IClassFixture<TwoFactorOptionalApp>
{
    private static readonly Lazy<string> AxeSource = new(() =>
    {
        var path = AppServer.Metadata("AxeScript");
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new InvalidOperationException($"axe-core is missing at {path}; the test project's build runs `npm ci` to fetch it.");
    });

    [Fact]
    public async Task Login_page_has_no_serious_or_critical_violations()
    {
        await using var tracked = await app.NewPageAsync();
        await tracked.GotoAsync("/konto/log-ind");
        await tracked.AssertLooksStyledAsync();
        await Browser.ScreenshotAsync(tracked.Page, "a11y-login");
        await AssertNoSeriousViolationsAsync(tracked, "login page");
    }

    [Fact]
    public async Task Login_page_with_validation_errors_has_no_serious_or_critical_violations()
    {
        await using var tracked = await app.NewPageAsync();
        await tracked.GotoAsync("/konto/log-ind");
        await tracked.Page.GetByTestId("login-submit").ClickAsync();
        await tracked.Page.WaitForLoadStateAsync();
        await Microsoft.Playwright.Assertions.Expect(tracked.Page.GetByTestId("error-summary")).ToBeVisibleAsync();
        await Microsoft.Playwright.Assertions.Expect(tracked.Page.GetByTestId("field-error")).ToHaveCountAsync(2);
        await Browser.ScreenshotAsync(tracked.Page, "a11y-login-errors");
        await AssertNoSeriousViolationsAsync(tracked, "login page with errors");
    }

    [Theory]
    [InlineData("admin@sspkbh.dk", "Birgit Holm")]
    [InlineData("ikke-myndighed@sspkbh.dk", "Ali Hassan")]
    public async Task Home_page_signed_in_has_no_serious_or_critical_violations(string email, string name)
    {
        await using var tracked = await app.NewPageAsync();
        await tracked.GotoAsync("/konto/log-ind");
        await tracked.SubmitLoginAsync(email);
        await tracked.ExpectUrlAsync(TrackedPage.HomeUrl(), "the home page");
        await Microsoft.Playwright.Assertions.Expect(tracked.Page.GetByTestId("user-name")).ToHaveTextAsync(name);
        await tracked.AssertLooksStyledAsync();
        await Browser.ScreenshotAsync(tracked.Page, $"a11y-home-{email.Split('@')[0]}");
        await AssertNoSeriousViolationsAsync(tracked, $"home page ({email})");

        // A narrow (phone) screen as well: the header must still work there.
        await tracked.Page.SetViewportSizeAsync(390, 844);
        await Browser.ScreenshotAsync(tracked.Page, $"a11y-home-{email.Split('@')[0]}-mobile");
        await AssertNoSeriousViolationsAsync(tracked, $"home page on a phone ({email})");
    }

    [Fact]
    public async Task Axe_finds_a_planted_violation_so_a_clean_result_means_something()
    {
        await using var tracked = await app.NewPageAsync();
        await tracked.GotoAsync("/konto/log-ind");
        await tracked.Page.EvaluateAsync("() => { const i = document.createElement('img'); i.src = '/favicon.ico'; document.querySelector('main').append(i); }");
        var violations = await RunAxeAsync(tracked);
        Xunit.Assert.Contains(violations, v => v.Id == "image-alt" && v.Impact == "critical");
    }

    private async Task AssertNoSeriousViolationsAsync(TrackedPage tracked, string what)
    {
        var all = await RunAxeAsync(tracked);
        foreach (var v in all)
        {
            output.WriteLine($"[{what}] {v.Impact}: {v.Id} – {v.Help}\n    " + string.Join("\n    ", v.Nodes));
        }

        output.WriteLine($"[{what}] axe-core: {all.Count} violation(s) of any impact.");
        var serious = all.Where(v => v.Impact is "serious" or "critical").ToList();
        Xunit.Assert.True(serious.Count == 0,
            $"axe-core found {serious.Count} serious/critical violation(s) on the {what} ({tracked.Page.Url}):\n" +
            string.Join("\n", serious.Select(v => $"- {v.Impact}: {v.Id} – {v.Help}\n    " + string.Join("\n    ", v.Nodes))));
    }

    private sealed record Violation(string? Id, string Impact, string? Help, List<string?> Nodes);

    private static async Task<List<Violation>> RunAxeAsync(TrackedPage tracked)
    {
        // Not a <script> tag: the app's CSP allows only its own scripts. Evaluation through the
        // DevTools protocol is not subject to the page's CSP.
        if (!await tracked.Page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await tracked.Page.EvaluateAsync(AxeSource.Value);
        }

        var violations = await tracked.Page.EvaluateAsync<JsonElement>(
            """
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return result.violations.map(v => ({
                id: v.id,
                impact: v.impact,
                help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ') + ' — ' + (n.failureSummary || '').replace(/\s+/g, ' '))
              }));
            }
            """);

        return violations.EnumerateArray().Select(v => new Violation(
            v.GetProperty("id").GetString(),
            v.GetProperty("impact").GetString() ?? "unknown",
            v.GetProperty("help").GetString(),
            v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()).ToList())).ToList();
    }
}
