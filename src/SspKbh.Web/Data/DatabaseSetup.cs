using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SspKbh.Web.Infrastructure;

namespace SspKbh.Web.Data;

/// <summary>Chooses the database provider from configuration and applies the migrations.</summary>
public static class DatabaseSetup
{
    public const string SqliteProvider = "Sqlite";
    public const string PostgresProvider = "Postgres";
    public const string SqlServerProvider = "SqlServer";

    public static IServiceCollection AddSspDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var dialect = ProviderFrom(configuration);
        var cs = dialect switch
        {
            SqlDialect.Sqlite => SqliteConnectionString(configuration, environment),
            SqlDialect.Postgres => PostgresConnectionString(ServerConnectionString(configuration, PostgresProvider)),
            _ => ServerConnectionString(configuration, SqlServerProvider),
        };
        var memoryMap = dialect == SqlDialect.Sqlite ? SqliteMemoryMapBytes(configuration) : 0;
        services.AddDbContextFactory<SspDbContext>(o => UseDatabase(o, dialect, cs, memoryMap));
        return services;
    }

    /// <summary>
    /// <c>Database:SqliteMemoryMapMegabytes</c>: how much of the SQLite file each connection reads through a memory map
    /// (ADR 0043; <see cref="SqliteTuning.DefaultMmapBytes"/> when unset). A value that is not a whole number from 0 to
    /// 65,536 refuses the start in one line.
    /// </summary>
    public static long SqliteMemoryMapBytes(IConfiguration configuration)
    {
        var configured = configuration["Database:SqliteMemoryMapMegabytes"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return SqliteTuning.DefaultMmapBytes;
        }

        return int.TryParse(configured, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var megabytes) && megabytes <= 65_536
            ? megabytes * 1024L * 1024
            : throw new StartupRefusedException(
                $"Database:SqliteMemoryMapMegabytes must be a whole number of megabytes from 0 to 65536, not '{configured}'.");
    }

    /// <summary><c>Database:Provider</c> (Sqlite when unset); a name the app does not know refuses the start in one line.</summary>
    public static SqlDialect ProviderFrom(IConfiguration configuration)
    {
        var provider = configuration["Database:Provider"];
        return string.IsNullOrWhiteSpace(provider) || string.Equals(provider, SqliteProvider, StringComparison.OrdinalIgnoreCase) ? SqlDialect.Sqlite
            : string.Equals(provider, PostgresProvider, StringComparison.OrdinalIgnoreCase) ? SqlDialect.Postgres
            : string.Equals(provider, SqlServerProvider, StringComparison.OrdinalIgnoreCase) ? SqlDialect.SqlServer
            : throw new StartupRefusedException(
                $"Unknown Database:Provider '{provider}'. Use '{SqliteProvider}', '{PostgresProvider}' or '{SqlServerProvider}'.");
    }

    /// <summary>The provider with its own migrations assembly (ADR 0041); the tests build their contexts with this too.</summary>
    /// <param name="sqliteMemoryMapBytes">SQLite only: the memory map per connection (<see cref="SqliteMemoryMapBytes"/>).</param>
    public static DbContextOptionsBuilder UseDatabase(DbContextOptionsBuilder options, SqlDialect dialect, string connectionString,
        long sqliteMemoryMapBytes = SqliteTuning.DefaultMmapBytes) =>
        dialect switch
        {
            SqlDialect.Sqlite => options.UseSqlite(connectionString, o => o.MigrationsAssembly(MigrationsAssemblies.Sqlite))
                .AddInterceptors(new SqliteTuning(sqliteMemoryMapBytes)),
            SqlDialect.Postgres => options.UseNpgsql(connectionString, o => o.MigrationsAssembly(MigrationsAssemblies.Postgres)),
            SqlDialect.SqlServer => options.UseSqlServer(connectionString, o => o.MigrationsAssembly(MigrationsAssemblies.SqlServer)),
            _ => throw new ArgumentOutOfRangeException(nameof(dialect)),
        };

    private static string ServerConnectionString(IConfiguration configuration, string provider) =>
        // appsettings.json ships the setting empty, so empty counts as not set.
        configuration.GetConnectionString(provider) is { } configured && !string.IsNullOrWhiteSpace(configured)
            ? configured
            : throw new StartupRefusedException($"Database:Provider is {provider} but ConnectionStrings:{provider} is not set.");

    /// <summary>
    /// Npgsql's defaults made for a web app that opens a short-lived context per operation (issue 15, docs/performance.md):
    /// statements used twice are prepared once per connection and kept across the pool (no parse and plan per query on
    /// the server), and a connection going back to the pool is not reset with DISCARD ALL (a round trip each time; the
    /// app keeps no session state: no SET, no temporary tables, only transaction-scoped advisory locks). A connection
    /// string that names any of these settings keeps its own values.
    /// </summary>
    public static string PostgresConnectionString(string configured)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = configured };
        bool Names(params string[] keys) => given.Keys.Cast<string>()
            .Any(k => keys.Contains(k.Replace(" ", "", StringComparison.Ordinal), StringComparer.OrdinalIgnoreCase));
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(configured);
        if (!Names("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
        }

        if (!Names("AutoPrepareMinUsages"))
        {
            builder.AutoPrepareMinUsages = 2;
        }

        if (!Names("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    /// <summary>Resolves a relative SQLite file path against the content root and creates its folder.</summary>
    public static string SqliteConnectionString(IConfiguration configuration, IHostEnvironment environment)
    {
        var builder = new SqliteConnectionStringBuilder(configuration.GetConnectionString("Sqlite") ?? "Data Source=App_Data/sspkbh.db");
        if (!Path.IsPathRooted(builder.DataSource) && builder.DataSource != ":memory:")
        {
            builder.DataSource = Path.Combine(environment.ContentRootPath, builder.DataSource);
        }

        var folder = Path.GetDirectoryName(builder.DataSource);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        builder.ForeignKeys = true;
        return builder.ToString();
    }

    /// <summary>
    /// Applies pending migrations (creating the database file if it is missing). A database made by the hand-written
    /// migrations of before ADR 0041 is first carried over to the baseline; one the app does not recognise is refused
    /// unchanged (<see cref="LegacySchema"/>).
    /// </summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<SspDbContext>>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseSetup));
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await LegacySchema.CheckAndCarryOverAsync(db, logger, cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers work while one request writes; the setting is stored in the file.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        // A new database has no history table yet; reading it would log a failed command.
        var historyExists = await LegacySchema.HistoryExistsAsync(db, cancellationToken);
        var pending = !historyExists || (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any();
        if (!historyExists)
        {
            await LegacySchema.CreatePostgresHistoryTableAsync(db, cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);
        switch (db.Database.Dialect())
        {
            case SqlDialect.Sqlite:
                // Gather the statistics the query planner needs to choose the case-list indexes
                // (docs/performance.md); cheap when they are current.
                await db.Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;", cancellationToken);
                break;
            case SqlDialect.Postgres when pending:
                // New tables and indexes have no statistics until autovacuum gets to them: plan with real ones from the start.
                await db.Database.ExecuteSqlRawAsync("ANALYZE;", cancellationToken);
                break;
            case SqlDialect.SqlServer when pending:
                await db.Database.ExecuteSqlRawAsync("EXEC sp_updatestats;", cancellationToken);
                break;
        }
    }
}
