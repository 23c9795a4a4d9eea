using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Cases;
using SspKbh.Domain.Meetings;
using SspKbh.Domain.Organisation;
using SspKbh.Web.Audit;
using SspKbh.Web.Data;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Components.Shared;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;
using SspKbh.Web.Security;

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

public sealed record GroupMeetings(int GroupId, string GroupName, GroupKind Kind, bool IsSecretary, SeriesInput Series, DateOnly NextDate, IReadOnlyList<MeetingSummary> Meetings);

public sealed record CaseOption(int Id, string CaseNumber, string PersonName, CaseLevel Level);

public sealed record MeetingResult(LookupOutcome Outcome, ServiceResult Result)
{
    public bool Succeeded => Outcome == LookupOutcome.Found && Result.Succeeded;

    public static MeetingResult Refused(LookupOutcome outcome) => new(outcome, new ServiceResult());
}

/// <summary>
/// Meetings of koordinationsgrupper and ledergrupper: series, agenda (proposed from the cases that
/// need the group), attendance, minutes, approval and addenda. Members of the group see published
/// meetings; the secretary prepares them. A participant without authority status sees the general part
/// only. Every view that shows cases is audited with the case ids.
/// </summary>
public sealed class MeetingService(SspDbContext db, CaseAccess access, AuditService audit, TimeProvider clock)
{
    private static readonly string[] StandardGeneralItems = [Texts.Meeting_StandardItem_Welcome, Texts.Meeting_StandardItem_News, Texts.Meeting_StandardItem_Any];

    public DateOnly Today => DanishTime.Today(clock);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Upcoming and recent meetings of the user's groups and of meetings they are a guest at.</summary>
    public async Task<List<MeetingSummary>> MyMeetingsAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var memberships = await db.GroupMemberships.AsNoTracking().Where(m => m.UserId == userId).ToListAsync(cancellationToken);
        var groupIds = memberships.Select(m => m.GroupId).Distinct().ToList();
        var since = Today.AddDays(-60);
        var meetings = await db.Meetings.AsNoTracking()
            .Where(m => m.Date >= since && (groupIds.Contains(m.GroupId) || m.Attendees.Any(a => a.UserId == userId)))
            .Include(m => m.Attendees)
            .OrderBy(m => m.Date).ThenBy(m => m.StartTime)
            .ToListAsync(cancellationToken);
        var groups = await GroupsAsync(meetings.Select(m => m.GroupId), cancellationToken);
        return meetings
            .Select(m => Summary(m, groups[m.GroupId], ViewerFor(user, m, memberships.Where(x => x.GroupId == m.GroupId).Select(x => x.Role))))
            .Where(s => s.Viewer != MeetingViewer.None)
            .ToList();
    }

    /// <summary>The groups whose meetings the user may plan (secretary, SSP-stabsansvarlig or chair).</summary>
    public async Task<List<(int Id, string Name)>> PlannableGroupsAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!user.IsAuthorityPerson())
        {
            return [];
        }

        var userId = user.UserId();
        return (await db.GroupMemberships.AsNoTracking()
                .Where(m => m.UserId == userId && (m.Role == GroupRole.Secretary || m.Role == GroupRole.SspStaffLead || m.Role == GroupRole.Chair))
                .Join(db.Groups.Where(g => g.IsActive), m => m.GroupId, g => g.Id, (m, g) => new { g.Id, g.Name, g.Kind })
                .ToListAsync(cancellationToken))
            .Where(g => g.Kind.HandlesIndividualCases())
            .Select(g => (g.Id, g.Name)).Distinct().OrderBy(g => g.Name, StringComparer.Create(CultureInfo.GetCultureInfo("da-DK"), false)).ToList();
    }

    public async Task<(LookupOutcome Outcome, GroupMeetings? View)> GroupAsync(int groupId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (outcome, group, isSecretary) = await GroupAccessAsync(groupId, user, cancellationToken);
        if (group is null)
        {
            return (outcome, null);
        }

        var series = await SeriesAsync(group, cancellationToken);
        var meetings = await db.Meetings.AsNoTracking().Where(m => m.GroupId == groupId)
            .OrderByDescending(m => m.Date).ThenByDescending(m => m.StartTime).Take(50).ToListAsync(cancellationToken);
        var viewer = isSecretary ? MeetingViewer.Secretary : MeetingViewer.Member;
        var last = meetings.Where(m => !m.IsExtraordinary).Select(m => (DateOnly?)m.Date).FirstOrDefault();
        var summaries = meetings.Select(m => Summary(m, group, viewer)).Where(m => isSecretary || m.Published || m.Locked).ToList();
        return (LookupOutcome.Found, new GroupMeetings(group.Id, group.Name, group.Kind, isSecretary,
            new SeriesInput { IntervalDays = series.IntervalDays, DefaultStartTime = series.DefaultStartTime, DefaultPlace = series.DefaultPlace, ConcurrencyStamp = series.ConcurrencyStamp },
            series.NextDate(last, Today), summaries));
    }

    public async Task<MeetingResult> SaveSeriesAsync(int groupId, SeriesInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (outcome, group, isSecretary) = await GroupAccessAsync(groupId, user, cancellationToken);
        if (group is null || !isSecretary)
        {
            return await RefuseAsync(group is null ? outcome : LookupOutcome.Forbidden, "group", groupId, user, cancellationToken);
        }

        var series = await SeriesAsync(group, cancellationToken, tracked: true);
        var result = new ServiceResult();
        // A group's first series has no saved stamp to compare with; a stamp no form could have sent is refused all the same.
        if (db.Entry(series).State == EntityState.Added ? input.ConcurrencyStamp is { Length: > 64 } : !Concurrency.Matches(db, series, input.ConcurrencyStamp))
        {
            return new MeetingResult(LookupOutcome.Found, result.General(Texts.Concurrency_Conflict));
        }

        series.IntervalDays = input.IntervalDays!.Value;
        series.DefaultStartTime = input.DefaultStartTime!.Value;
        series.DefaultPlace = input.DefaultPlace?.Trim() ?? "";
        series.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        return await SaveAsync(result, AuditActions.MeetingUpdated, "group", groupId, "series", user, cancellationToken);
    }

    /// <summary>Plans a meeting: members as attendees, the standard general items and the proposed case part.</summary>
    public async Task<MeetingResult> CreateAsync(int groupId, MeetingInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (outcome, group, isSecretary) = await GroupAccessAsync(groupId, user, cancellationToken);
        if (group is null || !isSecretary)
        {
            return await RefuseAsync(group is null ? outcome : LookupOutcome.Forbidden, "group", groupId, user, cancellationToken);
        }

        var result = new ServiceResult();
        foreach (var (field, error) in Meeting.ValidateSchedule(input.Date, input.StartTime, input.Place, Today))
        {
            result.Field(field, RoleNames.Error(error));
        }

        if (!result.Succeeded)
        {
            return new MeetingResult(LookupOutcome.Found, result);
        }

        var meeting = new Meeting
        {
            GroupId = groupId,
            Date = input.Date!.Value,
            StartTime = input.StartTime!.Value,
            Place = input.Place!.Trim(),
            IsExtraordinary = input.IsExtraordinary,
            CreatedByUserId = user.UserId()!,
            CreatedAtUtc = Now,
        };
        var members = await db.GroupMemberships.AsNoTracking().Where(m => m.GroupId == groupId)
            .Join(db.Users.Where(u => u.IsActive), m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.FullName, u.PartyId, u.IsAuthorityPerson })
            .ToListAsync(cancellationToken);
        foreach (var m in members.DistinctBy(m => m.Id).OrderBy(m => m.FullName, StringComparer.Ordinal))
        {
            meeting.Attendees.Add(new MeetingAttendee { UserId = m.Id, Name = m.FullName, PartyId = m.PartyId, IsAuthorityPerson = m.IsAuthorityPerson });
        }

        foreach (var title in StandardGeneralItems)
        {
            meeting.AddItem(AgendaItem.General(title));
        }

        await AddProposalsAsync(meeting, group, cancellationToken);
        db.Meetings.Add(meeting);
        var saved = await SaveAsync(result, AuditActions.MeetingCreated, "meeting", null, $"group={groupId}", user, cancellationToken, () => meeting.Id);
        result.CreatedId = meeting.Id.ToString(CultureInfo.InvariantCulture);
        return saved;
    }

    public async Task<(LookupOutcome Outcome, MeetingView? View)> GetAsync(int meetingId, ClaimsPrincipal user, CancellationToken cancellationToken, string purpose = AuditPurposes.Meeting)
    {
        var (outcome, meeting, group, viewer) = await LoadAsync(meetingId, user, tracked: false, cancellationToken);
        if (meeting is null)
        {
            return (outcome, null);
        }

        var caseIds = meeting.Items.Where(i => i.CaseId is not null).Select(i => i.CaseId!.Value).ToList();
        var scope = await access.ScopeForAsync(user, cancellationToken);
        var cases = viewer >= MeetingViewer.Member
            ? await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id))
                .Join(db.YoungPersons, c => c.YoungPersonId, p => p.Id, (c, p) => new { c.Id, c.CaseNumber, c.Level, c.CoordinationGroupId, c.SspPlusGroupId, p.FullName })
                .ToDictionaryAsync(c => c.Id, cancellationToken)
            : [];
        var visible = cases.Values.Where(c => scope.BasisFor(c.CoordinationGroupId, c.Level, c.SspPlusGroupId) != CaseAccessBasis.None).Select(c => c.Id).ToHashSet();
        var itemIds = meeting.Items.Select(i => i.Id).ToList();
        var tasks = viewer >= MeetingViewer.Member ? await TasksAsync(db, itemIds, Today, cancellationToken) : [];

        AgendaItemView ItemView(AgendaItem i)
        {
            var shown = i.CaseId is { } id && visible.Contains(id);
            var c = shown ? cases[i.CaseId!.Value] : null;
            return new AgendaItemView(i.Id, i.Part, i.Position, i.Title, i.CaseId, c?.CaseNumber, c?.FullName, c?.Level, i.Reasons, shown,
                i.CaseId is null || shown ? i.Summary : null, i.Decision, i.CaseId is null || shown ? i.DecisionText : null, i.DecisionAppliedAtUtc is not null,
                shown ? tasks.Where(t => t.ItemId == i.Id).Select(t => t.Task).ToList() : [], i.ConcurrencyStamp);
        }

        var parties = await db.Parties.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Code, cancellationToken);
        var userIds = meeting.Addenda.Select(a => a.AuthorUserId).Append(meeting.MinutesApprovedByUserId ?? "").ToList();
        var concerns = await db.HandedOverConcerns.AsNoTracking().Where(c => c.MeetingId == meetingId).OrderBy(c => c.CreatedAtUtc).ToListAsync(cancellationToken);
        var userId = user.UserId();
        if (viewer < MeetingViewer.Member)
        {
            concerns = concerns.Where(c => c.FromUserId == userId).ToList();
        }

        userIds.AddRange(concerns.Select(c => c.FromUserId));
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => new { u.FullName, u.PartyId }, cancellationToken);
        var view = new MeetingView(
            Summary(meeting, group, viewer),
            meeting.Part(AgendaPart.General).Select(ItemView).ToList(),
            viewer >= MeetingViewer.Member ? meeting.Part(AgendaPart.Cases).Select(ItemView).ToList() : [],
            meeting.Items.Count(i => i.Part == AgendaPart.Cases),
            meeting.Attendees.OrderBy(a => a.IsGuest).ThenBy(a => a.Name, StringComparer.Ordinal)
                .Select(a => new AttendeeView(a.Id, a.Name, parties.GetValueOrDefault(a.PartyId, ""), a.IsAuthorityPerson, a.IsGuest, a.Status)).ToList(),
            concerns.Select(c => new ConcernView(c.Id, names.GetValueOrDefault(c.FromUserId)?.FullName ?? "", parties.GetValueOrDefault(names.GetValueOrDefault(c.FromUserId)?.PartyId ?? 0, ""),
                c.Text, c.CreatedAtUtc, c.RegisteredCaseId)).ToList(),
            meeting.Addenda.OrderBy(a => a.CreatedAtUtc).Select(a => new AddendumView(names.GetValueOrDefault(a.AuthorUserId)?.FullName ?? "", a.CreatedAtUtc, a.Text)).ToList(),
            meeting.MinutesApprovedByUserId is { } approver ? names.GetValueOrDefault(approver)?.FullName : null,
            meeting.MinutesApprovedAtUtc,
            viewer == MeetingViewer.Secretary && meeting.CheckMinutesChange(Today) is null,
            viewer == MeetingViewer.Secretary && meeting.CheckAgendaProposal(Today) is null,
            meeting.ConcurrencyStamp);
        await audit.WriteListAsync(new AuditEvent(AuditActions.MeetingView, SubjectType: "meeting", SubjectId: Id(meetingId), Purpose: purpose,
            Details: $"meeting={meetingId}", Actor: user), "case", visible, cancellationToken);
        return (LookupOutcome.Found, view);
    }

    /// <summary>Open cases of the group (or, for a leader group, level 3–4 cases under it) not on the agenda yet.</summary>
    public async Task<List<CaseOption>> CaseOptionsAsync(int meetingId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (_, meeting, group, viewer) = await LoadAsync(meetingId, user, tracked: false, cancellationToken);
        if (meeting is null || viewer != MeetingViewer.Secretary)
        {
            return [];
        }

        var onAgenda = meeting.Items.Where(i => i.CaseId is not null).Select(i => i.CaseId!.Value).ToList();
        return (await GroupCases(group).Where(c => c.Status != CaseStatus.Closed && c.AnonymisedOn == null && !onAgenda.Contains(c.Id))
                .Join(db.YoungPersons, c => c.YoungPersonId, p => p.Id, (c, p) => new { c.Id, c.CaseNumber, p.FullName, c.Level })
                .OrderByDescending(c => c.Level).ThenBy(c => c.CaseNumber)
                .ToListAsync(cancellationToken))
            .Select(c => new CaseOption(c.Id, c.CaseNumber, c.FullName, c.Level)).ToList();
    }

    public Task<MeetingResult> ProposeAsync(int meetingId, string? stamp, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ChangeAgendaAsync(meetingId, stamp, user, "agenda-proposal", async (meeting, group) =>
            meeting.CheckAgendaProposal(Today) ?? await AddProposalsAsync(meeting, group, cancellationToken), cancellationToken);

    public Task<MeetingResult> AddGeneralItemAsync(int meetingId, GeneralItemInput input, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ChangeAgendaAsync(meetingId, input.ConcurrencyStamp, user, "agenda-general-item", (meeting, _) =>
        {
            var error = meeting.CheckAgendaChange();
            if (error is null)
            {
                meeting.AddItem(AgendaItem.General(input.Title!));
            }

            return Task.FromResult(error);
        }, cancellationToken);

    public Task<MeetingResult> AddCaseItemAsync(int meetingId, CaseItemInput input, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ChangeAgendaAsync(meetingId, input.ConcurrencyStamp, user, $"agenda-case-item={input.CaseId}", async (meeting, group) =>
        {
            if (meeting.CheckAgendaChange() is { } error)
            {
                return error;
            }

            var caseId = input.CaseId!.Value;
            if (meeting.Items.Any(i => i.CaseId == caseId))
            {
                return "CaseAlreadyOnAgenda";
            }

            if (!await GroupCases(group).AnyAsync(c => c.Id == caseId && c.Status != CaseStatus.Closed, cancellationToken))
            {
                return "CaseNotInGroup";
            }

            meeting.AddItem(AgendaItem.ForCase(caseId, AgendaReason.AddedBySecretary));
            return null;
        }, cancellationToken);

    public Task<MeetingResult> MoveItemAsync(int meetingId, int itemId, int direction, string? stamp, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ChangeAgendaAsync(meetingId, stamp, user, $"agenda-move={itemId}", (meeting, _) => Task.FromResult(meeting.Move(itemId, direction)), cancellationToken);

    public Task<MeetingResult> RemoveItemAsync(int meetingId, int itemId, string? stamp, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ChangeAgendaAsync(meetingId, stamp, user, $"agenda-remove={itemId}", (meeting, _) => Task.FromResult(meeting.Remove(itemId)), cancellationToken);

    public Task<MeetingResult> PublishAsync(int meetingId, string? stamp, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ChangeAgendaAsync(meetingId, stamp, user, "agenda-publish", (meeting, _) => Task.FromResult(meeting.PublishAgenda(Now)), cancellationToken);

    public Task<MeetingResult> ApproveAsync(int meetingId, string? stamp, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ChangeAgendaAsync(meetingId, stamp, user, "minutes-approve", (meeting, group) => Task.FromResult(meeting.ApproveMinutes(user.UserId()!, group.Name, Now, Today)), cancellationToken,
            AuditActions.MinutesApproved);

    /// <summary>Attendance per attendee (present, apologies, absent); only until the minutes are approved.</summary>
    public Task<MeetingResult> SaveAttendanceAsync(int meetingId, IReadOnlyDictionary<int, AttendanceStatus> statuses, string? stamp, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ChangeAgendaAsync(meetingId, stamp, user, "attendance", (meeting, _) =>
        {
            if (meeting.CheckAgendaChange() is { } error)
            {
                return Task.FromResult<string?>(error);
            }

            foreach (var (attendeeId, status) in statuses)
            {
                if (meeting.Attendees.FirstOrDefault(a => a.Id == attendeeId) is not { } attendee || !Enum.IsDefined(status))
                {
                    return Task.FromResult<string?>("AttendeeNotFound");
                }

                attendee.Status = status;
            }

            meeting.Touch();
            return Task.FromResult<string?>(null);
        }, cancellationToken);

    public async Task<MeetingResult> AddGuestAsync(int meetingId, GuestInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (outcome, meeting, _, viewer) = await LoadAsync(meetingId, user, tracked: true, cancellationToken);
        if (meeting is null || viewer != MeetingViewer.Secretary)
        {
            return await RefuseAsync(meeting is null ? outcome : LookupOutcome.Forbidden, "meeting", meetingId, user, cancellationToken);
        }

        var result = new ServiceResult();
        if (meeting.CheckAgendaChange() is { } locked)
        {
            return new MeetingResult(LookupOutcome.Found, result.General(RoleNames.Error(locked)));
        }

        var guest = new MeetingAttendee { IsGuest = true };
        if (!string.IsNullOrWhiteSpace(input.UserId))
        {
            var account = await db.Users.AsNoTracking().Where(u => u.Id == input.UserId && u.IsActive)
                .Select(u => new { u.Id, u.FullName, u.PartyId, u.IsAuthorityPerson }).FirstOrDefaultAsync(cancellationToken);
            if (account is null)
            {
                return new MeetingResult(LookupOutcome.Found, result.Field(nameof(GuestInput.UserId), Texts.Meeting_Validation_GuestUserUnknown));
            }

            if (meeting.Attendees.Any(a => a.UserId == account.Id))
            {
                return new MeetingResult(LookupOutcome.Found, result.Field(nameof(GuestInput.UserId), Texts.Meeting_Validation_GuestAlreadyThere));
            }

            // Authority status comes from the account, never from the form.
            (guest.UserId, guest.Name, guest.PartyId, guest.IsAuthorityPerson) = (account.Id, account.FullName, account.PartyId, account.IsAuthorityPerson);
        }
        else
        {
            if (!await db.Parties.AnyAsync(p => p.Id == input.PartyId && p.IsActive, cancellationToken))
            {
                return new MeetingResult(LookupOutcome.Found, result.Field(nameof(GuestInput.PartyId), Texts.Validation_PartyRequired));
            }

            (guest.Name, guest.PartyId, guest.IsAuthorityPerson) = (input.Name!.Trim(), input.PartyId!.Value, input.IsAuthorityPerson!.Value);
        }

        meeting.Attendees.Add(guest);
        meeting.Touch();
        return await SaveAsync(result, AuditActions.MeetingUpdated, "meeting", meetingId, "guest-add", user, cancellationToken);
    }

    /// <summary>Users who may be invited as guests with their account (active users not already attending).</summary>
    public async Task<List<(string Id, string Name, string Party, bool Authority)>> GuestAccountsAsync(int meetingId, CancellationToken cancellationToken)
    {
        var attending = db.MeetingAttendees.Where(a => a.MeetingId == meetingId && a.UserId != null).Select(a => a.UserId);
        return (await db.Users.AsNoTracking().Where(u => u.IsActive && !attending.Contains(u.Id))
                .Join(db.Parties, u => u.PartyId, p => p.Id, (u, p) => new { u.Id, u.FullName, p.Code, u.IsAuthorityPerson })
                .OrderBy(u => u.FullName).Take(500).ToListAsync(cancellationToken))
            .Select(u => (u.Id, u.FullName, u.Code, u.IsAuthorityPerson)).ToList();
    }

    /// <summary>
    /// A participant without authority status hands over a concern before leaving: the authority
    /// members see it as a draft for a case. Only while the minutes are open.
    /// </summary>
    public async Task<MeetingResult> HandOverConcernAsync(int meetingId, TextInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (outcome, meeting, _, viewer) = await LoadAsync(meetingId, user, tracked: false, cancellationToken);
        if (meeting is null || viewer != MeetingViewer.GeneralPartOnly)
        {
            return await RefuseAsync(meeting is null ? outcome : LookupOutcome.Forbidden, "meeting", meetingId, user, cancellationToken);
        }

        var result = new ServiceResult();
        if (meeting.IsLocked)
        {
            return new MeetingResult(LookupOutcome.Found, result.General(RoleNames.Error("MinutesLocked")));
        }

        db.HandedOverConcerns.Add(new HandedOverConcern { MeetingId = meetingId, FromUserId = user.UserId()!, Text = input.Text!.Trim(), CreatedAtUtc = Now });
        return await SaveAsync(result, AuditActions.MeetingConcernHandedOver, "meeting", meetingId, null, user, cancellationToken);
    }

    /// <summary>
    /// A concern handed over at a meeting, for the case registration form: only for authority members of
    /// the meeting, and only while no case has been registered from it. Audited like a look at the meeting.
    /// </summary>
    public async Task<ConcernView?> ConcernForRegistrationAsync(int concernId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var concern = await db.HandedOverConcerns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == concernId && c.RegisteredCaseId == null, cancellationToken);
        if (concern is null)
        {
            return null;
        }

        var (_, meeting, _, viewer) = await LoadAsync(concern.MeetingId, user, tracked: false, cancellationToken);
        if (meeting is null || viewer < MeetingViewer.Member)
        {
            return null;
        }

        var from = await db.Users.AsNoTracking().Where(u => u.Id == concern.FromUserId)
            .Join(db.Parties, u => u.PartyId, p => p.Id, (u, p) => new { u.FullName, p.Id, p.Code }).FirstAsync(cancellationToken);
        await audit.WriteAsync(new AuditEvent(AuditActions.MeetingView, SubjectType: "meeting", SubjectId: Id(meeting.Id), Purpose: "register-from-concern",
            Details: $"concern={concernId}", Actor: user), cancellationToken);
        return new ConcernView(concern.Id, from.FullName, from.Code, concern.Text, concern.CreatedAtUtc, null) { FromPartyId = from.Id };
    }

    /// <summary>Links a handed-over concern to the case registered from it (once; the user must be a member of the meeting).</summary>
    public async Task MarkConcernRegisteredAsync(int concernId, int caseId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var concern = await db.HandedOverConcerns.FirstOrDefaultAsync(c => c.Id == concernId && c.RegisteredCaseId == null, cancellationToken);
        if (concern is null)
        {
            return;
        }

        var (_, meeting, _, viewer) = await LoadAsync(concern.MeetingId, user, tracked: false, cancellationToken);
        if (meeting is null || viewer < MeetingViewer.Member)
        {
            return;
        }

        concern.RegisteredCaseId = caseId;
        await SaveAsync(new ServiceResult(), AuditActions.MeetingUpdated, "meeting", meeting.Id, $"concern={concernId} registered-case={caseId}", user, cancellationToken);
    }

    public async Task<MeetingResult> AddAddendumAsync(int meetingId, TextInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (outcome, meeting, _, viewer) = await LoadAsync(meetingId, user, tracked: true, cancellationToken);
        if (meeting is null || viewer != MeetingViewer.Secretary)
        {
            return await RefuseAsync(meeting is null ? outcome : LookupOutcome.Forbidden, "meeting", meetingId, user, cancellationToken);
        }

        var result = new ServiceResult();
        if (!meeting.IsLocked)
        {
            return new MeetingResult(LookupOutcome.Found, result.General(Texts.Meeting_AddendumOnlyWhenLocked));
        }

        meeting.Addenda.Add(new MinutesAddendum { Text = input.Text!.Trim(), AuthorUserId = user.UserId()!, CreatedAtUtc = Now });
        return await SaveAsync(result, AuditActions.MinutesAddendum, "meeting", meetingId, null, user, cancellationToken);
    }

    /// <summary>The meeting and group of an agenda item, for its minutes page; null when the user may not write them.</summary>
    public async Task<(LookupOutcome Outcome, MeetingView? Meeting, AgendaItemView? Item)> GetItemAsync(int meetingId, int itemId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (outcome, view) = await GetAsync(meetingId, user, cancellationToken, purpose: AuditPurposes.Minutes);
        if (view is null)
        {
            return (outcome, null, null);
        }

        var item = view.GeneralItems.Concat(view.CaseItems).FirstOrDefault(i => i.Id == itemId);
        if (item is null)
        {
            return (LookupOutcome.NotFound, null, null);
        }

        if (view.Meeting.Viewer != MeetingViewer.Secretary || (item.CaseId is not null && !item.CaseVisible))
        {
            await RefuseAsync(LookupOutcome.Forbidden, "meeting", meetingId, user, cancellationToken);
            return (LookupOutcome.Forbidden, null, null);
        }

        return (LookupOutcome.Found, view, item);
    }

    /// <summary>The audit trail's record of who opened what is in <see cref="GetAsync"/>; this is the minutes' save.</summary>
    internal async Task<(LookupOutcome Outcome, Meeting? Meeting, AgendaItem? Item, SspGroup? Group)> LoadItemForMinutesAsync(
        int meetingId, int itemId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (outcome, meeting, group, viewer) = await LoadAsync(meetingId, user, tracked: true, cancellationToken);
        if (meeting is null || viewer != MeetingViewer.Secretary)
        {
            await RefuseAsync(meeting is null ? outcome : LookupOutcome.Forbidden, "meeting", meetingId, user, cancellationToken);
            return (meeting is null ? outcome : LookupOutcome.Forbidden, null, null, null);
        }

        var item = meeting.Items.FirstOrDefault(i => i.Id == itemId);
        return item is null ? (LookupOutcome.NotFound, null, null, null) : (LookupOutcome.Found, meeting, item, group);
    }

    internal async Task<MeetingResult> SaveMinutesAsync(ServiceResult result, int meetingId, string details, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await SaveAsync(result, AuditActions.MinutesUpdated, "meeting", meetingId, details, user, cancellationToken);

    // ---------------------------------------------------------------------------------------------

    private async Task<MeetingResult> ChangeAgendaAsync(
        int meetingId, string? stamp, ClaimsPrincipal user, string details, Func<Meeting, SspGroup, Task<string?>> change, CancellationToken cancellationToken,
        string action = AuditActions.MeetingUpdated)
    {
        var (outcome, meeting, group, viewer) = await LoadAsync(meetingId, user, tracked: true, cancellationToken);
        if (meeting is null || viewer != MeetingViewer.Secretary)
        {
            return await RefuseAsync(meeting is null ? outcome : LookupOutcome.Forbidden, "meeting", meetingId, user, cancellationToken);
        }

        var result = new ServiceResult();
        if (!Concurrency.Matches(db, meeting, stamp))
        {
            return new MeetingResult(LookupOutcome.Found, result.General(Texts.Concurrency_Conflict));
        }

        if (await change(meeting, group) is { } error)
        {
            return new MeetingResult(LookupOutcome.Found, result.General(RoleNames.Error(error)));
        }

        meeting.Touch();
        return await SaveAsync(result, action, "meeting", meetingId, details, user, cancellationToken);
    }

    /// <summary>Adds the cases that need the group and are not on the agenda yet. Returns an error key or null.</summary>
    private async Task<string?> AddProposalsAsync(Meeting meeting, SspGroup group, CancellationToken cancellationToken)
    {
        var previous = await db.Meetings.AsNoTracking()
            .Where(m => m.GroupId == group.Id && m.Date < meeting.Date && m.Id != meeting.Id)
            .OrderByDescending(m => m.Date).Select(m => new { m.Id, m.Date }).FirstOrDefaultAsync(cancellationToken);
        // "New" means: on no agenda of the group up to this meeting's day (a later meeting does not count).
        var earlierItems = db.AgendaItems.Where(i => i.CaseId != null && i.MeetingId != meeting.Id &&
            db.Meetings.Any(m => m.Id == i.MeetingId && m.GroupId == group.Id && m.Date <= meeting.Date));
        var previousItems = db.AgendaItems.Where(i => previous != null && i.MeetingId == previous.Id).Select(i => (int?)i.Id);
        var candidates = await GroupCases(group).Where(c => c.Status != CaseStatus.Closed && c.AnonymisedOn == null)
            .Select(c => new
            {
                c.Id,
                c.YoungPersonId,
                c.Level,
                c.Status,
                c.LevelSetOn,
                c.LastReviewedOn,
                c.FlaggedForLeaderGroup,
                LastChange = db.CaseLevelChanges.Where(h => h.CaseId == c.Id && h.From != null).Max(h => (DateTime?)h.ChangedAtUtc),
                OnEarlierAgenda = earlierItems.Any(i => i.CaseId == c.Id),
                EarliestDue = db.CaseActions.Where(a => a.CaseId == c.Id && a.Status == ActionStatus.Planned).Min(a => (DateOnly?)a.DueOn),
                OpenFromLast = db.CaseActions.Any(a => a.CaseId == c.Id && a.Status == ActionStatus.Planned && previousItems.Contains(a.AgendaItemId)),
                TakenUpAgain = db.AgendaItems.Any(i => previous != null && i.MeetingId == previous.Id && i.CaseId == c.Id && i.Decision == MeetingDecision.TakeUpAgain),
            })
            .ToListAsync(cancellationToken);
        var deadlines = await LevelDeadlines.AllAsync(db, cancellationToken);

        var proposals = AgendaProposal.Propose(
            candidates.Select(c => new CaseForAgenda(c.Id, c.Level, c.Status, c.LevelSetOn, c.LastReviewedOn,
                c.LastChange is { } changed ? DanishTime.ToDate(changed) : null, c.FlaggedForLeaderGroup, c.OnEarlierAgenda, c.EarliestDue, c.OpenFromLast, c.YoungPersonId, c.TakenUpAgain)),
            meeting.Date, previous?.Date, group.Kind is GroupKind.LeaderGroup or GroupKind.SspPlusLeaderGroup, deadlines);
        foreach (var (caseId, reasons) in proposals)
        {
            if (!meeting.Items.Any(i => i.CaseId == caseId))
            {
                meeting.AddItem(AgendaItem.ForCase(caseId, reasons));
            }
        }

        return null;
    }

    /// <summary>The cases a group deals with: its own, or for a ledergruppe the level 3–4 cases of its koordinationsgrupper.</summary>
    private IQueryable<SspCase> GroupCases(SspGroup group)
    {
        if (group.Kind is GroupKind.LeaderGroup or GroupKind.SspPlusLeaderGroup)
        {
            var children = db.Groups.Where(g => g.ParentGroupId == group.Id).Select(g => g.Id);
            return db.Cases.Where(c => children.Contains(c.CoordinationGroupId) && c.Level >= CaseLevel.RepeatedSeriousCrime);
        }

        return db.Cases.Where(c => c.CoordinationGroupId == group.Id);
    }

    /// <summary>The tasks (case actions) written in the minutes of these agenda items.</summary>
    internal static async Task<List<(int ItemId, TaskView Task)>> TasksAsync(SspDbContext db, List<int> itemIds, DateOnly today, CancellationToken cancellationToken)
    {
        var rows = await db.CaseActions.AsNoTracking().Where(a => a.AgendaItemId != null && itemIds.Contains(a.AgendaItemId.Value))
            .Join(db.Parties, a => a.OwnerPartyId, p => p.Id, (a, p) => new { a, p.Code })
            .OrderBy(x => x.a.DueOn).ThenBy(x => x.a.Id)
            .ToListAsync(cancellationToken);
        return rows.Select(x => (x.a.AgendaItemId!.Value, new TaskView(x.a.Id, x.a.CaseId, x.a.What, x.a.OwnerName, x.Code, x.a.DueOn, x.a.Status, x.a.IsOverdue(today)))).ToList();
    }

    private async Task<(LookupOutcome, Meeting?, SspGroup, MeetingViewer)> LoadAsync(int meetingId, ClaimsPrincipal user, bool tracked, CancellationToken cancellationToken)
    {
        var query = db.Meetings.Include(m => m.Items).Include(m => m.Attendees).Include(m => m.Addenda).AsSplitQuery();
        var meeting = await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(m => m.Id == meetingId, cancellationToken);
        if (meeting is null)
        {
            return (LookupOutcome.NotFound, null, null!, MeetingViewer.None);
        }

        var group = await db.Groups.AsNoTracking().FirstAsync(g => g.Id == meeting.GroupId, cancellationToken);
        var userId = user.UserId();
        var roles = await db.GroupMemberships.AsNoTracking().Where(m => m.GroupId == meeting.GroupId && m.UserId == userId).Select(m => m.Role).ToListAsync(cancellationToken);
        var viewer = ViewerFor(user, meeting, roles);
        if (viewer == MeetingViewer.None)
        {
            await audit.WriteAsync(new AuditEvent(AuditActions.MeetingView, AuditOutcomes.Denied, SubjectType: "meeting", SubjectId: Id(meetingId), Actor: user), cancellationToken);
            return (LookupOutcome.Forbidden, null, group, viewer);
        }

        return (LookupOutcome.Found, meeting, group, viewer);
    }

    /// <summary>
    /// Authority members of the group see published meetings; its secretary, SSP-stabsansvarlig or chair
    /// all of them. A guest sees a published meeting: an authority guest like a member, anyone else the
    /// general part only.
    /// </summary>
    internal static MeetingViewer ViewerFor(ClaimsPrincipal user, Meeting meeting, IEnumerable<GroupRole> roles)
    {
        var authority = user.IsAuthorityPerson();
        var shown = meeting.IsPublished || meeting.IsLocked;
        var groupRoles = roles.ToList();
        if (authority && groupRoles.Any(r => r is GroupRole.Secretary or GroupRole.SspStaffLead or GroupRole.Chair))
        {
            return MeetingViewer.Secretary;
        }

        if (authority && groupRoles.Count > 0)
        {
            return shown ? MeetingViewer.Member : MeetingViewer.None;
        }

        var userId = user.UserId();
        if (!shown || !meeting.Attendees.Any(a => a.UserId == userId))
        {
            return MeetingViewer.None;
        }

        return authority ? MeetingViewer.Member : MeetingViewer.GeneralPartOnly;
    }

    private async Task<(LookupOutcome, SspGroup?, bool IsSecretary)> GroupAccessAsync(int groupId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var group = await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == groupId && g.IsActive, cancellationToken);
        if (group is null || !group.Kind.HandlesIndividualCases())
        {
            return (LookupOutcome.NotFound, null, false);
        }

        var userId = user.UserId();
        var roles = await db.GroupMemberships.AsNoTracking().Where(m => m.GroupId == groupId && m.UserId == userId).Select(m => m.Role).ToListAsync(cancellationToken);
        if (!user.IsAuthorityPerson() || roles.Count == 0)
        {
            await audit.WriteAsync(new AuditEvent(AuditActions.MeetingView, AuditOutcomes.Denied, SubjectType: "group", SubjectId: Id(groupId), Actor: user), cancellationToken);
            return (LookupOutcome.Forbidden, null, false);
        }

        return (LookupOutcome.Found, group, roles.Any(r => r is GroupRole.Secretary or GroupRole.SspStaffLead or GroupRole.Chair));
    }

    private async Task<MeetingSeries> SeriesAsync(SspGroup group, CancellationToken cancellationToken, bool tracked = false)
    {
        var query = tracked ? db.MeetingSeries : db.MeetingSeries.AsNoTracking();
        var series = await query.FirstOrDefaultAsync(s => s.GroupId == group.Id, cancellationToken);
        if (series is not null)
        {
            return series;
        }

        series = new MeetingSeries { GroupId = group.Id, IntervalDays = MeetingSeries.DefaultIntervalDays(group.Kind) };
        if (tracked)
        {
            db.MeetingSeries.Add(series);
        }

        return series;
    }

    private async Task<Dictionary<int, SspGroup>> GroupsAsync(IEnumerable<int> ids, CancellationToken cancellationToken)
    {
        var list = ids.Distinct().ToList();
        return await db.Groups.AsNoTracking().Where(g => list.Contains(g.Id)).ToDictionaryAsync(g => g.Id, cancellationToken);
    }

    private static MeetingSummary Summary(Meeting m, SspGroup group, MeetingViewer viewer) =>
        new(m.Id, m.GroupId, m.GroupNameShown(group.Name), group.Kind, m.Date, m.StartTime, m.Place, m.IsExtraordinary, m.IsPublished, m.IsLocked, viewer);

    private async Task<MeetingResult> SaveAsync(
        ServiceResult result, string action, string subjectType, int? subjectId, string? details, ClaimsPrincipal user, CancellationToken cancellationToken,
        Func<int>? createdId = null)
    {
        if (!result.Succeeded || !await Concurrency.TrySaveAsync(db, result, cancellationToken))
        {
            return new MeetingResult(LookupOutcome.Found, result);
        }

        var id = subjectId ?? createdId?.Invoke();
        await audit.WriteAsync(new AuditEvent(action, SubjectType: subjectType, SubjectId: id is { } i ? Id(i) : null, Details: details, Actor: user), cancellationToken);
        return new MeetingResult(LookupOutcome.Found, result);
    }

    private async Task<MeetingResult> RefuseAsync(LookupOutcome outcome, string subjectType, int id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (outcome == LookupOutcome.Forbidden)
        {
            await audit.WriteAsync(new AuditEvent(AuditActions.MeetingUpdated, AuditOutcomes.Denied, SubjectType: subjectType, SubjectId: Id(id), Actor: user), cancellationToken);
        }

        return MeetingResult.Refused(outcome);
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
