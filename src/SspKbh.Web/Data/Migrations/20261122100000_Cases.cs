using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SspKbh.Web.Data.Migrations;

/// <summary>Young persons, custody holders, cases, level history and the configurable deadlines.</summary>
[DbContext(typeof(SspDbContext))]
[Migration("20261122100000_Cases")]
public sealed class Cases : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "LevelDeadlines",
            columns: table => new
            {
                Level = table.Column<int>(nullable: false),
                FirstActionDays = table.Column<int>(nullable: false),
                ReviewDays = table.Column<int>(nullable: false),
                ConcurrencyStamp = table.Column<string>(maxLength: 64, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_LevelDeadlines", x => x.Level));

        migrationBuilder.CreateTable(
            name: "YoungPersons",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                FullName = table.Column<string>(maxLength: 200, nullable: false),
                NormalizedName = table.Column<string>(maxLength: 200, nullable: false),
                DateOfBirth = table.Column<DateOnly>(nullable: false),
                Cpr = table.Column<string>(maxLength: 10, nullable: true),
                Address = table.Column<string>(maxLength: 300, nullable: true),
                School = table.Column<string>(maxLength: 200, nullable: true),
                Club = table.Column<string>(maxLength: 200, nullable: true),
                LocalAreaId = table.Column<int>(nullable: false),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
                ConcurrencyStamp = table.Column<string>(maxLength: 64, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_YoungPersons", x => x.Id);
                table.ForeignKey("FK_YoungPersons_LocalAreas_LocalAreaId", x => x.LocalAreaId, "LocalAreas", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "CustodyHolders",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                YoungPersonId = table.Column<int>(nullable: false),
                FullName = table.Column<string>(maxLength: 200, nullable: false),
                Relation = table.Column<string>(maxLength: 100, nullable: true),
                Phone = table.Column<string>(maxLength: 50, nullable: true),
                Email = table.Column<string>(maxLength: 256, nullable: true),
                Address = table.Column<string>(maxLength: 300, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CustodyHolders", x => x.Id);
                table.ForeignKey("FK_CustodyHolders_YoungPersons_YoungPersonId", x => x.YoungPersonId, "YoungPersons", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Cases",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                CaseNumber = table.Column<string>(maxLength: 20, nullable: false),
                YoungPersonId = table.Column<int>(nullable: false),
                CoordinationGroupId = table.Column<int>(nullable: false),
                Level = table.Column<int>(nullable: false),
                Status = table.Column<int>(nullable: false),
                Source = table.Column<int>(nullable: false),
                RaisedByPartyId = table.Column<int>(nullable: false),
                RaisedByName = table.Column<string>(maxLength: 200, nullable: true),
                RaisedOn = table.Column<DateOnly>(nullable: false),
                Concern = table.Column<string>(maxLength: 4000, nullable: false),
                LeadPartyId = table.Column<int>(nullable: false),
                LeadUserId = table.Column<string>(maxLength: 450, nullable: true),
                LeadOverrideReason = table.Column<string>(maxLength: 1000, nullable: true),
                LevelSetOn = table.Column<DateOnly>(nullable: false),
                FlaggedForLeaderGroup = table.Column<bool>(nullable: false),
                FormOffenceSituation = table.Column<string>(maxLength: 4000, nullable: true),
                FormSchool = table.Column<string>(maxLength: 4000, nullable: true),
                FormLeisure = table.Column<string>(maxLength: 4000, nullable: true),
                FormHome = table.Column<string>(maxLength: 4000, nullable: true),
                FormNetwork = table.Column<string>(maxLength: 4000, nullable: true),
                FormTriedSoFar = table.Column<string>(maxLength: 4000, nullable: true),
                CreatedByUserId = table.Column<string>(maxLength: 450, nullable: false),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
                UpdatedAtUtc = table.Column<DateTime>(nullable: false),
                ConcurrencyStamp = table.Column<string>(maxLength: 64, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Cases", x => x.Id);
                table.ForeignKey("FK_Cases_AspNetUsers_LeadUserId", x => x.LeadUserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Cases_Parties_LeadPartyId", x => x.LeadPartyId, "Parties", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Cases_Parties_RaisedByPartyId", x => x.RaisedByPartyId, "Parties", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Cases_Groups_CoordinationGroupId", x => x.CoordinationGroupId, "Groups", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Cases_YoungPersons_YoungPersonId", x => x.YoungPersonId, "YoungPersons", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "CaseLevelChanges",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                CaseId = table.Column<int>(nullable: false),
                From = table.Column<int>(nullable: true),
                To = table.Column<int>(nullable: false),
                Reason = table.Column<string>(maxLength: 2000, nullable: false),
                ChangedByUserId = table.Column<string>(maxLength: 450, nullable: false),
                ChangedAtUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CaseLevelChanges", x => x.Id);
                table.ForeignKey("FK_CaseLevelChanges_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_CaseLevelChanges_CaseId_ChangedAtUtc", "CaseLevelChanges", ["CaseId", "ChangedAtUtc"]);
        migrationBuilder.CreateIndex("IX_Cases_CaseNumber", "Cases", "CaseNumber", unique: true);
        migrationBuilder.CreateIndex("IX_Cases_CoordinationGroupId_Status_Id", "Cases", ["CoordinationGroupId", "Status", "Id"]);
        migrationBuilder.CreateIndex("IX_Cases_LeadPartyId", "Cases", "LeadPartyId");
        migrationBuilder.CreateIndex("IX_Cases_LeadUserId", "Cases", "LeadUserId");
        migrationBuilder.CreateIndex("IX_Cases_Level_Id", "Cases", ["Level", "Id"]);
        migrationBuilder.CreateIndex("IX_Cases_RaisedByPartyId", "Cases", "RaisedByPartyId");
        migrationBuilder.CreateIndex("IX_Cases_YoungPersonId", "Cases", "YoungPersonId");
        migrationBuilder.CreateIndex("IX_CustodyHolders_YoungPersonId", "CustodyHolders", "YoungPersonId");
        migrationBuilder.CreateIndex("IX_YoungPersons_Cpr", "YoungPersons", "Cpr", unique: true);
        migrationBuilder.CreateIndex("IX_YoungPersons_LocalAreaId", "YoungPersons", "LocalAreaId");
        migrationBuilder.CreateIndex("IX_YoungPersons_NormalizedName_DateOfBirth", "YoungPersons", ["NormalizedName", "DateOfBirth"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("CaseLevelChanges");
        migrationBuilder.DropTable("Cases");
        migrationBuilder.DropTable("CustodyHolders");
        migrationBuilder.DropTable("YoungPersons");
        migrationBuilder.DropTable("LevelDeadlines");
    }
}
