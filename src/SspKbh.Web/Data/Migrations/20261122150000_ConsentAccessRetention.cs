using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SspKbh.Web.Data.Migrations;

/// <summary>
/// The §115 boundary: consents and their recipients, emergency-access grants, the retention job's
/// deletion records and the anonymisation marks on cases and young persons.
/// </summary>
[DbContext(typeof(SspDbContext))]
[Migration("20261122150000_ConsentAccessRetention")]
public sealed class ConsentAccessRetention : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<DateOnly>("AnonymisedOn", "Cases", nullable: true);
        migrationBuilder.AddColumn<DateOnly>("AnonymisedOn", "YoungPersons", nullable: true);
        migrationBuilder.CreateIndex("IX_Cases_ClosedOn", "Cases", "ClosedOn");

        migrationBuilder.CreateTable(
            name: "Consents",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                YoungPersonId = table.Column<int>(nullable: false),
                GivenBy = table.Column<int>(nullable: false),
                CustodyHolderId = table.Column<int>(nullable: true),
                Information = table.Column<int>(nullable: false),
                Purpose = table.Column<int>(nullable: false),
                GivenOn = table.Column<DateOnly>(nullable: false),
                ExpiresOn = table.Column<DateOnly>(nullable: false),
                WithdrawnOn = table.Column<DateOnly>(nullable: true),
                WithdrawnByUserId = table.Column<string>(maxLength: 450, nullable: true),
                RecordedByUserId = table.Column<string>(maxLength: 450, nullable: false),
                RecordedAtUtc = table.Column<DateTime>(nullable: false),
                ConcurrencyStamp = table.Column<string>(maxLength: 64, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Consents", x => x.Id);
                table.ForeignKey("FK_Consents_YoungPersons_YoungPersonId", x => x.YoungPersonId, "YoungPersons", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_Consents_CustodyHolders_CustodyHolderId", x => x.CustodyHolderId, "CustodyHolders", "Id", onDelete: ReferentialAction.SetNull);
            });

        migrationBuilder.CreateTable(
            name: "ConsentRecipients",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                ConsentId = table.Column<int>(nullable: false),
                PartyId = table.Column<int>(nullable: true),
                UserId = table.Column<string>(maxLength: 450, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ConsentRecipients", x => x.Id);
                table.ForeignKey("FK_ConsentRecipients_Consents_ConsentId", x => x.ConsentId, "Consents", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_ConsentRecipients_Parties_PartyId", x => x.PartyId, "Parties", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_ConsentRecipients_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "CaseAccessGrants",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                CaseId = table.Column<int>(nullable: false),
                UserId = table.Column<string>(maxLength: 450, nullable: false),
                Reason = table.Column<string>(maxLength: 1000, nullable: false),
                GrantedAtUtc = table.Column<DateTime>(nullable: false),
                ExpiresAtUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CaseAccessGrants", x => x.Id);
                table.ForeignKey("FK_CaseAccessGrants_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_CaseAccessGrants_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "DeletionRecords",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                Rule = table.Column<string>(maxLength: 50, nullable: false),
                RanAtUtc = table.Column<DateTime>(nullable: false),
                PeriodMonths = table.Column<int>(nullable: false),
                RecordsAffected = table.Column<int>(nullable: false),
                RelatedRowsDeleted = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_DeletionRecords", x => x.Id));

        migrationBuilder.CreateIndex("IX_Consents_YoungPersonId", "Consents", "YoungPersonId");
        migrationBuilder.CreateIndex("IX_Consents_CustodyHolderId", "Consents", "CustodyHolderId");
        migrationBuilder.CreateIndex("IX_Consents_WithdrawnOn_ExpiresOn", "Consents", ["WithdrawnOn", "ExpiresOn"]);
        migrationBuilder.CreateIndex("IX_ConsentRecipients_ConsentId", "ConsentRecipients", "ConsentId");
        migrationBuilder.CreateIndex("IX_ConsentRecipients_PartyId", "ConsentRecipients", "PartyId");
        migrationBuilder.CreateIndex("IX_ConsentRecipients_UserId", "ConsentRecipients", "UserId");
        migrationBuilder.CreateIndex("IX_CaseAccessGrants_CaseId_UserId_ExpiresAtUtc", "CaseAccessGrants", ["CaseId", "UserId", "ExpiresAtUtc"]);
        migrationBuilder.CreateIndex("IX_CaseAccessGrants_UserId", "CaseAccessGrants", "UserId");
        migrationBuilder.CreateIndex("IX_CaseAccessGrants_GrantedAtUtc", "CaseAccessGrants", "GrantedAtUtc");
        migrationBuilder.CreateIndex("IX_DeletionRecords_RanAtUtc", "DeletionRecords", "RanAtUtc");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("DeletionRecords");
        migrationBuilder.DropTable("CaseAccessGrants");
        migrationBuilder.DropTable("ConsentRecipients");
        migrationBuilder.DropTable("Consents");
        migrationBuilder.DropIndex("IX_Cases_ClosedOn", "Cases");
        migrationBuilder.DropColumn("AnonymisedOn", "YoungPersons");
        migrationBuilder.DropColumn("AnonymisedOn", "Cases");
    }
}
