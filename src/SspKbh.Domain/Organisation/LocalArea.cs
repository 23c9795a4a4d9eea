namespace SspKbh.Domain.Organisation;

/// <summary>An SSP lokalområde. Each belongs to one koordinationsgruppe.</summary>
public sealed class LocalArea
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>The koordinationsgruppe that coordinates individual cases from this area.</summary>
    public int? CoordinationGroupId { get; set; }

    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");
}
