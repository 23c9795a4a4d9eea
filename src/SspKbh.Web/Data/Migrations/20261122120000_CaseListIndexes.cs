using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SspKbh.Web.Data.Migrations;

/// <summary>
/// Indexes for the case list at volume (docs/performance.md): (CoordinationGroupId, Id, Level) lets
/// a group's newest-first page stop after 50 rows and counts per level come from the index alone;
/// (Level, CoordinationGroupId) keeps the counts index-only once SQLite has statistics (ANALYZE),
/// where it would otherwise walk IX_Cases_Level_Id and read every case row.
/// </summary>
[DbContext(typeof(SspDbContext))]
[Migration("20261122120000_CaseListIndexes")]
public sealed class CaseListIndexes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateIndex("IX_Cases_CoordinationGroupId_Id_Level", "Cases", ["CoordinationGroupId", "Id", "Level"]);
        migrationBuilder.CreateIndex("IX_Cases_Level_CoordinationGroupId", "Cases", ["Level", "CoordinationGroupId"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Cases_Level_CoordinationGroupId", "Cases");
        migrationBuilder.DropIndex("IX_Cases_CoordinationGroupId_Id_Level", "Cases");
    }
}
