using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using SspKbh.Web.Data;

namespace SspKbh.Web.Tests.Infrastructure;

public enum DbProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A fresh, empty database for one test app: a temp SQLite file, or a new database on the
/// PostgreSQL server named by SSPKBH_TEST_POSTGRES (dropped again on dispose).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "SSPKBH_TEST_POSTGRES";
    public const string DefaultPostgres = "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";

    private TestDatabase(DbProvider provider, string connectionString, string name)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Name = name;
    }

    public DbProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The SQLite file path or the PostgreSQL database name.</summary>
    public string Name { get; }

    /// <summary>The settings that point the app at this database.</summary>
    public IReadOnlyDictionary<string, string?> AppSettings => Provider == DbProvider.Sqlite
        ? new Dictionary<string, string?> { ["Database:Provider"] = "Sqlite", ["ConnectionStrings:Sqlite"] = ConnectionString }
        : new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres", ["ConnectionStrings:Postgres"] = ConnectionString,
            // Each database its own audit anchors (ADR 0028), not the shared App_Data of the source folder.
            ["Audit:AnchorFile"] = PostgresAnchorFile,
        };

    private string PostgresAnchorFile => Path.Combine(Path.GetTempPath(), Name + SspKbh.Web.Audit.AuditAnchorFile.Suffix);

    /// <param name="provider">SQLite or PostgreSQL.</param>
    /// <param name="sqliteFolder">SQLite only: the folder of the file (default: the temp folder).</param>
    public static async Task<TestDatabase> CreateAsync(DbProvider provider, string? sqliteFolder = null)
    {
        if (provider == DbProvider.Sqlite)
        {
            var path = Path.Combine(sqliteFolder ?? Path.GetTempPath(), $"sspkbh-test-{Guid.NewGuid():N}.db");
            return new TestDatabase(provider, $"Data Source={path}", path);
        }

        var name = $"sspkbh_test_{Guid.NewGuid():N}";
        await using (var admin = await OpenPostgresAdminAsync())
        await using (var create = admin.CreateCommand())
        {
            create.CommandText = $"CREATE DATABASE \"{name}\"";
            await create.ExecuteNonQueryAsync();
        }

        var cs = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString;
        return new TestDatabase(provider, cs, name);
    }

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } cs ? cs : DefaultPostgres;

    /// <summary>Opens the server's maintenance database, or fails with a message that says what to do.</summary>
    public static async Task<NpgsqlConnection> OpenPostgresAdminAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = "postgres", Timeout = 5 };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            await connection.DisposeAsync();
            throw new InvalidOperationException(
                $"PostgreSQL tests need a server, but none answered at Host={builder.Host};Port={builder.Port};Username={builder.Username}. " +
                $"Start PostgreSQL (scripts/test.sh does) or point {PostgresVariable} at one. These tests never skip. Cause: {ex.Message}",
                ex);
        }
    }

    /// <summary>A context on this database outside any app (for schema and raw SQL checks), optionally watching its commands.</summary>
    public SspDbContext CreateContext(params IInterceptor[] interceptors)
    {
        var options = new DbContextOptionsBuilder<SspDbContext>().AddInterceptors(interceptors);
        if (Provider == DbProvider.Sqlite)
        {
            DatabaseSetup.UseDatabase(options, SqlDialect.Sqlite, new SqliteConnectionStringBuilder(ConnectionString) { ForeignKeys = true }.ConnectionString);
        }
        else
        {
            DatabaseSetup.UseDatabase(options, SqlDialect.Postgres, ConnectionString);
        }

        return new SspDbContext(options.Options);
    }

    /// <summary>
    /// Closes the pooled connections to this SQLite file only: the tests' own and the app's (which adds
    /// foreign keys to the connection string). Clearing every pool would close the connections of apps
    /// that other tests are running at the same time, and a test that relies on the app holding the file
    /// open (the backup test) would then see it closed.
    /// </summary>
    public void ClearSqlitePools()
    {
        SqliteConnection.ClearPool(new SqliteConnection(ConnectionString));
        SqliteConnection.ClearPool(new SqliteConnection(new SqliteConnectionStringBuilder(ConnectionString) { ForeignKeys = true }.ToString()));
    }

    public async ValueTask DisposeAsync()
    {
        if (Provider == DbProvider.Sqlite)
        {
            ClearSqlitePools();
            foreach (var suffix in new[] { "", "-wal", "-shm", "-journal", SspKbh.Web.Audit.AuditAnchorFile.Suffix })
            {
                try
                {
                    File.Delete(Name + suffix);
                }
                catch (IOException)
                {
                    // A file still held open is left in the temp folder; it is harmless.
                }
            }

            return;
        }

        File.Delete(PostgresAnchorFile);
        NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString));
        await using var admin = await OpenPostgresAdminAsync();
        await using var drop = admin.CreateCommand();
        drop.CommandText = $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)";
        await drop.ExecuteNonQueryAsync();
    }
}
