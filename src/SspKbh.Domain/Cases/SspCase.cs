namespace SspKbh.Domain.Cases;

/// <summary>Where a concern came from.</summary>
public enum CaseSource
{
    PoliceLevelReport = 1,
    School = 2,
    Club = 3,
    SocialServices = 4,
    Other = 5,
}

/// <summary>
/// An SSP enkeltsag about one young person, coordinated by one koordinationsgruppe. State changes
/// go through methods that enforce the rules; the Web project persists the result.
/// </summary>
public sealed class SspCase
{
    public int Id { get; set; }

    /// <summary>Human-readable number, e.g. "2026-00042". Unique.</summary>
    public string CaseNumber { get; set; } = "";

    public int YoungPersonId { get; set; }

    public int CoordinationGroupId { get; set; }

    public CaseLevel Level { get; set; }

    public CaseStatus Status { get; set; } = CaseStatus.Open;

    public CaseSource Source { get; set; }

    public int RaisedByPartyId { get; set; }

    public string? RaisedByName { get; set; }

    public DateOnly RaisedOn { get; set; }

    /// <summary>The concern in the registering person's words.</summary>
    public string Concern { get; set; } = "";

    public int LeadPartyId { get; set; }

    public string? LeadUserId { get; set; }

    public string? LeadOverrideReason { get; set; }

    /// <summary>The day the current level was set; deadlines count from here.</summary>
    public DateOnly LevelSetOn { get; set; }

    /// <summary>Level 3–4: waiting for the leader group to take the case up.</summary>
    public bool FlaggedForLeaderGroup { get; set; }

    /// <summary>The standardised level 3–4 form (null fields until filled in).</summary>
    public string? FormOffenceSituation { get; set; }

    public string? FormSchool { get; set; }

    public string? FormLeisure { get; set; }

    public string? FormHome { get; set; }

    public string? FormNetwork { get; set; }

    public string? FormTriedSoFar { get; set; }

    public LevelForm Form => new(FormOffenceSituation, FormSchool, FormLeisure, FormHome, FormNetwork, FormTriedSoFar);

    public string CreatedByUserId { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public List<CaseLevelChange> LevelHistory { get; set; } = [];

    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");

    /// <summary>
    /// Registers a new case at its first level. The first history entry records who raised it at
    /// which level and why (the concern).
    /// </summary>
    public static SspCase Register(
        string caseNumber,
        int youngPersonId,
        int coordinationGroupId,
        CaseLevel level,
        CaseSource source,
        int raisedByPartyId,
        string? raisedByName,
        DateOnly raisedOn,
        string concern,
        int leadPartyId,
        string? leadUserId,
        string? leadOverrideReason,
        LevelForm? form,
        string createdByUserId,
        DateTime nowUtc) => new()
        {
            FormOffenceSituation = form?.OffenceSituation,
            FormSchool = form?.School,
            FormLeisure = form?.Leisure,
            FormHome = form?.Home,
            FormNetwork = form?.Network,
            FormTriedSoFar = form?.TriedSoFar,
            CaseNumber = caseNumber,
            YoungPersonId = youngPersonId,
            CoordinationGroupId = coordinationGroupId,
            Level = level,
            Source = source,
            RaisedByPartyId = raisedByPartyId,
            RaisedByName = raisedByName,
            RaisedOn = raisedOn,
            Concern = concern,
            LeadPartyId = leadPartyId,
            LeadUserId = leadUserId,
            LeadOverrideReason = leadOverrideReason,
            LevelSetOn = raisedOn,
            FlaggedForLeaderGroup = level.RequiresLevelForm(),
            CreatedByUserId = createdByUserId,
            CreatedAtUtc = nowUtc,
            UpdatedAtUtc = nowUtc,
            LevelHistory = [new CaseLevelChange { From = null, To = level, Reason = "", ChangedByUserId = createdByUserId, ChangedAtUtc = nowUtc }],
        };
}

/// <summary>One row of a case's level history (the first row is the level at registration).</summary>
public sealed class CaseLevelChange
{
    public int Id { get; set; }

    public int CaseId { get; set; }

    public CaseLevel? From { get; set; }

    public CaseLevel To { get; set; }

    public string Reason { get; set; } = "";

    public string ChangedByUserId { get; set; } = "";

    public DateTime ChangedAtUtc { get; set; }
}

/// <summary>Configured deadlines for one level (edited by an administrator).</summary>
public sealed class LevelDeadlineSetting
{
    public CaseLevel Level { get; set; }

    public int FirstActionDays { get; set; }

    public int ReviewDays { get; set; }

    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");

    public LevelDeadline ToDeadline() => new(Level, FirstActionDays, ReviewDays);
}
