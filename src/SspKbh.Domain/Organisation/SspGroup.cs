namespace SspKbh.Domain.Organisation;

/// <summary>A koordinationsgruppe, ledergruppe, lokaludvalg or SSP+ group.</summary>
public sealed class SspGroup
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public GroupKind Kind { get; set; }

    /// <summary>The group this one reports to (a koordinationsgruppe's ledergruppe).</summary>
    public int? ParentGroupId { get; set; }

    /// <summary>For a lokaludvalg: the lokalområde it serves.</summary>
    public int? LocalAreaId { get; set; }

    public bool IsActive { get; set; } = true;

    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");

    /// <summary>
    /// Checks that <paramref name="parent"/> may be this group's parent. Returns an error key
    /// (see the Web project's texts) or null when the structure is valid.
    /// </summary>
    public string? ValidateParent(SspGroup? parent)
    {
        var expected = Kind.ParentKind();
        if (parent is null)
        {
            return null;
        }

        if (parent.Id == Id && Id != 0)
        {
            return "GroupParentSelf";
        }

        return expected == parent.Kind ? null : "GroupParentWrongKind";
    }
}
