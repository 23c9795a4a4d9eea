using SspKbh.Domain.Conversations;

namespace SspKbh.Web.Features.Conversations;

/// <summary>The five phase notes of the "Under" page (form "phases").</summary>
public sealed class PhaseNotesInput
{
    public string? Phase1Note { get; set; }

    public string? Phase2Note { get; set; }

    public string? Phase3Note { get; set; }

    public string? Phase4Note { get; set; }

    public string? Phase5Note { get; set; }

    public string? ConcurrencyStamp { get; set; }

    /// <summary>The form field of phase 1–5 (also the field an error is shown next to).</summary>
    public static string FieldOf(int phase) => $"Phase{phase}Note";

    public string? Note(int phase) => phase switch
    {
        1 => Phase1Note,
        2 => Phase2Note,
        3 => Phase3Note,
        4 => Phase4Note,
        _ => Phase5Note,
    };

    public static PhaseNotesInput From(ConcernConversation record) => new()
    {
        Phase1Note = record.Phase1Note,
        Phase2Note = record.Phase2Note,
        Phase3Note = record.Phase3Note,
        Phase4Note = record.Phase4Note,
        Phase5Note = record.Phase5Note,
    };
}

/// <summary>A new agreement made in phase 4 (form "agreement").</summary>
public sealed class AgreementInput
{
    public string? What { get; set; }

    public AgreementResponsible? ResponsibleKind { get; set; }

    public string? ResponsibleName { get; set; }

    public DateOnly? DueOn { get; set; }

    public string? FollowUpHow { get; set; }

    public DateOnly? FollowUpOn { get; set; }

    /// <summary>The professional who follows up; owns the follow-up case action.</summary>
    public string? FollowUpUserId { get; set; }

    public string? ConcurrencyStamp { get; set; }
}

/// <summary>Debrief and informing the network (form "after").</summary>
public sealed class AfterInput
{
    public string? DebriefNote { get; set; }

    public DateOnly? NetworkInformedOn { get; set; }

    public string? NetworkInformedNote { get; set; }

    public string? ConcurrencyStamp { get; set; }

    public static AfterInput From(ConcernConversation record) => new()
    {
        DebriefNote = record.DebriefNote,
        NetworkInformedOn = record.NetworkInformedOn,
        NetworkInformedNote = record.NetworkInformedNote,
    };
}

/// <summary>The outcome of one agreement.</summary>
public sealed class OutcomeRow
{
    public int AgreementId { get; set; }

    public AgreementOutcome? Outcome { get; set; }

    public string? Note { get; set; }
}

/// <summary>The outcomes of the record's agreements (form "outcome"; one row per agreement, its id hidden).</summary>
public sealed class OutcomeInput
{
    public List<OutcomeRow> Rows { get; set => field = value ?? []; } = [];

    public string? ConcurrencyStamp { get; set; }

    public static OutcomeInput From(ConcernConversation record) => new()
    {
        Rows = record.Agreements.OrderBy(a => a.FollowUpOn).ThenBy(a => a.Id)
            .Select(a => new OutcomeRow { AgreementId = a.Id, Outcome = a.Outcome, Note = a.OutcomeNote }).ToList(),
    };
}
