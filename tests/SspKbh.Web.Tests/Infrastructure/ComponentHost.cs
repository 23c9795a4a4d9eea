using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using SspKbh.Web.Components.Interactive;
using SspKbh.Web.Components.Mud;
using SspKbh.Web.Infrastructure;

namespace SspKbh.Web.Tests.Infrastructure;

/// <summary>
/// A bUnit context for one interactive page over the real app: the page's services come from the running
/// <see cref="SspAppFactory"/> (real database, real feature services, a DI scope per load through
/// <see cref="UiOperations"/>), MudBlazor is registered as in the app (Danish texts included) and the signed-in
/// user carries exactly the claims the app builds at sign-in (<c>AppClaimsPrincipalFactory</c>). No mocks of our code.
/// </summary>
public sealed class ComponentHost : IAsyncDisposable
{
    private ComponentHost(SspAppFactory app, ClaimsPrincipal user)
    {
        App = app;
        User = user;
        Context = new BunitContext();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
        Context.Services.AddDanishMudLocalizer();
        Context.Services.AddSingleton(app.Services.GetRequiredService<IServiceScopeFactory>());
        Context.Services.AddSingleton(new UiOperations(
            app.Services.GetRequiredService<IServiceScopeFactory>(), new CircuitContext(), new OperationContext()));

        var authorization = Context.AddAuthorization();
        authorization.SetAuthorized(user.Identity?.Name ?? "");
        authorization.SetClaims(user.Claims.ToArray());

        // Popovers (MudSelect's list) render in the provider, as MainLayout has it in the app.
        Popovers = Context.Render<MudPopoverProvider>();
    }

    /// <summary>Where MudSelect's options (and other popovers) are rendered.</summary>
    public IRenderedComponent<MudPopoverProvider> Popovers { get; }

    public SspAppFactory App { get; }

    /// <summary>The principal the app built for the user, as the page receives it.</summary>
    public ClaimsPrincipal User { get; }

    public BunitContext Context { get; }

    public NavigationManager Navigation => Context.Services.GetRequiredService<NavigationManager>();

    /// <summary>A host signed in as the user with this email (claims built by the app's own claims factory).</summary>
    public static async Task<ComponentHost> SignedInAsync(SspAppFactory app, string email)
    {
        var user = await app.WithScopeAsync(services => AppHelpers.PrincipalAsync(services, email));
        return new ComponentHost(app, user);
    }

    /// <summary>Renders the page as if the browser had opened <paramref name="url"/>.</summary>
    public IRenderedComponent<TPage> RenderAt<TPage>(string url)
        where TPage : IComponent
    {
        Navigation.NavigateTo(url);
        return Context.Render<TPage>();
    }

    /// <summary>The address as the browser shows it, relative to the app ("sager?niveau=...").</summary>
    public string RelativeUri => Navigation.ToBaseRelativePath(Navigation.Uri);

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

    /// <summary>Opens the MudSelect whose input has this id and clicks the option whose text starts with <paramref name="optionText"/>.</summary>
    public async Task PickAsync<TPage>(IRenderedComponent<TPage> page, string selectId, string optionText)
        where TPage : IComponent
    {
        var control = page.Find($"#{selectId}").Closest("div.mud-input-control")
            ?? throw new InvalidOperationException($"No MudSelect around #{selectId}.");
        await control.MouseDownAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());
        Popovers.WaitForElement(".mud-popover-open .mud-list-item", TimeSpan.FromSeconds(5));
        var options = Popovers.FindAll(".mud-popover-open .mud-list-item");
        var chosen = options.FirstOrDefault(o => o.TextContent.Trim().StartsWith(optionText, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No option «{optionText}» in #{selectId}: {string.Join(" | ", options.Select(o => o.TextContent.Trim()))}");
        await chosen.ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());
    }

    public ValueTask DisposeAsync() => Context.DisposeAsync();
}
