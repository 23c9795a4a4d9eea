using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SspKbh.Domain.Cases;
using SspKbh.Web.Features.Cases;

#nullable disable

namespace SspKbh.Web.Data.Migrations;

/// <summary>
/// The day from which a case counts as overdue, stored on the case and indexed with its group (issue 15 #3, ADR 0040):
/// the home page counts a user's overdue cases as one range of the index instead of testing every open case and its
/// actions. Existing cases get the date from the same rule written as SQL (<see cref="OverdueDates.RecomputeSql"/>,
/// held to the C# rule by a test); closed cases stay NULL (never overdue). The home page's "my actions" gets an index in due order.
/// </summary>
[DbContext(typeof(SspDbContext))]
[Migration("20261210090000_CaseOverdueFrom")]
public sealed class CaseOverdueFrom : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<DateOnly>(name: "OverdueFrom", table: "Cases", nullable: true);
        migrationBuilder.Sql(OverdueDates.RecomputeSql(migrationBuilder.IsNpgsql(), $"\"Status\" <> {(int)CaseStatus.Closed}"));
        migrationBuilder.CreateIndex("IX_Cases_CoordinationGroupId_OverdueFrom_Level", "Cases", ["CoordinationGroupId", "OverdueFrom", "Level"]);

        // "My actions" on the home page: the user's planned actions in due order straight from the index, instead of all her
        // actions (about 7,000 for a busy member at 100,000 cases) looked up one by one and sorted.
        migrationBuilder.DropIndex("IX_CaseActions_OwnerUserId", "CaseActions");
        migrationBuilder.CreateIndex("IX_CaseActions_OwnerUserId_Status_DueOn", "CaseActions", ["OwnerUserId", "Status", "DueOn"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_CaseActions_OwnerUserId_Status_DueOn", "CaseActions");
        migrationBuilder.CreateIndex("IX_CaseActions_OwnerUserId", "CaseActions", "OwnerUserId");
        migrationBuilder.DropIndex("IX_Cases_CoordinationGroupId_OverdueFrom_Level", "Cases");
        migrationBuilder.DropColumn(name: "OverdueFrom", table: "Cases");
    }
}
