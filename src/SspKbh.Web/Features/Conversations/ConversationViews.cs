using SspKbh.Domain.Cases;
using SspKbh.Domain.Conversations;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Infrastructure;


namespace SspKbh.Web.Features.Conversations;

/// <summary>The case a conversation belongs to, as its pages show it.</summary>
public sealed record ConversationCase(
    int Id, string CaseNumber, string PersonName, DateOnly DateOfBirth, string? Address, CaseLevel Level, CaseStatus Status, string GroupName,
    IReadOnlyList<CustodyHolderView> CustodyHolders);

/// <summary>
/// One concern conversation with everything its pages show: the record (read-only, not tracked), its own
/// checklist version, the case, names of people and parties, progress, and whether the user may change it.
/// </summary>
public sealed record ConversationView(
    ConcernConversation Record,
    ChecklistTemplate Template,
    ConversationCase Case,
    string ResponsibleName,
    IReadOnlyDictionary<int, string> PartyCodes,
    IReadOnlyDictionary<string, string> UserNames,
    ConversationProgress Progress,
    ConstellationGuidance Guidance,
    bool TooManyProfessionals,
    bool MayEdit,
    CaseAccessBasis Basis)
{
    public string PartyCode(int? id) => id is { } i ? PartyCodes.GetValueOrDefault(i, "") : "";

    public string UserName(string? id) => id is null ? "" : UserNames.GetValueOrDefault(id, "");

    /// <summary>The view after a tick or note saved on its own: the record's row and the progress follow it.</summary>
    public ConversationView WithChecklistRow(ChecklistRowState row)
    {
        var saved = Record.Checklist.FirstOrDefault(c => c.TemplateItemId == row.TemplateItemId);
        if (saved is null)
        {
            saved = new ConversationChecklistItem { ConversationId = Record.Id, TemplateItemId = row.TemplateItemId };
            Record.Checklist.Add(saved);
        }

        (saved.DoneAtUtc, saved.DoneByUserId, saved.Note) = (row.DoneAtUtc, row.DoneByUserId, row.Note);
        return this with { Progress = Record.Progress(Template) };
    }
}

/// <summary>A conversation on the dashboard.</summary>
public sealed record ConversationSummary(
    int Id, int CaseId, string CaseNumber, string PersonName, ConversationStatus Status, DateOnly? ScheduledDate, TimeOnly? StartTime,
    string ResponsibleName, ConversationProgress Progress, bool HeldDue, ConversationPlace? Place = null);

/// <summary>An agreement whose follow-up is the user's.</summary>
public sealed record FollowUpSummary(int ConversationId, int AgreementId, string CaseNumber, string What, string ResponsibleName, DateOnly FollowUpOn, bool Overdue);

public sealed record ConversationDashboard(
    IReadOnlyList<ConversationSummary> Upcoming,
    IReadOnlyList<ConversationSummary> InPreparation,
    IReadOnlyList<FollowUpSummary> FollowUpsDue,
    IReadOnlyList<ConversationSummary> NotJournalised);

/// <summary>Someone who may be made responsible for a conversation on the case.</summary>
public sealed record ResponsibleCandidate(string UserId, string Name, string PartyCode);

public sealed record ConversationResult(LookupOutcome Outcome, ServiceResult Result)
{
    /// <summary>The record's stamp after a save, so the page's next save from the same page is not taken for someone else's.</summary>
    public string? Stamp { get; init; }

    public bool Succeeded => Outcome == LookupOutcome.Found && Result.Succeeded;

    public static ConversationResult Refused(LookupOutcome outcome) => new(outcome, new ServiceResult());
}
