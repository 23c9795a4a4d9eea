using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SspKbh.Web.Data.Migrations;

/// <summary>
/// One audit entry per view (issue 15): the records a list, board or meeting view showed move from comma-separated
/// pieces of the subject id (several entries per view) to one row each in AuditEntrySubjects, found by the data-subject
/// report through (SubjectId, AuditSequence). Append-only in the database, as the entries are. Entries written before
/// keep their pieces and their hashes.
/// </summary>
[DbContext(typeof(SspDbContext))]
[Migration("20261208090000_AuditEntrySubjects")]
public sealed class AuditEntrySubjects : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "AuditEntrySubjects",
            columns: table => new
            {
                AuditSequence = table.Column<long>(nullable: false),
                SubjectId = table.Column<string>(maxLength: 50, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_AuditEntrySubjects", x => new { x.AuditSequence, x.SubjectId }));
        migrationBuilder.CreateIndex("IX_AuditEntrySubjects_SubjectId_AuditSequence", "AuditEntrySubjects", ["SubjectId", "AuditSequence"]);

        if (migrationBuilder.IsSqlite())
        {
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditEntrySubjects_no_update" BEFORE UPDATE ON "AuditEntrySubjects"
                BEGIN SELECT RAISE(ABORT, 'AuditEntrySubjects is append-only'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditEntrySubjects_no_delete" BEFORE DELETE ON "AuditEntrySubjects"
                BEGIN SELECT RAISE(ABORT, 'AuditEntrySubjects is append-only'); END;
                """);
        }
        else if (migrationBuilder.IsNpgsql())
        {
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditEntrySubjects_append_only" BEFORE UPDATE OR DELETE ON "AuditEntrySubjects"
                FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditEntrySubjects_no_truncate" BEFORE TRUNCATE ON "AuditEntrySubjects"
                FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
                """);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("AuditEntrySubjects");
}
