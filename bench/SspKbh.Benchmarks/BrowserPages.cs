using System.Globalization;
using Microsoft.Playwright;
using SspKbh.E2E;

namespace SspKbh.Benchmarks;

/// <summary>A page of the app and the condition (a JavaScript expression) under which it is shown as wanted.</summary>
/// <param name="Ready">True once the page shows what is measured; for an interactive page, once its circuit has rendered it.</param>
internal sealed record PageKind(string Name, string Path, string Ready)
{
    private const string Interactive = "document.querySelector(\"[data-circuit='ready']\") !== null";

    /// <summary>The case list, page 1 (50 rows) rendered by the circuit (not only prerendered).</summary>
    public static PageKind CaseList { get; } = new("case list /sager", "/sager",
        Interactive + " && document.querySelectorAll(\"[data-testid='case-row']\").length === 50");

    public static PageKind CasePage(int id) => new(string.Create(CultureInfo.InvariantCulture, $"case page /sager/{id}"), string.Create(CultureInfo.InvariantCulture, $"/sager/{id}"),
        Interactive + " && document.querySelector(\"[data-testid='case-summary']\") !== null");

    /// <summary>A meeting page rendered by the circuit with all its agenda rows.</summary>
    public static PageKind Meeting(int id, int items) => new(string.Create(CultureInfo.InvariantCulture, $"meeting page /moeder/{id} ({items} agenda items)"),
        string.Create(CultureInfo.InvariantCulture, $"/moeder/{id}"),
        Interactive + string.Create(CultureInfo.InvariantCulture, $" && document.querySelectorAll(\"[data-testid='agenda-item']\").length === {items}"));

    public static PageKind Home { get; } = new("home /", "/", Interactive + " && document.querySelector(\"[data-testid='my-groups']\") !== null");

    /// <summary>A static page of the app (no circuit): the signed-in user's account page.</summary>
    public static PageKind Control { get; } = new("control /konto (static, no circuit)", "/konto",
        "document.querySelector(\"[data-testid='my-account']\") !== null && document.querySelector('[data-circuit]') === null");
}

/// <summary>
/// Debian's Chromium, headless, launched like the browser tests launch it (tests/SspKbh.E2E/Browser.cs): one browser,
/// one context per signed-in person; every page of a context is its own document, so every interactive page is its
/// own circuit.
/// </summary>
internal sealed class Chromium : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Timed in the page: from <c>Blazor.navigateTo</c> until the results element says it shows the new address
    /// (data-shown-query, not busy), as CircuitBenchmarks.WaitForQuery checks it; a MutationObserver sees the change
    /// when the circuit's render batch has been applied to the DOM.
    /// </summary>
    private const string FilterChangeScript = """
        async (query) => {
            const shown = () => {
                const results = document.querySelector("[data-testid='case-results']");
                return results !== null && (results.getAttribute('data-shown-query') ?? '').replace(/^\?+/, '') === query
                    && results.getAttribute('aria-busy') !== 'true';
            };
            return await new Promise((resolve, reject) => {
                let start = 0;
                const observer = new MutationObserver(() => {
                    if (shown()) {
                        const elapsed = performance.now() - start;
                        observer.disconnect();
                        clearTimeout(timer);
                        resolve(elapsed);
                    }
                });
                const timer = setTimeout(() => { observer.disconnect(); reject(new Error('not shown within 30 s: ' + query)); }, 30000);
                observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
                start = performance.now();
                Blazor.navigateTo('/sager?' + query);
            });
        }
        """;

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;
    private readonly Uri baseUrl;
    private readonly List<IBrowserContext> contexts = [];

    private Chromium(IPlaywright playwright, IBrowser browser, Uri baseUrl)
    {
        this.playwright = playwright;
        this.browser = browser;
        this.baseUrl = baseUrl;
    }

    public static async Task<Chromium> LaunchAsync(Uri baseUrl)
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        return new Chromium(playwright, browser, baseUrl);
    }

    /// <summary>A new context (own cookies) signed in through the login page; the login lands on the static account page.</summary>
    public async Task<IBrowserContext> SignInAsync(string email, string password)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(),
            Locale = "da-DK",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        contexts.Add(context);
        context.SetDefaultTimeout((float)Timeout.TotalMilliseconds);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/konto/log-ind?ReturnUrl=%2Fkonto");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForURLAsync(new Uri(baseUrl, "konto").ToString());
        await WaitForAsync(page, PageKind.Control);
        await page.CloseAsync();
        return context;
    }

    /// <summary>Opens the page in a new tab and waits until it is shown; returns the tab and when it was shown (ms since the navigation started).</summary>
    public static async Task<(IPage Page, double ShownAtMs)> OpenAsync(IBrowserContext context, PageKind kind)
    {
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                Console.WriteLine($"[browser {message.Type}] {kind.Name}: {message.Text}");
            }
        };
        var response = await page.GotoAsync(kind.Path);
        if (response is not { Ok: true })
        {
            throw new InvalidOperationException($"GET {kind.Path} answered {response?.Status} (at {page.Url}).");
        }

        return (page, await WaitForAsync(page, kind));
    }

    /// <summary>When the document's first byte arrived and when DOMContentLoaded ended, in ms since the navigation started.</summary>
    public static async Task<(double ResponseStart, double DomContentLoaded)> NavigationTimingAsync(IPage page)
    {
        var timing = await page.EvaluateAsync<double[]>(
            "() => { const n = performance.getEntriesByType('navigation')[0]; return [n.responseStart, n.domContentLoadedEventEnd]; }");
        return (timing[0], timing[1]);
    }

    /// <summary>Changes the list's address inside the circuit and returns the browser's round trip in ms.</summary>
    public static Task<double> ChangeFilterAsync(IPage page, string query) => page.EvaluateAsync<double>(FilterChangeScript, query);

    public static async Task CloseAllAsync(IEnumerable<IPage> pages)
    {
        foreach (var page in pages)
        {
            await page.CloseAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in contexts)
        {
            await context.DisposeAsync();
        }

        await browser.DisposeAsync();
        playwright.Dispose();
    }

    /// <summary>Polls on animation frames; the result is the page's clock when the condition first held.</summary>
    private static async Task<double> WaitForAsync(IPage page, PageKind kind)
    {
        try
        {
            var handle = await page.WaitForFunctionAsync($"() => ({kind.Ready}) ? performance.now() : null", null,
                new PageWaitForFunctionOptions { Timeout = (float)Timeout.TotalMilliseconds });
            return await handle.JsonValueAsync<double>();
        }
        catch (TimeoutException)
        {
            // Say what the page showed instead, so a changed page or a refusal is seen at once.
            var text = await page.Locator("body").InnerTextAsync(new LocatorInnerTextOptions { Timeout = 5_000 });
            text = await page.EvaluateAsync<string>("() => 'circuit=' + document.querySelector('[data-circuit]')?.getAttribute('data-circuit') + ' state-bytes=' + ((h => { const i = h.indexOf('Blazor-Server-Component-State:'); return i < 0 ? -1 : h.indexOf('-->', i) - i; })(document.documentElement.outerHTML)) + ' agenda-items=' + document.querySelectorAll(\"[data-testid='agenda-item']\").length") + " " + text;
            throw new TimeoutException($"{kind.Name} was not shown as wanted within {Timeout.TotalSeconds} s at {page.Url}; the page said: {text[..Math.Min(text.Length, 600)]}");
        }
    }
}
