using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;
using SspKbh.Web.Components.Interactive;
using SspKbh.Web.Components.Mud;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Security;

namespace SspKbh.Web.Tests.Infrastructure;

/// <summary>
/// A bUnit context wired like one circuit of the real app (ADR 0021): the component's loads and saves go
/// through <see cref="UiOperations"/> into the running app's own services and database (SQLite or
/// PostgreSQL), as the user the app itself builds at sign-in. MudBlazor and its Danish texts are real;
/// JavaScript interop is loose (there is no browser). Render pages with <see cref="RenderPage{TPage}"/>, which
/// supplies the signed-in user and MudBlazor's popover provider the way MainLayout does.
/// Dispose it with <c>await using</c>: MudBlazor's services are only asynchronously disposable.
/// </summary>
public sealed class ComponentHost : BunitContext
{
    private ComponentHost(SspAppFactory app, ClaimsPrincipal user)
    {
        App = app;
        User = user;
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddDanishMudLocalizer();
        Services.AddSingleton(app.Services.GetRequiredService<IOptions<SecurityOptions>>());
        Services.AddSingleton(app.Services.GetRequiredService<TimeProvider>());
        Services.AddScoped(_ => new CircuitContext { CircuitId = "bunit-" + Guid.NewGuid().ToString("N")[..8] });
        Services.AddScoped(sp => new UiOperations(app.Services.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<CircuitContext>(), new OperationContext()));
    }

    public SspAppFactory App { get; }

    public ClaimsPrincipal User { get; }

    /// <summary>A host for the demo (or test) user with this e-mail address, signed in as the app would sign them in.</summary>
    public static async Task<ComponentHost> ForAsync(SspAppFactory app, string email) =>
        new(app, await app.WithScopeAsync(services => AppHelpers.PrincipalAsync(services, email)));

    /// <summary>Renders a page (or any component) for <see cref="User"/>, with MudBlazor's popover provider beside it.</summary>
    public IRenderedComponent<TPage> RenderPage<TPage>(Action<ComponentParameterCollectionBuilder<TPage>>? parameters = null)
        where TPage : IComponent
    {
        Render<MudPopoverProvider>();
        var state = Task.FromResult(new AuthenticationState(User));
        return Render<TPage>(builder =>
        {
            parameters?.Invoke(builder);
            builder.AddCascadingValue(state);
        });
    }
}
