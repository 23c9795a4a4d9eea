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
            name: "YoungPersonNameWords",
            columns: table => new
            {
                YoungPersonId = table.Column<int>(nullable: false),
                Word = table.Column<string>(maxLength: 100, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_YoungPersonNameWords", x => new { x.YoungPersonId, x.Word });
                table.ForeignKey("FK_YoungPersonNameWords_YoungPersons_YoungPersonId", x => x.YoungPersonId, "YoungPersons", "Id", onDelete: ReferentialAction.Cascade);
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
                OverallGoal = table.Column<string>(maxLength: 2000, nullable: true),
                GoalSchool = table.Column<string>(maxLength: 2000, nullable: true),
                GoalLeisure = table.Column<string>(maxLength: 2000, nullable: true),
                GoalHome = table.Column<string>(maxLength: 2000, nullable: true),
                GoalCrime = table.Column<string>(maxLength: 2000, nullable: true),
                LastReviewedOn = table.Column<DateOnly>(nullable: true),
                ClosedOn = table.Column<DateOnly>(nullable: true),
                CloseReason = table.Column<int>(nullable: true),
                SspPlusHandoverOn = table.Column<DateOnly>(nullable: true),
                SspPlusGroupId = table.Column<int>(nullable: true),
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
                table.ForeignKey("FK_Cases_Groups_SspPlusGroupId", x => x.SspPlusGroupId, "Groups", "Id", onDelete: ReferentialAction.Restrict);
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

        migrationBuilder.CreateTable(
            name: "CaseStatusChanges",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                CaseId = table.Column<int>(nullable: false),
                From = table.Column<int>(nullable: false),
                To = table.Column<int>(nullable: false),
                Reason = table.Column<string>(maxLength: 2000, nullable: true),
                CloseReason = table.Column<int>(nullable: true),
                ChangedByUserId = table.Column<string>(maxLength: 450, nullable: false),
                ChangedAtUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CaseStatusChanges", x => x.Id);
                table.ForeignKey("FK_CaseStatusChanges_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "CaseActions",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                CaseId = table.Column<int>(nullable: false),
                What = table.Column<string>(maxLength: 1000, nullable: false),
                OwnerUserId = table.Column<string>(maxLength: 450, nullable: true),
                OwnerName = table.Column<string>(maxLength: 200, nullable: false),
                OwnerPartyId = table.Column<int>(nullable: false),
                DueOn = table.Column<DateOnly>(nullable: false),
                Status = table.Column<int>(nullable: false),
                CompletedOn = table.Column<DateOnly>(nullable: true),
                CreatedByUserId = table.Column<string>(maxLength: 450, nullable: false),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
                ConcurrencyStamp = table.Column<string>(maxLength: 64, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CaseActions", x => x.Id);
                table.ForeignKey("FK_CaseActions_AspNetUsers_OwnerUserId", x => x.OwnerUserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_CaseActions_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_CaseActions_Parties_OwnerPartyId", x => x.OwnerPartyId, "Parties", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "JournalNotes",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                CaseId = table.Column<int>(nullable: false),
                NoteDate = table.Column<DateOnly>(nullable: false),
                AuthorUserId = table.Column<string>(maxLength: 450, nullable: false),
                Text = table.Column<string>(maxLength: 8000, nullable: false),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_JournalNotes", x => x.Id);
                table.ForeignKey("FK_JournalNotes_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "CaseFactors",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                CaseId = table.Column<int>(nullable: false),
                Code = table.Column<string>(maxLength: 50, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CaseFactors", x => x.Id);
                table.ForeignKey("FK_CaseFactors_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "CaseFactorNotes",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                CaseId = table.Column<int>(nullable: false),
                Domain = table.Column<int>(nullable: false),
                Note = table.Column<string>(maxLength: 2000, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CaseFactorNotes", x => x.Id);
                table.ForeignKey("FK_CaseFactorNotes_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_CaseFactors_CaseId_Code", "CaseFactors", ["CaseId", "Code"], unique: true);
        migrationBuilder.CreateIndex("IX_CaseFactorNotes_CaseId_Domain", "CaseFactorNotes", ["CaseId", "Domain"], unique: true);
        migrationBuilder.CreateIndex("IX_CaseStatusChanges_CaseId_ChangedAtUtc", "CaseStatusChanges", ["CaseId", "ChangedAtUtc"]);
        migrationBuilder.CreateIndex("IX_CaseActions_CaseId_Status_DueOn", "CaseActions", ["CaseId", "Status", "DueOn"]);
        migrationBuilder.CreateIndex("IX_CaseActions_OwnerPartyId", "CaseActions", "OwnerPartyId");
        migrationBuilder.CreateIndex("IX_CaseActions_OwnerUserId", "CaseActions", "OwnerUserId");
        migrationBuilder.CreateIndex("IX_CaseActions_Status_DueOn", "CaseActions", ["Status", "DueOn"]);
        migrationBuilder.CreateIndex("IX_JournalNotes_CaseId_NoteDate", "JournalNotes", ["CaseId", "NoteDate"]);
        migrationBuilder.CreateIndex("IX_Cases_SspPlusGroupId", "Cases", "SspPlusGroupId");
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
        migrationBuilder.CreateIndex("IX_YoungPersonNameWords_Word_YoungPersonId", "YoungPersonNameWords", ["Word", "YoungPersonId"]);
        migrationBuilder.CreateIndex("IX_YoungPersons_LocalAreaId", "YoungPersons", "LocalAreaId");
        migrationBuilder.CreateIndex("IX_YoungPersons_NormalizedName_DateOfBirth", "YoungPersons", ["NormalizedName", "DateOfBirth"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("CaseFactorNotes");
        migrationBuilder.DropTable("CaseFactors");
        migrationBuilder.DropTable("JournalNotes");
        migrationBuilder.DropTable("CaseActions");
        migrationBuilder.DropTable("CaseStatusChanges");
        migrationBuilder.DropTable("CaseLevelChanges");
        migrationBuilder.DropTable("Cases");
        migrationBuilder.DropTable("CustodyHolders");
        migrationBuilder.DropTable("YoungPersonNameWords");
        migrationBuilder.DropTable("YoungPersons");
        migrationBuilder.DropTable("LevelDeadlines");
    }
}
