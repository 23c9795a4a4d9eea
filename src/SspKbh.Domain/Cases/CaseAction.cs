namespace SspKbh.Domain.Cases;

public enum ActionStatus
{
    Planned = 1,
    Done = 2,
    Cancelled = 3,
}

/// <summary>
/// A concrete action on a case: what is done, by whom (a named person and their party) and by when.
/// </summary>
public sealed class CaseAction
{
    public int Id { get; set; }

    public int CaseId { get; set; }

    public string What { get; set; } = "";

    /// <summary>The responsible person when they are a user of SspKbh.</summary>
    public string? OwnerUserId { get; set; }

    /// <summary>The responsible person's name (also for people outside SspKbh, e.g. a teacher).</summary>
    public string OwnerName { get; set; } = "";

    public int OwnerPartyId { get; set; }

    public DateOnly DueOn { get; set; }

    public ActionStatus Status { get; set; } = ActionStatus.Planned;

    public DateOnly? CompletedOn { get; set; }

    public string CreatedByUserId { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>The meeting agenda item whose minutes decided this action (a task from a meeting).</summary>
    public int? AgendaItemId { get; set; }

    /// <summary>The concern-conversation agreement this action follows up (owned by the follow-up professional).</summary>
    public int? ConversationAgreementId { get; set; }

    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");

    public bool IsOverdue(DateOnly today) => Status == ActionStatus.Planned && DeadlineRules.IsOverdue(DueOn, today);

    /// <summary>Returns an error key or null.</summary>
    public string? Complete(ActionStatus outcome, DateOnly today)
    {
        if (Status != ActionStatus.Planned)
        {
            return "ActionAlreadyFinished";
        }

        if (outcome == ActionStatus.Planned || !Enum.IsDefined(outcome))
        {
            return "ActionOutcomeInvalid";
        }

        Status = outcome;
        CompletedOn = today;
        ConcurrencyStamp = Guid.NewGuid().ToString("N");
        return null;
    }

    /// <summary>
    /// A concern-conversation follow-up that was finished by recording the agreement's outcome is planned
    /// again when the outcome is set back to open. Returns an error key or null.
    /// </summary>
    public string? ReopenFollowUp()
    {
        if (ConversationAgreementId is null || Status != ActionStatus.Done)
        {
            return "ActionNotReopenable";
        }

        Status = ActionStatus.Planned;
        CompletedOn = null;
        ConcurrencyStamp = Guid.NewGuid().ToString("N");
        return null;
    }
}

/// <summary>A dated journal note on a case.</summary>
public sealed class JournalNote
{
    public int Id { get; set; }

    public int CaseId { get; set; }

    public DateOnly NoteDate { get; set; }

    public string AuthorUserId { get; set; } = "";

    public string Text { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }
}
