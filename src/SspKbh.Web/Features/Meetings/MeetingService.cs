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
/// Meetings of koordinationsgrupper and ledergrupper: the user's meetings, a group's series, planning a
/// meeting (members as attendees, standard items, the proposed case part) and reading one. Members of the
/// group see published meetings; the secretary prepares them. A participant without authority status sees
/// the general part only. Every view that shows cases is audited with the case ids. The agenda, attendance
/// and minutes are changed by <see cref="AgendaService"/>, <see cref="AttendanceService"/> and <see cref="MinutesService"/>.
/// </summary>
public sealed class MeetingService(SspDbContext db, MeetingAccess meetingAccess, AgendaService agenda, CaseAccess access, AuditService audit)
{
    private static readonly string[] StandardGeneralItems = [Texts.Meeting_StandardItem_Welcome, Texts.Meeting_StandardItem_News, Texts.Meeting_StandardItem_Any];

    public DateOnly Today => meetingAccess.Today;

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
            .Select(m => MeetingAccess.Summary(m, groups[m.GroupId], MeetingAccess.ViewerFor(user, m, memberships.Where(x => x.GroupId == m.GroupId).Select(x => x.Role))))
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
        var (outcome, group, isSecretary) = await meetingAccess.GroupAccessAsync(groupId, user, cancellationToken);
        if (group is null)
        {
            return (outcome, null);
        }

        var series = await SeriesAsync(group, cancellationToken);
        var meetings = await db.Meetings.AsNoTracking().Where(m => m.GroupId == groupId)
            .OrderByDescending(m => m.Date).ThenByDescending(m => m.StartTime).Take(50).ToListAsync(cancellationToken);
        var viewer = isSecretary ? MeetingViewer.Secretary : MeetingViewer.Member;
        var last = meetings.Where(m => !m.IsExtraordinary).Select(m => (DateOnly?)m.Date).FirstOrDefault();
        var summaries = meetings.Select(m => MeetingAccess.Summary(m, group, viewer)).Where(m => isSecretary || m.Published || m.Locked).ToList();
        return (LookupOutcome.Found, new GroupMeetings(group.Id, group.Name, group.Kind, isSecretary,
            new SeriesInput { IntervalDays = series.IntervalDays, DefaultStartTime = series.DefaultStartTime, DefaultPlace = series.DefaultPlace, ConcurrencyStamp = series.ConcurrencyStamp },
            series.NextDate(last, Today), summaries, Today));
    }

    public async Task<MeetingResult> SaveSeriesAsync(int groupId, SeriesInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (outcome, group, isSecretary) = await meetingAccess.GroupAccessAsync(groupId, user, cancellationToken);
        if (group is null || !isSecretary)
        {
            return await meetingAccess.RefuseAsync(group is null ? outcome : LookupOutcome.Forbidden, "group", groupId, user, cancellationToken);
        }

        // The form's rules, run here too: the interactive form only shows them earlier.
        if (ServiceResult.Refusing(new SeriesInputValidator(), input) is { } refused)
        {
            return new MeetingResult(LookupOutcome.Found, refused);
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
        return await meetingAccess.SaveAsync(result, AuditActions.MeetingUpdated, "group", groupId, "series", user, cancellationToken);
    }

    /// <summary>Plans a meeting: members as attendees, the standard general items and the proposed case part.</summary>
    public async Task<MeetingResult> CreateAsync(int groupId, MeetingInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (outcome, group, isSecretary) = await meetingAccess.GroupAccessAsync(groupId, user, cancellationToken);
        if (group is null || !isSecretary)
        {
            return await meetingAccess.RefuseAsync(group is null ? outcome : LookupOutcome.Forbidden, "group", groupId, user, cancellationToken);
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
            CreatedAtUtc = meetingAccess.Now,
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

        await agenda.AddProposalsAsync(meeting, group, cancellationToken);
        db.Meetings.Add(meeting);
        var saved = await meetingAccess.SaveAsync(result, AuditActions.MeetingCreated, "meeting", null, $"group={groupId}", user, cancellationToken, () => meeting.Id);
        result.CreatedId = meeting.Id.ToString(CultureInfo.InvariantCulture);
        return saved;
    }

    public async Task<(LookupOutcome Outcome, MeetingView? View)> GetAsync(int meetingId, ClaimsPrincipal user, CancellationToken cancellationToken, string purpose = AuditPurposes.Meeting)
    {
        var (outcome, meeting, group, viewer) = await meetingAccess.LoadAsync(meetingId, user, tracked: false, cancellationToken);
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
        var tasks = viewer >= MeetingViewer.Member ? await MeetingAccess.TasksAsync(db, itemIds, Today, cancellationToken) : [];

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
            MeetingAccess.Summary(meeting, group, viewer),
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
        await audit.WriteListAsync(new AuditEvent(AuditActions.MeetingView, SubjectType: "meeting", SubjectId: MeetingAccess.Id(meetingId), Purpose: purpose,
            Details: $"meeting={meetingId}", Actor: user), "case", visible, cancellationToken);
        return (LookupOutcome.Found, view);
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
}
