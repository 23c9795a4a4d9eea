using SspKbh.Web.Infrastructure;

namespace SspKbh.Web.Components.Interactive;

/// <summary>
/// Runs one load or save of an interactive component in a DI scope of its own. In a circuit a scoped
/// service lives as long as the browser tab, so a component never injects <c>SspDbContext</c> or a
/// feature service directly: a tracked context kept for hours would serve stale data, grow without end
/// and mix one operation's failed changes into the next. Each call gets fresh services, and its
/// <see cref="OperationContext"/> names the circuit and the operation ("circuit/operation") so the audit
/// trail and the logs can tie an entry to the tab that caused it.
/// </summary>
public sealed class UiOperations(IServiceScopeFactory scopes, CircuitContext circuit, OperationContext current)
{
    public async Task<TResult> RunAsync<TService, TResult>(Func<TService, Task<TResult>> work)
        where TService : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<OperationContext>().CorrelationId = NewCorrelationId();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public async Task RunAsync<TService>(Func<TService, Task> work)
        where TService : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<OperationContext>().CorrelationId = NewCorrelationId();
        await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>"circuit id/operation id" in a circuit; "request id/operation id" while prerendering.</summary>
    private string NewCorrelationId() =>
        $"{circuit.CircuitId ?? current.CorrelationId ?? "-"}/{Guid.NewGuid().ToString("N")[..8]}";
}
