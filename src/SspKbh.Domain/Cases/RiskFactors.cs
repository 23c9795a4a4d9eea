namespace SspKbh.Domain.Cases;

/// <summary>The areas of a young person's life that risk and protective factors describe.</summary>
public enum FactorDomain
{
    SchoolAndAbsence = 1,
    Leisure = 2,
    Family = 3,
    Network = 4,
    CrimeHistory = 5,
    Health = 6,
}

public enum FactorKind
{
    Risk = 1,
    Protective = 2,
}

public sealed record FactorDefinition(string Code, FactorDomain Domain, FactorKind Kind);

/// <summary>
/// The structured checklist of risk and protective factors (risiko- og beskyttelsesfaktorer).
/// Codes are stored; Danish labels live in the Web project's texts.
/// </summary>
public static class RiskFactorChecklist
{
    public static IReadOnlyList<FactorDefinition> All { get; } =
    [
        new("HighAbsence", FactorDomain.SchoolAndAbsence, FactorKind.Risk),
        new("SchoolConflicts", FactorDomain.SchoolAndAbsence, FactorKind.Risk),
        new("LearningDifficulties", FactorDomain.SchoolAndAbsence, FactorKind.Risk),
        new("TrustedAdultAtSchool", FactorDomain.SchoolAndAbsence, FactorKind.Protective),
        new("ThrivesInClass", FactorDomain.SchoolAndAbsence, FactorKind.Protective),
        new("NoLeisureActivity", FactorDomain.Leisure, FactorKind.Risk),
        new("ExcludedFromClub", FactorDomain.Leisure, FactorKind.Risk),
        new("ActiveInClubOrSport", FactorDomain.Leisure, FactorKind.Protective),
        new("FamilyLacksResources", FactorDomain.Family, FactorKind.Risk),
        new("SiblingKnownToPolice", FactorDomain.Family, FactorKind.Risk),
        new("LackOfSupervision", FactorDomain.Family, FactorKind.Risk),
        new("ParentsCooperate", FactorDomain.Family, FactorKind.Protective),
        new("OlderOrCriminalPeers", FactorDomain.Network, FactorKind.Risk),
        new("PartOfTroublesomeGroup", FactorDomain.Network, FactorKind.Risk),
        new("PositiveFriendships", FactorDomain.Network, FactorKind.Protective),
        new("PriorCharges", FactorDomain.CrimeHistory, FactorKind.Risk),
        new("PriorSspCase", FactorDomain.CrimeHistory, FactorKind.Risk),
        new("ViolentBehaviour", FactorDomain.CrimeHistory, FactorKind.Risk),
        new("AcceptingAttitudeToCrime", FactorDomain.CrimeHistory, FactorKind.Risk),
        new("PsychologicalVulnerability", FactorDomain.Health, FactorKind.Risk),
        new("SubstanceUse", FactorDomain.Health, FactorKind.Risk),
        new("ReceivesSupport", FactorDomain.Health, FactorKind.Protective),
    ];

    public static bool IsKnown(string code) => All.Any(f => f.Code == code);
}

/// <summary>A factor ticked on a case.</summary>
public sealed class CaseFactor
{
    public int Id { get; set; }

    public int CaseId { get; set; }

    public string Code { get; set; } = "";
}

/// <summary>Free-text notes for one domain of the checklist on a case.</summary>
public sealed class CaseFactorNote
{
    public int Id { get; set; }

    public int CaseId { get; set; }

    public FactorDomain Domain { get; set; }

    public string Note { get; set; } = "";
}
