using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SspKbh.Web.Data;

/// <summary>
/// The <c>backup</c> and <c>restore</c> operator commands for the SQLite database
/// (docs/operations.md, docs/adr/0013-sqlite-backup-and-restore-commands.md). PostgreSQL has its own
/// tools (pg_dump, pg_restore), so these refuse to run there.
/// </summary>
public static class SqliteBackup
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>Wrong use or not possible here: bad arguments, PostgreSQL, a missing file, the database still open in the app, an I/O error.</summary>
    public const int Failed = 1;

    /// <summary>A file failed the checks: not a SQLite database, not SspKbh's, integrity_check not ok.</summary>
    public const int Invalid = 2;

    /// <summary>The backup file already exists; nothing was written.</summary>
    public const int TargetExists = 3;

    private const string MigrationsTable = "__EFMigrationsHistory";

    /// <summary>
    /// Copies the live database to <paramref name="target"/> with SQLite's online backup API (a consistent
    /// snapshot; the app may keep running and writing), then runs <c>PRAGMA integrity_check</c> on the copy.
    /// Never overwrites an existing file.
    /// </summary>
    public static int Backup(string databaseConnectionString, string target, TextWriter output, TextWriter error)
    {
        var databasePath = new SqliteConnectionStringBuilder(databaseConnectionString).DataSource;
        if (!File.Exists(databasePath))
        {
            error.WriteLine($"The database file '{databasePath}' does not exist. Nothing to back up.");
            return Failed;
        }

        target = Path.GetFullPath(target);
        if (!Directory.Exists(Path.GetDirectoryName(target)))
        {
            error.WriteLine($"The folder of '{target}' does not exist.");
            return Failed;
        }

        try
        {
            // Claim the name first (CreateNew fails if it exists), so two backups never share a file.
            using (new FileStream(target, FileMode.CreateNew, FileAccess.Write))
            {
            }
        }
        catch (IOException) when (File.Exists(target) || Directory.Exists(target))
        {
            error.WriteLine($"'{target}' already exists. Refusing to overwrite it; choose a new file name.");
            return TargetExists;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"Cannot create '{target}': {ex.Message}");
            return Failed;
        }

        try
        {
            Copy(databasePath, SqliteOpenMode.ReadWrite, target);
        }
        catch (SqliteException ex)
        {
            DeleteQuietly(target);
            error.WriteLine($"The backup failed: {ex.Message}");
            return Failed;
        }

        var check = Check(target);
        if (check.Problem is not null)
        {
            // A copy that fails its check must not lie around looking like a backup.
            DeleteQuietly(target);
            error.WriteLine($"The copy failed its check and was deleted: {check.Problem}. Check the live database with 'PRAGMA integrity_check'.");
            return Invalid;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Backup written to '{target}' ({new FileInfo(target).Length:N0} bytes, {check.Migrations.Count} migrations); integrity_check ok."));
        return Ok;
    }

    /// <summary>
    /// Replaces the configured database file with the backup in <paramref name="backupFile"/>. The app must be
    /// stopped; a database that another process still has open is refused. The backup is checked first (SQLite, SspKbh's migrations table, no migration this version does
    /// not know, integrity_check ok). The current file is kept as <c>&lt;name&gt;.before-restore-&lt;UTC time&gt;</c>
    /// and its stale -wal/-shm files are removed.
    /// </summary>
    public static int Restore(string databaseConnectionString, string backupFile, IReadOnlyCollection<string> knownMigrations,
        TimeProvider clock, TextWriter output, TextWriter error)
    {
        var databasePath = Path.GetFullPath(new SqliteConnectionStringBuilder(databaseConnectionString).DataSource);
        backupFile = Path.GetFullPath(backupFile);
        if (!File.Exists(backupFile))
        {
            error.WriteLine($"The backup file '{backupFile}' does not exist.");
            return Failed;
        }

        if (string.Equals(backupFile, databasePath, StringComparison.Ordinal))
        {
            error.WriteLine("The backup file is the configured database itself.");
            return Failed;
        }

        var check = Check(backupFile);
        if (check.Problem is not null)
        {
            error.WriteLine($"'{backupFile}' cannot be restored: {check.Problem}. Nothing was changed.");
            return Invalid;
        }

        var unknown = check.Migrations.Except(knownMigrations, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            error.WriteLine($"'{backupFile}' was made by a newer version of SspKbh (unknown migrations: {string.Join(", ", unknown)}). "
                + "Restore it with that version. Nothing was changed.");
            return Invalid;
        }

        var stamp = clock.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var incoming = $"{databasePath}.restore-{stamp}.tmp";
        var previous = $"{databasePath}.before-restore-{stamp}";
        if (File.Exists(previous))
        {
            error.WriteLine($"'{previous}' already exists. Wait a second and try again.");
            return Failed;
        }

        try
        {
            // Through the backup API rather than File.Copy, so a backup file that has a -wal beside it comes in whole.
            Copy(backupFile, SqliteOpenMode.ReadOnly, incoming);
            if (Check(incoming).Problem is { } problem)
            {
                DeleteQuietly(incoming);
                error.WriteLine($"The copy of the backup failed its check: {problem}. Nothing was changed.");
                return Invalid;
            }

            if (File.Exists(databasePath))
            {
                if (IsInUse(databasePath))
                {
                    DeleteQuietly(incoming);
                    error.WriteLine($"The database '{databasePath}' is in use. Stop the app (every instance) and run restore again. Nothing was changed.");
                    return Failed;
                }

                File.Move(databasePath, previous);
            }

            // After the checkpoint the -wal and -shm hold nothing the kept copy lacks; beside the restored file they would be wrong.
            DeleteQuietly(databasePath + "-wal");
            DeleteQuietly(databasePath + "-shm");
            DeleteQuietly(databasePath + "-journal");
            File.Move(incoming, databasePath);
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            DeleteQuietly(incoming);
            error.WriteLine($"The restore failed: {ex.Message}");
            if (!File.Exists(databasePath) && File.Exists(previous))
            {
                error.WriteLine($"The previous database is at '{previous}'. Move it back to '{databasePath}' before starting the app.");
            }

            return Failed;
        }

        output.WriteLine($"Restored '{backupFile}' into '{databasePath}' ({check.Migrations.Count} migrations; integrity_check ok).");
        output.WriteLine(File.Exists(previous)
            ? $"The previous database is kept as '{previous}'."
            : "There was no previous database file.");
        output.WriteLine("Start the app; it applies any newer migrations. Then run verify-audit.");
        return Ok;
    }

    private sealed record CheckResult(string? Problem, IReadOnlyList<string> Migrations);

    /// <summary>Is <paramref name="path"/> an intact SQLite database with SspKbh's migrations table?</summary>
    private static CheckResult Check(string path)
    {
        try
        {
            using var connection = Open(path, SqliteOpenMode.ReadOnly);
            var integrity = Query(connection, "PRAGMA integrity_check;");
            if (integrity is not ["ok"])
            {
                return new CheckResult("integrity_check reported " + string.Join("; ", integrity.Take(5)), []);
            }

            if (Query(connection, $"SELECT name FROM sqlite_master WHERE type = 'table' AND name = '{MigrationsTable}';").Count == 0)
            {
                return new CheckResult($"it has no {MigrationsTable} table, so it is not an SspKbh database", []);
            }

            return new CheckResult(null, Query(connection, $"SELECT \"MigrationId\" FROM \"{MigrationsTable}\" ORDER BY \"MigrationId\";"));
        }
        catch (SqliteException ex)
        {
            return new CheckResult($"it is not a readable SQLite database ({ex.Message})", []);
        }
    }

    private static void Copy(string sourcePath, SqliteOpenMode sourceMode, string targetPath)
    {
        using var source = Open(sourcePath, sourceMode);
        using var target = Open(targetPath, SqliteOpenMode.ReadWriteCreate);
        source.BackupDatabase(target);
        // A self-contained file: rollback journal, so no -wal file ever belongs to it.
        Query(target, "PRAGMA journal_mode=DELETE;");
    }

    /// <summary>
    /// Makes sure no other connection has the database open, then folds the write-ahead log into the file
    /// (so the kept copy is complete). Every open WAL-mode connection holds a shared lock, so the exclusive
    /// lock that this connection asks for first is refused while the app (any process) has the file open.
    /// </summary>
    private static bool IsInUse(string path)
    {
        try
        {
            using var connection = Open(path, SqliteOpenMode.ReadWrite);
            // Exclusive locking mode before the first access: the first read then needs the file to itself.
            // One statement per command; a multi-statement command did not report the lock error here.
            Query(connection, "PRAGMA locking_mode=EXCLUSIVE;");
            Query(connection, "SELECT count(*) FROM sqlite_master;", timeoutSeconds: 2);
            // The checkpoint's first column is "busy" (0/1).
            return Query(connection, "PRAGMA wal_checkpoint(TRUNCATE);", timeoutSeconds: 2) is not ["0", ..];
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6) // SQLITE_BUSY, SQLITE_LOCKED
        {
            return true;
        }
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        // No pooling: the file must really be closed when the command moves or checks it.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static List<string> Query(SqliteConnection connection, string sql, int timeoutSeconds = 30)
    {
        using var command = connection.CreateCommand();
        command.CommandTimeout = timeoutSeconds;
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetValue(0)?.ToString() ?? "");
        }

        return values;
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left behind; the message the caller prints is what matters.
        }
    }
}
