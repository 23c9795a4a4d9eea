using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Cases;
using SspKbh.Domain.Meetings;
using SspKbh.Domain.Organisation;
using SspKbh.Web.Audit;
using SspKbh.Web.Data;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Infrastructure;

namespace SspKbh.Web.Features.Meetings;

/// <summary>
/// A meeting's agenda, prepared by the group's secretary: the proposal from the cases that need the group
/// (with the reasons why each is on the agenda now), general and case items added, moved and removed, and
/// the agenda sent out to the members.
/// </summary>
public sealed class AgendaService(SspDbContext db, MeetingAccess meetings, AuditService audit)
{
    /// <summary>How many cases the case picker offers at a time: the secretary types to find others.</summary>
    public const int CaseOptionLimit = 20;

    /// <summary>
    /// True when the secretary could add a case: the group (or, for a leader group, the level 3–4 cases under it) has an
    /// open case not on the agenda yet. Shows no personal data, so nothing is audited.
    /// </summary>
    public async Task<bool> HasCaseOptionsAsync(int meetingId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (_, meeting, group, viewer) = await meetings.LoadAsync(meetingId, user, tracked: false, cancellationToken);
        return meeting is not null && viewer == MeetingViewer.Secretary && await OpenCasesNotOnAgenda(meeting, group).AnyAsync(cancellationToken);
    }

    /// <summary>
    /// The case picker's options for what the secretary typed (case number or its beginning, CPR number or the words of
    /// a name, as the case list searches): at most <see cref="CaseOptionLimit"/>, highest level first, read on the
    /// server each time, so a group with thousands of cases never sends them all to the browser. Each answer that shows
    /// cases is one audit entry listing them.
    /// </summary>
    public async Task<List<CaseOption>> CaseOptionsAsync(int meetingId, string? search, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (_, meeting, group, viewer) = await meetings.LoadAsync(meetingId, user, tracked: false, cancellationToken);
        if (meeting is null || viewer != MeetingViewer.Secretary)
        {
            return [];
        }

        var cases = OpenCasesNotOnAgenda(meeting, group);
        var text = search?.Trim() is { Length: > 0 } t ? t[..Math.Min(t.Length, CaseFilter.MaxSearchLength)] : null;
        if (text is not null)
        {
            cases = text.All(ch => char.IsAsciiDigit(ch) || ch == '-') && !SspKbh.Domain.Cases.CprNumber.TryParse(text, out _)
                ? cases.Where(c => c.CaseNumber.StartsWith(text))
                : CaseListQuery.Matching(cases, db, text);
        }

        var options = (await cases
                .Join(db.YoungPersons, c => c.YoungPersonId, p => p.Id, (c, p) => new { c.Id, c.CaseNumber, p.FullName, c.Level })
                .OrderByDescending(c => c.Level).ThenBy(c => c.CaseNumber)
                .Take(CaseOptionLimit)
                .ToListAsync(cancellationToken))
            .Select(c => new CaseOption(c.Id, c.CaseNumber, c.FullName, c.Level)).ToList();
        await audit.WriteListAsync(new AuditEvent(AuditActions.CaseList, Purpose: "agenda-case-picker", SubjectType: "meeting",
            SubjectId: meetingId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Details: $"search={(text is null ? "none" : "typed")}; rows={options.Count}", Actor: user), "case", options.Select(o => o.Id), cancellationToken);
        return options;
    }

    private IQueryable<SspCase> OpenCasesNotOnAgenda(Meeting meeting, SspGroup group)
    {
        var onAgenda = meeting.Items.Where(i => i.CaseId is not null).Select(i => i.CaseId!.Value).ToList();
        return GroupCases(group).Where(c => c.Status != CaseStatus.Closed && c.AnonymisedOn == null && !onAgenda.Contains(c.Id));
    }

    public Task<MeetingResult> ProposeAsync(int meetingId, string? stamp, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        meetings.ChangeAsync(meetingId, stamp, user, "agenda-proposal", async (meeting, group) =>
            meeting.CheckAgendaProposal(meetings.Today) ?? await AddProposalsAsync(meeting, group, cancellationToken), cancellationToken);

    public async Task<MeetingResult> AddGeneralItemAsync(int meetingId, GeneralItemInput input, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ServiceResult.Refusing(new GeneralItemInputValidator(), input) is { } invalid ? new MeetingResult(LookupOutcome.Found, invalid) : await meetings.ChangeAsync(meetingId, input.ConcurrencyStamp, user, "agenda-general-item", (meeting, _) =>
        {
            var error = meeting.CheckAgendaChange();
            if (error is null)
            {
                meeting.AddItem(AgendaItem.General(input.Title!));
            }

            return Task.FromResult(error);
        }, cancellationToken);

    public async Task<MeetingResult> AddCaseItemAsync(int meetingId, CaseItemInput input, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ServiceResult.Refusing(new CaseItemInputValidator(), input) is { } invalid ? new MeetingResult(LookupOutcome.Found, invalid) : await meetings.ChangeAsync(meetingId, input.ConcurrencyStamp, user, $"agenda-case-item={input.CaseId}", async (meeting, group) =>
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
        meetings.ChangeAsync(meetingId, stamp, user, $"agenda-move={itemId}", (meeting, _) => Task.FromResult(meeting.Move(itemId, direction)), cancellationToken);

    /// <summary>Moves an item to a position within its part (1..n), where the secretary dropped it.</summary>
    public Task<MeetingResult> MoveItemToAsync(int meetingId, int itemId, int position, string? stamp, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        meetings.ChangeAsync(meetingId, stamp, user, $"agenda-move={itemId} to={position}", (meeting, _) => Task.FromResult(meeting.MoveTo(itemId, position)), cancellationToken);

    public Task<MeetingResult> RemoveItemAsync(int meetingId, int itemId, string? stamp, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        meetings.ChangeAsync(meetingId, stamp, user, $"agenda-remove={itemId}", (meeting, _) => Task.FromResult(meeting.Remove(itemId)), cancellationToken);

    public Task<MeetingResult> PublishAsync(int meetingId, string? stamp, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        meetings.ChangeAsync(meetingId, stamp, user, "agenda-publish", (meeting, _) => Task.FromResult(meeting.PublishAgenda(meetings.Now)), cancellationToken);

    /// <summary>Adds the cases that need the group and are not on the agenda yet. Returns an error key or null.</summary>
    internal async Task<string?> AddProposalsAsync(Meeting meeting, SspGroup group, CancellationToken cancellationToken)
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
}
