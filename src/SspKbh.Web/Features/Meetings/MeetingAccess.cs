using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Meetings;
using SspKbh.Domain.Organisation;
using SspKbh.Web.Audit;
using SspKbh.Web.Components.Shared;
using SspKbh.Web.Data;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;
using SspKbh.Web.Security;

namespace SspKbh.Web.Features.Meetings;

/// <summary>
/// What the meeting services share: loading a meeting with what the signed-in user may do with it
/// (<see cref="MeetingViewer"/>), a group's planning access, and saving a change with its audit entry.
/// Every refusal is audited. The services split by job (<see cref="MeetingService"/>, <see cref="AgendaService"/>,
/// <see cref="AttendanceService"/>, <see cref="MinutesService"/>) use one instance per DI scope, so they share its context.
/// </summary>
public sealed class MeetingAccess(SspDbContext db, AuditService audit, TimeProvider clock, MeetingChangeNotifier notifier)
{
    public DateOnly Today => DanishTime.Today(clock);

    internal DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The meeting (with items, attendees and addenda), its group and what the user may do with it; a refusal is audited.</summary>
    internal async Task<(LookupOutcome, Meeting?, SspGroup, MeetingViewer)> LoadAsync(int meetingId, ClaimsPrincipal user, bool tracked, CancellationToken cancellationToken)
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

    /// <summary>An active group that handles cases, and whether the user plans its meetings; a refusal is audited.</summary>
    internal async Task<(LookupOutcome, SspGroup?, bool IsSecretary)> GroupAccessAsync(int groupId, ClaimsPrincipal user, CancellationToken cancellationToken)
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

    internal static MeetingSummary Summary(Meeting m, SspGroup group, MeetingViewer viewer) =>
        new(m.Id, m.GroupId, m.GroupNameShown(group.Name), group.Kind, m.Date, m.StartTime, m.Place, m.IsExtraordinary, m.IsPublished, m.IsLocked, viewer);

    /// <summary>Saves (refusing a stale edit) and writes the audit entry of the change.</summary>
    internal async Task<MeetingResult> SaveAsync(
        ServiceResult result, string action, string subjectType, int? subjectId, string? details, ClaimsPrincipal user, CancellationToken cancellationToken,
        Func<int>? createdId = null)
    {
        if (!result.Succeeded || !await Concurrency.TrySaveAsync(db, result, cancellationToken))
        {
            return new MeetingResult(LookupOutcome.Found, result);
        }

        var id = subjectId ?? createdId?.Invoke();
        await audit.WriteAsync(new AuditEvent(action, SubjectType: subjectType, SubjectId: id is { } i ? Id(i) : null, Details: details, Actor: user), cancellationToken);
        if (subjectType == "meeting" && id is { } meetingId && db.Database.CurrentTransaction is null)
        {
            // Inside a caller's transaction the change is not committed yet: that caller publishes after its commit.
            notifier.Publish(meetingId);
        }

        return new MeetingResult(LookupOutcome.Found, result);
    }

    /// <summary>Tells the meeting's open pages about a change committed by a caller's own transaction (or by another service).</summary>
    internal void Published(int meetingId) => notifier.Publish(meetingId);

    internal async Task<MeetingResult> RefuseAsync(LookupOutcome outcome, string subjectType, int id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (outcome == LookupOutcome.Forbidden)
        {
            await audit.WriteAsync(new AuditEvent(AuditActions.MeetingUpdated, AuditOutcomes.Denied, SubjectType: subjectType, SubjectId: Id(id), Actor: user), cancellationToken);
        }

        return MeetingResult.Refused(outcome);
    }

    internal static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>A change of the meeting by its secretary: access, concurrency stamp, the change itself (an error key or null), save and audit.</summary>
    internal async Task<MeetingResult> ChangeAsync(
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

    /// <summary>The tasks (case actions) written in the minutes of these agenda items.</summary>
    internal static async Task<List<(int ItemId, TaskView Task)>> TasksAsync(SspDbContext db, List<int> itemIds, DateOnly today, CancellationToken cancellationToken)
    {
        var rows = await db.CaseActions.AsNoTracking().Where(a => a.AgendaItemId != null && itemIds.Contains(a.AgendaItemId.Value))
            .Join(db.Parties, a => a.OwnerPartyId, p => p.Id, (a, p) => new { a, p.Code })
            .OrderBy(x => x.a.DueOn).ThenBy(x => x.a.Id)
            .ToListAsync(cancellationToken);
        return rows.Select(x => (x.a.AgendaItemId!.Value, new TaskView(x.a.Id, x.a.CaseId, x.a.What, x.a.OwnerName, x.Code, x.a.DueOn, x.a.Status, x.a.IsOverdue(today)))).ToList();
    }
}
