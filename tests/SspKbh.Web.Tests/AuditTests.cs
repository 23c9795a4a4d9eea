using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SspKbh.Web.Audit;
using SspKbh.Web.Data;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>The audit trail is append-only in the database and its hash chain reveals tampering.</summary>
public abstract class AuditTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private static async Task WriteEntriesAsync(SspAppFactory app, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await app.WithScopeAsync(async services =>
            {
                await services.GetRequiredService<AuditService>().WriteAsync(
                    new AuditEvent("test.entry", SubjectType: "test", SubjectId: i.ToString(System.Globalization.CultureInfo.InvariantCulture), Details: "written by a test"));
                return 0;
            });
        }
    }

    private static Task<Domain.Audit.AuditChainResult> VerifyAsync(SspAppFactory app) =>
        app.WithScopeAsync(services => services.GetRequiredService<AuditVerification>().VerifyAsync());

    [Fact]
    public async Task The_database_refuses_to_update_or_delete_audit_entries()
    {
        await WriteEntriesAsync(App, 2);
        await using var db = App.CreateDbContext();
        var before = await db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync();
        Assert.NotEmpty(before);

        var update = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"Outcome\" = 'failure'"));
        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        var delete = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\""));
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
        if (App.Provider == DbProvider.Postgres)
        {
            var truncate = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("TRUNCATE \"AuditEntries\""));
            Assert.Contains("append-only", truncate.Message, StringComparison.Ordinal);
        }

        // Through EF Core as well (the way application code would try it).
        var entry = await db.AuditEntries.OrderBy(a => a.Sequence).FirstAsync();
        entry.Outcome = "failure";
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => db.SaveChangesAsync());

        await using var check = App.CreateDbContext();
        var after = await check.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync();
        Assert.Equal(before.Select(a => (a.Sequence, a.Outcome, a.Hash)), after.Take(before.Count).Select(a => (a.Sequence, a.Outcome, a.Hash)));
    }

    [Fact]
    public async Task The_chain_of_a_clean_log_verifies_and_grows_without_gaps()
    {
        await WriteEntriesAsync(App, 3);
        var parallel = Enumerable.Range(0, 8).Select(_ => WriteEntriesAsync(App, 2));
        await Task.WhenAll(parallel);

        var result = await VerifyAsync(App);
        Assert.True(result.IsValid, result.Problem);
        var entries = await App.AuditEntriesAsync();
        Assert.Equal(entries.Count, result.EntriesChecked);
        Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), entries.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Forty_concurrent_writers_make_one_unbroken_chain_and_each_entry_is_stored_when_its_write_returns()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var writers = Enumerable.Range(0, 40).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                var subject = $"{marker}-{writer}-{i}";
                await App.WithScopeAsync(async services =>
                {
                    await services.GetRequiredService<AuditService>().WriteAsync(new AuditEvent("test.concurrent", SubjectType: "test", SubjectId: subject, ActorUserId: "test"));
                    return 0;
                });

                // Committed when the write returns (a page is served only after its look is durable): another connection sees it.
                await using var db = App.CreateDbContext();
                Assert.True(await db.AuditEntries.AsNoTracking().AnyAsync(a => a.SubjectId == subject), $"{subject} was not stored when its write returned");
            }
        }));
        await Task.WhenAll(writers);

        var entries = await App.AuditEntriesAsync();
        var mine = entries.Where(e => e.SubjectId?.StartsWith(marker, StringComparison.Ordinal) == true).Select(e => e.SubjectId).ToList();
        Assert.Equal(200, mine.Count);
        Assert.Equal(200, mine.Distinct().Count());
        var result = await VerifyAsync(App);
        Assert.True(result.IsValid, result.Problem);
        Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), entries.Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_look_at_many_cases_is_one_entry_that_lists_every_case_and_the_chain_covers_the_list()
    {
        // Its own app and database: the end of this test changes a listed id behind the triggers' back.
        await using var app = await SspAppFactory.StartAsync(App.Provider);
        app.AuditTrailTamperedOnPurpose = true;
        // 500 six-digit ids: far more than a subject id holds, still one entry.
        var ids = Enumerable.Range(100000, 500).ToList();
        var before = (await app.AuditEntriesAsync()).Select(e => e.Sequence).DefaultIfEmpty().Max();
        await app.WithScopeAsync(async services =>
        {
            await services.GetRequiredService<AuditService>().WriteListAsync(
                new AuditEvent("test.list", SubjectType: "meeting", SubjectId: "7", Purpose: "case-list", Details: "rows=500"), "case", ids.Concat(ids.Take(3)));
            return 0;
        });

        var written = Assert.Single(await app.AuditEntriesAsync(), e => e.Sequence > before && e.Action == "test.list");
        Assert.Equal("case", written.SubjectType);
        Assert.Null(written.SubjectId);
        Assert.Equal(ids, written.ListedIds.Select(int.Parse).Order());
        Assert.Equal("rows=500; meeting=7; listed=500", written.Details);
        Assert.True((await VerifyAsync(app)).IsValid);

        // A listed id changed behind the triggers' back breaks the entry's hash.
        await using (var db = app.CreateDbContext())
        {
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"AuditEntrySubjects\" DISABLE TRIGGER USER");
            }
            else
            {
                await db.Database.ExecuteSqlRawAsync("DROP TRIGGER \"AuditEntrySubjects_no_update\"");
            }

            var sequence = written.Sequence;
            await db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntrySubjects\" SET \"SubjectId\" = '999999' WHERE \"AuditSequence\" = {sequence} AND \"SubjectId\" = '100250'");
        }

        var broken = await VerifyAsync(app);
        Assert.False(broken.IsValid);
        Assert.Equal(written.Sequence, broken.FirstBrokenSequence);
    }

    [Fact]
    public async Task Listed_records_are_append_only_in_the_database()
    {
        await App.WithScopeAsync(async services =>
        {
            await services.GetRequiredService<AuditService>().WriteListAsync(new AuditEvent("test.list", Purpose: "case-list"), "case", [41, 42]);
            return 0;
        });
        await using var db = App.CreateDbContext();
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntrySubjects\" SET \"SubjectId\" = '43' WHERE \"SubjectId\" = '41'"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntrySubjects\" WHERE \"SubjectId\" = '42'"));
    }

    [Fact]
    public async Task Verify_audit_detects_a_row_changed_behind_the_triggers_back_in_process_and_as_a_command()
    {
        // Its own app and database: this test breaks the chain on purpose.
        await using var app = await SspAppFactory.StartAsync(App.Provider);
        app.AuditTrailTamperedOnPurpose = true;
        await WriteEntriesAsync(app, 5);
        Assert.True((await VerifyAsync(app)).IsValid);

        var clean = await AppProcess.RunAsync(app.Database, "verify-audit");
        Assert.True(clean.ExitCode == 0, $"verify-audit on a clean log exited {clean.ExitCode}: {clean.Output} {clean.Error}");
        Assert.Contains("Audit trail intact", clean.Output, StringComparison.Ordinal);

        await using (var db = app.CreateDbContext())
        {
            await TamperAsync(db, sequence: 3, details: "changed by an intruder");
        }

        var result = await VerifyAsync(app);
        Assert.False(result.IsValid);
        Assert.Equal(3, result.FirstBrokenSequence);

        var broken = await AppProcess.RunAsync(app.Database, "verify-audit");
        Assert.True(broken.ExitCode == 2, $"verify-audit on a tampered log exited {broken.ExitCode}: {broken.Output} {broken.Error}");
        Assert.Contains("BROKEN at sequence 3", broken.Error, StringComparison.Ordinal);

        // The triggers are back: the intruder's way in is closed again.
        await using (var db = app.CreateDbContext())
        {
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\""));
        }
    }

    /// <summary>Changes one row the way only a database owner could: around the append-only triggers.</summary>
    private static async Task TamperAsync(SspDbContext db, long sequence, string details)
    {
        await db.Database.OpenConnectionAsync();
        var update = $"UPDATE \"AuditEntries\" SET \"Details\" = '{details}' WHERE \"Sequence\" = {sequence}";
        if (db.Database.IsSqlite())
        {
            var triggers = await db.Database.SqlQueryRaw<string>(
                "SELECT sql AS \"Value\" FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'AuditEntries'").ToListAsync();
            Assert.Equal(2, triggers.Count);
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER \"AuditEntries_no_update\"");
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER \"AuditEntries_no_delete\"");
            Assert.Equal(1, await db.Database.ExecuteSqlRawAsync(update));
            foreach (var sql in triggers)
            {
                await db.Database.ExecuteSqlRawAsync(sql);
            }
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"AuditEntries\" DISABLE TRIGGER \"AuditEntries_append_only\"");
            Assert.Equal(1, await db.Database.ExecuteSqlRawAsync(update));
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"AuditEntries\" ENABLE TRIGGER \"AuditEntries_append_only\"");
        }
    }
}

public sealed class AuditTestsSqlite(SqliteApp fixture) : AuditTests(fixture), IClassFixture<SqliteApp>;

public sealed class AuditTestsPostgres(PostgresApp fixture) : AuditTests(fixture), IClassFixture<PostgresApp>;
