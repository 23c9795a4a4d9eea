using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SspKbh.Web.Data.Migrations;

/// <summary>
/// Indexes for the interactive audit viewer at 1,000,000 entries (docs/performance.md): each filter the viewer offers
/// (user, action, party, purpose, outcome, subject) gets an index that ends in Sequence, so a page of a filter, newest
/// or oldest first, and its capped count are one ordered range of that index. The subject and user indexes replace
/// the narrower ones they extend; the data-subject report's subject look-ups still use the subject index's prefix.
/// </summary>
[DbContext(typeof(SspDbContext))]
[Migration("20261207090000_AuditViewerIndexes")]
public sealed class AuditViewerIndexes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_AuditEntries_SubjectType_SubjectId", "AuditEntries");
        migrationBuilder.DropIndex("IX_AuditEntries_UserId", "AuditEntries");
        migrationBuilder.CreateIndex("IX_AuditEntries_SubjectType_SubjectId_Sequence", "AuditEntries", ["SubjectType", "SubjectId", "Sequence"]);
        migrationBuilder.CreateIndex("IX_AuditEntries_UserId_Sequence", "AuditEntries", ["UserId", "Sequence"]);
        migrationBuilder.CreateIndex("IX_AuditEntries_Action_Sequence", "AuditEntries", ["Action", "Sequence"]);
        migrationBuilder.CreateIndex("IX_AuditEntries_Party_Sequence", "AuditEntries", ["Party", "Sequence"]);
        migrationBuilder.CreateIndex("IX_AuditEntries_Purpose_Sequence", "AuditEntries", ["Purpose", "Sequence"]);
        migrationBuilder.CreateIndex("IX_AuditEntries_Outcome_Sequence", "AuditEntries", ["Outcome", "Sequence"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var index in new[] { "Outcome_Sequence", "Purpose_Sequence", "Party_Sequence", "Action_Sequence", "UserId_Sequence", "SubjectType_SubjectId_Sequence" })
        {
            migrationBuilder.DropIndex("IX_AuditEntries_" + index, "AuditEntries");
        }

        migrationBuilder.CreateIndex("IX_AuditEntries_UserId", "AuditEntries", "UserId");
        migrationBuilder.CreateIndex("IX_AuditEntries_SubjectType_SubjectId", "AuditEntries", ["SubjectType", "SubjectId"]);
    }
}
