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
}
