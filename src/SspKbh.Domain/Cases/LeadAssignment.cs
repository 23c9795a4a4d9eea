namespace SspKbh.Domain.Cases;

/// <summary>
/// Who leads a case (tovholder): a party and, from level 2, a named person. The lead follows the
/// level by default; choosing another party at levels 1–2 needs a reason, and at levels 3–4 SOF
/// always leads.
/// </summary>
public sealed record LeadAssignment(string PartyCode, string? PersonUserId, string? OverrideReason)
{
    /// <summary>Error keys (resolved to Danish texts by the Web project), keyed by field.</summary>
    public IReadOnlyList<(string Field, string Error)> Validate(CaseLevel level)
    {
        var errors = new List<(string, string)>();
        var isDefault = string.Equals(PartyCode, level.DefaultLeadParty(), StringComparison.Ordinal);
        if (!isDefault && level.LeadIsFixed())
        {
            errors.Add((nameof(PartyCode), "LeadFixedAtLevel"));
        }
        else if (!isDefault && string.IsNullOrWhiteSpace(OverrideReason))
        {
            errors.Add((nameof(OverrideReason), "LeadOverrideNeedsReason"));
        }

        if (level.RequiresNamedLead() && string.IsNullOrWhiteSpace(PersonUserId))
        {
            errors.Add((nameof(PersonUserId), "LeadPersonRequired"));
        }

        return errors;
    }

    public static LeadAssignment Default(CaseLevel level, string? personUserId = null) => new(level.DefaultLeadParty(), personUserId, null);
}
