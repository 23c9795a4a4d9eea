using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Conversations;
using SspKbh.Web.Data;

namespace SspKbh.Web.Features.Conversations;

/// <summary>
/// The rows of a conversation table (a case's conversations, a user's own): case number, the young person's name, the
/// responsible person and the checklist progress, newest first and at most 200. The caller has decided which
/// conversations the user may see and audits the look.
/// </summary>
internal static class ConversationSummaries
{
    public static async Task<List<ConversationSummary>> ReadAsync(SspDbContext db, IQueryable<ConcernConversation> query, DateOnly today, CancellationToken cancellationToken)
    {
        var rows = await query
            .Join(db.Cases, r => r.CaseId, c => c.Id, (r, c) => new { r, c.CaseNumber, c.YoungPersonId })
            .Join(db.YoungPersons, x => x.YoungPersonId, p => p.Id, (x, p) => new { x.r, x.CaseNumber, p.FullName })
            .OrderByDescending(x => x.r.CreatedAtUtc).Take(200)
            .ToListAsync(cancellationToken);
        var ids = rows.Select(x => x.r.Id).ToList();
        var templateIds = rows.Select(x => x.r.ChecklistTemplateId).Distinct().ToList();
        var items = await db.ChecklistTemplateItems.AsNoTracking().Where(i => templateIds.Contains(i.TemplateId)).ToListAsync(cancellationToken);
        var done = await db.ConversationChecklistItems.AsNoTracking().Where(i => ids.Contains(i.ConversationId) && i.DoneAtUtc != null)
            .Select(i => new { i.ConversationId, i.TemplateItemId }).ToListAsync(cancellationToken);
        var responsibleIds = rows.Select(x => x.r.ResponsibleUserId).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => responsibleIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, cancellationToken);
        return rows.Select(x => new ConversationSummary(x.r.Id, x.r.CaseId, x.CaseNumber, x.FullName, x.r.Status, x.r.ScheduledDate, x.r.StartTime,
                names.GetValueOrDefault(x.r.ResponsibleUserId, ""),
                ConversationProgress.Compute(x.r.Status, items.Where(i => i.TemplateId == x.r.ChecklistTemplateId),
                    done.Where(d => d.ConversationId == x.r.Id).Select(d => d.TemplateItemId)),
                x.r.Status is ConversationStatus.Planned or ConversationStatus.Prepared && x.r.ScheduledDate is { } d && d < today,
                x.r.Place))
            .ToList();
    }
}
