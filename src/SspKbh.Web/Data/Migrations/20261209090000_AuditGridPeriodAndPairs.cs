using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SspKbh.Web.Data.Migrations;

/// <summary>
/// The audit viewer's grid with a period or two filters at 1,000,000 entries (docs/performance.md, ADR 0039): the time
/// index gains the sequence number, so the first and last sequence number of a period's entries (and their number)
/// are read from the index alone and the period becomes a sequence range inside every filter's index; user + action
/// and party + action get indexes that end in Sequence, so such a page and its capped count are one ordered range.
/// </summary>
[DbContext(typeof(SspDbContext))]
[Migration("20261209090000_AuditGridPeriodAndPairs")]
public sealed class AuditGridPeriodAndPairs : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_AuditEntries_OccurredAtUtc", "AuditEntries");
        migrationBuilder.CreateIndex("IX_AuditEntries_OccurredAtUtc_Sequence", "AuditEntries", ["OccurredAtUtc", "Sequence"]);
        migrationBuilder.CreateIndex("IX_AuditEntries_UserId_Action_Sequence", "AuditEntries", ["UserId", "Action", "Sequence"]);
        migrationBuilder.CreateIndex("IX_AuditEntries_Party_Action_Sequence", "AuditEntries", ["Party", "Action", "Sequence"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_AuditEntries_Party_Action_Sequence", "AuditEntries");
        migrationBuilder.DropIndex("IX_AuditEntries_UserId_Action_Sequence", "AuditEntries");
        migrationBuilder.DropIndex("IX_AuditEntries_OccurredAtUtc_Sequence", "AuditEntries");
        migrationBuilder.CreateIndex("IX_AuditEntries_OccurredAtUtc", "AuditEntries", "OccurredAtUtc");
    }
}
