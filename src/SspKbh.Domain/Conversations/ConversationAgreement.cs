using SspKbh.Domain.Cases;

namespace SspKbh.Domain.Conversations;

/// <summary>Who is responsible for keeping an agreement.</summary>
public enum AgreementResponsible
{
    YoungPerson = 1,

    /// <summary>A parent / custody holder.</summary>
    Parent = 2,

    Professional = 3,
}

/// <summary>How an agreement went, recorded at the follow-up.</summary>
public enum AgreementOutcome
{
    Open = 1,
    Kept = 2,
    PartlyKept = 3,
    NotKept = 4,
}

/// <summary>
/// A concrete agreement made in phase 4 with the young person and/or the parents: what, who keeps it, by
/// when, and how and when a named professional follows it up. The follow-up becomes a case action owned by
/// that professional (<see cref="ToFollowUpAction"/>; <see cref="CaseAction.ConversationAgreementId"/> points
/// back), so it shows on their dashboard and on the case and nobody forgets it.
/// </summary>
public sealed class ConversationAgreement
{
    /// <summary>Same as a case action's text, so the follow-up action can carry it unchanged.</summary>
    public const int WhatMaxLength = 1000;
    public const int ResponsibleNameMaxLength = 200;
    public const int FollowUpHowMaxLength = 1000;
    public const int OutcomeNoteMaxLength = 2000;

    public int Id { get; set; }

    public int ConversationId { get; set; }

    public string What { get; set; } = "";

    public AgreementResponsible ResponsibleKind { get; set; }

    /// <summary>The name of who keeps the agreement (personal data).</summary>
    public string ResponsibleName { get; set; } = "";

    /// <summary>By when the agreement is to be kept, if it has a deadline.</summary>
    public DateOnly? DueOn { get; set; }

    /// <summary>How it is followed up (a call, a visit, a new meeting ...).</summary>
    public string? FollowUpHow { get; set; }

    /// <summary>The date of the follow-up.</summary>
    public DateOnly FollowUpOn { get; set; }

    /// <summary>The professional who follows up; owns the follow-up case action.</summary>
    public string FollowUpUserId { get; set; } = "";

    public AgreementOutcome Outcome { get; set; } = AgreementOutcome.Open;

    public string? OutcomeNote { get; set; }

    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");

    /// <summary>
    /// Checks an agreement; an error key per field, empty when valid. What, who (kind and name), the follow-up
    /// date (not before the conversation) and the follow-up professional are required; a deadline may not lie
    /// before the conversation either.
    /// </summary>
    /// <param name="conversationDate">The conversation's (scheduled) date, if set.</param>
    public static IReadOnlyList<(string Field, string Error)> Validate(
        string? what, AgreementResponsible? responsibleKind, string? responsibleName, DateOnly? dueOn,
        string? followUpHow, DateOnly? followUpOn, string? followUpUserId, DateOnly? conversationDate)
    {
        var errors = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(what))
        {
            errors.Add(("What", "AgreementWhatRequired"));
        }
        else if (what.Trim().Length > WhatMaxLength)
        {
            errors.Add(("What", "AgreementWhatTooLong"));
        }

        if (responsibleKind is not { } kind || !Enum.IsDefined(kind))
        {
            errors.Add(("ResponsibleKind", "AgreementResponsibleRequired"));
        }

        if (string.IsNullOrWhiteSpace(responsibleName))
        {
            errors.Add(("ResponsibleName", "AgreementResponsibleNameRequired"));
        }
        else if (responsibleName.Trim().Length > ResponsibleNameMaxLength)
        {
            errors.Add(("ResponsibleName", "AgreementResponsibleNameTooLong"));
        }

        if (dueOn is { } due && conversationDate is { } held && due < held)
        {
            errors.Add(("DueOn", "AgreementDueBeforeConversation"));
        }

        if (followUpHow is not null && followUpHow.Trim().Length > FollowUpHowMaxLength)
        {
            errors.Add(("FollowUpHow", "AgreementFollowUpHowTooLong"));
        }

        if (followUpOn is null)
        {
            errors.Add(("FollowUpOn", "AgreementFollowUpDateRequired"));
        }
        else if (conversationDate is { } date && followUpOn < date)
        {
            errors.Add(("FollowUpOn", "AgreementFollowUpBeforeConversation"));
        }

        if (string.IsNullOrWhiteSpace(followUpUserId))
        {
            errors.Add(("FollowUpUserId", "AgreementFollowUpUserRequired"));
        }

        return errors;
    }

    /// <summary>Records how the agreement went. Returns an error key or null.</summary>
    public string? RecordOutcome(AgreementOutcome outcome, string? note)
    {
        if (!Enum.IsDefined(outcome))
        {
            return "AgreementOutcomeInvalid";
        }

        var value = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (value is not null && value.Length > OutcomeNoteMaxLength)
        {
            return "AgreementOutcomeNoteTooLong";
        }

        Outcome = outcome;
        OutcomeNote = value;
        Touch();
        return null;
    }

    /// <summary>
    /// The case action that makes the follow-up visible: owned by <see cref="FollowUpUserId"/>, due on
    /// <see cref="FollowUpOn"/>, pointing back at this agreement. Call once the agreement is saved (it needs <see cref="Id"/>).
    /// </summary>
    /// <param name="ownerName">The follow-up professional's name.</param>
    /// <param name="ownerPartyId">The follow-up professional's party.</param>
    public CaseAction ToFollowUpAction(int caseId, string ownerName, int ownerPartyId, string createdByUserId, DateTime nowUtc)
    {
        if (Id == 0)
        {
            throw new InvalidOperationException("Save the agreement before creating its follow-up action.");
        }

        return new CaseAction
        {
            CaseId = caseId,
            What = What,
            OwnerUserId = FollowUpUserId,
            OwnerName = ownerName,
            OwnerPartyId = ownerPartyId,
            DueOn = FollowUpOn,
            CreatedByUserId = createdByUserId,
            CreatedAtUtc = nowUtc,
            ConversationAgreementId = Id,
        };
    }

    public void Touch() => ConcurrencyStamp = Guid.NewGuid().ToString("N");
}
