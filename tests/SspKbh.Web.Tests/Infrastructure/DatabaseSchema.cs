using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace SspKbh.Web.Tests.Infrastructure;

/// <summary>
/// A database schema read from the catalogs, as a set of facts ("column Parties.Code: text not null ...").
/// Two schemas are equal when they state the same facts. Column order is not a fact here: it has no
/// meaning to the app and EnsureCreated orders columns differently from a migration.
/// </summary>
public sealed class DatabaseSchema(IEnumerable<string> facts)
{
    /// <summary>Tables that belong to the migration machinery, not to the model.</summary>
    public static readonly string[] IgnoredTables = ["__EFMigrationsHistory", "__EFMigrationsLock"];

    public IReadOnlySet<string> Facts { get; } = new SortedSet<string>(facts, StringComparer.Ordinal);

    /// <summary>What <paramref name="actual"/> lacks ("missing") or adds ("unexpected") compared with this schema.</summary>
    public IReadOnlyList<string> Differences(DatabaseSchema actual) =>
        Facts.Except(actual.Facts).Select(f => "missing:    " + f)
            .Concat(actual.Facts.Except(Facts).Select(f => "unexpected: " + f))
            .ToList();

    /// <summary>The same schema without its triggers, which EnsureCreated never makes (they are raw SQL in the migrations).</summary>
    public DatabaseSchema WithoutTriggers() => new(Facts.Where(f => !f.StartsWith("trigger ", StringComparison.Ordinal)));

    public static async Task<DatabaseSchema> ReadAsync(DbContext db)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            return db.Database.IsSqlite() ? await ReadSqliteAsync(connection) : await ReadPostgresAsync(connection);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<DatabaseSchema> ReadSqliteAsync(DbConnection connection)
    {
        var facts = new List<string>();
        var tables = await QueryAsync(connection,
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
        foreach (var table in tables)
        {
            var name = (string)table[0]!;
            if (IgnoredTables.Contains(name))
            {
                continue;
            }

            var createSql = (string)table[1]!;
            facts.Add($"table {name}" + (createSql.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase) ? " autoincrement" : ""));

            foreach (var c in await QueryAsync(connection, $"SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('{name}')"))
            {
                facts.Add($"column {name}.{c[0]}: {c[1]}{(Convert.ToInt64(c[2], CultureInfo.InvariantCulture) == 1 ? " not null" : " null")}" +
                          $"{(c[3] is null ? "" : " default " + c[3])}{(Convert.ToInt64(c[4], CultureInfo.InvariantCulture) > 0 ? " pk#" + c[4] : "")}");
            }

            var foreignKeys = await QueryAsync(connection,
                $"SELECT id, seq, \"table\", \"from\", \"to\", on_update, on_delete, match FROM pragma_foreign_key_list('{name}') ORDER BY id, seq");
            foreach (var fk in foreignKeys.GroupBy(r => Convert.ToInt64(r[0], CultureInfo.InvariantCulture)))
            {
                var rows = fk.ToList();
                facts.Add($"foreign key {name}({string.Join(",", rows.Select(r => r[3]))}) -> {rows[0][2]}({string.Join(",", rows.Select(r => r[4]))}) " +
                          $"on delete {rows[0][6]} on update {rows[0][5]} match {rows[0][7]}");
            }

            foreach (var index in await QueryAsync(connection, $"SELECT name, \"unique\", origin, partial FROM pragma_index_list('{name}')"))
            {
                var indexName = (string)index[0]!;
                var columns = await QueryAsync(connection, $"SELECT name FROM pragma_index_info('{indexName}') ORDER BY seqno");
                var origin = (string)index[2]!;
                // Names of indexes SQLite makes for keys and UNIQUE constraints are generated, not chosen.
                var shownName = origin == "c" ? indexName : origin;
                facts.Add($"index {name}.{shownName}({string.Join(",", columns.Select(r => r[0]))})" +
                          $"{(Convert.ToInt64(index[1], CultureInfo.InvariantCulture) == 1 ? " unique" : "")}{(Convert.ToInt64(index[3], CultureInfo.InvariantCulture) == 1 ? " partial" : "")}");
            }
        }

        foreach (var trigger in await QueryAsync(connection, "SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'trigger'"))
        {
            facts.Add($"trigger {trigger[0]}.{trigger[1]}: {string.Join(' ', ((string)trigger[2]!).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))}");
        }

        return new DatabaseSchema(facts);
    }

    private static async Task<DatabaseSchema> ReadPostgresAsync(DbConnection connection)
    {
        var facts = new List<string>();
        var ignored = string.Join(",", IgnoredTables.Select(t => $"'{t}'"));

        foreach (var t in await QueryAsync(connection,
                     $"SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ({ignored})"))
        {
            facts.Add($"table {t[0]}");
        }

        foreach (var c in await QueryAsync(connection, $"""
                     SELECT table_name, column_name, data_type, character_maximum_length, numeric_precision, datetime_precision,
                            is_nullable, column_default, is_identity, identity_generation, collation_name
                     FROM information_schema.columns
                     WHERE table_schema = 'public' AND table_name NOT IN ({ignored})
                     """))
        {
            facts.Add($"column {c[0]}.{c[1]}: {c[2]}{(c[3] is null ? "" : $"({c[3]})")} precision={c[4]}/{c[5]}" +
                      $"{(Equals(c[6], "YES") ? " null" : " not null")}{(c[7] is null ? "" : " default " + c[7])}" +
                      $"{(Equals(c[8], "YES") ? " identity " + c[9] : "")}{(c[10] is null ? "" : " collate " + c[10])}");
        }

        foreach (var k in await QueryAsync(connection, $"""
                     SELECT rel.relname, con.conname, con.contype, pg_get_constraintdef(con.oid)
                     FROM pg_constraint con
                     JOIN pg_class rel ON rel.oid = con.conrelid
                     JOIN pg_namespace ns ON ns.oid = rel.relnamespace
                     WHERE ns.nspname = 'public' AND rel.relname NOT IN ({ignored})
                     """))
        {
            facts.Add($"constraint {k[0]}.{k[1]} ({k[2]}): {k[3]}");
        }

        foreach (var i in await QueryAsync(connection,
                     $"SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT IN ({ignored})"))
        {
            facts.Add($"index {i[0]}.{i[1]}: {i[2]}");
        }

        foreach (var t in await QueryAsync(connection, """
                     SELECT rel.relname, tg.tgname, pg_get_triggerdef(tg.oid)
                     FROM pg_trigger tg
                     JOIN pg_class rel ON rel.oid = tg.tgrelid
                     JOIN pg_namespace ns ON ns.oid = rel.relnamespace
                     WHERE ns.nspname = 'public' AND NOT tg.tgisinternal
                     """))
        {
            facts.Add($"trigger {t[0]}.{t[1]}: {t[2]}");
        }

        return new DatabaseSchema(facts);
    }

    private static async Task<List<object?[]>> QueryAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}
