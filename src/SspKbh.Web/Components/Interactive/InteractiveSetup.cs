using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using SspKbh.Web.Security;

namespace SspKbh.Web.Components.Interactive;

public static class InteractiveSetup
{
    /// <summary>
    /// What interactive pages need besides MudBlazor: the signed-in user as a cascading
    /// <c>Task&lt;AuthenticationState&gt;</c> that is revalidated every minute, the circuit's id and activity, and
    /// <see cref="UiOperations"/> (one DI scope per load or save).
    /// </summary>
    public static IServiceCollection AddInteractiveFoundation(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthStateProvider>();
        services.AddScoped<CircuitContext>();
        services.AddScoped<CircuitHandler, CircuitTracker>();
        services.AddScoped<UiOperations>();
        // Every [PersistentState] goes through this serializer, which carries a view only while it fits the circuit's start message.
        services.AddSingleton(typeof(PersistentComponentStateSerializer<>), typeof(BoundedStateSerializer<>));
        return services;
    }
}
