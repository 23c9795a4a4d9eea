using SspKbh.Domain.Cases;
using SspKbh.Domain.Meetings;
using SspKbh.Domain.Organisation;
using SspKbh.Web.Components.Shared;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Infrastructure;

namespace SspKbh.Web.Features.Meetings;

/// <summary>What the signed-in user may do with one meeting.</summary>
public enum MeetingViewer
{
    None = 0,

    /// <summary>A participant without authority status: the general part only, never personal data (§115).</summary>
    GeneralPartOnly = 1,

    /// <summary>An authority member (or authority guest): reads the agenda and minutes.</summary>
    Member = 2,

    /// <summary>The group's secretary, SSP-stabsansvarlig or chair: prepares the agenda and writes the minutes.</summary>
    Secretary = 3,
}

public sealed record MeetingSummary(
    int Id, int GroupId, string GroupName, GroupKind GroupKind, DateOnly Date, TimeOnly StartTime, string Place,
    bool IsExtraordinary, bool Published, bool Locked, MeetingViewer Viewer);

public sealed record TaskView(int Id, int CaseId, string What, string OwnerName, string OwnerParty, DateOnly DueOn, ActionStatus Status, bool Overdue);

public sealed record AgendaItemView(
    int Id, AgendaPart Part, int Position, string? Title, int? CaseId, string? CaseNumber, string? PersonName, CaseLevel? Level,
    AgendaReason Reasons, bool CaseVisible, string? Summary, MeetingDecision? Decision, string? DecisionText, bool DecisionApplied,
    IReadOnlyList<TaskView> Tasks, string ConcurrencyStamp);

public sealed record AttendeeView(int Id, string Name, string PartyCode, bool IsAuthority, bool IsGuest, AttendanceStatus Status);

public sealed record ConcernView(int Id, string FromName, string FromParty, string Text, DateTime CreatedAtUtc, int? RegisteredCaseId)
{
    /// <summary>The party of the person who handed it over (set for the case registration form).</summary>
    public int? FromPartyId { get; init; }
}

public sealed record AddendumView(string Author, DateTime CreatedAtUtc, string Text);

public sealed record MeetingView(
    MeetingSummary Meeting,
    IReadOnlyList<AgendaItemView> GeneralItems,
    IReadOnlyList<AgendaItemView> CaseItems,
    int CaseItemCount,
    IReadOnlyList<AttendeeView> Attendees,
    IReadOnlyList<ConcernView> Concerns,
    IReadOnlyList<AddendumView> Addenda,
    string? ApprovedBy,
    DateTime? ApprovedAtUtc,
    bool MayWriteMinutes,
    bool MayProposeAgenda,
    string ConcurrencyStamp);

/// <summary>A group's meetings page; <paramref name="Today"/> is the day its new-meeting form checks against.</summary>
public sealed record GroupMeetings(int GroupId, string GroupName, GroupKind Kind, bool IsSecretary, SeriesInput Series, DateOnly NextDate, IReadOnlyList<MeetingSummary> Meetings, DateOnly Today);

/// <summary>The group's meetings page as read while prerendering, carried into the circuit.</summary>
public sealed record GroupMeetingsState(LookupOutcome Outcome, GroupMeetings? View);

/// <summary>A user who may be invited to a meeting as a guest with their account.</summary>
public sealed record GuestAccount(string Id, string Name, string Party, bool Authority);

/// <summary>
/// The meeting page as read while prerendering (carried into the circuit) or reloaded after a change: the meeting as the
/// user may see it and, for its secretary while the minutes are open, whether the case picker has anything to offer and
/// the parties of the guest form. The pickers' cases and accounts are searched on the server as the secretary types.
/// </summary>
public sealed record MeetingPageState(
    LookupOutcome Outcome, MeetingView? View, bool HasCaseOptions,
    IReadOnlyList<SspKbh.Web.Features.Admin.Organisation.PartyItem> Parties);

public sealed record CaseOption(int Id, string CaseNumber, string PersonName, CaseLevel Level);

public sealed record MeetingResult(LookupOutcome Outcome, ServiceResult Result)
{
    public bool Succeeded => Outcome == LookupOutcome.Found && Result.Succeeded;

    public static MeetingResult Refused(LookupOutcome outcome) => new(outcome, new ServiceResult());
}
