using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SspKbh.Web.Data.Migrations;

/// <summary>
/// Concern conversations (bekymringssamtaler): versioned checklist templates and their items, the
/// conversation records with participants, agreements and per-record checklist progress, and the link from
/// a case action to the agreement it follows up. The default template (version 1) is inserted at start-up
/// by <c>OrganisationSeeder</c>, not here, so its wording lives in one place (<c>DefaultChecklist</c>).
/// </summary>
[DbContext(typeof(SspDbContext))]
[Migration("20261122190000_ConcernConversations")]
public sealed class ConcernConversations : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ChecklistTemplates",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                Version = table.Column<int>(nullable: false),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
                CreatedByUserId = table.Column<string>(maxLength: 450, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_ChecklistTemplates", x => x.Id));

        migrationBuilder.CreateTable(
            name: "ChecklistTemplateItems",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                TemplateId = table.Column<int>(nullable: false),
                Stage = table.Column<int>(nullable: false),
                Section = table.Column<int>(nullable: false),
                Position = table.Column<int>(nullable: false),
                Text = table.Column<string>(maxLength: 500, nullable: false),
                Hint = table.Column<string>(maxLength: 1000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ChecklistTemplateItems", x => x.Id);
                table.ForeignKey("FK_ChecklistTemplateItems_ChecklistTemplates_TemplateId", x => x.TemplateId, "ChecklistTemplates", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "ConcernConversations",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                CaseId = table.Column<int>(nullable: false),
                AgendaItemId = table.Column<int>(nullable: true),
                ResponsibleUserId = table.Column<string>(maxLength: 450, nullable: false),
                LevelAtCreation = table.Column<int>(nullable: false),
                ChecklistTemplateId = table.Column<int>(nullable: false),
                Status = table.Column<int>(nullable: false),
                CreatedByUserId = table.Column<string>(maxLength: 450, nullable: false),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
                PreparedOn = table.Column<DateOnly>(nullable: true),
                HeldOn = table.Column<DateOnly>(nullable: true),
                FollowedUpOn = table.Column<DateOnly>(nullable: true),
                JournalisedOn = table.Column<DateOnly>(nullable: true),
                JournalReference = table.Column<string>(maxLength: 100, nullable: true),
                DeclinedOn = table.Column<DateOnly>(nullable: true),
                CancelledOn = table.Column<DateOnly>(nullable: true),
                CancelReason = table.Column<string>(maxLength: 1000, nullable: true),
                ResourcePersons = table.Column<string>(maxLength: 2000, nullable: true),
                KnowledgeGathering = table.Column<string>(maxLength: 2000, nullable: true),
                InterpreterNeeded = table.Column<bool>(nullable: false),
                InterpreterLanguage = table.Column<string>(maxLength: 100, nullable: true),
                Place = table.Column<int>(nullable: true),
                PlaceDetails = table.Column<string>(maxLength: 300, nullable: true),
                ScheduledDate = table.Column<DateOnly>(nullable: true),
                StartTime = table.Column<TimeOnly>(nullable: true),
                PlannedMinutes = table.Column<int>(nullable: false),
                Challenges = table.Column<string>(maxLength: 4000, nullable: true),
                Resources = table.Column<string>(maxLength: 4000, nullable: true),
                QuestionsAndThemes = table.Column<string>(maxLength: 4000, nullable: true),
                PreMeetingOn = table.Column<DateOnly>(nullable: true),
                InvitationMethod = table.Column<int>(nullable: false),
                InvitedOn = table.Column<DateOnly>(nullable: true),
                InvitationNote = table.Column<string>(maxLength: 2000, nullable: true),
                Phase1Note = table.Column<string>(maxLength: 4000, nullable: true),
                Phase2Note = table.Column<string>(maxLength: 4000, nullable: true),
                Phase3Note = table.Column<string>(maxLength: 4000, nullable: true),
                Phase4Note = table.Column<string>(maxLength: 4000, nullable: true),
                Phase5Note = table.Column<string>(maxLength: 4000, nullable: true),
                DebriefNote = table.Column<string>(maxLength: 4000, nullable: true),
                NetworkInformedOn = table.Column<DateOnly>(nullable: true),
                NetworkInformedNote = table.Column<string>(maxLength: 2000, nullable: true),
                ConcurrencyStamp = table.Column<string>(maxLength: 64, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ConcernConversations", x => x.Id);
                table.ForeignKey("FK_ConcernConversations_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_ConcernConversations_AgendaItems_AgendaItemId", x => x.AgendaItemId, "AgendaItems", "Id", onDelete: ReferentialAction.SetNull);
                table.ForeignKey("FK_ConcernConversations_AspNetUsers_ResponsibleUserId", x => x.ResponsibleUserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_ConcernConversations_ChecklistTemplates_ChecklistTemplateId", x => x.ChecklistTemplateId, "ChecklistTemplates", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "ConversationParticipants",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                ConversationId = table.Column<int>(nullable: false),
                Kind = table.Column<int>(nullable: false),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                PartyId = table.Column<int>(nullable: true),
                UserId = table.Column<string>(maxLength: 450, nullable: true),
                IsAuthorityPerson = table.Column<bool>(nullable: false),
                Contribution = table.Column<string>(maxLength: 2000, nullable: true),
                ConsentId = table.Column<int>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ConversationParticipants", x => x.Id);
                table.ForeignKey("FK_ConversationParticipants_ConcernConversations_ConversationId", x => x.ConversationId, "ConcernConversations", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_ConversationParticipants_Parties_PartyId", x => x.PartyId, "Parties", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_ConversationParticipants_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_ConversationParticipants_Consents_ConsentId", x => x.ConsentId, "Consents", "Id", onDelete: ReferentialAction.SetNull);
            });

        migrationBuilder.CreateTable(
            name: "ConversationAgreements",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                ConversationId = table.Column<int>(nullable: false),
                What = table.Column<string>(maxLength: 1000, nullable: false),
                ResponsibleKind = table.Column<int>(nullable: false),
                ResponsibleName = table.Column<string>(maxLength: 200, nullable: false),
                DueOn = table.Column<DateOnly>(nullable: true),
                FollowUpHow = table.Column<string>(maxLength: 1000, nullable: true),
                FollowUpOn = table.Column<DateOnly>(nullable: false),
                FollowUpUserId = table.Column<string>(maxLength: 450, nullable: false),
                Outcome = table.Column<int>(nullable: false),
                OutcomeNote = table.Column<string>(maxLength: 2000, nullable: true),
                ConcurrencyStamp = table.Column<string>(maxLength: 64, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ConversationAgreements", x => x.Id);
                table.ForeignKey("FK_ConversationAgreements_ConcernConversations_ConversationId", x => x.ConversationId, "ConcernConversations", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_ConversationAgreements_AspNetUsers_FollowUpUserId", x => x.FollowUpUserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "ConversationChecklistItems",
            columns: table => new
            {
                ConversationId = table.Column<int>(nullable: false),
                TemplateItemId = table.Column<int>(nullable: false),
                DoneAtUtc = table.Column<DateTime>(nullable: true),
                DoneByUserId = table.Column<string>(maxLength: 450, nullable: true),
                Note = table.Column<string>(maxLength: 2000, nullable: true),
            },
            constraints: table =>
            {
                // The foreign-key names are EF's, cut to PostgreSQL's 63-character limit.
                table.PrimaryKey("PK_ConversationChecklistItems", x => new { x.ConversationId, x.TemplateItemId });
                table.ForeignKey("FK_ConversationChecklistItems_ConcernConversations_Conversatio~", x => x.ConversationId, "ConcernConversations", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_ConversationChecklistItems_ChecklistTemplateItems_TemplateI~", x => x.TemplateItemId, "ChecklistTemplateItems", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.AddColumn<int>("ConversationAgreementId", "CaseActions", nullable: true);
        migrationBuilder.CreateIndex("IX_CaseActions_ConversationAgreementId", "CaseActions", "ConversationAgreementId");
        // No foreign key to ConversationAgreements: SQLite cannot add one to an existing table (see SspDbContext).

        migrationBuilder.CreateIndex("IX_ChecklistTemplates_Version", "ChecklistTemplates", "Version", unique: true);
        migrationBuilder.CreateIndex("IX_ChecklistTemplateItems_TemplateId_Position", "ChecklistTemplateItems", ["TemplateId", "Position"], unique: true);
        migrationBuilder.CreateIndex("IX_ConcernConversations_CaseId", "ConcernConversations", "CaseId");
        migrationBuilder.CreateIndex("IX_ConcernConversations_ResponsibleUserId_Status", "ConcernConversations", ["ResponsibleUserId", "Status"]);
        migrationBuilder.CreateIndex("IX_ConcernConversations_AgendaItemId", "ConcernConversations", "AgendaItemId");
        migrationBuilder.CreateIndex("IX_ConcernConversations_ChecklistTemplateId", "ConcernConversations", "ChecklistTemplateId");
        migrationBuilder.CreateIndex("IX_ConversationParticipants_ConversationId", "ConversationParticipants", "ConversationId");
        migrationBuilder.CreateIndex("IX_ConversationParticipants_PartyId", "ConversationParticipants", "PartyId");
        migrationBuilder.CreateIndex("IX_ConversationParticipants_UserId", "ConversationParticipants", "UserId");
        migrationBuilder.CreateIndex("IX_ConversationParticipants_ConsentId", "ConversationParticipants", "ConsentId");
        migrationBuilder.CreateIndex("IX_ConversationAgreements_ConversationId", "ConversationAgreements", "ConversationId");
        migrationBuilder.CreateIndex("IX_ConversationAgreements_FollowUpUserId_FollowUpOn", "ConversationAgreements", ["FollowUpUserId", "FollowUpOn"]);
        migrationBuilder.CreateIndex("IX_ConversationChecklistItems_TemplateItemId", "ConversationChecklistItems", "TemplateItemId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_CaseActions_ConversationAgreementId", "CaseActions");
        migrationBuilder.DropColumn("ConversationAgreementId", "CaseActions");
        migrationBuilder.DropTable("ConversationChecklistItems");
        migrationBuilder.DropTable("ConversationAgreements");
        migrationBuilder.DropTable("ConversationParticipants");
        migrationBuilder.DropTable("ConcernConversations");
        migrationBuilder.DropTable("ChecklistTemplateItems");
        migrationBuilder.DropTable("ChecklistTemplates");
    }
}
