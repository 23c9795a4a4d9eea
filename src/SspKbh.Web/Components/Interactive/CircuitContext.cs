using Microsoft.AspNetCore.Components.Server.Circuits;

namespace SspKbh.Web.Components.Interactive;

/// <summary>
/// What SspKbh knows about the Blazor circuit a scope belongs to: its id (for correlation ids) and when
/// the user last did something in it (for the idle timeout inside a circuit, see
/// <see cref="Security.RevalidatingAuthStateProvider"/>). Scoped, so one per circuit; outside a circuit
/// (plain HTTP, prerendering) the id is null.
/// </summary>
public sealed class CircuitContext
{
    public string? CircuitId { get; internal set; }

    public DateTimeOffset? LastActivityUtc { get; internal set; }
}

/// <summary>Fills <see cref="CircuitContext"/> when a circuit opens and on every message from the browser.</summary>
public sealed class CircuitTracker(CircuitContext context, TimeProvider clock) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        context.CircuitId = circuit.Id;
        context.LastActivityUtc = clock.GetUtcNow();
        return Task.CompletedTask;
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        activity =>
        {
            context.LastActivityUtc = clock.GetUtcNow();
            return next(activity);
        };
}
