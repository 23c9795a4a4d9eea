namespace SspKbh.Domain.Audit;

/// <summary>One record an audited view showed: a row of <see cref="AuditRecord.ListedIds"/>, append-only like the entry.</summary>
public sealed class AuditEntrySubject
{
    /// <summary>The <see cref="AuditRecord.Sequence"/> of the entry that lists this record.</summary>
    public long AuditSequence { get; set; }

    /// <summary>The record's id, of the entry's subject type.</summary>
    public string SubjectId { get; set; } = "";
}
