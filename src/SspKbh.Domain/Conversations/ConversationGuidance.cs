using SspKbh.Domain.Cases;

namespace SspKbh.Domain.Conversations;

/// <summary>
/// The usual constellation of professionals at a concern conversation on a level.
/// </summary>
/// <param name="Level">The case level.</param>
/// <param name="LeadPartyCodes">The party (or parties) that normally carry the conversation (party codes, e.g. "BUF").</param>
/// <param name="PossiblePartyCodes">Parties that may join when it helps (e.g. the police prevention officer).</param>
/// <param name="TextKey">Key of the explanatory text (the web layer resolves it, e.g. <c>ConversationConstellation_Level1</c>).</param>
public sealed record ConstellationGuidance(CaseLevel Level, IReadOnlyList<string> LeadPartyCodes, IReadOnlyList<string> PossiblePartyCodes, string TextKey);

/// <summary>Guidance shown while planning who takes part (advice, never a rule that refuses).</summary>
public static class ConversationGuidance
{
    /// <summary>
    /// Above this many professionals the planner is warned: the family should meet as few professionals as
    /// possible, preferably those who already know the young person.
    /// </summary>
    public const int MaxUsualProfessionals = 3;

    /// <summary>
    /// Level 1: BUF (school or leisure) carries it, the police prevention officer and SOF (when BBU already
    /// has a case) may join. Level 2: SOF leads, police and the school/leisure representative may join.
    /// Levels 3–4: BBU (SOF) leads together with the police.
    /// </summary>
    public static ConstellationGuidance UsualConstellation(CaseLevel level) => level switch
    {
        CaseLevel.WorryingBehaviour => new(level, ["BUF"], ["POL", "SOF"], "ConversationConstellation_Level1"),
        CaseLevel.FirstTimeCrime => new(level, ["SOF"], ["POL", "BUF"], "ConversationConstellation_Level2"),
        CaseLevel.RepeatedSeriousCrime or CaseLevel.CrimeDangerousToPersons => new(level, ["SOF", "POL"], ["BUF"], "ConversationConstellation_Level3And4"),
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown case level."),
    };

    /// <summary>True when more professionals are planned than <see cref="MaxUsualProfessionals"/> (warning key "ConversationTooManyProfessionals").</summary>
    public static bool TooManyProfessionals(int count) => count > MaxUsualProfessionals;

    /// <summary>The warning key the web layer shows when <see cref="TooManyProfessionals"/> is true.</summary>
    public const string TooManyProfessionalsWarning = "ConversationTooManyProfessionals";
}
