using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SspKbh.Web.Data.Migrations;

/// <summary>
/// Approved minutes keep the group name they were held under (issue 16 #14). Minutes approved before this migration
/// get the group's name of today, the best that is known.
/// </summary>
[DbContext(typeof(SspDbContext))]
[Migration("20261206090000_MeetingGroupNameHeldUnder")]
public sealed class MeetingGroupNameHeldUnder : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "HeldUnderGroupName", table: "Meetings", maxLength: 200, nullable: true);
        migrationBuilder.Sql("""
            UPDATE "Meetings" SET "HeldUnderGroupName" = (SELECT "Name" FROM "Groups" WHERE "Groups"."Id" = "Meetings"."GroupId")
            WHERE "MinutesApprovedAtUtc" IS NOT NULL
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropColumn(name: "HeldUnderGroupName", table: "Meetings");
}
