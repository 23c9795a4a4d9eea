using Microsoft.AspNetCore.Identity;

namespace SspKbh.Web.Security;

/// <summary>A staff member using SspKbh. Created only by administrators (no self-registration).</summary>
public sealed class AppUser : IdentityUser
{
    public string FullName { get; set; } = "";

    public int PartyId { get; set; }

    /// <summary>Myndighedsperson under retsplejeloven §115.</summary>
    public bool IsAuthorityPerson { get; set; }

    /// <summary>Deactivated users cannot sign in and lose their sessions within a minute.</summary>
    public bool IsActive { get; set; } = true;

    public DateTime CreatedAtUtc { get; set; }
}
