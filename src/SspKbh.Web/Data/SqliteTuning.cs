using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SspKbh.Web.Data;

/// <summary>
/// SQLite settings that live on a connection rather than in the file. The memory map (ADR 0043, which superseded ADR 0027):
/// with <c>mmap_size</c> above 0 each connection reads pages straight from a map of the file instead of copying them
/// into its own 2 MB cache; the amount is <c>Database:SqliteMemoryMapMegabytes</c>. Applied when a physical connection
/// first opens (a pooled one keeps it) and again if the amount differs.
/// Also on the connection: SQLite's own <c>upper()</c> knows only ASCII, so "Søren" became "SøREN" and a search for
/// "søren" (made "SØREN" in C#) found nothing; <c>upper()</c> is replaced by .NET's invariant upper case, the same rule
/// PostgreSQL and the C# side of every search use.
/// </summary>
public sealed class SqliteTuning(long mmapBytes) : DbConnectionInterceptor
{
    /// <summary>
    /// No map unless configured: every commit (and every page view commits its audit entry) makes each other connection
    /// drop its map and its cache, and mapping again cost more under concurrent use than it saved (ADR 0043).
    /// </summary>
    public const long DefaultMmapBytes = 0;

    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, StrongBox<long>> Applied = [];

    /// <summary>The memory map this interceptor gives every connection, in bytes.</summary>
    public long MmapBytes { get; } = mmapBytes >= 0 ? mmapBytes : throw new ArgumentOutOfRangeException(nameof(mmapBytes));

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite)
        {
            return;
        }

        // On every open: Microsoft.Data.Sqlite removes a connection object's functions when it goes back to the pool,
        // and what it leaves behind answers upper(x) with "wrong number of arguments" on the next open.
        sqlite.CreateFunction("upper", (string? text) => text?.ToUpperInvariant(), isDeterministic: true);
        // -1 for a connection not seen before: set the size even when it is SQLite's own default, whatever the build's is.
        var applied = Applied.GetValue(handle, _ => new StrongBox<long>(-1));
        if (applied.Value == MmapBytes)
        {
            return;
        }

        using var command = sqlite.CreateCommand();
        command.CommandText = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"PRAGMA mmap_size={MmapBytes};");
        command.ExecuteNonQuery();
        applied.Value = MmapBytes;
    }
}
