using Microsoft.EntityFrameworkCore.Migrations;

namespace SspKbh.Migrations.Postgres;

/// <summary>
/// The audit trail and its listed subjects refuse UPDATE, DELETE and TRUNCATE (the model cannot say this; ADR 0041).
/// Names as the hand-written migrations gave them, so a carried-over database has the same triggers.
/// </summary>
internal static class AppendOnlyAudit
{
    private static readonly string[] Tables = ["AuditEntries", "AuditEntrySubjects"];

    public static void Create(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'AuditEntries is append-only'; END; $$;
            """);
        foreach (var table in Tables)
        {
            migrationBuilder.Sql($"""
                CREATE TRIGGER "{table}_append_only" BEFORE UPDATE OR DELETE ON "{table}"
                FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "{table}_no_truncate" BEFORE TRUNCATE ON "{table}"
                FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
                """);
        }
    }

    public static void Drop(MigrationBuilder migrationBuilder)
    {
        foreach (var table in Tables)
        {
            migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{table}_append_only" ON "{table}";""");
            migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{table}_no_truncate" ON "{table}";""");
        }

        migrationBuilder.Sql("DROP FUNCTION IF EXISTS audit_entries_append_only();");
    }
}
