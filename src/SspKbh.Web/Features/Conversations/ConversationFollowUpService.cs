using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Cases;
using SspKbh.Domain.Conversations;
using SspKbh.Web.Audit;
using SspKbh.Web.Data;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Security;

namespace SspKbh.Web.Features.Conversations;

/// <summary>
/// The "Under" and "Efter" parts of a concern conversation: the five phase notes, the agreements (each of
/// which becomes a follow-up case action owned by the professional who follows up, ADR 0016), the debrief
/// and informing the network, and the outcome of each agreement (which finishes its follow-up action).
/// Every change goes through <see cref="ConversationService.ChangeAsync"/>: access, concurrency stamp,
/// closed record, error keys and the <c>conversation.update</c> audit entry are handled there.
/// </summary>
public sealed class ConversationFollowUpService(ConversationService conversations, SspDbContext db, AuditService audit, TimeProvider clock)
{
    private DateOnly Today => DanishTime.Today(clock);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Saves the five phase notes (empty text clears a note).</summary>
    public Task<ConversationResult> SavePhaseNotesAsync(int id, PhaseNotesInput input, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        conversations.ChangeAsync(id, input.ConcurrencyStamp, user, "phases", (record, _) =>
        {
            var errors = new List<(string, string)>();
            for (var phase = 1; phase <= ConcernConversation.PhaseCount; phase++)
            {
                if (record.SetPhaseNote(phase, input.Note(phase)) is { } error)
                {
                    errors.Add((PhaseNotesInput.FieldOf(phase), error));
                }
            }

            return Task.FromResult<IReadOnlyList<(string, string)>>(errors);
        }, cancellationToken);

    /// <summary>
    /// Adds an agreement and, in the same request, its follow-up case action owned by the follow-up
    /// professional (due on the follow-up date). Refused on a closed case, for a follow-up professional who
    /// is not among the case's candidates, and by <see cref="ConversationAgreement.Validate"/> (the scheduled
    /// date is the conversation date); nothing is saved then.
    /// </summary>
    public async Task<ConversationResult> AddAgreementAsync(int id, AgreementInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ConversationAgreement? added = null;
        int caseId = 0;
        var result = await conversations.ChangeAsync(id, input.ConcurrencyStamp, user, "agreement-add", async (record, c) =>
        {
            if (c.Status == CaseStatus.Closed)
            {
                return [("", "CaseIsClosed")];
            }

            var errors = ConversationAgreement.Validate(input.What, input.ResponsibleKind, input.ResponsibleName, input.DueOn,
                input.FollowUpHow, input.FollowUpOn, input.FollowUpUserId, record.ScheduledDate).ToList();
            if (!string.IsNullOrWhiteSpace(input.FollowUpUserId)
                && !(await conversations.ResponsibleCandidatesAsync(record.CaseId, cancellationToken)).Any(r => r.UserId == input.FollowUpUserId))
            {
                errors.Add((nameof(AgreementInput.FollowUpUserId), "AgreementFollowUpUserNotInGroup"));
            }

            if (errors.Count > 0)
            {
                return errors;
            }

            added = new ConversationAgreement
            {
                ConversationId = record.Id,
                What = input.What!.Trim(),
                ResponsibleKind = input.ResponsibleKind!.Value,
                ResponsibleName = input.ResponsibleName!.Trim(),
                DueOn = input.DueOn,
                FollowUpHow = string.IsNullOrWhiteSpace(input.FollowUpHow) ? null : input.FollowUpHow.Trim(),
                FollowUpOn = input.FollowUpOn!.Value,
                FollowUpUserId = input.FollowUpUserId!,
            };
            record.Agreements.Add(added);
            record.Touch();
            caseId = record.CaseId;
            return [];
        }, cancellationToken);

        if (!result.Succeeded || added is null)
        {
            return result;
        }

        // The agreement has its id now; its follow-up becomes a case action of the follow-up professional.
        // (No explicit transaction: the audit trail writes through its own connection, which a pending SQLite
        // write transaction would block.)
        var owner = await db.Users.AsNoTracking().Where(u => u.Id == added.FollowUpUserId).Select(u => new { u.FullName, u.PartyId }).FirstAsync(cancellationToken);
        var action = added.ToFollowUpAction(caseId, owner.FullName, owner.PartyId, user.UserId()!, Now);
        db.CaseActions.Add(action);
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(new AuditEvent(AuditActions.ConversationUpdated, SubjectType: "case", SubjectId: Text(caseId),
            Details: $"conversation={id}; follow-up-action={Text(action.Id)}; agreement={Text(added.Id)}", Actor: user), cancellationToken);
        return result;
    }

    /// <summary>Debrief among the professionals and when (and how) SSP colleagues / the network were informed.</summary>
    public Task<ConversationResult> SaveAfterAsync(int id, AfterInput input, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        conversations.ChangeAsync(id, input.ConcurrencyStamp, user, "after", (record, _) =>
        {
            var errors = new List<(string, string)>();
            var debrief = Blank(input.DebriefNote);
            var note = Blank(input.NetworkInformedNote);
            if (debrief is not null && debrief.Length > ConcernConversation.DebriefNoteMaxLength)
            {
                errors.Add((nameof(AfterInput.DebriefNote), "ConversationDebriefNoteTooLong"));
            }

            if (input.NetworkInformedOn is { } informed && informed > Today)
            {
                errors.Add((nameof(AfterInput.NetworkInformedOn), "ConversationDateInFuture"));
            }

            if (note is not null && note.Length > ConcernConversation.NetworkInformedNoteMaxLength)
            {
                errors.Add((nameof(AfterInput.NetworkInformedNote), "ConversationNetworkNoteTooLong"));
            }

            if (errors.Count == 0)
            {
                record.DebriefNote = debrief;
                record.NetworkInformedOn = input.NetworkInformedOn;
                record.NetworkInformedNote = note;
                record.Touch();
            }

            return Task.FromResult<IReadOnlyList<(string, string)>>(errors);
        }, cancellationToken);

    /// <summary>
    /// Records the outcome of the posted agreements (only those whose outcome or note changed). When an
    /// outcome other than Open is recorded, the agreement's planned follow-up action is marked done, as
    /// completing an action on the case page does; set back to Open, the action is planned again.
    /// </summary>
    public Task<ConversationResult> RecordOutcomesAsync(int id, OutcomeInput input, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        conversations.ChangeAsync(id, input.ConcurrencyStamp, user, "outcome=" + string.Join(',', input.Rows.Select(r => Text(r.AgreementId))), async (record, _) =>
        {
            var errors = new List<(string, string)>();
            var changed = new List<ConversationAgreement>();
            foreach (var row in input.Rows)
            {
                var agreement = record.Agreements.FirstOrDefault(a => a.Id == row.AgreementId);
                if (agreement is null)
                {
                    errors.Add(("", "AgreementNotFound"));
                    continue;
                }

                if (row.Outcome is not { } outcome)
                {
                    errors.Add(("", "AgreementOutcomeInvalid"));
                    continue;
                }

                if (outcome == agreement.Outcome && Blank(row.Note) == agreement.OutcomeNote)
                {
                    continue;
                }

                if (agreement.RecordOutcome(outcome, row.Note) is { } error)
                {
                    errors.Add(("", error));
                    continue;
                }

                changed.Add(agreement);
            }

            if (errors.Count > 0)
            {
                return errors.Distinct().ToList();
            }

            var finished = changed.Where(a => a.Outcome != AgreementOutcome.Open).Select(a => (int?)a.Id).ToList();
            if (finished.Count > 0)
            {
                var today = Today;
                foreach (var action in await db.CaseActions.Where(a => finished.Contains(a.ConversationAgreementId) && a.Status == ActionStatus.Planned).ToListAsync(cancellationToken))
                {
                    action.Complete(ActionStatus.Done, today);
                }
            }

            // Set back to open (a mistake corrected): the follow-up it finished is planned again.
            var reopened = changed.Where(a => a.Outcome == AgreementOutcome.Open).Select(a => (int?)a.Id).ToList();
            if (reopened.Count > 0)
            {
                foreach (var action in await db.CaseActions.Where(a => reopened.Contains(a.ConversationAgreementId) && a.Status == ActionStatus.Done).ToListAsync(cancellationToken))
                {
                    action.ReopenFollowUp();
                }
            }

            if (changed.Count > 0)
            {
                record.Touch();
            }

            return [];
        }, cancellationToken);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Text(int id) => id.ToString(CultureInfo.InvariantCulture);
}
