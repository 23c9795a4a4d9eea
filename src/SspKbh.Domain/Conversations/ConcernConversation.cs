using SspKbh.Domain.Cases;

namespace SspKbh.Domain.Conversations;

/// <summary>
/// Where a concern conversation stands. Planned → Prepared → Held → FollowedUp → Journalised, or Declined
/// by the family (the conversation is an offer, never a requirement) or Cancelled before it is held.
/// Journalised, Declined and Cancelled are final.
/// </summary>
public enum ConversationStatus
{
    Planned = 1,
    Prepared = 2,
    Held = 3,
    FollowedUp = 4,
    Journalised = 5,
    Declined = 6,
    Cancelled = 7,
}

/// <summary>Where the conversation takes place.</summary>
public enum ConversationPlace
{
    School = 1,

    /// <summary>Fritidscenter / club.</summary>
    LeisureCentre = 2,

    /// <summary>The family's home.</summary>
    Home = 3,

    /// <summary>Borgercenter Børn og Unge (SOF).</summary>
    Bbu = 4,

    Police = 5,

    /// <summary>Somewhere else; <see cref="ConcernConversation.PlaceDetails"/> says where.</summary>
    Other = 6,
}

/// <summary>How the young person and the custody holders were invited.</summary>
public enum InvitationMethod
{
    None = 0,

    /// <summary>By letter (generated from the record, printable).</summary>
    Letter = 1,

    /// <summary>By phone; the call is logged in <see cref="ConcernConversation.InvitationNote"/>.</summary>
    Phone = 2,
}

/// <summary>
/// A bekymringssamtale: a crime-preventive conversation offered to a young person and the custody holders,
/// usually decided by a coordination group for a case. The record walks the responsible professional
/// through before (at the group meeting, own preparation, invitation), during (five phases) and after
/// (debrief, informing the network, follow-up, journalising). Its checklist comes from the template
/// version it was created from (<see cref="ChecklistTemplateId"/>); participants, agreements and checklist
/// progress are children. State changes are methods that return an error key (resolved to Danish by the
/// web project as <c>Error_&lt;key&gt;</c>) and change nothing when they refuse.
/// </summary>
public sealed class ConcernConversation
{
    public const int ResourcePersonsMaxLength = 2000;
    public const int KnowledgeGatheringMaxLength = 2000;
    public const int InterpreterLanguageMaxLength = 100;
    public const int PlaceDetailsMaxLength = 300;
    public const int ChallengesMaxLength = 4000;
    public const int ResourcesMaxLength = 4000;
    public const int QuestionsAndThemesMaxLength = 4000;
    public const int InvitationNoteMaxLength = 2000;
    public const int PhaseNoteMaxLength = 4000;
    public const int DebriefNoteMaxLength = 4000;
    public const int NetworkInformedNoteMaxLength = 2000;
    public const int JournalReferenceMaxLength = 100;
    public const int CancelReasonMaxLength = 1000;

    /// <summary>The default planned length in minutes (the guidance says ideally 45–60).</summary>
    public const int DefaultPlannedMinutes = 60;
    public const int MinPlannedMinutes = 15;
    public const int MaxPlannedMinutes = 180;

    /// <summary>The length the guidance recommends; outside it the web layer may show a hint (not an error).</summary>
    public const int RecommendedMinMinutes = 45;
    public const int RecommendedMaxMinutes = 60;

    /// <summary>The conversation has five phases (introduction, concern, mapping, agreements, closing).</summary>
    public const int PhaseCount = 5;

    public int Id { get; set; }

    public int CaseId { get; set; }

    /// <summary>The meeting agenda item whose decision offered the conversation, when it came from a meeting.</summary>
    public int? AgendaItemId { get; set; }

    /// <summary>The responsible professional (user) who prepares, holds and follows up the conversation.</summary>
    public string ResponsibleUserId { get; set; } = "";

    /// <summary>The case's level when the conversation was created (guidance on the constellation follows it).</summary>
    public CaseLevel LevelAtCreation { get; set; }

    /// <summary>The checklist template VERSION the record was created from; never changed afterwards.</summary>
    public int ChecklistTemplateId { get; set; }

    public ConversationStatus Status { get; set; } = ConversationStatus.Planned;

    public string CreatedByUserId { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    public DateOnly? PreparedOn { get; set; }

    /// <summary>The day it was held (its scheduled date).</summary>
    public DateOnly? HeldOn { get; set; }

    public DateOnly? FollowedUpOn { get; set; }

    public DateOnly? JournalisedOn { get; set; }

    /// <summary>Where it was journalised (reference in the case system, e.g. a document number).</summary>
    public string? JournalReference { get; set; }

    /// <summary>The family declined the offer.</summary>
    public DateOnly? DeclinedOn { get; set; }

    public DateOnly? CancelledOn { get; set; }

    public string? CancelReason { get; set; }

    // ---- Before: settled at the coordination group meeting (participants and contributions are ConversationParticipant rows).

    /// <summary>Which other resource persons in the young person's life are involved, and who contacts them.</summary>
    public string? ResourcePersons { get; set; }

    /// <summary>Who gathers knowledge from people outside the coordination group before the conversation.</summary>
    public string? KnowledgeGathering { get; set; }

    public bool InterpreterNeeded { get; set; }

    public string? InterpreterLanguage { get; set; }

    // ---- Before: own preparation.

    public ConversationPlace? Place { get; set; }

    /// <summary>Address or room; required when <see cref="Place"/> is <see cref="ConversationPlace.Other"/>.</summary>
    public string? PlaceDetails { get; set; }

    public DateOnly? ScheduledDate { get; set; }

    public TimeOnly? StartTime { get; set; }

    public int PlannedMinutes { get; set; } = DefaultPlannedMinutes;

    /// <summary>The young person's challenges, found by asking colleagues and reading the case systems.</summary>
    public string? Challenges { get; set; }

    /// <summary>The young person's resources (protective factors), found the same way.</summary>
    public string? Resources { get; set; }

    public string? QuestionsAndThemes { get; set; }

    /// <summary>The short pre-meeting of the professionals.</summary>
    public DateOnly? PreMeetingOn { get; set; }

    // ---- Before: invitation of the young person and custody holders.

    public InvitationMethod InvitationMethod { get; set; } = InvitationMethod.None;

    public DateOnly? InvitedOn { get; set; }

    /// <summary>Log of the phone invitation (or a remark on the letter).</summary>
    public string? InvitationNote { get; set; }

    // ---- During: one note per phase.
    // Five nullable columns rather than a child table: the five phases are fixed by the SSP model (not by the
    // editable checklist), each note belongs to exactly one conversation and is read and saved with it, and
    // retention clears them in the same single UPDATE as the other free text. A child table would only add a
    // join and a second concurrency story.

    public string? Phase1Note { get; set; }

    public string? Phase2Note { get; set; }

    public string? Phase3Note { get; set; }

    public string? Phase4Note { get; set; }

    public string? Phase5Note { get; set; }

    // ---- After.

    /// <summary>The short debrief among the professionals.</summary>
    public string? DebriefNote { get; set; }

    /// <summary>When SSP colleagues / the young person's network were told about the agreements.</summary>
    public DateOnly? NetworkInformedOn { get; set; }

    public string? NetworkInformedNote { get; set; }

    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");

    public List<ConversationParticipant> Participants { get; set; } = [];

    public List<ConversationAgreement> Agreements { get; set; } = [];

    public List<ConversationChecklistItem> Checklist { get; set; } = [];

    /// <summary>Journalised, declined or cancelled: nothing changes any more.</summary>
    public bool IsClosed => Status is ConversationStatus.Journalised or ConversationStatus.Declined or ConversationStatus.Cancelled;

    /// <summary>Held (or further on the held path).</summary>
    public bool IsHeld => Status is ConversationStatus.Held or ConversationStatus.FollowedUp or ConversationStatus.Journalised;

    /// <summary>A new planned conversation for a case, pointing at the checklist template version in use now.</summary>
    public static ConcernConversation Create(
        int caseId, int? agendaItemId, string responsibleUserId, CaseLevel levelAtCreation, int checklistTemplateId, string createdByUserId, DateTime nowUtc) =>
        new()
        {
            CaseId = caseId,
            AgendaItemId = agendaItemId,
            ResponsibleUserId = responsibleUserId,
            LevelAtCreation = levelAtCreation,
            ChecklistTemplateId = checklistTemplateId,
            CreatedByUserId = createdByUserId,
            CreatedAtUtc = nowUtc,
        };

    /// <summary>The scheduled start as a local date and time, when both are set.</summary>
    public DateTime? ScheduledStart => ScheduledDate is { } d && StartTime is { } t ? d.ToDateTime(t) : null;

    /// <summary>
    /// Checks place, time, length and interpreter (the own-preparation and group-meeting fields). An error
    /// key per field, empty when valid. The date may lie in the past (a conversation may be recorded late).
    /// </summary>
    public static IReadOnlyList<(string Field, string Error)> ValidatePlanning(
        ConversationPlace? place, string? placeDetails, int plannedMinutes, bool interpreterNeeded, string? interpreterLanguage)
    {
        var errors = new List<(string, string)>();
        if (place is { } p && !Enum.IsDefined(p))
        {
            errors.Add(("Place", "ConversationPlaceInvalid"));
        }
        else if (place == ConversationPlace.Other && string.IsNullOrWhiteSpace(placeDetails))
        {
            errors.Add(("PlaceDetails", "ConversationPlaceDetailsRequired"));
        }

        if (placeDetails is not null && placeDetails.Trim().Length > PlaceDetailsMaxLength)
        {
            errors.Add(("PlaceDetails", "ConversationPlaceDetailsTooLong"));
        }

        if (plannedMinutes is < MinPlannedMinutes or > MaxPlannedMinutes)
        {
            errors.Add(("PlannedMinutes", "ConversationLengthOutOfRange"));
        }

        if (interpreterNeeded && string.IsNullOrWhiteSpace(interpreterLanguage))
        {
            errors.Add(("InterpreterLanguage", "InterpreterLanguageRequired"));
        }
        else if (interpreterLanguage is not null && interpreterLanguage.Trim().Length > InterpreterLanguageMaxLength)
        {
            errors.Add(("InterpreterLanguage", "InterpreterLanguageTooLong"));
        }

        return errors;
    }

    /// <summary>Null when the record may still be edited; "ConversationClosed" when it is journalised, declined or cancelled.</summary>
    public string? CheckEdit() => IsClosed ? "ConversationClosed" : null;

    /// <summary>The text of phase 1–5's note.</summary>
    public string? PhaseNote(int phase) => phase switch
    {
        1 => Phase1Note,
        2 => Phase2Note,
        3 => Phase3Note,
        4 => Phase4Note,
        5 => Phase5Note,
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, "A conversation has phases 1 to 5."),
    };

    /// <summary>Sets phase 1–5's note (empty text clears it). Returns an error key or null.</summary>
    public string? SetPhaseNote(int phase, string? text)
    {
        if (CheckEdit() is { } error)
        {
            return error;
        }

        if (phase is < 1 or > PhaseCount)
        {
            return "ConversationPhaseInvalid";
        }

        var value = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (value is not null && value.Length > PhaseNoteMaxLength)
        {
            return "ConversationPhaseNoteTooLong";
        }

        switch (phase)
        {
            case 1: Phase1Note = value; break;
            case 2: Phase2Note = value; break;
            case 3: Phase3Note = value; break;
            case 4: Phase4Note = value; break;
            default: Phase5Note = value; break;
        }

        Touch();
        return null;
    }

    /// <summary>Preparation done: needs a date and a start time. Only from Planned.</summary>
    public string? MarkPrepared(DateOnly date)
    {
        if (CheckEdit() is { } error)
        {
            return error;
        }

        if (Status != ConversationStatus.Planned)
        {
            return "ConversationStatusChangeInvalid";
        }

        if (ScheduledStart is null)
        {
            return "ConversationTimeNotSet";
        }

        Status = ConversationStatus.Prepared;
        PreparedOn = date;
        Touch();
        return null;
    }

    /// <summary>
    /// The conversation took place. Refused when no date and time are set ("ConversationTimeNotSet") and before
    /// the scheduled start ("ConversationNotYetHeld"). <see cref="HeldOn"/> becomes the scheduled date.
    /// From Planned or Prepared (marking it prepared first is not required).
    /// </summary>
    /// <param name="today">Today in Danish time.</param>
    /// <param name="nowLocal">The time of day now in Danish time.</param>
    public string? MarkHeld(DateOnly today, TimeOnly nowLocal)
    {
        if (CheckEdit() is { } error)
        {
            return error;
        }

        if (Status is not (ConversationStatus.Planned or ConversationStatus.Prepared))
        {
            return "ConversationStatusChangeInvalid";
        }

        if (ScheduledStart is not { } start)
        {
            return "ConversationTimeNotSet";
        }

        if (today.ToDateTime(nowLocal) < start)
        {
            return "ConversationNotYetHeld";
        }

        Status = ConversationStatus.Held;
        HeldOn = ScheduledDate;
        Touch();
        return null;
    }

    /// <summary>The follow-up is done. Only after the conversation was held ("ConversationNotHeld").</summary>
    public string? MarkFollowedUp(DateOnly date)
    {
        if (CheckEdit() is { } error)
        {
            return error;
        }

        if (Status == ConversationStatus.FollowedUp)
        {
            return "ConversationStatusChangeInvalid";
        }

        if (Status != ConversationStatus.Held)
        {
            return "ConversationNotHeld";
        }

        if (date < HeldOn)
        {
            return "ConversationDateBeforeHeld";
        }

        Status = ConversationStatus.FollowedUp;
        FollowedUpOn = date;
        Touch();
        return null;
    }

    /// <summary>
    /// Journalised in the case system with a reference. Only once held or followed up ("ConversationNotHeld");
    /// the reference is required ("JournalReferenceRequired"). Final.
    /// </summary>
    public string? Journalise(DateOnly date, string? reference)
    {
        if (CheckEdit() is { } error)
        {
            return error;
        }

        if (Status is not (ConversationStatus.Held or ConversationStatus.FollowedUp))
        {
            return "ConversationNotHeld";
        }

        if (string.IsNullOrWhiteSpace(reference))
        {
            return "JournalReferenceRequired";
        }

        if (reference.Trim().Length > JournalReferenceMaxLength)
        {
            return "JournalReferenceTooLong";
        }

        if (date < HeldOn)
        {
            return "ConversationDateBeforeHeld";
        }

        Status = ConversationStatus.Journalised;
        JournalisedOn = date;
        JournalReference = reference.Trim();
        Touch();
        return null;
    }

    /// <summary>The family declined the offer. Only before the conversation was held ("ConversationAlreadyHeld"). Final.</summary>
    public string? Decline(DateOnly date)
    {
        if (CheckNotYetHeld() is { } error)
        {
            return error;
        }

        Status = ConversationStatus.Declined;
        DeclinedOn = date;
        Touch();
        return null;
    }

    /// <summary>Cancelled, with a reason ("CancelReasonRequired"). Only before the conversation was held. Final.</summary>
    public string? Cancel(DateOnly date, string? reason)
    {
        if (CheckNotYetHeld() is { } error)
        {
            return error;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return "CancelReasonRequired";
        }

        if (reason.Trim().Length > CancelReasonMaxLength)
        {
            return "CancelReasonTooLong";
        }

        Status = ConversationStatus.Cancelled;
        CancelledOn = date;
        CancelReason = reason.Trim();
        Touch();
        return null;
    }

    private string? CheckNotYetHeld() =>
        CheckEdit() ?? (IsHeld ? "ConversationAlreadyHeld" : null);

    /// <summary>
    /// Ticks an item of this record's template version. Refused for an item of another version
    /// ("ChecklistItemNotInTemplate") and on a closed record. Ticking a done item keeps its first tick.
    /// The checklist's rows are rows of their own: ticking and noting leave <see cref="ConcurrencyStamp"/>
    /// alone, so a tick never makes the planning form open beside it stale (issue 16 #5).
    /// </summary>
    /// <param name="template">This record's template version (<see cref="ChecklistTemplateId"/>), with its items.</param>
    public string? Tick(ChecklistTemplate template, int templateItemId, string userId, DateTime nowUtc)
    {
        if (CheckChecklistChange(template, templateItemId) is { } error)
        {
            return error;
        }

        var row = ChecklistRow(templateItemId);
        if (row.DoneAtUtc is null)
        {
            row.DoneAtUtc = nowUtc;
            row.DoneByUserId = userId;
        }

        return null;
    }

    /// <summary>Marks an item as not done again (its note stays).</summary>
    public string? Untick(ChecklistTemplate template, int templateItemId)
    {
        if (CheckChecklistChange(template, templateItemId) is { } error)
        {
            return error;
        }

        var row = Checklist.FirstOrDefault(c => c.TemplateItemId == templateItemId);
        if (row is not null)
        {
            row.DoneAtUtc = null;
            row.DoneByUserId = null;
        }

        return null;
    }

    /// <summary>Sets the note on a checklist item (empty text clears it).</summary>
    public string? SetChecklistNote(ChecklistTemplate template, int templateItemId, string? note)
    {
        if (CheckChecklistChange(template, templateItemId) is { } error)
        {
            return error;
        }

        var value = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (value is not null && value.Length > ConversationChecklistItem.NoteMaxLength)
        {
            return "ChecklistNoteTooLong";
        }

        if (value is null && Checklist.All(c => c.TemplateItemId != templateItemId))
        {
            return null; // nothing to clear: no empty row for an untouched item
        }

        ChecklistRow(templateItemId).Note = value;
        return null;
    }

    private string? CheckChecklistChange(ChecklistTemplate template, int templateItemId)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (CheckEdit() is { } error)
        {
            return error;
        }

        return template.Id != ChecklistTemplateId || template.Items.All(i => i.Id != templateItemId)
            ? "ChecklistItemNotInTemplate"
            : null;
    }

    private ConversationChecklistItem ChecklistRow(int templateItemId)
    {
        var row = Checklist.FirstOrDefault(c => c.TemplateItemId == templateItemId);
        if (row is null)
        {
            row = new ConversationChecklistItem { ConversationId = Id, TemplateItemId = templateItemId };
            Checklist.Add(row);
        }

        return row;
    }

    /// <summary>Progress at a glance against this record's template version (load <see cref="Checklist"/> first).</summary>
    public ConversationProgress Progress(ChecklistTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return ConversationProgress.Compute(Status, template.Items, Checklist.Where(c => c.IsDone).Select(c => c.TemplateItemId));
    }

    public void Touch() => ConcurrencyStamp = Guid.NewGuid().ToString("N");
}

/// <summary>Checklist items done of one stage.</summary>
public sealed record StageProgress(ChecklistStage Stage, int Done, int Total)
{
    public bool AllDone => Done >= Total;
}

/// <summary>
/// Progress at a glance: the status, and per stage (before, during, after) how many checklist items are done
/// and whether the stage is reached by the status (Before once prepared, During once held, After once
/// followed up or journalised).
/// </summary>
public sealed record ConversationProgress(ConversationStatus Status, StageProgress Before, StageProgress During, StageProgress After)
{
    public IReadOnlyList<StageProgress> Stages => [Before, During, After];

    /// <summary>True when the status says the stage is behind the conversation.</summary>
    public bool StageCompletedByStatus(ChecklistStage stage) => stage switch
    {
        ChecklistStage.Before => Status is ConversationStatus.Prepared or ConversationStatus.Held or ConversationStatus.FollowedUp or ConversationStatus.Journalised,
        ChecklistStage.During => Status is ConversationStatus.Held or ConversationStatus.FollowedUp or ConversationStatus.Journalised,
        _ => Status is ConversationStatus.FollowedUp or ConversationStatus.Journalised,
    };

    /// <summary>From a template version's items and the ids of the items done (also usable from a SQL projection).</summary>
    public static ConversationProgress Compute(ConversationStatus status, IEnumerable<ChecklistTemplateItem> items, IEnumerable<int> doneItemIds)
    {
        var done = doneItemIds.ToHashSet();
        var all = items.ToList();
        StageProgress For(ChecklistStage stage)
        {
            var inStage = all.Where(i => i.Stage == stage).ToList();
            return new StageProgress(stage, inStage.Count(i => done.Contains(i.Id)), inStage.Count);
        }

        return new ConversationProgress(status, For(ChecklistStage.Before), For(ChecklistStage.During), For(ChecklistStage.After));
    }
}
