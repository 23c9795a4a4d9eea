using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using SspKbh.Web.Components.Interactive;
using SspKbh.Web.Components.Mud;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Security;

namespace SspKbh.Tests.Shared;

/// <summary>
/// What a bUnit context needs to stand in for one circuit of the running app: MudBlazor with its Danish texts,
/// the circuit's own context, and <see cref="UiOperations"/> that opens a DI scope of the app itself for every
/// load and save. Used by the component tests' host and by the circuit benchmarks.
/// </summary>
public static class CircuitServices
{
    public static void AddCircuitOf(this IServiceCollection services, IServiceProvider app, string? circuitId)
    {
        services.AddMudServices();
        services.AddDanishMudLocalizer();
        services.AddSingleton(app.GetRequiredService<IOptions<SecurityOptions>>());
        services.AddSingleton(app.GetRequiredService<TimeProvider>());
        services.AddSingleton(app.GetRequiredService<SspKbh.Web.Features.Cases.CaseListMetrics>());
        // The app's own notifier: a save through the app's services reaches the meeting pages rendered here.
        services.AddSingleton(app.GetRequiredService<SspKbh.Web.Features.Meetings.MeetingChangeNotifier>());
        services.AddScoped(_ => new CircuitContext { CircuitId = circuitId });
        services.AddScoped(sp => new UiOperations(app.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<CircuitContext>(), new OperationContext()));
    }
}
