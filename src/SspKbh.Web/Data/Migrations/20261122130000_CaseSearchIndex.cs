using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SspKbh.Web.Data.Migrations;

/// <summary>
/// Replaces the plain index on Cases.YoungPersonId with (YoungPersonId, CoordinationGroupId, Level):
/// a name search starts from the matching people and can then filter and count their cases by group
/// and level from the index alone (docs/performance.md).
/// </summary>
[DbContext(typeof(SspDbContext))]
[Migration("20261122130000_CaseSearchIndex")]
public sealed class CaseSearchIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Cases_YoungPersonId", "Cases");
        migrationBuilder.CreateIndex("IX_Cases_YoungPersonId_CoordinationGroupId_Level", "Cases", ["YoungPersonId", "CoordinationGroupId", "Level"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Cases_YoungPersonId_CoordinationGroupId_Level", "Cases");
        migrationBuilder.CreateIndex("IX_Cases_YoungPersonId", "Cases", "YoungPersonId");
    }
}
