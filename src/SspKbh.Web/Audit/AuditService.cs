using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Audit;
using SspKbh.Web.Data;
using SspKbh.Web.Security;

namespace SspKbh.Web.Audit;

/// <summary>What to record. Never put personal data in any field: ids only.</summary>
public sealed record AuditEvent(
    string Action,
    string Outcome = AuditOutcomes.Success,
    string? SubjectType = null,
    string? SubjectId = null,
    string? Purpose = null,
    string? Details = null,
    ClaimsPrincipal? Actor = null,
    string? ActorUserId = null);

/// <summary>
/// Appends entries to the hash-chained audit trail. Writes go through their own context so an
/// entry is kept even when the caller's work is rolled back (a denied or failed attempt is logged).
/// </summary>
public sealed class AuditService(
    IDbContextFactory<SspDbContext> contextFactory,
    IHttpContextAccessor httpContextAccessor,
    TimeProvider clock,
    ILogger<AuditService> logger)
{
    // One writer at a time in this process; the unique Sequence index (and an advisory lock on
    // PostgreSQL) keeps several processes from forking the chain.
    private static readonly SemaphoreSlim WriteLock = new(1, 1);
    internal const long PostgresAdvisoryLockKey = 0x55B_A0D1;

    public async Task WriteAsync(AuditEvent e, CancellationToken cancellationToken = default)
    {
        var http = httpContextAccessor.HttpContext;
        var actor = e.Actor ?? http?.User;
        var entry = new AuditRecord
        {
            OccurredAtUtc = clock.GetUtcNow().UtcDateTime,
            UserId = e.ActorUserId ?? actor?.UserId(),
            Roles = actor is null ? null : string.Join(',', actor.AppRoles()),
            Party = actor?.Party(),
            Action = e.Action,
            SubjectType = e.SubjectType,
            SubjectId = e.SubjectId,
            Purpose = Truncate(e.Purpose, 500),
            Outcome = e.Outcome,
            Details = Truncate(e.Details, 2000),
            CorrelationId = http?.TraceIdentifier,
        };

        await WriteLock.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await AppendAsync(entry, cancellationToken);
                    return;
                }
                catch (DbUpdateException ex) when (attempt < 5)
                {
                    // Another instance took the same sequence number: link after its entry instead.
                    logger.LogWarning(ex, "Audit append collided (attempt {Attempt}); retrying", attempt);
                }
            }
        }
        finally
        {
            WriteLock.Release();
        }
    }

    private async Task AppendAsync(AuditRecord entry, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({PostgresAdvisoryLockKey})", cancellationToken);
        }

        var previous = await db.AuditEntries.AsNoTracking()
            .OrderByDescending(a => a.Sequence)
            .FirstOrDefaultAsync(cancellationToken);
        entry.Id = 0;
        entry.Seal(previous);
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    private static string? Truncate(string? value, int max) =>
        value is null || value.Length <= max ? value : value[..max];
}
