using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SspKbh.Tests.Shared;

namespace SspKbh.Web.Tests.Infrastructure;

/// <summary>
/// A bUnit context wired like one circuit of the real app (ADR 0021): the page's loads and saves go through
/// <see cref="UiOperations"/> into the running <see cref="SspAppFactory"/>'s own services and database (SQLite
/// or PostgreSQL), as the principal the app itself builds at sign-in. MudBlazor and its Danish texts are real;
/// JavaScript interop is loose (there is no browser). No mocks of our own code.
/// Dispose it with <c>await using</c>: MudBlazor's services are only asynchronously disposable.
/// </summary>
public sealed class ComponentHost : BunitContext
{
    private ComponentHost(SspAppFactory app, ClaimsPrincipal user)
    {
        App = app;
        User = user;
        JSInterop.Mode = JSRuntimeMode.Loose;

        // A save runs against a real database; on a machine busy with other test projects one second (bUnit's
        // default) is too short for some, so a wait gives up after 20 seconds instead. A render that never comes
        // still fails.
        DefaultWaitTimeout = TimeSpan.FromSeconds(20);
        Services.AddCircuitOf(app.Services, "bunit-" + Guid.NewGuid().ToString("N")[..8]);

        // Popovers (MudSelect's list, the autocomplete, pickers) render in the provider, as MainLayout has it in the app.
        Popovers = Render<MudPopoverProvider>();

        // Dialogs render in theirs, inside the authentication state as in MainLayout.
        var state = Task.FromResult(new AuthenticationState(user));
        Dialogs = Render<MudDialogProvider>(builder => builder.AddCascadingValue(state));
        Snackbars = Services.GetRequiredService<ISnackbar>();
    }

    /// <summary>Where MudBlazor's dialogs are rendered.</summary>
    public IRenderedComponent<MudDialogProvider> Dialogs { get; }

    /// <summary>The snackbars the pages have shown.</summary>
    public ISnackbar Snackbars { get; }

    public SspAppFactory App { get; }

    /// <summary>The principal the app built for the user at sign-in, as the page receives it.</summary>
    public ClaimsPrincipal User { get; }

    /// <summary>Where MudSelect's options (and other popovers) are rendered.</summary>
    public IRenderedComponent<MudPopoverProvider> Popovers { get; }

    public NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    /// <summary>The address as the browser shows it, relative to the app ("sager?niveau=...").</summary>
    public string RelativeUri => Navigation.ToBaseRelativePath(Navigation.Uri);

    /// <summary>
    /// Waits until the address passes <paramref name="assertion"/>, then asserts it once more (so a failure says what
    /// the address was). A change of address renders nothing in a component test (there is no router), so the address
    /// is watched itself: a bUnit wait re-checks only on renders, and could check once just before the change and never
    /// again (a CI failure after a confirmed "leave" on the minutes page).
    /// </summary>
    public void WaitForAddress(Action<string> assertion, TimeSpan patience)
    {
        SpinWait.SpinUntil(() => Passes(assertion, RelativeUri), patience);
        assertion(RelativeUri);
    }

    private static bool Passes(Action<string> assertion, string address)
    {
        try
        {
            assertion(address);
            return true;
        }
        catch (Xunit.Sdk.XunitException)
        {
            return false;
        }
    }

    /// <summary>A host for the demo (or test) user with this e-mail address, signed in as the app would sign them in.</summary>
    public static async Task<ComponentHost> ForAsync(SspAppFactory app, string email) =>
        new(app, await app.WithScopeAsync(services => AppHelpers.PrincipalAsync(services, email)));

    /// <summary>Renders a page (or any component) for <see cref="User"/>, who reaches it as the cascading authentication state.</summary>
    public IRenderedComponent<TPage> RenderPage<TPage>(Action<ComponentParameterCollectionBuilder<TPage>>? parameters = null)
        where TPage : IComponent
    {
        var state = Task.FromResult(new AuthenticationState(User));
        return Render<TPage>(builder =>
        {
            parameters?.Invoke(builder);
            builder.AddCascadingValue(state);
        });
    }

    /// <summary>Renders the page as if the browser had opened <paramref name="url"/>.</summary>
    public IRenderedComponent<TPage> RenderAt<TPage>(string url)
        where TPage : IComponent
    {
        Navigation.NavigateTo(url);
        return RenderPage<TPage>();
    }

    /// <summary>
    /// What the browser does when the user clicks a link inside the app: Blazor intercepts it and navigates
    /// (bUnit does not follow <c>href</c>s by itself). Fails if the element is not a link.
    /// </summary>
    public void FollowLink(AngleSharp.Dom.IElement link)
    {
        Assert.Equal("A", link.TagName);
        var href = link.GetAttribute("href");
        Assert.False(string.IsNullOrEmpty(href), "The link has no href.");
        Navigation.NavigateTo(href);
    }

    /// <summary>
    /// Picks the option whose text starts with <paramref name="optionText"/> in the select with this id, as a person
    /// does: a native &lt;select&gt; (the case list's filters) changes to that option; a MudSelect is opened and the
    /// option clicked in its popover.
    /// </summary>
    public async Task PickAsync<TPage>(IRenderedComponent<TPage> page, string selectId, string optionText)
        where TPage : IComponent
    {
        var element = page.Find($"#{selectId}");
        if (element.TagName == "SELECT")
        {
            var options = element.QuerySelectorAll("option");
            var option = options.FirstOrDefault(o => o.TextContent.Trim().StartsWith(optionText, StringComparison.Ordinal))
                ?? throw new InvalidOperationException($"No option «{optionText}» in #{selectId}: {string.Join(" | ", options.Select(o => o.TextContent.Trim()))}");
            await element.ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = option.GetAttribute("value") });
            return;
        }

        var control = element.Closest("div.mud-input-control")
            ?? throw new InvalidOperationException($"No MudSelect around #{selectId}.");
        await control.MouseDownAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());
        Popovers.WaitForElement(".mud-popover-open .mud-list-item", TimeSpan.FromSeconds(5));
        var items = Popovers.FindAll(".mud-popover-open .mud-list-item");
        var chosen = items.FirstOrDefault(o => o.TextContent.Trim().StartsWith(optionText, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No option «{optionText}» in #{selectId}: {string.Join(" | ", items.Select(o => o.TextContent.Trim()))}");
        await chosen.ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());
    }
}
