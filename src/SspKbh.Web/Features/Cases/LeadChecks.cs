using SspKbh.Domain.Cases;

namespace SspKbh.Web.Features.Cases;

/// <summary>
/// The domain's lead rules (<see cref="LeadAssignment.Validate"/>) for an interactive form's fields while the user
/// fills them in: a named lead from level 2, a reason for another party at levels 1–2, SOF at levels 3–4.
/// The service applies the same rules on save; this only shows them earlier, next to the same fields.
/// </summary>
public static class LeadChecks
{
    public static IEnumerable<string> For(string property, CaseLevel? level, string? partyCode, string? personUserId, string? overrideReason)
    {
        if (level is not { } chosen || !Enum.IsDefined(chosen))
        {
            return [];
        }

        var lead = new LeadAssignment(partyCode ?? chosen.DefaultLeadParty(), Blank(personUserId), Blank(overrideReason));
        return lead.Validate(chosen).Where(e => FieldOf(e.Field) == property).Select(e => CaseTexts.Error(e.Error)).ToList();
    }

    /// <summary>The form's property for a field of <see cref="LeadAssignment"/> (the same names in registration and level change).</summary>
    private static string FieldOf(string leadField) => leadField switch
    {
        nameof(LeadAssignment.PartyCode) => nameof(LevelChangeInput.LeadPartyId),
        nameof(LeadAssignment.PersonUserId) => nameof(LevelChangeInput.LeadUserId),
        nameof(LeadAssignment.OverrideReason) => nameof(LevelChangeInput.LeadOverrideReason),
        _ => leadField,
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
