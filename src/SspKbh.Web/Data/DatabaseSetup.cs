using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SspKbh.Web.Infrastructure;

namespace SspKbh.Web.Data;

/// <summary>Chooses the database provider from configuration and applies the migrations.</summary>
public static class DatabaseSetup
{
    public const string SqliteProvider = "Sqlite";
    public const string PostgresProvider = "Postgres";

    public static IServiceCollection AddSspDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var provider = configuration["Database:Provider"] ?? SqliteProvider;
        if (string.Equals(provider, PostgresProvider, StringComparison.OrdinalIgnoreCase))
        {
            // appsettings.json ships the setting empty, so empty counts as not set.
            var cs = configuration.GetConnectionString("Postgres") is { } configured && !string.IsNullOrWhiteSpace(configured)
                ? configured
                : throw new StartupRefusedException("Database:Provider is Postgres but ConnectionStrings:Postgres is not set.");
            services.AddDbContextFactory<SspDbContext>(o => o.UseNpgsql(cs));
        }
        else if (string.Equals(provider, SqliteProvider, StringComparison.OrdinalIgnoreCase))
        {
            var cs = SqliteConnectionString(configuration, environment);
            services.AddDbContextFactory<SspDbContext>(o => o.UseSqlite(cs).AddInterceptors(new SqliteTuning()));
        }
        else
        {
            throw new StartupRefusedException($"Unknown Database:Provider '{provider}'. Use '{SqliteProvider}' or '{PostgresProvider}'.");
        }

        return services;
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

    /// <summary>Applies pending migrations (creating the database file if it is missing).</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<SspDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers work while one request writes; the setting is stored in the file.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // Gather the statistics the query planner needs to choose the case-list indexes
            // (docs/performance.md); cheap when they are current.
            await db.Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;", cancellationToken);
        }
        else if (pending)
        {
            // New tables and indexes have no statistics until autovacuum gets to them: plan with real ones from the start.
            await db.Database.ExecuteSqlRawAsync("ANALYZE;", cancellationToken);
        }
    }
}
