namespace SspKbh.Domain.Audit;

/// <summary>The result of checking the audit hash chain.</summary>
public sealed record AuditChainResult(bool IsValid, long EntriesChecked, long? FirstBrokenSequence, string? Problem);

/// <summary>Verifies an audit trail read in sequence order, streaming so any size fits in memory.</summary>
public sealed class AuditChainVerifier
{
    private AuditRecord? _previous;
    private long _checked;

    /// <summary>Feeds the next entry. Returns a failed result at the first broken link, otherwise null.</summary>
    public AuditChainResult? Next(AuditRecord entry)
    {
        var expectedSequence = (_previous?.Sequence ?? 0) + 1;
        var expectedPrevious = _previous?.Hash ?? AuditRecord.GenesisHash;
        _checked++;

        if (entry.Sequence != expectedSequence)
        {
            return new AuditChainResult(false, _checked, entry.Sequence,
                $"expected sequence {expectedSequence} but found {entry.Sequence} (an entry is missing or out of order)");
        }

        if (!string.Equals(entry.PreviousHash, expectedPrevious, StringComparison.Ordinal))
        {
            return new AuditChainResult(false, _checked, entry.Sequence,
                "the link to the previous entry does not match (an entry was removed, replaced or reordered)");
        }

        if (!string.Equals(entry.ComputeHash(), entry.Hash, StringComparison.Ordinal))
        {
            return new AuditChainResult(false, _checked, entry.Sequence, "the entry's content does not match its hash (it was changed)");
        }

        _previous = entry;
        return null;
    }

    public AuditChainResult Complete() => new(true, _checked, null, null);

    public static AuditChainResult Verify(IEnumerable<AuditRecord> entriesInSequenceOrder)
    {
        var verifier = new AuditChainVerifier();
        foreach (var entry in entriesInSequenceOrder)
        {
            if (verifier.Next(entry) is { } failure)
            {
                return failure;
            }
        }

        return verifier.Complete();
    }
}
