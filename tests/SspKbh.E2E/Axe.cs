using System.Text.Json;
using Xunit;
using Xunit.Abstractions;

namespace SspKbh.E2E;

/// <summary>
/// axe-core (pinned in package.json) run in the real page. Serious and critical violations fail the
/// test; lesser ones are written to the test output.
/// </summary>
public static class Axe
{
    private static readonly Lazy<string> AxeSource = new(() =>
    {
        var path = AppServer.Metadata("AxeScript");
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new InvalidOperationException($"axe-core is missing at {path}; the test project's build runs `npm ci` to fetch it.");
    });

    /// <summary>Waits (at most ~5 s) until no finite animation is running; endless ones (spinners) are ignored.</summary>
    private const string SettleScript =
        """
        async () => {
          const moving = () => document.getAnimations().filter(a =>
            a.playState === 'running' && Number.isFinite(a.effect?.getComputedTiming().endTime ?? Infinity));
          const deadline = performance.now() + 5000;
          for (let running = moving(); running.length > 0 && performance.now() < deadline; running = moving()) {
            await Promise.race([
              Promise.all(running.map(a => a.finished.catch(() => {}))),
              new Promise(r => setTimeout(r, 1000))]);
          }
        }
        """;

    public sealed record Violation(string? Id, string Impact, string? Help, List<string?> Nodes);

    public static async Task AssertNoSeriousViolationsAsync(TrackedPage tracked, string what, ITestOutputHelper output)
    {
        var all = await RunAsync(tracked);
        foreach (var v in all)
        {
            output.WriteLine($"[{what}] {v.Impact}: {v.Id} – {v.Help}\n    " + string.Join("\n    ", v.Nodes));
        }

        output.WriteLine($"[{what}] axe-core: {all.Count} violation(s) of any impact.");
        var serious = all.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0,
            $"axe-core found {serious.Count} serious/critical violation(s) on the {what} ({tracked.Page.Url}):\n" +
            string.Join("\n", serious.Select(v => $"- {v.Impact}: {v.Id} – {v.Help}\n    " + string.Join("\n    ", v.Nodes))));
    }

    public static async Task<List<Violation>> RunAsync(TrackedPage tracked)
    {
        // Not a <script> tag: the app's CSP allows only its own scripts. Evaluation through the
        // DevTools protocol is not subject to the page's CSP.
        if (!await tracked.Page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await tracked.Page.EvaluateAsync(AxeSource.Value);
        }

        // A result counts only when the page was at rest on both sides of the run: a snackbar or dialog
        // caught mid fade has a contrast it never has on screen for more than a moment. Finite animations
        // (MudBlazor's fades are CSS animations) are awaited first; if one started while axe was running
        // (a snackbar beginning to hide), the run is repeated once the page is still again.
        JsonElement violations = default;
        for (var attempt = 1; ; attempt++)
        {
            await tracked.Page.EvaluateAsync(SettleScript);
            violations = await tracked.Page.EvaluateAsync<JsonElement>(
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
            var movedDuringRun = await tracked.Page.EvaluateAsync<bool>(
                "() => document.getAnimations().some(a => a.playState === 'running' && Number.isFinite(a.effect?.getComputedTiming().endTime ?? Infinity))");
            if (!movedDuringRun || attempt == 3)
            {
                break;
            }
        }

        return violations.EnumerateArray().Select(v => new Violation(
            v.GetProperty("id").GetString(),
            v.GetProperty("impact").GetString() ?? "unknown",
            v.GetProperty("help").GetString(),
            v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()).ToList())).ToList();
    }
}
