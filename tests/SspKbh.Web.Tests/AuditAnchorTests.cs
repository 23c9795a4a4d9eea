using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SspKbh.Web.Audit;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// Issue 16 #19 (ADR 0028): with the append-only trigger bypassed, deleting the newest audit entries leaves a chain that
/// still links up. The head anchored outside the table shows the cut: verify-audit then exits 2.
/// </summary>
public sealed class AuditAnchorTests
{
    [Theory]
    [InlineData(DbProvider.Sqlite)]
    [InlineData(DbProvider.Postgres)]
    public async Task Removing_the_newest_entries_behind_the_triggers_back_is_found_by_verify_audit_through_the_anchor(DbProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var app = SspAppFactory.StartOn(database))
        {
            for (var i = 0; i < 12; i++)
            {
                await app.WithScopeAsync(async services =>
                {
                    await services.GetRequiredService<AuditService>().WriteAsync(AuditEvent.BySystem("test.anchor", Details: $"n={i}"));
                    return true;
                });
            }
        }

        // Stopping the app anchored the head it left.
        var anchorFile = AnchorFileOf(database);
        var anchor = new AuditAnchorFile(anchorFile).Newest();
        Assert.NotNull(anchor);
        long head;
        await using (var db = database.CreateContext())
        {
            head = await db.AuditEntries.MaxAsync(a => a.Sequence);
        }

        Assert.Equal(head, anchor.Sequence);
        ClearPools(database);
        var intact = await AppProcess.RunAsync(database, "verify-audit");
        Assert.True(intact.ExitCode == 0, $"verify-audit exited {intact.ExitCode}: {intact.Output} {intact.Error}");
        Assert.Contains($"holds the newest anchored head (entry {head})", intact.Output, StringComparison.Ordinal);

        // Someone with the database's owner rights switches the trigger off and deletes the newest ten entries.
        await using (var db = database.CreateContext())
        {
            if (provider == DbProvider.Sqlite)
            {
                await db.Database.ExecuteSqlRawAsync("DROP TRIGGER \"AuditEntries_no_delete\"");
            }
            else
            {
                await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"AuditEntries\" DISABLE TRIGGER USER");
            }

            var from = head - 10;
            Assert.Equal(10, await db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEntries\" WHERE \"Sequence\" > {from}"));
        }

        ClearPools(database);
        var cut = await AppProcess.RunAsync(database, "verify-audit");
        Assert.True(cut.ExitCode == 2, $"verify-audit after the cut exited {cut.ExitCode}: {cut.Output} {cut.Error}");
        Assert.Contains($"the trail ends at entry {head - 10}", cut.Error, StringComparison.Ordinal);

        // The chain alone cannot tell: without the anchor file the cut trail passes, which is why the anchors are kept
        // (also elsewhere): an operator's copy given to the command finds the cut again.
        var kept = anchorFile + ".kept";
        File.Move(anchorFile, kept);
        try
        {
            var unanchored = await AppProcess.RunAsync(database, "verify-audit");
            Assert.True(unanchored.ExitCode == 0, $"{unanchored.Output} {unanchored.Error}");
            Assert.Contains("No anchor", unanchored.Output, StringComparison.Ordinal);
            var withCopy = await AppProcess.RunAsync(database, "verify-audit", kept);
            Assert.Equal(2, withCopy.ExitCode);
        }
        finally
        {
            File.Delete(kept);
        }
    }

    private static void ClearPools(TestDatabase database)
    {
        if (database.Provider == DbProvider.Sqlite)
        {
            database.ClearSqlitePools();
        }
    }

    private static string AnchorFileOf(TestDatabase database) =>
        database.AppSettings.GetValueOrDefault("Audit:AnchorFile") ?? database.Name + AuditAnchorFile.Suffix;
}
