namespace SspKbh.Domain.Cases;

public static class LevelChangeRules
{
    /// <summary>
    /// Checks a proposed level change. Returns error keys by field; empty when allowed.
    /// Moving to level 3 or 4 needs the complete standardised form.
    /// </summary>
    public static IReadOnlyList<(string Field, string Error)> Check(CaseLevel current, CaseLevel proposed, string? reason, LevelForm? form)
    {
        var errors = new List<(string, string)>();
        if (!Enum.IsDefined(proposed))
        {
            errors.Add(("Level", "LevelOutOfRange"));
            return errors;
        }

        if (proposed == current)
        {
            errors.Add(("Level", "LevelUnchanged"));
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            errors.Add(("Reason", "LevelChangeNeedsReason"));
        }

        if (proposed.RequiresLevelForm())
        {
            foreach (var field in form?.MissingFields() ?? new LevelForm(null, null, null, null, null, null).MissingFields())
            {
                errors.Add(("Form." + field, "LevelFormFieldRequired"));
            }
        }

        return errors;
    }

    /// <summary>Level 3–4 cases go to the leader group; an escalation flags the case for its next meeting.</summary>
    public static bool FlagsLeaderGroup(CaseLevel from, CaseLevel to) => to.RequiresLevelForm() && to > from;
}
