using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Cases;
using SspKbh.Domain.Conversations;
using SspKbh.Web.Audit;
using SspKbh.Web.Data;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Security;

namespace SspKbh.Web.Features.Conversations;

/// <summary>
/// A user's own concern conversations: "my concern conversations" (<c>/samtaler</c>) and the counts on the home page.
/// Only conversations on cases the user may see through their groups (<see cref="CaseAccess"/>) are read; the list is
/// audited against its cases, the counts carry no personal data.
/// </summary>
public sealed class MyConversationsReader(SspDbContext db, CaseAccess access, AuditService audit, TimeProvider clock)
{
    /// <summary>How many days ahead a follow-up counts as due on the dashboard.</summary>
    public const int FollowUpHorizonDays = 7;

    private DateOnly Today => DanishTime.Today(clock);

    /// <summary>"My concern conversations": the ones the user is responsible for, and the follow-ups that are theirs.</summary>
    public async Task<ConversationDashboard> DashboardAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var scope = await access.ScopeForAsync(user, cancellationToken);
        if (scope.IsEmpty || userId is null)
        {
            return new ConversationDashboard([], [], [], []);
        }

        var visibleCases = scope.Apply(db.Cases.AsNoTracking()).Where(c => c.AnonymisedOn == null).Select(c => c.Id);
        var mine = await ConversationSummaries.ReadAsync(db, db.ConcernConversations.AsNoTracking()
            .Where(c => c.ResponsibleUserId == userId && visibleCases.Contains(c.CaseId)
                && c.Status != ConversationStatus.Journalised && c.Status != ConversationStatus.Declined && c.Status != ConversationStatus.Cancelled), Today, cancellationToken);
        var horizon = Today.AddDays(FollowUpHorizonDays);
        var followUps = await db.ConversationAgreements.AsNoTracking()
            .Where(a => a.FollowUpUserId == userId && a.Outcome == AgreementOutcome.Open && a.FollowUpOn <= horizon)
            .Join(db.ConcernConversations.Where(c => visibleCases.Contains(c.CaseId) && c.Status != ConversationStatus.Cancelled), a => a.ConversationId, c => c.Id,
                (a, c) => new { a.Id, a.ConversationId, a.What, a.ResponsibleName, a.FollowUpOn, c.CaseId })
            .Join(db.Cases, x => x.CaseId, c => c.Id, (x, c) => new { x.Id, x.ConversationId, x.What, x.ResponsibleName, x.FollowUpOn, c.CaseNumber })
            .OrderBy(x => x.FollowUpOn).ThenBy(x => x.Id).Take(100)
            .ToListAsync(cancellationToken);
        var caseIds = mine.Select(m => m.CaseId).ToList();
        if (caseIds.Count > 0 || followUps.Count > 0)
        {
            await audit.WriteListAsync(new AuditEvent(AuditActions.ConversationView, Purpose: AuditPurposes.MyConversations, Actor: user), "case",
                caseIds.Concat(await db.ConcernConversations.AsNoTracking().Where(c => followUps.Select(f => f.ConversationId).Contains(c.Id)).Select(c => c.CaseId).ToListAsync(cancellationToken)),
                cancellationToken);
        }

        return new ConversationDashboard(
            mine.Where(m => m.Status == ConversationStatus.Prepared && m.ScheduledDate is not null).OrderBy(m => m.ScheduledDate).ThenBy(m => m.StartTime).ToList(),
            mine.Where(m => m.Status == ConversationStatus.Planned || (m.Status == ConversationStatus.Prepared && m.ScheduledDate is null))
                .OrderBy(m => m.ScheduledDate ?? DateOnly.MaxValue).ThenBy(m => m.Id).ToList(),
            followUps.Select(f => new FollowUpSummary(f.ConversationId, f.Id, f.CaseNumber, f.What, f.ResponsibleName, f.FollowUpOn, DeadlineRules.IsOverdue(f.FollowUpOn, Today))).ToList(),
            mine.Where(m => m.Status is ConversationStatus.Held or ConversationStatus.FollowedUp).OrderBy(m => m.ScheduledDate).ToList());
    }

    /// <summary>For the home page: how many of the user's conversations need them, by kind (counts only, no personal data).</summary>
    public async Task<(int Upcoming, int Preparing, int FollowUps, int NotJournalised)?> CountsAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var scope = await access.ScopeForAsync(user, cancellationToken);
        if (scope.IsEmpty || userId is null)
        {
            return null;
        }

        // One query (issue 15 #3): each count a subquery over the user's own conversations and agreements (their
        // responsible/follow-up indexes), each one's case looked up by its id and tested against the scope. Not "case id IN
        // (the scope's cases)": the database builds that list of every visible case id (20,000 for a big group) per count.
        var visibleCases = scope.Apply(db.Cases.AsNoTracking()).Where(c => c.AnonymisedOn == null);
        var mine = db.ConcernConversations.AsNoTracking().Where(c => c.ResponsibleUserId == userId && visibleCases.Any(v => v.Id == c.CaseId));
        var horizon = Today.AddDays(FollowUpHorizonDays);
        var followUps = db.ConversationAgreements.AsNoTracking()
            .Where(a => a.FollowUpUserId == userId && a.Outcome == AgreementOutcome.Open && a.FollowUpOn <= horizon
                && db.ConcernConversations.Any(c => c.Id == a.ConversationId && c.Status != ConversationStatus.Cancelled && visibleCases.Any(v => v.Id == c.CaseId)));
        var counts = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(_ => new
        {
            Upcoming = mine.Count(c => c.Status == ConversationStatus.Prepared && c.ScheduledDate != null),
            Preparing = mine.Count(c => c.Status == ConversationStatus.Planned || (c.Status == ConversationStatus.Prepared && c.ScheduledDate == null)),
            FollowUps = followUps.Count(),
            NotJournalised = mine.Count(c => c.Status == ConversationStatus.Held || c.Status == ConversationStatus.FollowedUp),
        }).SingleOrDefaultAsync(cancellationToken);
        return counts is null ? (0, 0, 0, 0) : (counts.Upcoming, counts.Preparing, counts.FollowUps, counts.NotJournalised);
    }
}
