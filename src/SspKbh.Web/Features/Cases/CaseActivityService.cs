using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Cases;
using SspKbh.Web.Data;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;
using SspKbh.Web.Security;

namespace SspKbh.Web.Features.Cases;

/// <summary>
/// What is appended to a case: actions (with owner and deadline), their outcomes, and journal notes. The koordinationsgruppe
/// and the ledergruppe reviewing a level 3–4 case may add them. Appending is not editing: each is a row of its own and
/// leaves the case's concurrency stamp alone (issue 15 #5). Changes to the case's own fields are <see cref="CaseWorkService"/>.
/// </summary>
public sealed class CaseActivityService(SspDbContext db, CaseAccess access, CaseChangeGate gate, TimeProvider clock)
{
    private DateOnly Today => DanishTime.Today(clock);

    /// <param name="agendaItemId">Set when the action is a task decided in a meeting's minutes.</param>
    public async Task<WorkResult> AddActionAsync(int id, ActionInput input, ClaimsPrincipal user, CancellationToken cancellationToken, int? agendaItemId = null)
    {
        var (outcome, c, _) = await gate.LoadAsync(id, user, coordinationGroupOnly: false, cancellationToken);
        var result = new ServiceResult();
        if (c is null)
        {
            return new WorkResult(outcome, result);
        }

        if (ServiceResult.Refusing(new ActionInputValidator(), input) is { } invalid)
        {
            return new WorkResult(outcome, invalid);
        }

        if (c.Status == CaseStatus.Closed)
        {
            return new WorkResult(outcome, result.General(CaseTexts.Error("CaseIsClosed")));
        }

        if (!await db.Parties.AnyAsync(p => p.Id == input.OwnerPartyId && p.IsActive, cancellationToken))
        {
            result.Field(nameof(ActionInput.OwnerPartyId), Texts.Validation_PartyRequired);
        }

        string? ownerName = Blank(input.OwnerName);
        if (!string.IsNullOrWhiteSpace(input.OwnerUserId))
        {
            // Only someone who works on the case may own its action: otherwise it would reach nobody's "my actions".
            ownerName = (await access.AuthorityPeopleOfCaseAsync(c.Id, cancellationToken)).FirstOrDefault(p => p.UserId == input.OwnerUserId)?.FullName;
            if (ownerName is null)
            {
                result.Field(nameof(ActionInput.OwnerUserId), Texts.Case_Validation_ActionOwnerNoAccess);
            }
        }

        if (input.DueOn is { } due && due < c.RaisedOn)
        {
            result.Field(nameof(ActionInput.DueOn), Texts.Case_Validation_ActionDueBeforeCase);
        }

        if (!result.Succeeded)
        {
            return new WorkResult(outcome, result);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        db.CaseActions.Add(new CaseAction
        {
            CaseId = c.Id,
            What = input.What!.Trim(),
            OwnerUserId = Blank(input.OwnerUserId),
            OwnerName = ownerName!,
            OwnerPartyId = input.OwnerPartyId!.Value,
            DueOn = input.DueOn!.Value,
            CreatedByUserId = user.UserId()!,
            CreatedAtUtc = now,
            AgendaItemId = agendaItemId,
        });
        return await gate.SaveAsync(c, result, user, "action-add", cancellationToken);
    }

    public async Task<WorkResult> CompleteActionAsync(int id, int actionId, ActionStatus outcomeStatus, string? stamp, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (outcome, c, _) = await gate.LoadAsync(id, user, coordinationGroupOnly: false, cancellationToken);
        var result = new ServiceResult();
        if (c is null)
        {
            return new WorkResult(outcome, result);
        }

        var action = await db.CaseActions.FirstOrDefaultAsync(a => a.Id == actionId && a.CaseId == id, cancellationToken);
        if (action is null)
        {
            return new WorkResult(LookupOutcome.NotFound, result);
        }

        if (!Concurrency.Matches(db, action, stamp))
        {
            return new WorkResult(outcome, result.General(Texts.Concurrency_Conflict));
        }

        if (action.Complete(outcomeStatus, Today) is { } error)
        {
            return new WorkResult(outcome, result.General(CaseTexts.Error(error)));
        }

        // The action has a stamp of its own; the case's is left alone (see AddNoteAsync).
        return await gate.SaveAsync(c, result, user, $"action-{outcomeStatus}={actionId}", cancellationToken);
    }

    /// <summary>
    /// Appends a journal note. Appending is not editing: a note (like a new action, or an action's outcome) is a row
    /// of its own and leaves the case row and its concurrency stamp alone, so two people writing notes on one case at
    /// the same moment both succeed, and a dialog open on the case does not go stale because someone added a note.
    /// Only edits of the case's own fields conflict.
    /// </summary>
    public async Task<WorkResult> AddNoteAsync(int id, NoteInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (outcome, c, _) = await gate.LoadAsync(id, user, coordinationGroupOnly: false, cancellationToken);
        var result = new ServiceResult();
        if (c is null)
        {
            return new WorkResult(outcome, result);
        }

        if (ServiceResult.Refusing(new NoteInputValidator(Today), input) is { } invalid)
        {
            return new WorkResult(outcome, invalid);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        db.JournalNotes.Add(new JournalNote
        {
            CaseId = c.Id,
            NoteDate = input.NoteDate!.Value,
            AuthorUserId = user.UserId()!,
            Text = input.Text!.Trim(),
            CreatedAtUtc = now,
        });
        return await gate.SaveAsync(c, result, user, "note-add", cancellationToken);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
