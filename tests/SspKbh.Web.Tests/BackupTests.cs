using System.Net;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Access;
using SspKbh.Web.Data;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The <c>backup</c> and <c>restore</c> commands, run as an operator runs them
/// (<c>dotnet SspKbh.Web.dll backup &lt;file&gt;</c>) against a real SQLite file, and their refusal on PostgreSQL.
/// </summary>
public sealed class BackupTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"sspkbh-backup-test-{Guid.NewGuid():N}");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open stays in the temp folder; it is harmless.
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_backup_taken_while_the_app_runs_restores_exactly_the_state_at_that_moment()
    {
        await using var database = await SqliteDatabaseInAsync(_folder);
        var backup = Path.Combine(_folder, "sspkbh-backup.db");
        TestUser kept;
        TestUser lost;
        await using (var app = SspAppFactory.StartOn(database))
        {
            kept = await app.CreateUserAsync([AppRole.StatisticsReader]);
            using var browser = app.CreateBrowser();
            await browser.SignInAsync(kept.Email);

            // The app is running (and has written through its own connections) while the backup is taken.
            var taken = await AppProcess.RunAsync(database, "backup", backup);
            Assert.True(taken.ExitCode == 0, $"backup exited {taken.ExitCode}: {taken.Output} {taken.Error}");
            Assert.Contains("integrity_check ok", taken.Output, StringComparison.Ordinal);
            Assert.False(File.Exists(backup + "-wal"), "A backup is one self-contained file.");

            lost = await app.CreateUserAsync([AppRole.StatisticsReader]);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).Status);

            // Backing up to the same file again is refused and leaves the first backup as it was.
            var hash = await HashAsync(backup);
            var again = await AppProcess.RunAsync(database, "backup", backup);
            Assert.True(again.ExitCode == SqliteBackup.TargetExists, $"backup onto an existing file exited {again.ExitCode}: {again.Output} {again.Error}");
            Assert.Contains("already exists", again.Error, StringComparison.Ordinal);
            Assert.Equal(hash, await HashAsync(backup));

            // Restoring under the running app is refused: the app still has the database open.
            var underApp = await AppProcess.RunAsync(database, "restore", backup);
            Assert.True(underApp.ExitCode == SqliteBackup.Failed, $"restore under the running app exited {underApp.ExitCode}: {underApp.Output} {underApp.Error}");
            Assert.Contains("in use", underApp.Error, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFiles(_folder, "*.before-restore-*"));
            Assert.Equal(2, await CountUsersAsync(database.Name, kept.Email, lost.Email));
        }

        // The operator stops the app before restoring (our in-process app leaves pooled connections behind).
        database.ClearSqlitePools();
        var restored = await AppProcess.RunAsync(database, "restore", backup);
        Assert.True(restored.ExitCode == 0, $"restore exited {restored.ExitCode}: {restored.Output} {restored.Error}");

        // The database from before the restore is kept, complete (with the user created after the backup).
        var previous = Assert.Single(Directory.GetFiles(_folder, Path.GetFileName(database.Name) + ".before-restore-*"));
        Assert.Contains(previous, restored.Output, StringComparison.Ordinal);
        Assert.Equal(2, await CountUsersAsync(previous, kept.Email, lost.Email));
        Assert.False(File.Exists(database.Name + "-wal") && new FileInfo(database.Name + "-wal").Length > 0, "No stale -wal beside the restored file.");

        // The restarted app sees the backed-up data only.
        await using (var app = SspAppFactory.StartOn(database))
        {
            Assert.Equal(1, await CountUsersAsync(database.Name, kept.Email, lost.Email));
            using var browser = app.CreateBrowser();
            await browser.SignInAsync(kept.Email);
            using var other = app.CreateBrowser();
            var refused = await other.LoginAsync(lost.Email);
            Assert.Equal(Texts.Login_Failed, refused.TestIdText("login-error"));
        }

        // The audit trail of the restored database, with what the restarted app appended, is intact.
        database.ClearSqlitePools();
        var verified = await AppProcess.RunAsync(database, "verify-audit");
        Assert.True(verified.ExitCode == 0, $"verify-audit after restore exited {verified.ExitCode}: {verified.Output} {verified.Error}");
    }

    [Fact]
    public async Task Restore_refuses_a_file_that_is_not_an_intact_SspKbh_database_and_changes_nothing()
    {
        await using var database = await SqliteDatabaseInAsync(_folder);
        await using (SspAppFactory.StartOn(database))
        {
        }

        database.ClearSqlitePools();
        var hash = await HashAsync(database.Name);

        var text = Path.Combine(_folder, "notes.txt");
        await File.WriteAllTextAsync(text, new string('x', 4096));
        var notSqlite = await AppProcess.RunAsync(database, "restore", text);
        Assert.True(notSqlite.ExitCode == SqliteBackup.Invalid, $"restore of a text file exited {notSqlite.ExitCode}: {notSqlite.Output} {notSqlite.Error}");
        Assert.Contains("not a readable SQLite database", notSqlite.Error, StringComparison.Ordinal);

        var foreign = Path.Combine(_folder, "other.db");
        await using (var connection = new SqliteConnection($"Data Source={foreign};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE Things (Id INTEGER PRIMARY KEY);";
            await create.ExecuteNonQueryAsync();
        }

        var notOurs = await AppProcess.RunAsync(database, "restore", foreign);
        Assert.True(notOurs.ExitCode == SqliteBackup.Invalid, $"restore of another app's database exited {notOurs.ExitCode}: {notOurs.Output} {notOurs.Error}");
        Assert.Contains("not an SspKbh database", notOurs.Error, StringComparison.Ordinal);

        var missing = await AppProcess.RunAsync(database, "restore", Path.Combine(_folder, "missing.db"));
        Assert.Equal(SqliteBackup.Failed, missing.ExitCode);

        Assert.Equal(hash, await HashAsync(database.Name));
        Assert.Empty(Directory.GetFiles(_folder, "*.before-restore-*"));
    }

    [Fact]
    public async Task A_backup_made_before_the_generated_migrations_is_restored_and_carried_over()
    {
        await using var database = await SqliteDatabaseInAsync(_folder);
        await using (SspAppFactory.StartOn(database))
        {
        }

        // A backup file of the last version with hand-written migrations (the legacy demo database, Fixtures/README.md).
        var backup = Path.Combine(_folder, "sspkbh-before-adr-0041.db");
        await using (var gz = new System.IO.Compression.GZipStream(File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Fixtures", "legacy-demo.sqlite.gz")),
                         System.IO.Compression.CompressionMode.Decompress))
        await using (var file = File.Create(backup))
        {
            await gz.CopyToAsync(file);
        }

        database.ClearSqlitePools();
        var restored = await AppProcess.RunAsync(database, "restore", backup);
        Assert.True(restored.ExitCode == 0, $"restore exited {restored.ExitCode}: {restored.Output} {restored.Error}");

        // The next start carries it over; its twelve demo cases are there and its trail verifies.
        await using (var app = SspAppFactory.StartOn(database))
        {
            await using var db = app.CreateDbContext();
            Assert.Equal([LegacySchema.BaselineId], await db.Database.GetAppliedMigrationsAsync());
            Assert.Equal(12, await db.Cases.CountAsync());
        }

        database.ClearSqlitePools();
        var verified = await AppProcess.RunAsync(database, "verify-audit");
        Assert.True(verified.ExitCode == 0, $"verify-audit after restore exited {verified.ExitCode}: {verified.Output} {verified.Error}");
    }

    [Fact]
    public async Task On_SQL_Server_backup_and_restore_point_to_BACKUP_DATABASE()
    {
        await using var database = await TestDatabase.CreateAsync(DbProvider.Sqlite);
        var target = Path.Combine(_folder, "mssql.bak");
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "SqlServer",
            ["ConnectionStrings:SqlServer"] = "Server=tcp:127.0.0.1,1;Database=sspkbh;Connect Timeout=2;Encrypt=false",
        };
        foreach (var command in new[] { "backup", "restore" })
        {
            var refused = await AppProcess.RunWithSettingsAsync(database, settings, command, target);
            Assert.True(refused.ExitCode == SqliteBackup.Failed, $"{command} on SQL Server exited {refused.ExitCode}: {refused.Output} {refused.Error}");
            Assert.Contains("BACKUP DATABASE and RESTORE DATABASE", refused.Error, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task On_PostgreSQL_backup_and_restore_point_to_pg_dump_and_pg_restore()
    {
        await using var database = await TestDatabase.CreateAsync(DbProvider.Postgres);
        var target = Path.Combine(_folder, "pg.db");

        var backup = await AppProcess.RunAsync(database, "backup", target);
        Assert.True(backup.ExitCode == SqliteBackup.Failed, $"backup on PostgreSQL exited {backup.ExitCode}: {backup.Output} {backup.Error}");
        Assert.Contains("pg_dump", backup.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(target));

        var restore = await AppProcess.RunAsync(database, "restore", target);
        Assert.Equal(SqliteBackup.Failed, restore.ExitCode);
        Assert.Contains("pg_restore", restore.Error, StringComparison.Ordinal);
    }

    /// <summary>A fresh SQLite test database whose file lies in <paramref name="folder"/> (so the kept copies are found and cleaned up).</summary>
    private static async Task<TestDatabase> SqliteDatabaseInAsync(string folder) =>
        await TestDatabase.CreateAsync(DbProvider.Sqlite, folder);

    private static async Task<string> HashAsync(string path) => Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(path)));

    private static async Task<int> CountUsersAsync(string path, params string[] emails)
    {
        var options = new DbContextOptionsBuilder<SspDbContext>().UseSqlite($"Data Source={path};Mode=ReadOnly;Pooling=False").Options;
        await using var db = new SspDbContext(options);
        return await db.Users.CountAsync(u => emails.Contains(u.Email));
    }
}
