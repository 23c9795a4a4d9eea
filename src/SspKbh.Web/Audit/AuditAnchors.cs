using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SspKbh.Web.Data;

namespace SspKbh.Web.Audit;

/// <summary>The head of the audit chain at one moment: its last entry's sequence number and hash.</summary>
public sealed record AuditAnchor(long Sequence, string Hash, DateTime RecordedAtUtc);

/// <summary>
/// Where the chain's head is written down outside the audit table (ADR 0028), one JSON line per anchor, appended only.
/// Someone who can bypass the table's triggers could delete the newest entries and leave a chain that still links up;
/// the anchors, kept where that person cannot change them, show that entries the trail once had are gone.
/// <c>Audit:AnchorFile</c> chooses the file; without it the file lies beside the SQLite database
/// (<c>sspkbh.db.audit-anchors.jsonl</c>), or in <c>App_Data/audit-anchors.jsonl</c> on PostgreSQL.
/// </summary>
public sealed class AuditAnchorFile(string path)
{
    public const string Suffix = ".audit-anchors.jsonl";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Path { get; } = path;

    public static AuditAnchorFile From(IConfiguration configuration, IHostEnvironment environment)
    {
        if (configuration["Audit:AnchorFile"] is { Length: > 0 } configured)
        {
            return new(System.IO.Path.IsPathRooted(configured) ? configured : System.IO.Path.Combine(environment.ContentRootPath, configured));
        }

        var provider = configuration["Database:Provider"] ?? DatabaseSetup.SqliteProvider;
        if (string.Equals(provider, DatabaseSetup.SqliteProvider, StringComparison.OrdinalIgnoreCase))
        {
            var database = new SqliteConnectionStringBuilder(DatabaseSetup.SqliteConnectionString(configuration, environment)).DataSource;
            return new(database + Suffix);
        }

        return new(System.IO.Path.Combine(environment.ContentRootPath, "App_Data", "audit-anchors.jsonl"));
    }

    /// <summary>Appends the anchor and flushes it to disk before returning.</summary>
    public void Append(AuditAnchor anchor)
    {
        if (System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, 4096, FileOptions.WriteThrough);
        var line = JsonSerializer.SerializeToUtf8Bytes(anchor, Json);
        stream.Write(line);
        stream.WriteByte((byte)'\n');
        stream.Flush(flushToDisk: true);
    }

    /// <summary>The anchor with the highest sequence number, or null when there is no file or no readable line in it.</summary>
    public AuditAnchor? Newest()
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        AuditAnchor? newest = null;
        foreach (var line in File.ReadLines(Path))
        {
            AuditAnchor? anchor;
            try
            {
                anchor = string.IsNullOrWhiteSpace(line) ? null : JsonSerializer.Deserialize<AuditAnchor>(line, Json);
            }
            catch (JsonException)
            {
                continue; // A line cut off by a crash while it was written.
            }

            if (anchor is not null && (newest is null || anchor.Sequence > newest.Sequence))
            {
                newest = anchor;
            }
        }

        return newest;
    }

    /// <summary>After a restore the old anchors name entries the restored database never had: they are kept beside it under another name.</summary>
    public string? MoveAside(DateTime nowUtc)
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        var aside = $"{Path}.before-restore-{nowUtc.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}";
        File.Move(Path, aside);
        return aside;
    }
}

/// <summary>
/// Writes the audit chain's head to the anchor file and to the log when the app starts, every
/// <c>Audit:AnchorInterval</c> (default five minutes) when the chain has grown, and when the app stops. A failure is
/// logged and tried again next time; it never stops the app.
/// </summary>
public sealed class AuditAnchorJob(
    IDbContextFactory<SspDbContext> contextFactory,
    AuditAnchorFile file,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<AuditAnchorJob> logger) : BackgroundService
{
    private long? _lastAnchored;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Audit:AnchorInterval", TimeSpan.FromMinutes(5));
        await AnchorAsync(stoppingToken);
        using var timer = new PeriodicTimer(interval > TimeSpan.Zero ? interval : TimeSpan.FromMinutes(5), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await AnchorAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down: StopAsync writes the last anchor.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await AnchorAsync(cancellationToken);
    }

    /// <summary>Anchors the current head if it moved since the last anchor of this process.</summary>
    public async Task AnchorAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var head = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Sequence)
                .Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(cancellationToken);
            if (head is null || head.Sequence == _lastAnchored)
            {
                return;
            }

            file.Append(new AuditAnchor(head.Sequence, head.Hash, clock.GetUtcNow().UtcDateTime));
            _lastAnchored = head.Sequence;
            logger.LogInformation("Audit chain head anchored: sequence {Sequence}, hash {Hash}", head.Sequence, head.Hash);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "The audit chain head could not be anchored; trying again at the next interval");
        }
    }
}
