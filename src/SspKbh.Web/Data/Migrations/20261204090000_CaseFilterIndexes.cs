using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SspKbh.Web.Data.Migrations;

/// <summary>
/// Indexes for the case list's filters at volume (docs/performance.md):
/// (Level, CoordinationGroupId) grows into IX_Cases_LevelCounts, which also holds the status, the lead party
/// and the dates the overdue rule reads, so the counts per level under those filters come from the index
/// alone; (DateOfBirth, Id) on YoungPersons finds the people of an age band without reading their rows.
/// </summary>
[DbContext(typeof(SspDbContext))]
[Migration("20261204090000_CaseFilterIndexes")]
public sealed class CaseFilterIndexes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Cases_Level_CoordinationGroupId", "Cases");
        migrationBuilder.CreateIndex("IX_Cases_LevelCounts", "Cases",
            ["Level", "CoordinationGroupId", "Status", "LeadPartyId", "LevelSetOn", "LastReviewedOn"]);
        migrationBuilder.CreateIndex("IX_YoungPersons_DateOfBirth_Id", "YoungPersons", ["DateOfBirth", "Id"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_YoungPersons_DateOfBirth_Id", "YoungPersons");
        migrationBuilder.DropIndex("IX_Cases_LevelCounts", "Cases");
        migrationBuilder.CreateIndex("IX_Cases_Level_CoordinationGroupId", "Cases", ["Level", "CoordinationGroupId"]);
    }
}
