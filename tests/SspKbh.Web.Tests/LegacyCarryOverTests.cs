using System.Data.Common;
using System.Globalization;
using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SspKbh.Web.Audit;
using SspKbh.Web.Data;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// A demo database made by the hand-written migrations of before ADR 0041 (Fixtures/README.md) is carried over to the
/// generated baseline: every row stays as it was, the schema is the baseline's (append-only triggers included), the
/// audit chain verifies, and the app runs on it. A database the app does not recognise is refused and left unchanged.
/// </summary>
public abstract class LegacyCarryOverTests
{
    protected abstract DbProvider Provider { get; }

    private SqlDialect Dialect => Provider == DbProvider.Sqlite ? SqlDialect.Sqlite : SqlDialect.Postgres;

    [Fact]
    public async Task A_database_of_the_hand_written_migrations_is_carried_over_without_losing_a_row()
    {
        await using var legacy = await RestoreFixtureAsync();
        Dictionary<string, List<string>> before;
        await using (var db = legacy.CreateContext())
        {
            Assert.Equal(LegacySchema.MigrationIds, await db.Database.GetAppliedMigrationsAsync());
            before = await ContentsAsync(db);
        }

        // The fixture has what the issue asks for: cases, meetings, conversations and audit entries with listed subjects.
        foreach (var table in new[] { "Cases", "Meetings", "ConcernConversations", "AuditEntries", "AuditEntrySubjects", "AspNetUsers" })
        {
            Assert.True(before[table].Count > 0, $"The fixture has no rows in {table}.");
        }

        await MigrateAsync(legacy);

        DatabaseSchema carried;
        await using (var db = legacy.CreateContext())
        {
            Assert.Equal([LegacySchema.BaselineId], await db.Database.GetAppliedMigrationsAsync());
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            var after = await ContentsAsync(db);
            Assert.Equal(before.Keys.Order(), after.Keys.Order());
            foreach (var (table, rows) in before)
            {
                Assert.True(rows.SequenceEqual(after[table]), $"{table}: {rows.Count} rows before, {after[table].Count} after, or a row changed.");
            }

            carried = await DatabaseSchema.ReadAsync(db);
        }

        // The same schema, triggers included, as a database the baseline builds from nothing.
        await using (var fresh = await TestDatabase.CreateAsync(Provider))
        {
            await MigrateAsync(fresh);
            await using var db = fresh.CreateContext();
            var built = await DatabaseSchema.ReadAsync(db);
            Assert.Equal([], built.Differences(carried));
            Assert.Contains(carried.Facts, f => f.StartsWith("trigger AuditEntries.", StringComparison.Ordinal));
        }

        // A second start finds nothing to do.
        await MigrateAsync(legacy);

        // The app runs on it: the chain verifies (and the SQLite file's anchor still holds), the trail stays append-only.
        await using (var app = SspAppFactory.StartOn(legacy))
        {
            var verified = await app.WithScopeAsync(s => s.GetRequiredService<AuditVerification>().VerifyAsync());
            Assert.True(verified.IsValid, verified.Problem);
            Assert.Equal(before["AuditEntries"].Count, verified.EntriesChecked);
            if (Provider == DbProvider.Sqlite)
            {
                var anchor = new AuditAnchorFile(legacy.Name + AuditAnchorFile.Suffix).Newest();
                Assert.NotNull(anchor);
                Assert.Null(await app.WithScopeAsync(s => s.GetRequiredService<AuditVerification>().CheckAnchorAsync(anchor)));
            }

            await using var db = legacy.CreateContext();
            var update = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"Action\" = 'x'"));
            Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
            var delete = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntrySubjects\""));
            Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_database_stopped_at_an_older_hand_written_migration_is_refused_unchanged()
    {
        await using var legacy = await RestoreFixtureAsync();
        await using (var db = legacy.CreateContext())
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = '20261210090000_CaseOverdueFrom'");
        }

        var refused = await RefusedUnchangedAsync(legacy);
        Assert.Contains("older SspKbh whose last migration was 20261209090000_AuditGridPeriodsAndCombinations", refused, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_with_migrations_the_app_does_not_know_is_refused_unchanged()
    {
        await using var legacy = await RestoreFixtureAsync();
        await using (var db = legacy.CreateContext())
        {
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ('20991231000000_FromTheFuture', '99.0.0')");
        }

        var refused = await RefusedUnchangedAsync(legacy);
        Assert.Contains("migrations this version of SspKbh does not know (20991231000000_FromTheFuture)", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_of_another_application_is_refused_unchanged()
    {
        await using var other = await TestDatabase.CreateAsync(Provider);
        await using (var db = other.CreateContext())
        {
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE \"Invoices\" (\"Id\" INTEGER PRIMARY KEY, \"Amount\" INTEGER NOT NULL)");
            await db.Database.ExecuteSqlRawAsync("INSERT INTO \"Invoices\" VALUES (1, 100)");
        }

        var refused = await RefusedUnchangedAsync(other);
        Assert.Contains("has tables (Invoices) but no SspKbh migration history", refused, StringComparison.Ordinal);
    }

    /// <summary>Migrates as the app does at start (and as the `migrate` command does).</summary>
    private static async Task MigrateAsync(TestDatabase database)
    {
        var services = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddDbContextFactory<SspDbContext>(o => DatabaseSetup.UseDatabase(o, database.Provider == DbProvider.Sqlite ? SqlDialect.Sqlite : SqlDialect.Postgres,
                database.Provider == DbProvider.Sqlite ? new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString) { ForeignKeys = true }.ConnectionString : database.ConnectionString))
            .BuildServiceProvider();
        await using (services)
        {
            await DatabaseSetup.MigrateAsync(services);
        }

        if (database.Provider == DbProvider.Sqlite)
        {
            database.ClearSqlitePools();
        }
    }

    /// <summary>Starting on the database is refused with the returned message, and not a row, table or history line changes.</summary>
    private async Task<string> RefusedUnchangedAsync(TestDatabase database)
    {
        Dictionary<string, List<string>> before;
        DatabaseSchema schemaBefore;
        await using (var db = database.CreateContext())
        {
            before = await ContentsAsync(db);
            schemaBefore = await DatabaseSchema.ReadAsync(db);
        }

        var refused = await Assert.ThrowsAsync<StartupRefusedException>(() => MigrateAsync(database));

        // The operator's view too: the `migrate` command ends with the refusal's exit code and that one line, no stack trace.
        var process = await AppProcess.RunAsync(database, "migrate");
        Assert.Equal(StartupRefusedException.ExitCode, process.ExitCode);
        Assert.Equal($"SspKbh does not start: {refused.Message}", process.Error.Trim());

        await using (var db = database.CreateContext())
        {
            var after = await ContentsAsync(db);
            Assert.Equal(before.Keys.Order(), after.Keys.Order());
            foreach (var (table, rows) in before)
            {
                Assert.True(rows.SequenceEqual(after[table]), $"{table} changed although the start was refused.");
            }

            Assert.Equal([], schemaBefore.Differences(await DatabaseSchema.ReadAsync(db)));
        }

        return refused.Message;
    }

    private async Task<TestDatabase> RestoreFixtureAsync()
    {
        var database = await TestDatabase.CreateAsync(Provider);
        var fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures");
        if (Provider == DbProvider.Sqlite)
        {
            await using (var gz = new GZipStream(File.OpenRead(Path.Combine(fixtures, "legacy-demo.sqlite.gz")), CompressionMode.Decompress))
            await using (var file = File.Create(database.Name))
            {
                await gz.CopyToAsync(file);
            }

            File.Copy(Path.Combine(fixtures, "legacy-demo.sqlite.audit-anchors.jsonl"), database.Name + AuditAnchorFile.Suffix);
            return database;
        }

        string dump;
        await using (var gz = new GZipStream(File.OpenRead(Path.Combine(fixtures, "legacy-demo-postgres.sql.gz")), CompressionMode.Decompress))
        using (var reader = new StreamReader(gz))
        {
            dump = await reader.ReadToEndAsync();
        }

        // pg_dump empties the search path for its session: a connection of its own, not returned to the pool.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(dump, connection);
        await command.ExecuteNonQueryAsync();
        return database;
    }

    /// <summary>Every row of every table (EF's own bookkeeping aside), as text, in key order.</summary>
    private static async Task<Dictionary<string, List<string>>> ContentsAsync(SspDbContext db)
    {
        var contents = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            var listing = db.Database.IsSqlite()
                ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'";
            var tables = new List<string>();
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = listing;
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            foreach (var table in tables.Where(t => !DatabaseSchema.IgnoredTables.Contains(t)))
            {
                var rows = new List<string>();
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT * FROM \"{table}\"";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    var values = new string[reader.FieldCount];
                    for (var i = 0; i < values.Length; i++)
                    {
                        values[i] = reader.GetName(i) + "=" + (reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture));
                    }

                    rows.Add(string.Join("|", values.Order(StringComparer.Ordinal)));
                }

                rows.Sort(StringComparer.Ordinal);
                contents[table] = rows;
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return contents;
    }
}

public sealed class LegacyCarryOverTestsSqlite : LegacyCarryOverTests
{
    protected override DbProvider Provider => DbProvider.Sqlite;
}

public sealed class LegacyCarryOverTestsPostgres : LegacyCarryOverTests
{
    protected override DbProvider Provider => DbProvider.Postgres;
}
