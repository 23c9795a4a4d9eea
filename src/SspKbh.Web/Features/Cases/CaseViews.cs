using SspKbh.Domain.Cases;
using SspKbh.Web.Features.Consents;
using SspKbh.Web.Features.Conversations;

namespace SspKbh.Web.Features.Cases;

/// <summary>A young person who may be the one being registered.</summary>
/// <summary>A young person already registered: how many cases, whether one is in the user's scope, and the open ones.</summary>
public sealed record PersonMatch(int Id, string FullName, DateOnly DateOfBirth, bool SameCpr, int CaseCount, bool HasCaseInScope, IReadOnlyList<OpenCaseLink> OpenCases);

public sealed record LevelHistoryItem(CaseLevel? From, CaseLevel To, string Reason, string ChangedBy, DateTime ChangedAtUtc);

public sealed record CustodyHolderView(string FullName, string? Relation, string? Phone, string? Email);

public sealed record CaseView(
    int Id,
    string CaseNumber,
    CaseLevel Level,
    CaseStatus Status,
    CaseSource Source,
    string GroupName,
    string RaisedByParty,
    string? RaisedByName,
    DateOnly RaisedOn,
    string Concern,
    string LeadParty,
    string? LeadPerson,
    string? LeadOverrideReason,
    DateOnly LevelSetOn,
    DateOnly FirstActionDue,
    bool FirstActionOverdue,
    bool FlaggedForLeaderGroup,
    LevelForm Form,
    string PersonName,
    DateOnly DateOfBirth,
    int Age,
    bool AwaitsSspPlusHandover,
    string? CprMasked,
    string? Address,
    string? School,
    string? Club,
    string LocalArea,
    IReadOnlyList<CustodyHolderView> CustodyHolders,
    IReadOnlyList<LevelHistoryItem> History,
    CaseAccessBasis Basis,
    GoalsInput Goals,
    IReadOnlyList<ActionView> Actions,
    IReadOnlyList<NoteView> Notes,
    IReadOnlyList<StatusHistoryItem> StatusHistory,
    DateOnly NextReviewDue,
    bool ReviewOverdue,
    CloseReason? CloseReason,
    DateOnly? ClosedOn,
    DateOnly? SspPlusHandoverOn,
    string? SspPlusGroup,
    string ConcurrencyStamp,
    IReadOnlyList<FactorDefinition> Factors,
    IReadOnlyDictionary<FactorDomain, string> FactorNotes,
    DateOnly? AnonymisedOn,
    IReadOnlyList<ConsentView> Consents,
    IReadOnlyList<EmergencyAccessView> EmergencyAccesses,
    DateTime? EmergencyAccessUntilUtc,
    IReadOnlyList<OpenCaseLink> OtherOpenCases);

/// <summary>An emergency access to a case: who, from which party, why and until when.</summary>
public sealed record EmergencyAccessView(string UserName, string Party, string Reason, DateTime GrantedAtUtc, DateTime ExpiresAtUtc, bool Mine);

public sealed class EmergencyAccessInput
{
    public string? Reason { get; set; }
}

/// <summary>
/// A case action. An action that follows up an agreement from a concern conversation is the follow-up
/// professional's (owner, due on the follow-up date); <paramref name="Agreed"/> says who keeps the agreement
/// itself and by when, so neither is shown as the other.
/// </summary>
public sealed record ActionView(
    int Id, string What, string OwnerName, string OwnerParty, DateOnly DueOn, ActionStatus Status, DateOnly? CompletedOn, bool Overdue, string ConcurrencyStamp,
    AgreedTerms? Agreed = null);

public sealed record NoteView(DateOnly NoteDate, string Author, string Text);

public sealed record StatusHistoryItem(CaseStatus From, CaseStatus To, string? Reason, CloseReason? CloseReason, string ChangedBy, DateTime ChangedAtUtc);

public enum LookupOutcome
{
    Found,
    NotFound,
    Forbidden,
}
