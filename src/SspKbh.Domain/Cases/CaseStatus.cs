namespace SspKbh.Domain.Cases;

public enum CaseStatus
{
    /// <summary>Registered, not yet taken up by the group.</summary>
    Open = 1,

    /// <summary>The group coordinates actions.</summary>
    UnderCoordination = 2,

    /// <summary>Coordination in SSP has ended (with a reason).</summary>
    Closed = 3,
}

public enum CloseReason
{
    ConcernResolved = 1,
    HandedOverToSspPlus = 2,
    HandedOverToOtherAuthority = 3,
    MovedAway = 4,
    Other = 5,
}

/// <summary>Which status changes are allowed, and what they need.</summary>
public static class CaseStatusRules
{
    /// <summary>Returns an error key, or null when the change is allowed.</summary>
    public static string? CheckTransition(CaseStatus from, CaseStatus to, string? reason, CloseReason? closeReason)
    {
        if (from == to)
        {
            return "StatusUnchanged";
        }

        return (from, to) switch
        {
            (CaseStatus.Open, CaseStatus.UnderCoordination) => null,
            (CaseStatus.Open or CaseStatus.UnderCoordination, CaseStatus.Closed) =>
                closeReason is null || !Enum.IsDefined(closeReason.Value) ? "CloseNeedsReason"
                : closeReason == CloseReason.Other && string.IsNullOrWhiteSpace(reason) ? "CloseOtherNeedsText"
                : null,
            (CaseStatus.Closed, CaseStatus.Open or CaseStatus.UnderCoordination) =>
                string.IsNullOrWhiteSpace(reason) ? "ReopenNeedsReason" : null,
            (CaseStatus.UnderCoordination, CaseStatus.Open) => "StatusCannotGoBack",
            _ => "StatusTransitionNotAllowed",
        };
    }
}
