using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Audit;
using SspKbh.Web.Data;

namespace SspKbh.Web.Audit;

/// <summary>Reads the whole audit trail in sequence order and checks the hash chain.</summary>
public sealed class AuditVerification(IDbContextFactory<SspDbContext> contextFactory)
{
    private const int ChunkSize = 5_000;

    public async Task<AuditChainResult> VerifyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var verifier = new AuditChainVerifier();
        // In chunks, each with the records its list entries showed (they are part of those entries' hashes).
        long after = long.MinValue;
        while (true)
        {
            var chunk = await db.AuditEntries.AsNoTracking().Where(a => a.Sequence > after).OrderBy(a => a.Sequence).Take(ChunkSize).ToListAsync(cancellationToken);
            if (chunk.Count == 0)
            {
                return verifier.Complete();
            }

            long first = chunk[0].Sequence, last = chunk[^1].Sequence;
            var listed = (await db.AuditEntrySubjects.AsNoTracking().Where(s => s.AuditSequence >= first && s.AuditSequence <= last).ToListAsync(cancellationToken))
                .ToLookup(s => s.AuditSequence, s => s.SubjectId);
            foreach (var entry in chunk)
            {
                entry.ListedIds = listed[entry.Sequence].ToList();
                if (verifier.Next(entry) is { } failure)
                {
                    return failure;
                }
            }

            after = last;
        }
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
