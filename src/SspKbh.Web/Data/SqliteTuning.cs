using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SspKbh.Web.Data;

/// <summary>
/// A SQLite setting that lives on a connection rather than in the file (ADR 0027): pages are read through a memory
/// map of the database that every pooled connection shares. Without it each connection copies pages into its own
/// 2 MB cache, and a query that lands on a connection whose cache holds other pages reads them in again with a
/// system call each (docs/performance.md, session 9). Applied once per physical connection: a pooled one keeps it.
/// Also on the connection: SQLite's own <c>upper()</c> knows only ASCII, so "Søren" became "SøREN" and a search for
/// "søren" (made "SØREN" in C#) found nothing; <c>upper()</c> is replaced by .NET's invariant upper case, the same rule
/// PostgreSQL and the C# side of every search use.
/// </summary>
public sealed class SqliteTuning : DbConnectionInterceptor
{
    /// <summary>Up to 256 MB of the file mapped (used for reads; writes still go through the WAL).</summary>
    public const long MmapBytes = 256L * 1024 * 1024;

    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Tuned = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite)
        {
            return;
        }

        // On every open: Microsoft.Data.Sqlite removes a connection object's functions when it goes back to the pool,
        // and what it leaves behind answers upper(x) with "wrong number of arguments" on the next open.
        sqlite.CreateFunction("upper", (string? text) => text?.ToUpperInvariant(), isDeterministic: true);
        if (!Tuned.TryAdd(handle, Tuned))
        {
            return;
        }

        using var command = sqlite.CreateCommand();
        command.CommandText = $"PRAGMA mmap_size={MmapBytes};";
        command.ExecuteNonQuery();
    }
}
