using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Consents;
using SspKbh.Domain.Conversations;
using SspKbh.Web.Audit;
using SspKbh.Web.Data;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Security;

namespace SspKbh.Web.Features.Conversations;

/// <summary>
/// A coming concern conversation the user is invited to as a participant: when and where, who invites, what they are
/// asked to bring. <see cref="PersonName"/> and <see cref="PlaceDetails"/> are null when the user may not know who
/// the young person is; <see cref="MayOpen"/> when the user may open the conversation through her groups (an emergency access is not looked up here).
/// </summary>
public sealed record ConversationInvitation(
    int ConversationId, ConversationStatus Status, DateOnly? ScheduledDate, TimeOnly? StartTime, ConversationPlace? Place, string? PlaceDetails,
    string? PersonName, string ResponsibleName, string? ResponsibleEmail, string? Contribution, bool MayOpen);

/// <summary>
/// The conversations a user is invited to (a participant row with their account). An invited professional often has
/// no access to the case: one without authority status takes part on the strength of a consent (retsplejeloven §115),
/// so the invitation shows only while a consent covers them today, and names the young person (and the place's
/// details, which may be the family's home) only when that consent covers the young person's identity. An authority
/// person may be told who the conversation is about. Each list that shows a name is audited against the cases.
/// </summary>
public sealed class ConversationInvitations(SspDbContext db, CaseAccess access, AuditService audit, TimeProvider clock)
{
    private static readonly ConversationStatus[] Coming = [ConversationStatus.Planned, ConversationStatus.Prepared, ConversationStatus.Cancelled];

    public async Task<IReadOnlyList<ConversationInvitation>> ForAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var account = userId is null ? null
            : await db.Users.AsNoTracking().Where(u => u.Id == userId && u.IsActive).Select(u => new { u.PartyId, u.IsAuthorityPerson }).FirstOrDefaultAsync(cancellationToken);
        if (account is null)
        {
            return [];
        }

        var today = DanishTime.Today(clock);
        var rows = await db.ConversationParticipants.AsNoTracking()
            .Where(p => p.UserId == userId)
            .Join(db.ConcernConversations.Where(c => Coming.Contains(c.Status) && (c.ScheduledDate == null || c.ScheduledDate >= today)),
                p => p.ConversationId, c => c.Id, (p, c) => new { Conversation = c, p.Contribution })
            .Join(db.Cases.Where(k => k.AnonymisedOn == null), x => x.Conversation.CaseId, k => k.Id, (x, k) => new { x.Conversation, x.Contribution, Case = k })
            .OrderBy(x => x.Conversation.ScheduledDate ?? DateOnly.MaxValue).ThenBy(x => x.Conversation.StartTime).ThenBy(x => x.Conversation.Id)
            .Take(100)
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return [];
        }

        var personIds = rows.Select(r => r.Case.YoungPersonId).Distinct().ToList();
        var consents = account.IsAuthorityPerson ? []
            : await db.Consents.AsNoTracking().Include(c => c.Recipients).Where(c => personIds.Contains(c.YoungPersonId)).ToListAsync(cancellationToken);
        var names = await db.YoungPersons.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.FullName, cancellationToken);
        var responsibleIds = rows.Select(r => r.Conversation.ResponsibleUserId).Distinct().ToList();
        var responsibles = await db.Users.AsNoTracking().Where(u => responsibleIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => new { u.FullName, u.Email }, cancellationToken);
        var scope = await access.ScopeForAsync(user, cancellationToken);

        var invitations = new List<ConversationInvitation>();
        var named = new List<int>();
        foreach (var row in rows)
        {
            bool identity;
            if (account.IsAuthorityPerson)
            {
                identity = true;
            }
            else
            {
                // Every consent that covers the user for the conversation today; the name when one of them covers identity.
                var covering = consents.Where(c => c.YoungPersonId == row.Case.YoungPersonId
                    && ConversationRules.CoveringConsent(userId, account.PartyId, [c], today) is not null).ToList();
                if (covering.Count == 0)
                {
                    continue;
                }

                identity = covering.Any(c => c.Information.HasFlag(ConsentInformation.Identity));
            }

            if (identity)
            {
                named.Add(row.Case.Id);
            }

            var c = row.Conversation;
            var responsible = responsibles.GetValueOrDefault(c.ResponsibleUserId);
            invitations.Add(new ConversationInvitation(
                c.Id, c.Status, c.ScheduledDate, c.StartTime, c.Place, identity ? c.PlaceDetails : null,
                identity ? names.GetValueOrDefault(row.Case.YoungPersonId) : null,
                responsible?.FullName ?? "", responsible?.Email, row.Contribution,
                scope.BasisFor(row.Case) != CaseAccessBasis.None));
        }

        if (named.Count > 0)
        {
            await audit.WriteListAsync(new AuditEvent(AuditActions.ConversationView, Purpose: AuditPurposes.Invitation,
                Details: string.Create(CultureInfo.InvariantCulture, $"invitations={named.Count}"), Actor: user), "case", named, cancellationToken);
        }

        return invitations;
    }
}
