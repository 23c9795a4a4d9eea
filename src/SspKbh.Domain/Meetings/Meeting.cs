using SspKbh.Domain.Organisation;

namespace SspKbh.Domain.Meetings;

/// <summary>
/// How often a group meets. Coordination groups meet about every 14 days, leader groups about once
/// a month; the group's secretary may change it. The next meeting is proposed from the last one.
/// </summary>
public sealed class MeetingSeries
{
    public const int MinIntervalDays = 1;
    public const int MaxIntervalDays = 92;

    /// <summary>The group (one series per group).</summary>
    public int GroupId { get; set; }

    public int IntervalDays { get; set; }

    public TimeOnly DefaultStartTime { get; set; } = new(9, 0);

    public string DefaultPlace { get; set; } = "";

    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");

    /// <summary>14 days for coordination groups, 28 for leader groups and other groups.</summary>
    public static int DefaultIntervalDays(GroupKind kind) =>
        kind is GroupKind.CoordinationGroup or GroupKind.SspPlusCoordinationGroup ? 14 : 28;

    /// <summary>
    /// The date proposed for the next meeting: one interval after the last, never in the past, and moved to the next
    /// working day when it falls on a weekend, a public holiday or an agreed day off (<see cref="DanishCalendar"/>).
    /// </summary>
    public DateOnly NextDate(DateOnly? lastMeeting, DateOnly today)
    {
        var next = lastMeeting?.AddDays(IntervalDays) ?? today.AddDays(IntervalDays);
        while (next < today)
        {
            next = next.AddDays(IntervalDays);
        }

        return DanishCalendar.OnOrAfterWorkingDay(next);
    }
}

/// <summary>
/// One meeting of a koordinationsgruppe or ledergruppe: its agenda (a general part that every
/// participant may follow, and an individual-case part for authority persons only), attendance and
/// minutes. Once the minutes are approved they are locked; corrections are added as addenda.
/// </summary>
public sealed class Meeting
{
    public const int PlaceMaxLength = 200;

    public int Id { get; set; }

    public int GroupId { get; set; }

    public DateOnly Date { get; set; }

    public TimeOnly StartTime { get; set; }

    public string Place { get; set; } = "";

    /// <summary>An extra (acute) meeting outside the series.</summary>
    public bool IsExtraordinary { get; set; }

    public DateTime? AgendaPublishedAtUtc { get; set; }

    public DateTime? MinutesApprovedAtUtc { get; set; }

    public string? MinutesApprovedByUserId { get; set; }

    /// <summary>The group's name when the minutes were approved: a record keeps the name it was held under after a rename.</summary>
    public string? HeldUnderGroupName { get; set; }

    public string CreatedByUserId { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");

    public List<AgendaItem> Items { get; set; } = [];

    public List<MeetingAttendee> Attendees { get; set; } = [];

    public List<MinutesAddendum> Addenda { get; set; } = [];

    public bool IsLocked => MinutesApprovedAtUtc is not null;

    /// <summary>The name to show for the meeting's group: the one its approved minutes were held under, else today's.</summary>
    public string GroupNameShown(string currentName) => HeldUnderGroupName ?? currentName;

    public bool IsPublished => AgendaPublishedAtUtc is not null;

    /// <summary>Date and place; an error key per field, empty when valid.</summary>
    public static IReadOnlyList<(string Field, string Error)> ValidateSchedule(DateOnly? date, TimeOnly? start, string? place, DateOnly today)
    {
        var errors = new List<(string, string)>();
        if (date is null)
        {
            errors.Add(("Date", "MeetingDateRequired"));
        }
        else if (date < today)
        {
            errors.Add(("Date", "MeetingDateInPast"));
        }

        if (start is null)
        {
            errors.Add(("StartTime", "MeetingTimeRequired"));
        }

        if (string.IsNullOrWhiteSpace(place))
        {
            errors.Add(("Place", "MeetingPlaceRequired"));
        }
        else if (place.Trim().Length > PlaceMaxLength)
        {
            errors.Add(("Place", "MeetingPlaceTooLong"));
        }

        return errors;
    }

    /// <summary>The agenda may change until the minutes are approved; a proposal only for a meeting not yet held.</summary>
    public string? CheckAgendaProposal(DateOnly today) =>
        IsLocked ? "MinutesLocked" : Date < today ? "MeetingInPastNoProposal" : null;

    public string? CheckAgendaChange() => IsLocked ? "MinutesLocked" : null;

    /// <summary>Minutes are written from the meeting day on, and only until they are approved.</summary>
    public string? CheckMinutesChange(DateOnly today) =>
        IsLocked ? "MinutesLocked" : Date > today ? "MinutesBeforeMeeting" : null;

    /// <summary>Approves and locks the minutes under the group's name of today. Every case item must have a decision.</summary>
    public string? ApproveMinutes(string userId, string groupName, DateTime nowUtc, DateOnly today)
    {
        if (CheckMinutesChange(today) is { } error)
        {
            return error;
        }

        if (Items.Any(i => i.CaseId is not null && i.Decision is null))
        {
            return "MinutesMissingDecisions";
        }

        MinutesApprovedAtUtc = nowUtc;
        MinutesApprovedByUserId = userId;
        HeldUnderGroupName = groupName;
        Touch();
        return null;
    }

    public string? PublishAgenda(DateTime nowUtc)
    {
        if (IsLocked)
        {
            return "MinutesLocked";
        }

        AgendaPublishedAtUtc = nowUtc;
        Touch();
        return null;
    }

    /// <summary>The items of one part in their agenda order.</summary>
    public IEnumerable<AgendaItem> Part(AgendaPart part) => Items.Where(i => i.Part == part).OrderBy(i => i.Position).ThenBy(i => i.Id);

    /// <summary>Adds an item at the end of its part.</summary>
    public AgendaItem AddItem(AgendaItem item)
    {
        item.Position = Items.Where(i => i.Part == item.Part).Select(i => i.Position).DefaultIfEmpty(0).Max() + 1;
        Items.Add(item);
        Touch();
        return item;
    }

    /// <summary>Moves an item one place up (-1) or down (+1) within its part; renumbers the part 1..n.</summary>
    public string? Move(int itemId, int direction)
    {
        if (CheckAgendaChange() is { } error)
        {
            return error;
        }

        var item = Items.FirstOrDefault(i => i.Id == itemId);
        if (item is null || direction is not (-1 or 1))
        {
            return "AgendaItemNotFound";
        }

        var ordered = Part(item.Part).ToList();
        var index = ordered.IndexOf(item);
        var target = index + direction;
        if (target >= 0 && target < ordered.Count)
        {
            (ordered[index], ordered[target]) = (ordered[target], ordered[index]);
        }

        Renumber(ordered);
        Touch();
        return null;
    }

    /// <summary>
    /// Moves an item to a position (1..n) within its part, as the secretary drops it when dragging; renumbers the part.
    /// A position outside the part puts the item first or last.
    /// </summary>
    public string? MoveTo(int itemId, int position)
    {
        if (CheckAgendaChange() is { } error)
        {
            return error;
        }

        var item = Items.FirstOrDefault(i => i.Id == itemId);
        if (item is null)
        {
            return "AgendaItemNotFound";
        }

        var ordered = Part(item.Part).ToList();
        ordered.Remove(item);
        ordered.Insert(Math.Clamp(position - 1, 0, ordered.Count), item);
        Renumber(ordered);
        Touch();
        return null;
    }

    /// <summary>Numbers the items 1..n in the order given, so the agenda and the minutes never show gaps.</summary>
    private static void Renumber(List<AgendaItem> ordered)
    {
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Position = i + 1;
        }
    }

    /// <summary>Removes an item that has no minutes yet; the items after it move up one number.</summary>
    public string? Remove(int itemId)
    {
        if (CheckAgendaChange() is { } error)
        {
            return error;
        }

        var item = Items.FirstOrDefault(i => i.Id == itemId);
        if (item is null)
        {
            return "AgendaItemNotFound";
        }

        if (item.HasMinutes)
        {
            return "AgendaItemHasMinutes";
        }

        Items.Remove(item);
        // The rest of its part closes up (1, 2, 3 after removing 2 of 1-4), before the minutes fix the numbers.
        Renumber(Part(item.Part).ToList());
        Touch();
        return null;
    }

    public void Touch() => ConcurrencyStamp = Guid.NewGuid().ToString("N");
}

public enum AgendaPart
{
    /// <summary>Open to every participant, also those without authority status: no personal data.</summary>
    General = 1,

    /// <summary>Individual cases: authority persons only (retsplejeloven §115).</summary>
    Cases = 2,
}

/// <summary>Why an item is on the agenda; an item may have several reasons.</summary>
[Flags]
public enum AgendaReason
{
    None = 0,
    NewCase = 1,
    LevelChanged = 2,
    OverdueActions = 4,
    OpenTasksFromLastMeeting = 8,
    ReviewDue = 16,
    FlaggedForLeaderGroup = 32,
    AddedBySecretary = 64,

    /// <summary>The ledergruppe decided at its last meeting to take the case up again.</summary>
    TakenUpAgain = 128,
}

/// <summary>What the group decided about a case.</summary>
public enum MeetingDecision
{
    KeepLevel = 1,
    ChangeLevel = 2,
    OfferConcernConversation = 3,
    EscalateToLeaderGroup = 4,
    HandOverToSspPlus = 5,
    CloseInSsp = 6,
    Other = 7,

    /// <summary>Leader group: continue, and take the case up again at the next meeting.</summary>
    TakeUpAgain = 8,

    /// <summary>Leader group: the coordination group carries on without the leader group.</summary>
    ReturnToCoordinationGroup = 9,
}

public static class MeetingDecisions
{
    /// <summary>The decisions a group of this kind can make about a case.</summary>
    public static IReadOnlyList<MeetingDecision> For(GroupKind kind) => kind is GroupKind.LeaderGroup or GroupKind.SspPlusLeaderGroup
        ? [MeetingDecision.TakeUpAgain, MeetingDecision.ReturnToCoordinationGroup, MeetingDecision.Other]
        : [MeetingDecision.KeepLevel, MeetingDecision.ChangeLevel, MeetingDecision.OfferConcernConversation, MeetingDecision.EscalateToLeaderGroup,
           MeetingDecision.HandOverToSspPlus, MeetingDecision.CloseInSsp, MeetingDecision.Other];
}

/// <summary>One agenda item, with its minutes. A case item points at a case; a general item has a title.</summary>
public sealed class AgendaItem
{
    public const int TitleMaxLength = 200;
    public const int SummaryMaxLength = 8000;
    public const int DecisionTextMaxLength = 2000;

    public int Id { get; set; }

    public int MeetingId { get; set; }

    public AgendaPart Part { get; set; }

    public int Position { get; set; }

    /// <summary>General items only. Must not hold personal data: every participant sees it.</summary>
    public string? Title { get; set; }

    public int? CaseId { get; set; }

    public AgendaReason Reasons { get; set; }

    public string? Summary { get; set; }

    public MeetingDecision? Decision { get; set; }

    public string? DecisionText { get; set; }

    /// <summary>When the decision was carried out on the case; it cannot be changed after that.</summary>
    public DateTime? DecisionAppliedAtUtc { get; set; }

    public string? MinutesByUserId { get; set; }

    public DateTime? MinutesUpdatedAtUtc { get; set; }

    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");

    public bool HasMinutes => Summary is not null || Decision is not null;

    public static AgendaItem General(string title) => new() { Part = AgendaPart.General, Title = title.Trim() };

    public static AgendaItem ForCase(int caseId, AgendaReason reasons) => new() { Part = AgendaPart.Cases, CaseId = caseId, Reasons = reasons };

    public void Touch() => ConcurrencyStamp = Guid.NewGuid().ToString("N");
}

public enum AttendanceStatus
{
    NotRecorded = 0,
    Present = 1,

    /// <summary>Sent apologies (afbud).</summary>
    Apologies = 2,

    Absent = 3,
}

/// <summary>A member of the group or a guest at one meeting.</summary>
public sealed class MeetingAttendee
{
    public const int NameMaxLength = 200;

    public int Id { get; set; }

    public int MeetingId { get; set; }

    /// <summary>Set for users of SspKbh (members, and guests who have an account).</summary>
    public string? UserId { get; set; }

    public string Name { get; set; } = "";

    public int PartyId { get; set; }

    /// <summary>Authority person (myndighedsperson) under retsplejeloven §115.</summary>
    public bool IsAuthorityPerson { get; set; }

    public bool IsGuest { get; set; }

    public AttendanceStatus Status { get; set; }

    /// <summary>Without authority status a participant leaves before the individual cases.</summary>
    public bool LeavesBeforeCases => !IsAuthorityPerson;
}

/// <summary>A correction or addition to approved (locked) minutes.</summary>
public sealed class MinutesAddendum
{
    public const int TextMaxLength = 4000;

    public int Id { get; set; }

    public int MeetingId { get; set; }

    public string Text { get; set; } = "";

    public string AuthorUserId { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>
/// A concern handed over at a meeting by a participant without authority status before they leave.
/// The authority members see it as a draft and may register a case from it.
/// </summary>
public sealed class HandedOverConcern
{
    public const int TextMaxLength = 4000;

    public int Id { get; set; }

    public int MeetingId { get; set; }

    public string FromUserId { get; set; } = "";

    public string Text { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>The case registered from it, once an authority member has done so.</summary>
    public int? RegisteredCaseId { get; set; }
}
