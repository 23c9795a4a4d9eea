using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Cases;
using SspKbh.Web.Audit;
using SspKbh.Web.Data;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Security;

namespace SspKbh.Web.Features.Meetings;

/// <summary>One agenda item about the case, with the meeting it was on; <paramref name="MayOpenMeeting"/>: the reader may open that meeting's minutes.</summary>
public sealed record JournalExtractEntry(int MeetingId, string GroupName, DateOnly MeetingDate, bool Approved, AgendaItemView Item, bool MayOpenMeeting = false);

public sealed record JournalExtract(
    int CaseId, string CaseNumber, string PersonName, DateOnly DateOfBirth, CaseLevel Level, string GroupName,
    DateTime GeneratedAtUtc, IReadOnlyList<JournalExtractEntry> Entries);

/// <summary>
/// The decisions and tasks the koordinationsgruppe and the ledergruppe recorded about one case in their
/// minutes, oldest first, for registration in the municipality's records system. Whoever may read the case
/// may make the extract; it is audited as a look at the case.
/// </summary>
public sealed class JournalExtractService(SspDbContext db, CaseAccess access, AuditService audit, TimeProvider clock)
{
    public async Task<(LookupOutcome Outcome, JournalExtract? Extract)> ExtractAsync(int caseId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var c = await db.Cases.AsNoTracking().FirstOrDefaultAsync(x => x.Id == caseId, cancellationToken);
        if (c is null)
        {
            return (LookupOutcome.NotFound, null);
        }

        var basis = await access.ReadBasisAsync(user, c, cancellationToken);
        if (basis == CaseAccessBasis.None)
        {
            await audit.WriteAsync(new AuditEvent(AuditActions.CaseView, AuditOutcomes.Denied, SubjectType: "case", SubjectId: Id(caseId), Details: "view=journal-extract", Actor: user), cancellationToken);
            return (LookupOutcome.Forbidden, null);
        }

        var today = DanishTime.Today(clock);
        var person = await db.YoungPersons.AsNoTracking().Where(p => p.Id == c.YoungPersonId).Select(p => new { p.FullName, p.DateOfBirth }).FirstAsync(cancellationToken);
        // Items of meetings that have taken place, with something recorded: a summary, a decision or tasks.
        var items = await db.AgendaItems.AsNoTracking().Where(i => i.CaseId == caseId)
            .Join(db.Meetings.Where(m => m.Date <= today), i => i.MeetingId, m => m.Id, (i, m) => new { Item = i, m.Date, m.StartTime, m.GroupId, m.MinutesApprovedAtUtc, m.HeldUnderGroupName })
            .ToListAsync(cancellationToken);
        items = items.OrderBy(x => x.Date).ThenBy(x => x.StartTime).ThenBy(x => x.Item.MeetingId).ToList();
        var tasks = await MeetingAccess.TasksAsync(db, items.Select(i => i.Item.Id).ToList(), today, cancellationToken);
        var groupIds = items.Select(i => i.GroupId).Append(c.CoordinationGroupId).Distinct().ToList();
        var groups = await db.Groups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, cancellationToken);
        var entries = items
            .Select(x =>
            {
                var i = x.Item;
                var itemTasks = tasks.Where(t => t.ItemId == i.Id).Select(t => t.Task).ToList();
                return new JournalExtractEntry(i.MeetingId, x.HeldUnderGroupName ?? groups.GetValueOrDefault(x.GroupId, ""), x.Date, x.MinutesApprovedAtUtc is not null,
                    new AgendaItemView(i.Id, i.Part, i.Position, i.Title, i.CaseId, c.CaseNumber, person.FullName, c.Level, i.Reasons, true,
                        i.Summary, i.Decision, i.DecisionText, i.DecisionAppliedAtUtc is not null, itemTasks, i.ConcurrencyStamp));
            })
            .Where(e => e.Item.Decision is not null || !string.IsNullOrWhiteSpace(e.Item.Summary) || e.Item.Tasks.Count > 0)
            .ToList();

        // A ledergruppe member reads a level 3–4 case but not the koordinationsgruppe's minutes: the extract links only
        // to minutes the meeting page itself would show the reader (issue 16 #17).
        var meetingIds = entries.Select(e => e.MeetingId).Distinct().ToList();
        var meetings = await db.Meetings.AsNoTracking().Include(m => m.Attendees).Where(m => meetingIds.Contains(m.Id)).ToListAsync(cancellationToken);
        var userId = user.UserId();
        var roles = await db.GroupMemberships.AsNoTracking().Where(m => m.UserId == userId).Select(m => new { m.GroupId, m.Role }).ToListAsync(cancellationToken);
        var openable = meetings
            .Where(m => MeetingAccess.ViewerFor(user, m, roles.Where(r => r.GroupId == m.GroupId).Select(r => r.Role)) >= MeetingViewer.Member)
            .Select(m => m.Id).ToHashSet();
        entries = entries.Select(e => e with { MayOpenMeeting = openable.Contains(e.MeetingId) }).ToList();

        await audit.WriteAsync(new AuditEvent(AuditActions.CaseView, SubjectType: "case", SubjectId: Id(caseId), Purpose: basis.AuditPurpose(),
            Details: $"view=journal-extract; entries={entries.Count}", Actor: user), cancellationToken);
        return (LookupOutcome.Found, new JournalExtract(c.Id, c.CaseNumber, person.FullName, person.DateOfBirth, c.Level,
            groups.GetValueOrDefault(c.CoordinationGroupId, ""), clock.GetUtcNow().UtcDateTime, entries));
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
