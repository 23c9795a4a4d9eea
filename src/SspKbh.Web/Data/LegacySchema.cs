using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SspKbh.Web.Infrastructure;

namespace SspKbh.Web.Data;

/// <summary>
/// Databases made before ADR 0041, by the hand-written migrations that the generated baseline replaced. The baseline
/// builds exactly the schema those fourteen migrations left (SchemaTests hold both to the model), so such a database is
/// carried over by its history alone: the fourteen rows give way to the baseline's, in one transaction, and no table
/// or row is touched. Anything else that is not empty and not ours is refused before a single statement changes it.
/// </summary>
public static class LegacySchema
{
    /// <summary>The generated baseline every provider's migrations start with.</summary>
    public const string BaselineId = "20261205000000_Baseline";

    /// <summary>The hand-written migrations, all of which a carried-over database must have had applied.</summary>
    public static readonly IReadOnlyList<string> MigrationIds =
    [
        "20261122090000_InitialCreate", "20261122100000_Cases", "20261122120000_CaseListIndexes", "20261122130000_CaseSearchIndex",
        "20261122150000_ConsentAccessRetention", "20261122170000_Meetings", "20261122190000_ConcernConversations",
        "20261204090000_CaseFilterIndexes", "20261205090000_UserSessions", "20261206090000_MeetingGroupNameHeldUnder",
        "20261207090000_AuditViewerIndexes", "20261208090000_AuditEntrySubjects", "20261209090000_AuditGridPeriodsAndCombinations",
        "20261210090000_CaseOverdueFrom",
    ];

    private static readonly string[] MigrationTables = ["__EFMigrationsHistory", "__EFMigrationsLock"];

    /// <summary>Carries a database of the hand-written migrations over, or refuses one the app does not recognise; any other database is left to <c>Migrate</c>.</summary>
    public static async Task CheckAndCarryOverAsync(SspDbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        // Asked first: reading a history table that is not there logs a failed command at error level.
        var applied = await HistoryExistsAsync(db, cancellationToken)
            ? (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList()
            : [];
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        if (applied.Count == 0)
        {
            var tables = await TablesAsync(db, cancellationToken);
            if (tables.Count > 0)
            {
                throw new StartupRefusedException(
                    $"The database has tables ({string.Join(", ", tables.Take(5))}{(tables.Count > 5 ? ", …" : "")}) but no SspKbh migration history, "
                    + "so it was not made by SspKbh. Nothing was changed. Point the connection string at an empty database or at an SspKbh database.");
            }

            return;
        }

        if (applied.All(known.Contains))
        {
            return;
        }

        if (applied.ToHashSet(StringComparer.Ordinal).SetEquals(MigrationIds))
        {
            await CarryOverAsync(db, cancellationToken);
            logger.LogInformation("Database carried over from the hand-written migrations (last {Legacy}) to the generated {Baseline}; no table or row was changed",
                MigrationIds[^1], BaselineId);
            return;
        }

        if (applied.All(MigrationIds.Contains))
        {
            throw new StartupRefusedException(
                $"The database was made by an older SspKbh whose last migration was {applied.Max(StringComparer.Ordinal)}; this version carries over "
                + $"only databases at {MigrationIds[^1]}. Nothing was changed. Start the last version with hand-written migrations on it once, then this one.");
        }

        throw new StartupRefusedException(
            $"The database has migrations this version of SspKbh does not know ({string.Join(", ", applied.Where(a => !known.Contains(a) && !MigrationIds.Contains(a)).Take(5))}): "
            + "it was made by a newer version or by another application. Nothing was changed.");
    }

    private static async Task CarryOverAsync(SspDbContext db, CancellationToken cancellationToken)
    {
        var history = db.GetService<IHistoryRepository>();
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            var removed = 0;
            foreach (var id in MigrationIds)
            {
#pragma warning disable EF1002 // The history repository's own statement for a constant id.
                removed += await db.Database.ExecuteSqlRawAsync(history.GetDeleteScript(id), cancellationToken);
#pragma warning restore EF1002
            }

            // Another instance starting at the same moment carried it over already: its baseline row stands.
            if (removed > 0)
            {
#pragma warning disable EF1002
                await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(BaselineId, ProductInfo.GetVersion())), cancellationToken);
#pragma warning restore EF1002
            }

            await tx.CommitAsync(cancellationToken);
        });
    }

    /// <summary>
    /// Whether EF's migration history table exists. On PostgreSQL the catalog is asked: Npgsql's own check reads the
    /// table itself, and on a new database that read fails and is logged at error level before the answer comes back.
    /// </summary>
    public static async Task<bool> HistoryExistsAsync(SspDbContext db, CancellationToken cancellationToken) =>
        db.Database.Dialect() == SqlDialect.Postgres
            ? await db.Database.SqlQueryRaw<int>(
                $"""SELECT count(*)::int AS "Value" FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '{HistoryRepository.DefaultTableName}'""")
                .SingleAsync(cancellationToken) > 0
            : await db.GetService<IHistoryRepository>().ExistsAsync(cancellationToken);

    /// <summary>
    /// On PostgreSQL, makes the (empty) history table of a new database before EF's migrator looks for it, so that the
    /// first start logs no failed command (see <see cref="HistoryExistsAsync"/>). The migrator would make the same table.
    /// </summary>
    public static async Task CreatePostgresHistoryTableAsync(SspDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.Dialect() == SqlDialect.Postgres)
        {
#pragma warning disable EF1002 // EF's own script, no input in it.
            await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), cancellationToken);
#pragma warning restore EF1002
        }
    }

    /// <summary>The database's own tables, without EF's migration bookkeeping.</summary>
    private static async Task<List<string>> TablesAsync(SspDbContext db, CancellationToken cancellationToken)
    {
        var sql = db.Database.Dialect() switch
        {
            SqlDialect.Sqlite => """SELECT name AS "Value" FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'""",
            SqlDialect.Postgres => """SELECT table_name::text AS "Value" FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'""",
            _ => """SELECT TABLE_NAME AS "Value" FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = SCHEMA_NAME() AND TABLE_TYPE = 'BASE TABLE'""",
        };
        var tables = await db.Database.SqlQueryRaw<string>(sql).ToListAsync(cancellationToken);
        return tables.Where(t => !MigrationTables.Contains(t, StringComparer.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList();
    }
}
