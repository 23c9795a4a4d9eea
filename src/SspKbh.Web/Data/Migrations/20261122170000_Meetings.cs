using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SspKbh.Web.Data.Migrations;

/// <summary>
/// Meetings of koordinationsgrupper and ledergrupper: the series per group, meetings, agenda items
/// with their minutes, attendance, addenda to approved minutes, concerns handed over by participants
/// without authority status, and the link from a case action to the agenda item that decided it.
/// </summary>
[DbContext(typeof(SspDbContext))]
[Migration("20261122170000_Meetings")]
public sealed class Meetings : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "MeetingSeries",
            columns: table => new
            {
                GroupId = table.Column<int>(nullable: false),
                IntervalDays = table.Column<int>(nullable: false),
                DefaultStartTime = table.Column<TimeOnly>(nullable: false),
                DefaultPlace = table.Column<string>(maxLength: 200, nullable: false),
                ConcurrencyStamp = table.Column<string>(maxLength: 64, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_MeetingSeries", x => x.GroupId);
                table.ForeignKey("FK_MeetingSeries_Groups_GroupId", x => x.GroupId, "Groups", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Meetings",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                GroupId = table.Column<int>(nullable: false),
                Date = table.Column<DateOnly>(nullable: false),
                StartTime = table.Column<TimeOnly>(nullable: false),
                Place = table.Column<string>(maxLength: 200, nullable: false),
                IsExtraordinary = table.Column<bool>(nullable: false),
                AgendaPublishedAtUtc = table.Column<DateTime>(nullable: true),
                MinutesApprovedAtUtc = table.Column<DateTime>(nullable: true),
                MinutesApprovedByUserId = table.Column<string>(maxLength: 450, nullable: true),
                CreatedByUserId = table.Column<string>(maxLength: 450, nullable: false),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
                ConcurrencyStamp = table.Column<string>(maxLength: 64, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Meetings", x => x.Id);
                table.ForeignKey("FK_Meetings_Groups_GroupId", x => x.GroupId, "Groups", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "AgendaItems",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                MeetingId = table.Column<int>(nullable: false),
                Part = table.Column<int>(nullable: false),
                Position = table.Column<int>(nullable: false),
                Title = table.Column<string>(maxLength: 200, nullable: true),
                CaseId = table.Column<int>(nullable: true),
                Reasons = table.Column<int>(nullable: false),
                Summary = table.Column<string>(maxLength: 8000, nullable: true),
                Decision = table.Column<int>(nullable: true),
                DecisionText = table.Column<string>(maxLength: 2000, nullable: true),
                DecisionAppliedAtUtc = table.Column<DateTime>(nullable: true),
                MinutesByUserId = table.Column<string>(maxLength: 450, nullable: true),
                MinutesUpdatedAtUtc = table.Column<DateTime>(nullable: true),
                ConcurrencyStamp = table.Column<string>(maxLength: 64, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AgendaItems", x => x.Id);
                table.ForeignKey("FK_AgendaItems_Meetings_MeetingId", x => x.MeetingId, "Meetings", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_AgendaItems_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "MeetingAttendees",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                MeetingId = table.Column<int>(nullable: false),
                UserId = table.Column<string>(maxLength: 450, nullable: true),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                PartyId = table.Column<int>(nullable: false),
                IsAuthorityPerson = table.Column<bool>(nullable: false),
                IsGuest = table.Column<bool>(nullable: false),
                Status = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_MeetingAttendees", x => x.Id);
                table.ForeignKey("FK_MeetingAttendees_Meetings_MeetingId", x => x.MeetingId, "Meetings", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_MeetingAttendees_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_MeetingAttendees_Parties_PartyId", x => x.PartyId, "Parties", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "MinutesAddenda",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                MeetingId = table.Column<int>(nullable: false),
                Text = table.Column<string>(maxLength: 4000, nullable: false),
                AuthorUserId = table.Column<string>(maxLength: 450, nullable: false),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_MinutesAddenda", x => x.Id);
                table.ForeignKey("FK_MinutesAddenda_Meetings_MeetingId", x => x.MeetingId, "Meetings", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "HandedOverConcerns",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                MeetingId = table.Column<int>(nullable: false),
                FromUserId = table.Column<string>(maxLength: 450, nullable: false),
                Text = table.Column<string>(maxLength: 4000, nullable: false),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
                RegisteredCaseId = table.Column<int>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_HandedOverConcerns", x => x.Id);
                table.ForeignKey("FK_HandedOverConcerns_Meetings_MeetingId", x => x.MeetingId, "Meetings", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_HandedOverConcerns_Cases_RegisteredCaseId", x => x.RegisteredCaseId, "Cases", "Id", onDelete: ReferentialAction.SetNull);
            });

        migrationBuilder.AddColumn<int>("AgendaItemId", "CaseActions", nullable: true);
        migrationBuilder.CreateIndex("IX_CaseActions_AgendaItemId", "CaseActions", "AgendaItemId");
        // No foreign key to AgendaItems: SQLite cannot add one to an existing table (see SspDbContext).

        migrationBuilder.CreateIndex("IX_Meetings_GroupId_Date", "Meetings", ["GroupId", "Date"]);
        migrationBuilder.CreateIndex("IX_Meetings_Date", "Meetings", "Date");
        migrationBuilder.CreateIndex("IX_AgendaItems_MeetingId_Part_Position", "AgendaItems", ["MeetingId", "Part", "Position"]);
        migrationBuilder.CreateIndex("IX_AgendaItems_CaseId", "AgendaItems", "CaseId");
        migrationBuilder.CreateIndex("IX_MeetingAttendees_MeetingId", "MeetingAttendees", "MeetingId");
        migrationBuilder.CreateIndex("IX_MeetingAttendees_UserId", "MeetingAttendees", "UserId");
        migrationBuilder.CreateIndex("IX_MeetingAttendees_PartyId", "MeetingAttendees", "PartyId");
        migrationBuilder.CreateIndex("IX_MinutesAddenda_MeetingId", "MinutesAddenda", "MeetingId");
        migrationBuilder.CreateIndex("IX_HandedOverConcerns_MeetingId", "HandedOverConcerns", "MeetingId");
        migrationBuilder.CreateIndex("IX_HandedOverConcerns_RegisteredCaseId", "HandedOverConcerns", "RegisteredCaseId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_CaseActions_AgendaItemId", "CaseActions");
        migrationBuilder.DropColumn("AgendaItemId", "CaseActions");
        migrationBuilder.DropTable("HandedOverConcerns");
        migrationBuilder.DropTable("MinutesAddenda");
        migrationBuilder.DropTable("MeetingAttendees");
        migrationBuilder.DropTable("AgendaItems");
        migrationBuilder.DropTable("Meetings");
        migrationBuilder.DropTable("MeetingSeries");
    }
}
