using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;

namespace SspKbh.E2E;

/// <summary>
/// A page in its own browser context that remembers every stylesheet, script, font and image
/// response of the current document, so a test can tell when the page would look broken to a person.
/// </summary>
public sealed partial class TrackedPage : IAsyncDisposable
{
    public const string DemoPassword = "Demo-kodeord-2026";

    private static readonly HashSet<string> AssetTypes = ["stylesheet", "script", "font", "image"];

    private readonly IBrowserContext context;
    private readonly AppServer server;
    private readonly ConcurrentQueue<(string Url, string Type, int Status)> assets = new();
    private readonly ConcurrentQueue<string> failedRequests = new();

    private readonly bool javaScriptEnabled;

    public TrackedPage(IBrowserContext context, IPage page, AppServer server, bool javaScriptEnabled = true)
    {
        this.context = context;
        this.server = server;
        this.javaScriptEnabled = javaScriptEnabled;
        Page = page;
        page.Response += (_, response) =>
        {
            if (AssetTypes.Contains(response.Request.ResourceType))
            {
                assets.Enqueue((response.Url, response.Request.ResourceType, response.Status));
            }
        };
        page.RequestFailed += (_, request) => failedRequests.Enqueue($"{request.Method} {request.Url}: {request.Failure}");

        // The checks are about the page on screen: forget what earlier pages loaded.
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame)
            {
                assets.Clear();
                failedRequests.Clear();
            }
        };
    }

    public IPage Page { get; }

    public async ValueTask DisposeAsync() => await context.DisposeAsync();

    /// <summary>Opens a path and checks that the page is the one expected (no error page, styles loaded).</summary>
    public async Task GotoAsync(string path)
    {
        var response = await Page.GotoAsync(path);
        Assert.True(response is { Ok: true }, $"GET {path} answered {response?.Status} (final URL {Page.Url}).");
    }

    /// <summary>Email and password on the login page; the caller waits for where it should lead.</summary>
    public async Task SubmitLoginAsync(string email, string password = DemoPassword)
    {
        await Page.WaitForURLAsync(LoginUrl());
        await Page.Locator("#email").FillAsync(email);
        await Page.Locator("#password").FillAsync(password);
        await Page.GetByTestId("login-submit").ClickAsync();
    }

    public async Task ExpectUrlAsync(Regex url, string what)
    {
        try
        {
            await Page.WaitForURLAsync(url, new PageWaitForURLOptions { Timeout = 20_000 });
        }
        catch (TimeoutException)
        {
            var body = await Page.Locator("body").InnerTextAsync();
            Assert.Fail($"Expected {what} ({url}), but the browser is at {Page.Url}. The page says:\n{Truncate(body, 2000)}\n\nApp output (tail):\n{Tail(server.Output, 40)}");
        }
        catch (PlaywrightException e)
        {
            // E.g. the connection was refused: the app is gone, and its output says why.
            Assert.Fail($"Expected {what} ({url}), but the navigation failed at {Page.Url}: {e.Message}\n\nApp running: {server.IsRunning}. App output (tail):\n{Tail(server.Output, 60)}");
        }
    }

    /// <summary>
    /// Every stylesheet, script, font and image the page asked for answered 200, the layout's own stylesheets
    /// among them, and the text is set in IBM Plex Sans: what a person sees is the designed page.
    /// </summary>
    public async Task AssertLooksStyledAsync()
    {
        await Page.WaitForLoadStateAsync(LoadState.Load);
        var seen = assets.ToArray();
        var broken = seen.Where(a => a.Status != 200 && a.Status != 304)
            .Select(a => $"{a.Status} {a.Type} {a.Url}").ToList();
        broken.AddRange(failedRequests);
        Assert.True(broken.Count == 0, "Page assets did not load:\n" + string.Join('\n', broken));

        if (await IsInteractiveLayoutAsync())
        {
            // Interactive pages: MudBlazor's stylesheet and ours are in the document (after a navigation inside the
            // circuit no stylesheet is fetched again, so ask the document rather than the network), and the circuit
            // is up (MainLayout marks it).
            var sheets = await Page.EvaluateAsync<string[]>("() => [...document.styleSheets].filter(s => s.href && s.cssRules.length > 0).map(s => s.href)");
            Assert.Contains(sheets, h => h.Contains("/_content/MudBlazor/MudBlazor.min.", StringComparison.Ordinal));
            Assert.Contains(sheets, h => h.Contains("/css/app.", StringComparison.Ordinal));
            if (javaScriptEnabled)
            {
                await WaitForCircuitAsync();
            }
        }
        else
        {
            // The pages that stay static (account, errors, print views): our own stylesheet and header, no
            // framework and no script.
            Assert.True(await Page.Locator(".static-header").CountAsync() > 0, $"{Page.Url} has neither the interactive layout nor the static one.");
            Assert.Contains(seen, a => a.Type == "stylesheet" && a.Url.Contains("/css/static.", StringComparison.Ordinal) && a.Status is 200 or 304);
            Assert.DoesNotContain(seen, a => a.Type == "script");
        }

        // The stylesheet really applies to this page: both looks set IBM Plex Sans on the body, and the
        // browser has loaded that font (not fallen back to a system font).
        var fontFamily = await Page.Locator("body").EvaluateAsync<string>("b => getComputedStyle(b).fontFamily");
        Assert.Contains("IBM Plex Sans", fontFamily, StringComparison.Ordinal);
        var loadedFonts = await Page.Locator("body").EvaluateAsync<string[]>(
            "async () => { await document.fonts.ready; return [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family + ' ' + f.weight); }");
        Assert.True(loadedFonts.Any(f => f.Contains("IBM Plex Sans", StringComparison.Ordinal)),
            $"IBM Plex Sans is not loaded on {Page.Url}; loaded fonts: [{string.Join(", ", loadedFonts)}]");
    }

    /// <summary>True on a page rendered with the interactive (MudBlazor) layout.</summary>
    public Task<bool> IsInteractiveLayoutAsync() => Page.Locator(".mud-layout").CountAsync().ContinueWith(t => t.Result > 0, TaskScheduler.Default);

    /// <summary>
    /// The circuit goes away and a new one takes over: Blazor's pause persists the page's state on the server and ends
    /// the circuit (what happens to a circuit evicted after a lost connection); resume starts a new circuit from it.
    /// </summary>
    public async Task ReplaceCircuitAsync()
    {
        var paused = await Page.EvaluateAsync<bool>("async () => await Blazor.pauseCircuit()");
        Assert.True(paused, "Blazor could not pause the circuit.");
        // The old circuit's "ready" mark stays in the page: take it away, so the wait below waits for the new circuit's own
        // render (under load a click right after resuming otherwise reaches a page no circuit listens to yet).
        await Page.EvaluateAsync("() => document.querySelectorAll('[data-circuit]').forEach(e => e.setAttribute('data-circuit', 'paused'))");
        await Page.WaitForTimeoutAsync(1_000);
        var resumed = await Page.EvaluateAsync<bool>("async () => await Blazor.resumeCircuit()");
        Assert.True(resumed, "Blazor could not resume the circuit from its persisted state.");
        await WaitForCircuitAsync();
    }

    /// <summary>Waits until the page's Blazor circuit has rendered it interactively (MainLayout sets data-circuit="ready").</summary>
    public async Task WaitForCircuitAsync()
    {
        try
        {
            await Page.Locator("[data-circuit='ready']").WaitForAsync(new LocatorWaitForOptions { Timeout = 20_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"The circuit of {Page.Url} did not become interactive within 20 s.\n\nApp output (tail):\n{Tail(server.Output, 40)}");
        }
    }

    public static Regex LoginUrl() => LoginUrlRegex();

    public static Regex HomeUrl() => HomeUrlRegex();

    public static Regex TwoFactorSetupUrl() => TwoFactorSetupUrlRegex();

    public static Regex TwoFactorLoginUrl() => TwoFactorLoginUrlRegex();

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    private static string Tail(string text, int lines) => string.Join('\n', text.Split('\n').TakeLast(lines));

    [GeneratedRegex(@"^https?://[^/]+/konto/log-ind(\?.*)?$")]
    private static partial Regex LoginUrlRegex();

    [GeneratedRegex(@"^https?://[^/]+/(\?.*)?$")]
    private static partial Regex HomeUrlRegex();

    [GeneratedRegex(@"^https?://[^/]+/konto/2fa/opsaet(\?.*)?$")]
    private static partial Regex TwoFactorSetupUrlRegex();

    [GeneratedRegex(@"^https?://[^/]+/konto/log-ind/2fa(\?.*)?$")]
    private static partial Regex TwoFactorLoginUrlRegex();
}
