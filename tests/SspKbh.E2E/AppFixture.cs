using Microsoft.Playwright;
using Xunit;

namespace SspKbh.E2E;

/// <summary>One running app and one browser, shared by the tests of a class.</summary>
public abstract class AppFixture(bool requireTwoFactor) : IAsyncLifetime
{
    private AppServer? server;
    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>Extra environment variables for this fixture's app (null: none).</summary>
    protected virtual IReadOnlyDictionary<string, string>? Environment => null;

    public AppServer Server => server ?? throw new InvalidOperationException("The fixture is not started.");

    public async Task InitializeAsync()
    {
        // The browser first: a missing Chromium should be the first thing a failing run says.
        (playwright, browser) = await Browser.LaunchAsync();
        server = await AppServer.StartAsync(requireTwoFactor, Environment);
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>A fresh browser context (own cookies) with a page on the app.</summary>
    public async Task<TrackedPage> NewPageAsync(bool javaScriptEnabled = true, int width = 1280, int height = 900)
    {
        var context = await (browser ?? throw new InvalidOperationException("The fixture is not started.")).NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseUrl.ToString(),
            JavaScriptEnabled = javaScriptEnabled,
            Locale = "da-DK",
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(20_000);

        // Expectations wait as long as actions do: with every test project running at once on two cores, a circuit's
        // round trip can take seconds, and Playwright's 5 s default made correct pages fail. A wrong page still fails.
        Assertions.SetDefaultExpectTimeout(15_000);
        context.SetDefaultNavigationTimeout(30_000);
        var page = await context.NewPageAsync();
        return new TrackedPage(context, page, Server, javaScriptEnabled);
    }
}

public sealed class TwoFactorRequiredApp() : AppFixture(requireTwoFactor: true);

public sealed class TwoFactorOptionalApp() : AppFixture(requireTwoFactor: false);

/// <summary>The app for the meeting pages' tests: its own database, so the meetings they plan meet no other class's.</summary>
public sealed class MeetingsApp() : AppFixture(requireTwoFactor: false);

/// <summary>The app for the case pages' tests; one test restarts it with its clock moved forward.</summary>
public sealed class CasesApp() : AppFixture(requireTwoFactor: false);

/// <summary>
/// The case pages' test classes share one app and run one after another, so a test that restarts the
/// app (with another clock) never pulls it away from under another test.
/// </summary>
[CollectionDefinition(Name)]
public sealed class CasePagesCollection : ICollectionFixture<CasesApp>
{
    public const string Name = "Case pages";
}

/// <summary>An app that revalidates sessions every two seconds, so a test can watch an open circuit end.</summary>
public sealed class QuickRevalidationApp() : AppFixture(requireTwoFactor: false)
{
    protected override IReadOnlyDictionary<string, string>? Environment { get; } =
        new Dictionary<string, string> { ["Security__SessionValidationInterval"] = "00:00:02" };
}
