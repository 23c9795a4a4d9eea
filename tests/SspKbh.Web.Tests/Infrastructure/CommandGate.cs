using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SspKbh.Web.Tests.Infrastructure;

/// <summary>
/// Holds one query the app sends back until the test lets it go, so a test can act while a page is still waiting
/// for its rows (a user who clicks on before the previous view has arrived). It sits in the app's own EF Core
/// pipeline as an interceptor; the query itself runs unchanged against the real database once released.
/// Unarmed it does nothing.
/// </summary>
public sealed class CommandGate : DbCommandInterceptor
{
    private Hold? _armed;

    /// <summary>Holds the next query whose SQL <paramref name="matches"/>; dispose the hold (or release it) to let it go.</summary>
    public Hold HoldNext(Func<string, bool> matches)
    {
        var hold = new Hold(matches);
        if (Interlocked.CompareExchange(ref _armed, hold, null) is not null)
        {
            throw new InvalidOperationException("The gate already holds a query back.");
        }

        return hold;
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _armed) is { } hold && hold.Matches(command.CommandText)
            && Interlocked.CompareExchange(ref _armed, null, hold) == hold)
        {
            hold.Reached.TrySetResult();
            await hold.Released.Task.WaitAsync(cancellationToken);
        }

        return result;
    }

    public sealed class Hold(Func<string, bool> matches) : IDisposable
    {
        internal Func<string, bool> Matches { get; } = matches;

        internal TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        internal TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes when the query has reached the gate and is being held.</summary>
        public Task Held => Reached.Task;

        public void Release() => Released.TrySetResult();

        public void Dispose() => Release();
    }
}
