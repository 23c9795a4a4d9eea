using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using SspKbh.Web.Data;

namespace SspKbh.Web.Tests;

/// <summary>
/// The generated migrations of each provider (ADR 0041): none lags behind the model, and SQL Server, which cannot run
/// here, is held to a script that SQL Server's own parser accepts. Building the model and the script needs no server.
/// </summary>
public sealed class MigrationsTests
{
    public static TheoryData<SqlDialect> Dialects => [SqlDialect.Sqlite, SqlDialect.Postgres, SqlDialect.SqlServer];

    private static SspDbContext Offline(SqlDialect dialect) =>
        new((DbContextOptions<SspDbContext>)DatabaseSetup.UseDatabase(new DbContextOptionsBuilder<SspDbContext>(), dialect, dialect switch
        {
            SqlDialect.Sqlite => "Data Source=:memory:",
            SqlDialect.Postgres => "Host=127.0.0.1;Database=never-opened",
            _ => "Server=127.0.0.1;Database=never-opened;Integrated Security=true",
        }).Options);

    [Theory]
    [MemberData(nameof(Dialects))]
    public void The_model_has_no_change_that_its_migrations_lack(SqlDialect dialect)
    {
        using var db = Offline(dialect);
        var migrations = db.Database.GetMigrations().ToList();
        Assert.Equal(LegacySchema.BaselineId, migrations[0]);
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changes that no {dialect} migration has: run scripts/add-migration.sh <Name> (README).");
    }

    [Fact]
    public void Every_provider_has_the_same_migrations_under_the_same_ids()
    {
        using var sqlite = Offline(SqlDialect.Sqlite);
        using var postgres = Offline(SqlDialect.Postgres);
        using var sqlServer = Offline(SqlDialect.SqlServer);
        var ids = sqlite.Database.GetMigrations().ToList();
        Assert.Equal(ids, postgres.Database.GetMigrations());
        Assert.Equal(ids, sqlServer.Database.GetMigrations());
    }

    [Fact]
    public void The_check_notices_a_model_change_without_a_migration()
    {
        // The same context type with one more index than the migrations know: the check must see it.
        var options = DatabaseSetup.UseDatabase(new DbContextOptionsBuilder<SspDbContext>(), SqlDialect.Sqlite, "Data Source=:memory:")
            .ReplaceService<IModelCustomizer, ExtraIndexCustomizer>()
            .Options;
        using var db = new SspDbContext((DbContextOptions<SspDbContext>)options);
        Assert.True(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public void The_SQL_Server_script_parses_without_errors_and_makes_the_audit_trail_append_only()
    {
        using var db = Offline(SqlDialect.SqlServer);
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(script);
        var fragment = parser.Parse(reader, out var errors);
        Assert.True(errors.Count == 0,
            $"{errors.Count} T-SQL errors, first: " + string.Join("\n", errors.Take(5).Select(e => $"line {e.Line}: {e.Message}")));

        // The parser saw the statements themselves, not one opaque string: tables, indexes and both triggers.
        var statements = fragment is TSqlScript s ? s.Batches.SelectMany(b => b.Statements).ToList() : [];
        Assert.True(statements.Count > 100, $"only {statements.Count} statements parsed");
        Assert.Contains("CREATE TABLE [AuditEntries]", script, StringComparison.Ordinal);
        Assert.Contains("CREATE UNIQUE INDEX [IX_AuditEntries_Sequence]", script, StringComparison.Ordinal);
        // The triggers run as dynamic SQL (EXEC gives CREATE TRIGGER its own batch): parse what EXEC will run, too.
        var triggers = System.Text.RegularExpressions.Regex.Matches(script, @"EXEC\(N'(CREATE TRIGGER (?:[^']|'')*)'\)")
            .Select(m => m.Groups[1].Value.Replace("''", "'", StringComparison.Ordinal)).ToList();
        foreach (var table in new[] { "AuditEntries", "AuditEntrySubjects" })
        {
            var trigger = Assert.Single(triggers, t => t.StartsWith($"CREATE TRIGGER [{table}_append_only] ON [{table}] INSTEAD OF UPDATE, DELETE", StringComparison.Ordinal));
            using var triggerReader = new StringReader(trigger);
            var parsed = parser.Parse(triggerReader, out var triggerErrors);
            Assert.True(triggerErrors.Count == 0, trigger + "\n" + string.Join("\n", triggerErrors.Select(e => $"line {e.Line}: {e.Message}")));
            Assert.IsType<CreateTriggerStatement>(Assert.Single(Assert.Single(((TSqlScript)parsed).Batches).Statements));
            Assert.Contains("append-only", trigger, StringComparison.Ordinal);
        }

        // Every table of the model is in the script.
        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null))
        {
            Assert.Contains($"CREATE TABLE [{entity.GetTableName()}]", script, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_app_s_SQL_Server_statements_parse_without_errors()
    {
        // The statements the app writes in SQL for SQL Server, outside the migrations.
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        foreach (var sql in new[]
                 {
                     Audit.AuditChainWriter.SqlServerAppLock,
                     Features.Cases.OverdueDates.RecomputeSql(SqlDialect.SqlServer, "\"Level\" IN (3, 4)"),
                 }.Concat(AuditSubjectRowsTests.SqlServerTexts()))
        {
            using var reader = new StringReader(sql);
            parser.Parse(reader, out var errors);
            Assert.True(errors.Count == 0, $"{sql}\n" + string.Join("\n", errors.Select(e => $"line {e.Line}: {e.Message}")));
        }
    }

    [Fact]
    public void SQL_Server_accepts_the_model_s_cascading_deletes()
    {
        // SQL Server refuses a foreign key that gives a table a second cascading path from another table (or a cycle),
        // which no parser notices: the script would fail on a real server. Count the paths in the model.
        using var db = Offline(SqlDialect.SqlServer);
        var cascades = db.Model.GetEntityTypes()
            .SelectMany(e => e.GetForeignKeys())
            .Where(fk => fk.DeleteBehavior is DeleteBehavior.Cascade or DeleteBehavior.SetNull)
            .Select(fk => (From: fk.PrincipalEntityType.GetTableName()!, To: fk.DeclaringEntityType.GetTableName()!))
            .ToList();
        Assert.NotEmpty(cascades);

        var problems = new List<string>();
        foreach (var start in cascades.Select(c => c.From).Distinct())
        {
            var paths = new Dictionary<string, int>(StringComparer.Ordinal);
            void Walk(string table, List<string> trail)
            {
                foreach (var next in cascades.Where(c => c.From == table).Select(c => c.To))
                {
                    if (trail.Contains(next))
                    {
                        problems.Add($"cycle: {string.Join(" -> ", trail)} -> {next}");
                        continue;
                    }

                    paths[next] = paths.GetValueOrDefault(next) + 1;
                    Walk(next, [.. trail, next]);
                }
            }

            Walk(start, [start]);
            problems.AddRange(paths.Where(p => p.Value > 1).Select(p => $"{p.Value} cascading paths from {start} to {p.Key}"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct()));
    }

    private sealed class ExtraIndexCustomizer(ModelCustomizerDependencies dependencies) : RelationalModelCustomizer(dependencies)
    {
        public override void Customize(ModelBuilder modelBuilder, DbContext context)
        {
            base.Customize(modelBuilder, context);
            modelBuilder.Entity<Domain.Organisation.Party>().HasIndex(p => p.Name);
        }
    }
}
