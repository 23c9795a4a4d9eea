namespace SspKbh.Domain.Access;

/// <summary>
/// Time-limited access ("break-glass") of an authority person to a case outside their own groups,
/// with the reason they gave. The case's koordinationsgruppe sees every grant on the case.
/// </summary>
public sealed class CaseAccessGrant
{
    public const int ReasonMinLength = 10;
    public const int ReasonMaxLength = 1000;

    public int Id { get; set; }

    public int CaseId { get; set; }

    public string UserId { get; set; } = "";

    public string Reason { get; set; } = "";

    public DateTime GrantedAtUtc { get; set; }

    public DateTime ExpiresAtUtc { get; set; }

    public bool IsActiveAt(DateTime nowUtc) => GrantedAtUtc <= nowUtc && nowUtc < ExpiresAtUtc;

    /// <summary>Returns the error key for a reason that does not say why, or null.</summary>
    public static string? ValidateReason(string? reason)
    {
        var trimmed = reason?.Trim() ?? "";
        return trimmed.Length == 0 ? "EmergencyReasonRequired"
            : trimmed.Length < ReasonMinLength ? "EmergencyReasonTooShort"
            : trimmed.Length > ReasonMaxLength ? "EmergencyReasonTooLong"
            : null;
    }

    public static CaseAccessGrant Create(int caseId, string userId, string reason, DateTime nowUtc, TimeSpan duration) => new()
    {
        CaseId = caseId,
        UserId = userId,
        Reason = reason.Trim(),
        GrantedAtUtc = nowUtc,
        ExpiresAtUtc = nowUtc + duration,
    };
}
