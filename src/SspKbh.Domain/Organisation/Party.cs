namespace SspKbh.Domain.Organisation;

/// <summary>
/// An administration or organisation taking part in SSP (BUF, SOF, the police ...).
/// Whether a party's staff act as authority persons (myndighedspersoner) under
/// retsplejeloven §115 is decided per user; <see cref="IsPublicAuthority"/> is the default
/// suggested when an administrator creates a user from the party.
/// </summary>
public sealed class Party
{
    public int Id { get; set; }

    /// <summary>Short code such as "BUF" or "POL".</summary>
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public bool IsPublicAuthority { get; set; }

    public bool IsActive { get; set; } = true;

    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");
}
