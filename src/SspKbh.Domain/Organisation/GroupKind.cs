namespace SspKbh.Domain.Organisation;

public enum GroupKind
{
    /// <summary>SSP-koordinationsgruppe: coordinates individual cases, meets about every 14 days.</summary>
    CoordinationGroup = 1,

    /// <summary>SSP-ledergruppe: tactical level, reviews level 3–4 cases.</summary>
    LeaderGroup = 2,

    /// <summary>SSP-lokaludvalg: one per lokalområde, plans the local annual plan.</summary>
    LocalCommittee = 3,

    /// <summary>SSP+ koordinationsgruppe for young adults 17.5–25.</summary>
    SspPlusCoordinationGroup = 4,

    /// <summary>SSP+ ledergruppe for young adults 17.5–25.</summary>
    SspPlusLeaderGroup = 5,
}

public static class GroupKindRules
{
    /// <summary>Individual cases (and therefore personal data) are discussed in these kinds of group.</summary>
    public static bool HandlesIndividualCases(this GroupKind kind) => kind is
        GroupKind.CoordinationGroup or GroupKind.LeaderGroup or
        GroupKind.SspPlusCoordinationGroup or GroupKind.SspPlusLeaderGroup;

    /// <summary>The kind of group a group of this kind may report to, if any.</summary>
    public static GroupKind? ParentKind(this GroupKind kind) => kind switch
    {
        GroupKind.CoordinationGroup => GroupKind.LeaderGroup,
        GroupKind.LocalCommittee => GroupKind.LeaderGroup,
        GroupKind.SspPlusCoordinationGroup => GroupKind.SspPlusLeaderGroup,
        _ => null,
    };
}
