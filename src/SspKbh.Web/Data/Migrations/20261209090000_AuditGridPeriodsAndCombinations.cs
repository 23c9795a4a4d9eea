using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SspKbh.Web.Data.Migrations;

/// <summary>
/// The audit viewer's grid with a period or two filters at 1,000,000 entries (docs/performance.md, ADR 0039).
/// <list type="bullet">
/// <item>The time index gains the sequence number, so the first and last sequence number of a period's entries (and
/// their number) are read from the index alone; the period becomes a sequence range inside every filter's index.</item>
/// <item>The index of each of the viewer's choice filters (user, party, action, purpose, outcome) keeps its order
/// (the column, then Sequence) and carries the other choice columns after it, so a combination of filters is checked
/// in the index: entries that do not match are skipped there and never read from the table. Of two filters, SQLite
/// reads the index whose value has the fewest entries by its statistics (gathered after every migration), a user's
/// before an action's; only the user's index carries the long user id.</item>
/// </list>
/// </summary>
[DbContext(typeof(SspDbContext))]
[Migration("20261209090000_AuditGridPeriodsAndCombinations")]
public sealed class AuditGridPeriodsAndCombinations : Migration
{
    /// <summary>
    /// Each choice filter's index: its column and Sequence (the order of a page), then the other choice columns (the
    /// user's id, the longest, only in the user's own index: a combination with a user is read through the user's
    /// index, which has the fewest entries per value).
    /// </summary>
    internal static readonly (string Name, string[] Columns)[] ChoiceIndexes =
    [
        ("IX_AuditEntries_Party_Sequence_Choices", ["Party", "Sequence", "Action", "Purpose", "Outcome", "SubjectType"]),
        ("IX_AuditEntries_Purpose_Sequence_Choices", ["Purpose", "Sequence", "Action", "Party", "Outcome", "SubjectType"]),
        ("IX_AuditEntries_Action_Sequence_Choices", ["Action", "Sequence", "Party", "Purpose", "Outcome", "SubjectType"]),
        ("IX_AuditEntries_Outcome_Sequence_Choices", ["Outcome", "Sequence", "Action", "Party", "Purpose", "SubjectType"]),
        ("IX_AuditEntries_UserId_Sequence_Choices", ["UserId", "Sequence", "Action", "Party", "Purpose", "Outcome", "SubjectType"]),
    ];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_AuditEntries_OccurredAtUtc", "AuditEntries");
        migrationBuilder.CreateIndex("IX_AuditEntries_OccurredAtUtc_Sequence", "AuditEntries", ["OccurredAtUtc", "Sequence"]);
        foreach (var column in new[] { "UserId", "Action", "Party", "Purpose", "Outcome" })
        {
            migrationBuilder.DropIndex($"IX_AuditEntries_{column}_Sequence", "AuditEntries");
        }

        foreach (var (name, columns) in ChoiceIndexes)
        {
            migrationBuilder.CreateIndex(name, "AuditEntries", columns);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var (name, _) in ChoiceIndexes)
        {
            migrationBuilder.DropIndex(name, "AuditEntries");
        }

        foreach (var column in new[] { "UserId", "Action", "Party", "Purpose", "Outcome" })
        {
            migrationBuilder.CreateIndex($"IX_AuditEntries_{column}_Sequence", "AuditEntries", [column, "Sequence"]);
        }

        migrationBuilder.DropIndex("IX_AuditEntries_OccurredAtUtc_Sequence", "AuditEntries");
        migrationBuilder.CreateIndex("IX_AuditEntries_OccurredAtUtc", "AuditEntries", "OccurredAtUtc");
    }
}
