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

    /// <summary>The overall goal and the sub-goals for school, leisure, home and crime.</summary>
    public string? OverallGoal { get; set; }

    public string? GoalSchool { get; set; }

    public string? GoalLeisure { get; set; }

    public string? GoalHome { get; set; }

    public string? GoalCrime { get; set; }

    /// <summary>The last time the group reviewed the case; the next review is due from here.</summary>
    public DateOnly? LastReviewedOn { get; set; }

    public DateOnly? ClosedOn { get; set; }

    /// <summary>
    /// The first day on which the case counts as overdue (<see cref="CaseOverdue.From"/>) while nothing changes; null
    /// when closed. Derived, never set by hand: the database context recomputes it on every save that changes its inputs
    /// (the case's status, level, level date or last review, an action of the case, a level's deadlines; ADR 0040).
    /// </summary>
    public DateOnly? OverdueFrom { get; set; }

    /// <summary>The day the retention job removed the case's text and personal data; the case then only counts in statistics.</summary>
    public DateOnly? AnonymisedOn { get; set; }

    public CloseReason? CloseReason { get; set; }

    public DateOnly? SspPlusHandoverOn { get; set; }

    public int? SspPlusGroupId { get; set; }

    public string CreatedByUserId { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>When the case's own fields last changed. Notes and actions are appended beside the case with their own times.</summary>
    public DateTime UpdatedAtUtc { get; set; }

    public List<CaseLevelChange> LevelHistory { get; set; } = [];

    public List<CaseStatusChange> StatusHistory { get; set; } = [];

    /// <summary>
    /// Moves the case to another level. Errors come back by field (keys resolved to Danish by the
    /// Web project) and nothing changes; otherwise the change is recorded in the history, deadlines
    /// count from <paramref name="today"/>, and an escalation to 3–4 flags the leader group.
    /// The lead must suit the new level (SOF at 3–4, a named person from 2).
    /// </summary>
    public IReadOnlyList<(string Field, string Error)> ChangeLevel(
        CaseLevel to, string? reason, LevelForm? form, LeadAssignment lead, int leadPartyId,
        string userId, DateTime nowUtc, DateOnly today)
    {
        if (Status == CaseStatus.Closed)
        {
            return [("Level", "CaseIsClosed")];
        }

        var errors = LevelChangeRules.Check(Level, to, reason, form).ToList();
        if (Enum.IsDefined(to))
        {
            errors.AddRange(lead.Validate(to).Select(e => ("Lead." + e.Field, e.Error)));
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        LevelHistory.Add(new CaseLevelChange { From = Level, To = to, Reason = reason!.Trim(), ChangedByUserId = userId, ChangedAtUtc = nowUtc });
        FlaggedForLeaderGroup = LevelChangeRules.FlagsLeaderGroup(Level, to) || (FlaggedForLeaderGroup && to.RequiresLevelForm());
        Level = to;
        LevelSetOn = today;
        LeadPartyId = leadPartyId;
        LeadUserId = lead.PersonUserId;
        LeadOverrideReason = lead.OverrideReason;
        if (to.RequiresLevelForm() && form is not null)
        {
            SetForm(form);
        }

        Touch(nowUtc);
        return [];
    }

    /// <summary>Open → under coordination → closed (with a reason); reopening needs a reason.</summary>
    public string? ChangeStatus(CaseStatus to, string? reason, CloseReason? closeReason, string userId, DateTime nowUtc, DateOnly today)
    {
        if (AnonymisedOn is not null)
        {
            return "CaseAnonymised";
        }

        if (CaseStatusRules.CheckTransition(Status, to, reason, closeReason) is { } error)
        {
            return error;
        }

        StatusHistory.Add(new CaseStatusChange
        {
            From = Status,
            To = to,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            CloseReason = to == CaseStatus.Closed ? closeReason : null,
            ChangedByUserId = userId,
            ChangedAtUtc = nowUtc,
        });
        Status = to;
        ClosedOn = to == CaseStatus.Closed ? today : null;
        CloseReason = to == CaseStatus.Closed ? closeReason : null;
        if (to != CaseStatus.Closed)
        {
            SspPlusHandoverOn = null;
            SspPlusGroupId = null;
        }

        Touch(nowUtc);
        return null;
    }

    /// <summary>Hands the case over to SSP+ (young people from 17½): closes it in SSP with that reason.</summary>
    public string? HandOverToSspPlus(DateOnly handoverOn, int receivingGroupId, string userId, DateTime nowUtc, DateOnly today)
    {
        if (handoverOn > today)
        {
            return "HandoverInFuture";
        }

        var error = ChangeStatus(CaseStatus.Closed, null, Cases.CloseReason.HandedOverToSspPlus, userId, nowUtc, today);
        if (error is not null)
        {
            return error;
        }

        SspPlusHandoverOn = handoverOn;
        SspPlusGroupId = receivingGroupId;
        return null;
    }

    /// <summary>
    /// The young person is 17½ or older and the case is still open in SSP: it is due to be handed over to SSP+. A closed
    /// case (handed over, or ended for another reason) is not.
    /// </summary>
    public bool AwaitsSspPlusHandover(DateOnly dateOfBirth, DateOnly today) =>
        Status != CaseStatus.Closed && YoungPersonRules.IsSspPlusAge(dateOfBirth, today);

    public void SetGoals(string? overall, string? school, string? leisure, string? home, string? crime, DateTime nowUtc)
    {
        OverallGoal = Clean(overall);
        GoalSchool = Clean(school);
        GoalLeisure = Clean(leisure);
        GoalHome = Clean(home);
        GoalCrime = Clean(crime);
        Touch(nowUtc);
    }

    /// <summary>
    /// Puts the case on (or takes it off) the ledergruppe's list, and records the review. Only level
    /// 3–4 cases go to a ledergruppe. Returns an error key or null.
    /// </summary>
    public string? SetLeaderGroupFlag(bool flagged, DateOnly today, DateTime nowUtc)
    {
        if (Status == CaseStatus.Closed)
        {
            return "CaseIsClosed";
        }

        if (flagged && !Level.RequiresLevelForm())
        {
            return "LeaderGroupNeedsLevel3";
        }

        FlaggedForLeaderGroup = flagged;
        LastReviewedOn = today;
        Touch(nowUtc);
        return null;
    }

    /// <summary>The group has reviewed the case today; the next review is due from here.</summary>
    public void MarkReviewed(DateOnly today, DateTime nowUtc)
    {
        LastReviewedOn = today;
        Touch(nowUtc);
    }

    public void SetForm(LevelForm form)
    {
        FormOffenceSituation = Clean(form.OffenceSituation);
        FormSchool = Clean(form.School);
        FormLeisure = Clean(form.Leisure);
        FormHome = Clean(form.Home);
        FormNetwork = Clean(form.Network);
        FormTriedSoFar = Clean(form.TriedSoFar);
    }

    /// <summary>Every save gets a new stamp, so a form loaded before it is refused as stale.</summary>
    /// <summary>
    /// Removes the case's free text (concern, level form, goals, reasons) for the retention rule. What is
    /// left (level, group, dates, status) only serves statistics. Notes, actions and factors are deleted
    /// by the caller, since they are rows of their own.
    /// </summary>
    public void Anonymise(DateOnly today, DateTime nowUtc)
    {
        Concern = RetentionText;
        RaisedByName = null;
        LeadOverrideReason = null;
        SetForm(new LevelForm(null, null, null, null, null, null));
        OverallGoal = GoalSchool = GoalLeisure = GoalHome = GoalCrime = null;
        foreach (var change in LevelHistory)
        {
            change.Reason = RetentionText;
        }

        foreach (var change in StatusHistory)
        {
            change.Reason = null;
        }

        AnonymisedOn = today;
        Touch(nowUtc);
    }

    /// <summary>What replaces removed text (required columns cannot be empty).</summary>
    public const string RetentionText = "—";

    public void Touch(DateTime nowUtc)
    {
        UpdatedAtUtc = nowUtc;
        ConcurrencyStamp = Guid.NewGuid().ToString("N");
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");

    /// <summary>
    /// Registers a new case at its first level. The first history entry records who registered it
    /// and at which level; the concern itself is kept on the case.
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

/// <summary>One row of a case's status history.</summary>
public sealed class CaseStatusChange
{
    public int Id { get; set; }

    public int CaseId { get; set; }

    public CaseStatus From { get; set; }

    public CaseStatus To { get; set; }

    public string? Reason { get; set; }

    public CloseReason? CloseReason { get; set; }

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
