namespace SspKbh.Domain.Organisation;

/// <summary>A person's role within one group.</summary>
public enum GroupRole
{
    Member = 1,
    Secretary = 2,

    /// <summary>SSP-stabsansvarlig from the SSP Sekretariatet, facilitating the group.</summary>
    SspStaffLead = 3,

    /// <summary>Member of a ledergruppe (a local leader).</summary>
    Leader = 4,

    /// <summary>Chair of the group.</summary>
    Chair = 5,
}
