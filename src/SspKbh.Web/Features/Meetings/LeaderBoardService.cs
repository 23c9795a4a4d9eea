using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Cases;
using SspKbh.Domain.Meetings;
using SspKbh.Domain.Organisation;
using SspKbh.Web.Audit;
using SspKbh.Web.Data;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Security;

namespace SspKbh.Web.Features.Meetings;

/// <summary>A named responsible person: an open action on the case with its owner and due date.</summary>
public sealed record BoardTask(string What, string OwnerName, string OwnerParty, DateOnly DueOn, bool Overdue);

/// <summary>The last decision a koordinationsgruppe or the ledergruppe took on the case in the minutes.</summary>
public sealed record BoardDecision(MeetingDecision Decision, string? Text, DateOnly MeetingDate, string GroupName);

/// <summary>Why a case waits for the ledergruppe's next meeting.</summary>
public enum BoardFlagReason
{
    /// <summary>The case reached level 3–4 (on <see cref="BoardFlag.On"/>), which sends it up by itself.</summary>
    ReachedLevel,

    /// <summary>A koordinationsgruppe decided to send it up.</summary>
    SentUp,

    /// <summary>The ledergruppe decided to take it up again.</summary>
    TakenUpAgain,
}

/// <summary>The case is on the ledergruppe's list: why, since when and by which group's decision.</summary>
public sealed record BoardFlag(BoardFlagReason Reason, DateOnly On, string? GroupName);

public sealed record BoardCase(
    int Id, string CaseNumber, string PersonName, CaseLevel Level, string GroupName, DateOnly RaisedOn, int DaysSinceRaised,
    string LeadParty, string? LeadName, CaseOverdue Overdue, BoardFlag? Flag,
    BoardDecision? LastDecision, GoalsInput Goals, IReadOnlyList<BoardTask> Tasks);

/// <summary>The board page as read (and audited) while prerendering, carried into the circuit.</summary>
public sealed record LeaderBoardState(LookupOutcome Outcome, LeaderBoard? Board);

public sealed record LeaderBoard(int GroupId, string GroupName, IReadOnlyList<string> CoordinationGroups, DateOnly Today, IReadOnlyList<BoardCase> Cases);

/// <summary>
/// The ledergruppe's review board: every open level 3–4 case of the koordinationsgrupper under it, with
/// what the group needs to steer them (how long they have run, who leads, what is overdue, when they are
/// due for review, what was last decided, the goals and who does what). Members of the ledergruppe
/// only; each view is written to the audit trail with the ids of the cases shown.
/// </summary>
public sealed class LeaderBoardService(SspDbContext db, CaseAccess access, AuditService audit, TimeProvider clock)
{
    /// <summary>The ledergrupper the user is an authority member of (for the link to their boards).</summary>
    public async Task<List<(int Id, string Name)>> MyLeaderGroupsAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!user.IsAuthorityPerson())
        {
            return [];
        }

        var userId = user.UserId();
        return (await db.GroupMemberships.AsNoTracking().Where(m => m.UserId == userId)
                .Join(db.Groups.Where(g => g.IsActive && (g.Kind == GroupKind.LeaderGroup || g.Kind == GroupKind.SspPlusLeaderGroup)),
                    m => m.GroupId, g => g.Id, (m, g) => new { g.Id, g.Name })
                .Distinct().ToListAsync(cancellationToken))
            .OrderBy(g => g.Name, StringComparer.Create(CultureInfo.GetCultureInfo("da-DK"), false))
            .Select(g => (g.Id, g.Name)).ToList();
    }

    public async Task<(LookupOutcome Outcome, LeaderBoard? Board)> BoardAsync(int groupId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var group = await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == groupId && g.IsActive, cancellationToken);
        if (group is null || group.Kind is not (GroupKind.LeaderGroup or GroupKind.SspPlusLeaderGroup))
        {
            return (LookupOutcome.NotFound, null);
        }

        var userId = user.UserId();
        var member = user.IsAuthorityPerson() && await db.GroupMemberships.AnyAsync(m => m.GroupId == groupId && m.UserId == userId, cancellationToken);
        if (!member)
        {
            await audit.WriteAsync(new AuditEvent(AuditActions.LeaderBoardView, AuditOutcomes.Denied, SubjectType: "group", SubjectId: Id(groupId), Actor: user), cancellationToken);
            return (LookupOutcome.Forbidden, null);
        }

        var today = DanishTime.Today(clock);
        var children = await db.Groups.AsNoTracking()
            .Where(g => g.ParentGroupId == groupId && g.IsActive && (g.Kind == GroupKind.CoordinationGroup || g.Kind == GroupKind.SspPlusCoordinationGroup))
            .Select(g => new { g.Id, g.Name }).ToDictionaryAsync(g => g.Id, g => g.Name, cancellationToken);
        var childIds = children.Keys.ToList();
        // The user's own scope decides as well: the board never shows a case the case page would refuse.
        var scope = await access.ScopeForAsync(user, cancellationToken);
        var rows = await scope.Apply(db.Cases.AsNoTracking())
            .Where(c => childIds.Contains(c.CoordinationGroupId) && c.Level >= CaseLevel.RepeatedSeriousCrime
                && c.Status != CaseStatus.Closed && c.AnonymisedOn == null)
            .Join(db.YoungPersons, c => c.YoungPersonId, p => p.Id, (c, p) => new { Case = c, p.FullName })
            .ToListAsync(cancellationToken);
        var caseIds = rows.Select(r => r.Case.Id).ToList();

        // Every action, done ones too: an action due since the level was set meets the first-action deadline (CaseOverdue).
        var actions = await db.CaseActions.AsNoTracking().Where(a => caseIds.Contains(a.CaseId))
            .OrderBy(a => a.DueOn).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        var decided = (await db.AgendaItems.AsNoTracking().Where(i => i.CaseId != null && caseIds.Contains(i.CaseId.Value) && i.Decision != null)
                .Join(db.Meetings, i => i.MeetingId, m => m.Id, (i, m) => new { CaseId = i.CaseId!.Value, i.Decision, i.DecisionText, m.Date, m.GroupId, m.HeldUnderGroupName, i.Id })
                .ToListAsync(cancellationToken))
            .GroupBy(d => d.CaseId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(d => d.Date).ThenByDescending(d => d.Id).ToList());
        var groupNames = await db.Groups.AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.Name, cancellationToken);
        var parties = await db.Parties.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Code, cancellationToken);
        var leadIds = rows.Select(r => r.Case.LeadUserId).OfType<string>().Distinct().ToList();
        var leads = await db.Users.AsNoTracking().Where(u => leadIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, cancellationToken);
        var deadlines = await LevelDeadlines.AllAsync(db, cancellationToken);

        var cases = rows.Select(r =>
        {
            var c = r.Case;
            var caseActions = actions.Where(a => a.CaseId == c.Id).ToList();
            var open = caseActions.Where(a => a.Status == ActionStatus.Planned).ToList();
            var overdue = CaseOverdue.For(isOpen: true, c.LevelSetOn, c.LastReviewedOn, deadlines[c.Level], caseActions.Select(a => (a.Status, a.DueOn)), today);
            var history = decided.GetValueOrDefault(c.Id) ?? [];
            var last = history.FirstOrDefault();
            // The newest decision that put the case on the list says why it is there; without one, its level did.
            var sender = history.FirstOrDefault(d => d.Decision is MeetingDecision.EscalateToLeaderGroup or MeetingDecision.TakeUpAgain);
            var flag = !c.FlaggedForLeaderGroup ? null
                : sender is null ? new BoardFlag(BoardFlagReason.ReachedLevel, c.LevelSetOn, null)
                : new BoardFlag(sender.Decision == MeetingDecision.TakeUpAgain ? BoardFlagReason.TakenUpAgain : BoardFlagReason.SentUp, sender.Date, sender.HeldUnderGroupName ?? groupNames.GetValueOrDefault(sender.GroupId));
            return new BoardCase(c.Id, c.CaseNumber, r.FullName, c.Level, children.GetValueOrDefault(c.CoordinationGroupId, ""), c.RaisedOn,
                today.DayNumber - c.RaisedOn.DayNumber, parties.GetValueOrDefault(c.LeadPartyId, ""), c.LeadUserId is null ? null : leads.GetValueOrDefault(c.LeadUserId),
                overdue, flag,
                last is null ? null : new BoardDecision(last.Decision!.Value, last.DecisionText, last.Date, last.HeldUnderGroupName ?? groupNames.GetValueOrDefault(last.GroupId, "")),
                new GoalsInput { OverallGoal = c.OverallGoal, GoalSchool = c.GoalSchool, GoalLeisure = c.GoalLeisure, GoalHome = c.GoalHome, GoalCrime = c.GoalCrime },
                open.Select(a => new BoardTask(a.What, a.OwnerName, parties.GetValueOrDefault(a.OwnerPartyId, ""), a.DueOn, a.IsOverdue(today))).ToList());
        })
            // What needs the group most comes first: level 4, then overdue actions, an overdue review, the longest-running.
            .OrderByDescending(c => c.Level).ThenByDescending(c => c.Overdue.OverdueActions).ThenByDescending(c => c.Overdue.FirstActionOverdue).ThenByDescending(c => c.Overdue.ReviewOverdue).ThenBy(c => c.RaisedOn).ThenBy(c => c.CaseNumber, StringComparer.Ordinal)
            .ToList();

        await audit.WriteListAsync(new AuditEvent(AuditActions.LeaderBoardView, SubjectType: "group", SubjectId: Id(groupId), Purpose: AuditPurposes.LeaderGroupBoard,
            Details: $"group={groupId}", Actor: user), "case", cases.Select(c => c.Id), cancellationToken);
        return (LookupOutcome.Found, new LeaderBoard(group.Id, group.Name, children.Values.Order(StringComparer.Ordinal).ToList(), today, cases));
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
