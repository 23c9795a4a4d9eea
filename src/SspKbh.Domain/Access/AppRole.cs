namespace SspKbh.Domain.Access;

/// <summary>
/// System roles. The names are stored as ASP.NET Core Identity role names, so do not rename members.
/// </summary>
public enum AppRole
{
    /// <summary>SSP Sekretariatet: administers users, groups and configuration.</summary>
    Administrator = 1,

    /// <summary>Koordinationsgruppe secretary: logs cases and meetings for their groups.</summary>
    Secretary = 2,

    /// <summary>Authority member (myndighedsperson) of a koordinationsgruppe.</summary>
    AuthorityMember = 3,

    /// <summary>Member of a ledergruppe reviewing level 3–4 cases.</summary>
    LeaderGroupMember = 4,

    /// <summary>Participant without authority status: never sees personal data without consent.</summary>
    NonAuthorityMember = 5,

    /// <summary>Reads anonymous statistics for the half-yearly reports.</summary>
    StatisticsReader = 6,
}
