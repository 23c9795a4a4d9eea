using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SspKbh.Domain.Audit;

/// <summary>
/// One entry of the append-only audit trail. Entries form a hash chain: each entry's
/// <see cref="Hash"/> covers its own fields and the previous entry's hash, so a changed,
/// removed or reordered entry breaks the chain from that point on.
/// Never put personal data (names, CPR numbers, case text) in an entry: only ids.
/// </summary>
public sealed class AuditRecord
{
    /// <summary>The longest subject id the trail stores (the column's length).</summary>
    public const int SubjectIdMaxLength = 100;

    public long Id { get; set; }

    /// <summary>1, 2, 3 ... without gaps; unique, so two writers can never fork the chain.</summary>
    public long Sequence { get; set; }

    /// <summary>UTC, truncated to whole milliseconds so every database stores it exactly.</summary>
    public DateTime OccurredAtUtc { get; set; }

    public string? UserId { get; set; }

    /// <summary>The user's roles at the time, comma separated.</summary>
    public string? Roles { get; set; }

    /// <summary>The user's party code at the time.</summary>
    public string? Party { get; set; }

    /// <summary>What happened, e.g. "auth.sign-in" or "admin.user.update".</summary>
    public string Action { get; set; } = "";

    /// <summary>Kind of subject, e.g. "user", "group", "case", "young-person".</summary>
    public string? SubjectType { get; set; }

    public string? SubjectId { get; set; }

    /// <summary>
    /// The records one view showed (a list, a board, a meeting), all of <see cref="SubjectType"/>: one entry per view
    /// whatever their number. Stored one row each in <c>AuditEntrySubjects</c> (so a data-subject report finds every
    /// one exactly) and covered by <see cref="Hash"/>. Empty for an entry about one record or none.
    /// </summary>
    public IReadOnlyList<string> ListedIds { get; set; } = [];

    /// <summary>Why the data was accessed (purpose/basis).</summary>
    public string? Purpose { get; set; }

    /// <summary>"success", "failure", "denied".</summary>
    public string Outcome { get; set; } = "";

    /// <summary>Extra facts without personal data (e.g. which fields changed).</summary>
    public string? Details { get; set; }

    public string? CorrelationId { get; set; }

    public string PreviousHash { get; set; } = "";

    public string Hash { get; set; } = "";

    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Computes the hash of this entry given the previous entry's hash.</summary>
    public string ComputeHash()
    {
        var canonical = string.Join('\u001f',
            Sequence.ToString(CultureInfo.InvariantCulture),
            OccurredAtUtc.ToString("yyyy-MM-ddTHH:mm:ss.fff", CultureInfo.InvariantCulture),
            UserId ?? "",
            Roles ?? "",
            Party ?? "",
            Action,
            SubjectType ?? "",
            SubjectId ?? "",
            Purpose ?? "",
            Outcome,
            Details ?? "",
            CorrelationId ?? "",
            PreviousHash);
        if (ListedIds.Count > 0)
        {
            // Only entries with a list carry this part, so every entry written before lists existed keeps its hash.
            canonical += '\u001f' + string.Join(',', ListedIds.Order(StringComparer.Ordinal));
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>Links this entry after <paramref name="previous"/> (null for the first entry) and seals it.</summary>
    public void Seal(AuditRecord? previous)
    {
        Sequence = (previous?.Sequence ?? 0) + 1;
        PreviousHash = previous?.Hash ?? GenesisHash;
        OccurredAtUtc = TruncateToMilliseconds(OccurredAtUtc);
        Hash = ComputeHash();
    }

    public static DateTime TruncateToMilliseconds(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Utc ? value : DateTime.SpecifyKind(value, DateTimeKind.Utc);
        return new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }
}
