using Microsoft.EntityFrameworkCore.Migrations;

namespace SspKbh.Migrations.Sqlite;

/// <summary>The audit trail and its listed subjects refuse UPDATE and DELETE (the model cannot say this; ADR 0041).</summary>
internal static class AppendOnlyAudit
{
    private static readonly string[] Tables = ["AuditEntries", "AuditEntrySubjects"];

    public static void Create(MigrationBuilder migrationBuilder)
    {
        foreach (var table in Tables)
        {
            migrationBuilder.Sql($"""
                CREATE TRIGGER "{table}_no_update" BEFORE UPDATE ON "{table}"
                BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "{table}_no_delete" BEFORE DELETE ON "{table}"
                BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;
                """);
        }
    }

    public static void Drop(MigrationBuilder migrationBuilder)
    {
        foreach (var table in Tables)
        {
            migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{table}_no_update";""");
            migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{table}_no_delete";""");
        }
    }
}
