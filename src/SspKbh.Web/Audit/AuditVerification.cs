using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Audit;
using SspKbh.Web.Data;

namespace SspKbh.Web.Audit;

/// <summary>Reads the whole audit trail in sequence order and checks the hash chain.</summary>
public sealed class AuditVerification(IDbContextFactory<SspDbContext> contextFactory)
{
    public async Task<AuditChainResult> VerifyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var verifier = new AuditChainVerifier();
        await foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (verifier.Next(entry) is { } failure)
            {
                return failure;
            }
        }

        return verifier.Complete();
    }

    /// <summary>
    /// Whether the trail still holds the anchored head: the entry with the anchor's sequence number, with the anchored
    /// hash. A chain that links up but ends before it lost its newest entries (ADR 0028). Null when it holds.
    /// </summary>
    public async Task<string?> CheckAnchorAsync(AuditAnchor anchor, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var hash = await db.AuditEntries.AsNoTracking().Where(a => a.Sequence == anchor.Sequence).Select(a => a.Hash).FirstOrDefaultAsync(cancellationToken);
        var anchoredAt = anchor.RecordedAtUtc.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        if (hash is null)
        {
            var head = await db.AuditEntries.AsNoTracking().MaxAsync(a => (long?)a.Sequence, cancellationToken) ?? 0;
            return $"entry {anchor.Sequence}, the head anchored at {anchoredAt}, is missing: the trail ends at entry {head}, "
                + $"so at least {anchor.Sequence - head} of its newest entries were removed";
        }

        return hash == anchor.Hash
            ? null
            : $"entry {anchor.Sequence} has another hash than the one anchored at {anchoredAt}: the trail was rewritten from there";
    }
}
