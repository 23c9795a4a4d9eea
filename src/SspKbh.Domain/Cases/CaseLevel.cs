namespace SspKbh.Domain.Cases;

/// <summary>The four levels of an SSP enkeltsag, by seriousness.</summary>
public enum CaseLevel
{
    /// <summary>Niveau 1: bekymrende adfærd – worrying behaviour, no crime yet.</summary>
    WorryingBehaviour = 1,

    /// <summary>Niveau 2: førstegangskriminalitet – first-time crime.</summary>
    FirstTimeCrime = 2,

    /// <summary>Niveau 3: gentagen alvorlig kriminalitet – repeated serious crime.</summary>
    RepeatedSeriousCrime = 3,

    /// <summary>Niveau 4: personfarlig kriminalitet – crime dangerous to persons.</summary>
    CrimeDangerousToPersons = 4,
}

public static class CaseLevelRules
{
    /// <summary>Party code of the default lead (tovholder) at each level: BUF at 1, SOF from 2.</summary>
    public static string DefaultLeadParty(this CaseLevel level) => level switch
    {
        CaseLevel.WorryingBehaviour => "BUF",
        _ => "SOF",
    };

    /// <summary>At levels 3 and 4 SOF (BBU) is always the lead; the default cannot be overridden.</summary>
    public static bool LeadIsFixed(this CaseLevel level) => level >= CaseLevel.RepeatedSeriousCrime;

    /// <summary>From level 2 a named lead person is required.</summary>
    public static bool RequiresNamedLead(this CaseLevel level) => level >= CaseLevel.FirstTimeCrime;

    /// <summary>Levels 3 and 4 use the standardised form and are reviewed by the leader group.</summary>
    public static bool RequiresLevelForm(this CaseLevel level) => level >= CaseLevel.RepeatedSeriousCrime;

    public static bool IsDefined(int value) => Enum.IsDefined((CaseLevel)value);
}
