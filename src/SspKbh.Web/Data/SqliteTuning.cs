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
        if (connection is not SqliteConnection { Handle: { } handle } || !Tuned.TryAdd(handle, Tuned))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA mmap_size={MmapBytes};";
        command.ExecuteNonQuery();
    }
}
