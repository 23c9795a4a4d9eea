using Microsoft.EntityFrameworkCore;
using SspKbh.Web.Data;
using SspKbh.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SspKbh.Web.Tests;

/// <summary>
/// The migrations must build exactly the schema the current model describes (engineering guide: "a migration that
/// drifts from the model fails CI"), and the append-only triggers the model cannot describe.
/// </summary>
public abstract class SchemaTests(ITestOutputHelper output)
{
    protected abstract DbProvider Provider { get; }

    [Fact]
    public async Task Migrations_build_exactly_the_schema_of_the_current_model()
    {
        await using var migratedDb = await TestDatabase.CreateAsync(Provider);
        await using var createdDb = await TestDatabase.CreateAsync(Provider);
        DatabaseSchema migrated, created;
        await using (var db = migratedDb.CreateContext())
        {
            await db.Database.MigrateAsync();
            Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
            migrated = await DatabaseSchema.ReadAsync(db);
        }

        await using (var db = createdDb.CreateContext())
        {
            Assert.True(await db.Database.EnsureCreatedAsync());
            created = await DatabaseSchema.ReadAsync(db);
        }

        // The comparison must look at something: every entity's table, with columns and indexes.
        await using (var db = createdDb.CreateContext())
        {
            foreach (var entity in db.Model.GetEntityTypes())
            {
                Assert.Contains($"table {entity.GetTableName()}", string.Join('\n', created.Facts), StringComparison.Ordinal);
            }
        }

        Assert.Contains(created.Facts, f => f.StartsWith("index ", StringComparison.Ordinal) && f.Contains("unique", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(created.Facts, f => f.StartsWith("column AuditEntries.Sequence", StringComparison.Ordinal));

        output.WriteLine($"{created.Facts.Count} facts from EnsureCreated, {migrated.Facts.Count} from the migrations:");
        foreach (var fact in migrated.Facts)
        {
            output.WriteLine(fact);
        }

        // The audit trail's triggers come from the migrations' own SQL, which EnsureCreated does not run.
        var triggers = migrated.Facts.Where(f => f.StartsWith("trigger ", StringComparison.Ordinal)).ToList();
        Assert.Contains(triggers, t => t.StartsWith("trigger AuditEntries.", StringComparison.Ordinal));
        Assert.Contains(triggers, t => t.StartsWith("trigger AuditEntrySubjects.", StringComparison.Ordinal));
        Assert.Equal(4, triggers.Count);

        var differences = created.Differences(migrated.WithoutTriggers());
        Assert.True(differences.Count == 0,
            $"The migrations ({Provider}) do not build the model's schema:\n" + string.Join('\n', differences));
    }

    [Fact]
    public async Task The_comparison_notices_a_drifted_database()
    {
        await using var reference = await TestDatabase.CreateAsync(Provider);
        await using var drifted = await TestDatabase.CreateAsync(Provider);
        DatabaseSchema expected, actual;
        await using (var db = reference.CreateContext())
        {
            await db.Database.MigrateAsync();
            expected = await DatabaseSchema.ReadAsync(db);
        }

        await using (var db = drifted.CreateContext())
        {
            await db.Database.MigrateAsync();
            // What a careless hand-written migration could do: lose an index's uniqueness, add a column, drop an index.
            await db.Database.ExecuteSqlRawAsync("DROP INDEX \"IX_Parties_Code\"");
            await db.Database.ExecuteSqlRawAsync("CREATE INDEX \"IX_Parties_Code\" ON \"Parties\" (\"Code\")");
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"Parties\" ADD \"Extra\" TEXT NULL");
            await db.Database.ExecuteSqlRawAsync("DROP INDEX \"IX_Groups_Kind\"");
            actual = await DatabaseSchema.ReadAsync(db);
        }

        var differences = expected.Differences(actual);
        Assert.Contains(differences, d => d.StartsWith("unexpected: column Parties.Extra", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.StartsWith("missing:    index", StringComparison.Ordinal) && d.Contains("IX_Groups_Kind", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.StartsWith("missing:    index", StringComparison.Ordinal) && d.Contains("IX_Parties_Code", StringComparison.Ordinal) &&
                                          d.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(4, differences.Count);
    }
}

public sealed class SchemaTestsSqlite(ITestOutputHelper output) : SchemaTests(output)
{
    protected override DbProvider Provider => DbProvider.Sqlite;
}

public sealed class SchemaTestsPostgres(ITestOutputHelper output) : SchemaTests(output)
{
    protected override DbProvider Provider => DbProvider.Postgres;
}

public sealed class DatabaseSchemaComparisonTests
{
    [Fact]
    public void Equal_facts_are_no_difference_and_each_changed_fact_is_reported()
    {
        var a = new DatabaseSchema(["table T", "column T.Id: INTEGER not null pk#1", "column T.Name: TEXT null", "index T.IX_T_Name(Name) unique"]);
        var same = new DatabaseSchema(["index T.IX_T_Name(Name) unique", "column T.Name: TEXT null", "table T", "column T.Id: INTEGER not null pk#1"]);
        var changed = new DatabaseSchema(["table T", "column T.Id: INTEGER not null pk#1", "column T.Name: TEXT not null", "index T.IX_T_Name(Name)"]);

        Assert.Empty(a.Differences(same));
        Assert.Equal(
            [
                "missing:    column T.Name: TEXT null",
                "missing:    index T.IX_T_Name(Name) unique",
                "unexpected: column T.Name: TEXT not null",
                "unexpected: index T.IX_T_Name(Name)",
            ],
            a.Differences(changed));
    }
}
