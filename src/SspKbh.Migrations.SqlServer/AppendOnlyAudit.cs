using Microsoft.EntityFrameworkCore.Migrations;

namespace SspKbh.Migrations.SqlServer;

/// <summary>
/// The audit trail and its listed subjects refuse UPDATE and DELETE (the model cannot say this; ADR 0041): an
/// INSTEAD OF trigger raises and nothing changes. SQL Server fires no trigger on TRUNCATE TABLE; that needs ALTER
/// permission on the table, which the app's login must not have (docs/operations.md).
/// </summary>
internal static class AppendOnlyAudit
{
    private static readonly string[] Tables = ["AuditEntries", "AuditEntrySubjects"];

    public static void Create(MigrationBuilder migrationBuilder)
    {
        foreach (var table in Tables)
        {
            // CREATE TRIGGER must open its batch, and the idempotent script wraps each operation in IF ... BEGIN END:
            // EXEC gives it a batch of its own in both.
            migrationBuilder.Sql($"""
                EXEC(N'CREATE TRIGGER [{table}_append_only] ON [{table}] INSTEAD OF UPDATE, DELETE AS
                BEGIN
                    THROW 51000, N''{table} is append-only'', 1;
                END;');
                """);
        }
    }

    public static void Drop(MigrationBuilder migrationBuilder)
    {
        foreach (var table in Tables)
        {
            migrationBuilder.Sql($"DROP TRIGGER IF EXISTS [{table}_append_only];");
        }
    }
}
