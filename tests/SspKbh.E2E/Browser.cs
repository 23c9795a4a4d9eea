using Microsoft.Playwright;

namespace SspKbh.E2E;

/// <summary>
/// Debian's Chromium driven by Playwright. The browser is never downloaded (no `playwright install`):
/// a missing browser is a test failure, never a skip.
/// </summary>
public static class Browser
{
    public const string DefaultChromium = "/usr/bin/chromium";

    // Without the background-networking flags Chromium keeps trying to reach Google's hosts, which
    // this machine's closed network refuses; --no-sandbox because CI runs as root.
    private static readonly string[] LaunchArgs =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
    ];

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("SSPKBH_CHROMIUM") is { Length: > 0 } path ? path : DefaultChromium;

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var path = ChromiumPath;
        if (!File.Exists(path))
        {
            var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
            throw new InvalidOperationException(
                $"Chromium was not found at {path}{(ci ? " (CI=true: browser tests must run, not skip)" : "")}. " +
                "Install it with `apt-get install chromium` (scripts/test.sh does this when run as root), " +
                "or point SSPKBH_CHROMIUM at a Chromium binary. Never run `playwright install`.");
        }

        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = path,
                Headless = true,
                Args = LaunchArgs,
                Timeout = 60_000,
            });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Folder next to the test assembly where pages are photographed for people to look at.</summary>
    public static string ScreenshotDir
    {
        get
        {
            var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDir, name + ".png"), FullPage = true });
}
