using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Cases;
using SspKbh.Domain.Meetings;
using SspKbh.Domain.Organisation;
using SspKbh.Web.Audit;
using SspKbh.Web.Data;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Components.Shared;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;
using SspKbh.Web.Security;

namespace SspKbh.Web.Features.Meetings;

/// <summary>
/// Writes the minutes of one agenda item. A decision about a case is carried out on the case once,
/// through the same rules and service as a change made on the case itself (level, status, SSP+
/// handover, leader group, goals), and is then fixed in the minutes. Tasks become actions on the case.
/// Approval locks the minutes; corrections after that are addenda. The minutes and the case change they decide are
/// saved in one transaction, with their audit entries written after the commit (ADR 0036).
/// </summary>
public sealed class MinutesService(
    SspDbContext db, MeetingAccess meetings, MeetingService meetingViews, CaseWorkService work, CaseActivityService activity, Conversations.ConversationService conversations, AuditService audit, TimeProvider clock)
{
    /// <summary>The meeting and group of an agenda item, for its minutes page; null when the user may not write them.</summary>
    public async Task<(LookupOutcome Outcome, MeetingView? Meeting, AgendaItemView? Item)> GetItemAsync(int meetingId, int itemId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (outcome, view) = await meetingViews.GetAsync(meetingId, user, cancellationToken, purpose: AuditPurposes.Minutes);
        if (view is null)
        {
            return (outcome, null, null);
        }

        var item = view.GeneralItems.Concat(view.CaseItems).FirstOrDefault(i => i.Id == itemId);
        if (item is null)
        {
            return (LookupOutcome.NotFound, null, null);
        }

        if (view.Meeting.Viewer != MeetingViewer.Secretary || (item.CaseId is not null && !item.CaseVisible))
        {
            await meetings.RefuseAsync(LookupOutcome.Forbidden, "meeting", meetingId, user, cancellationToken);
            return (LookupOutcome.Forbidden, null, null);
        }

        return (LookupOutcome.Found, view, item);
    }

    /// <summary>
    /// Saves the minutes of one item and carries out the decision on the case, all or nothing: one database transaction
    /// spans the case change (through <see cref="CaseWorkService"/>), a conversation offered, and the minutes. The audit
    /// entries are held until the commit and written after it; a rollback writes only the refusals. The meeting's open
    /// pages hear of it after the commit.
    /// </summary>
    public async Task<MeetingResult> SaveAsync(int meetingId, int itemId, MinutesInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        MeetingResult result;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            audit.HoldUntilCommit();
            var committed = false;
            try
            {
                result = await SaveInTransactionAsync(meetingId, itemId, input, user, cancellationToken);
                if (result.Succeeded)
                {
                    await transaction.CommitAsync(cancellationToken);
                    committed = true;
                }
                else
                {
                    await transaction.RollbackAsync(cancellationToken);
                }
            }
            finally
            {
                await audit.ReleaseAsync(committed, cancellationToken);
            }
        }

        if (result.Succeeded)
        {
            meetings.Published(meetingId);
        }

        return result;
    }

    private async Task<MeetingResult> SaveInTransactionAsync(int meetingId, int itemId, MinutesInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (outcome, meeting, item, group) = await LoadItemForMinutesAsync(meetingId, itemId, user, cancellationToken);
        if (meeting is null || item is null || group is null)
        {
            return MeetingResult.Refused(outcome);
        }

        var result = new ServiceResult();
        if (!Concurrency.Matches(db, item, input.ConcurrencyStamp))
        {
            return new MeetingResult(LookupOutcome.Found, result.General(Texts.Concurrency_Conflict));
        }

        // The form's rules, run here too: the interactive page only shows them earlier.
        if (ServiceResult.Refusing(new MinutesInputValidator(caseItem: item.CaseId is not null && item.DecisionAppliedAtUtc is null), input) is { } invalid)
        {
            return new MeetingResult(LookupOutcome.Found, invalid);
        }

        if (meeting.CheckMinutesChange(meetings.Today) is { } error)
        {
            return new MeetingResult(LookupOutcome.Found, result.General(RoleNames.Error(error)));
        }

        var details = "minutes";
        if (item.CaseId is { } caseId && item.DecisionAppliedAtUtc is null)
        {
            var decision = input.Decision!.Value;
            if (!MeetingDecisions.For(group.Kind).Contains(decision))
            {
                return new MeetingResult(LookupOutcome.Found, result.Field(nameof(MinutesInput.Decision), Texts.Validation_InvalidValue));
            }

            var applied = await ApplyAsync(caseId, decision, input, meeting, group, user, cancellationToken);
            if (applied.Outcome != LookupOutcome.Found)
            {
                return MeetingResult.Refused(applied.Outcome);
            }

            if (!applied.Result.Succeeded)
            {
                return new MeetingResult(LookupOutcome.Found, applied.Result);
            }

            if (decision == MeetingDecision.OfferConcernConversation)
            {
                // The offer becomes a planned conversation record for the case's named lead (or the secretary).
                await conversations.OfferFromMinutesAsync(caseId, itemId, user, cancellationToken);
            }

            item.Decision = decision;
            item.DecisionText = Clean(input.DecisionText);
            item.DecisionAppliedAtUtc = clock.GetUtcNow().UtcDateTime;
            details = $"minutes decision={decision}";
        }
        else if (item.CaseId is null)
        {
            item.DecisionText = Clean(input.DecisionText);
        }

        item.Summary = Clean(input.Summary);
        item.MinutesByUserId = user.UserId();
        item.MinutesUpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        item.Touch();
        return await meetings.SaveAsync(result, AuditActions.MinutesUpdated, "meeting", meetingId, details + $" item={itemId}", user, cancellationToken);
    }

    /// <summary>A task from the minutes: an action on the case, linked to the agenda item.</summary>
    public async Task<MeetingResult> AddTaskAsync(int meetingId, int itemId, ActionInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (outcome, meeting, item, _) = await LoadItemForMinutesAsync(meetingId, itemId, user, cancellationToken);
        if (meeting is null || item is null)
        {
            return MeetingResult.Refused(outcome);
        }

        if (item.CaseId is not { } caseId)
        {
            return MeetingResult.Refused(LookupOutcome.NotFound);
        }

        if (meeting.CheckMinutesChange(meetings.Today) is { } error)
        {
            return new MeetingResult(LookupOutcome.Found, new ServiceResult().General(RoleNames.Error(error)));
        }

        if (input.DueOn is { } due && due < meeting.Date)
        {
            return new MeetingResult(LookupOutcome.Found, new ServiceResult().Field(nameof(ActionInput.DueOn), Texts.Meeting_Validation_TaskDueBeforeMeeting));
        }

        var added = await activity.AddActionAsync(caseId, input, user, cancellationToken, agendaItemId: itemId);
        if (added.Succeeded)
        {
            // The task is on the case, and in the item's minutes: the meeting's open pages show it.
            meetings.Published(meetingId);
        }

        return new MeetingResult(added.Outcome, added.Result);
    }

    public Task<MeetingResult> ApproveAsync(int meetingId, string? stamp, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        meetings.ChangeAsync(meetingId, stamp, user, "minutes-approve", (meeting, group) => Task.FromResult(meeting.ApproveMinutes(user.UserId()!, group.Name, meetings.Now, meetings.Today)), cancellationToken,
            AuditActions.MinutesApproved);

    public async Task<MeetingResult> AddAddendumAsync(int meetingId, TextInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (ServiceResult.Refusing(new TextInputValidator(MinutesAddendum.TextMaxLength), input) is { } invalid)
        {
            return new MeetingResult(LookupOutcome.Found, invalid);
        }

        var (outcome, meeting, _, viewer) = await meetings.LoadAsync(meetingId, user, tracked: true, cancellationToken);
        if (meeting is null || viewer != MeetingViewer.Secretary)
        {
            return await meetings.RefuseAsync(meeting is null ? outcome : LookupOutcome.Forbidden, "meeting", meetingId, user, cancellationToken);
        }

        var result = new ServiceResult();
        if (!meeting.IsLocked)
        {
            return new MeetingResult(LookupOutcome.Found, result.General(Texts.Meeting_AddendumOnlyWhenLocked));
        }

        meeting.Addenda.Add(new MinutesAddendum { Text = input.Text!.Trim(), AuthorUserId = user.UserId()!, CreatedAtUtc = meetings.Now });
        return await meetings.SaveAsync(result, AuditActions.MinutesAddendum, "meeting", meetingId, null, user, cancellationToken);
    }

    private async Task<WorkResult> ApplyAsync(int caseId, MeetingDecision decision, MinutesInput input, Meeting meeting, SspGroup group, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        async Task<string?> Stamp() => await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => c.ConcurrencyStamp).FirstOrDefaultAsync(cancellationToken);

        var caseNumber = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => c.CaseNumber).FirstAsync(cancellationToken);
        var leaderGroup = group.Kind is GroupKind.LeaderGroup or GroupKind.SspPlusLeaderGroup;
        if (leaderGroup)
        {
            var goals = await work.SetGoalsAsync(caseId, new GoalsInput
            {
                OverallGoal = input.OverallGoal,
                GoalSchool = input.GoalSchool,
                GoalLeisure = input.GoalLeisure,
                GoalHome = input.GoalHome,
                GoalCrime = input.GoalCrime,
                ConcurrencyStamp = await Stamp(),
            }, user, cancellationToken);
            if (!goals.Succeeded)
            {
                return goals;
            }
        }

        switch (decision)
        {
            case MeetingDecision.ChangeLevel:
            {
                var current = await db.Cases.AsNoTracking().Where(c => c.Id == caseId)
                    .Select(c => new { c.Level, c.LeadUserId, c.FormOffenceSituation, c.FormSchool, c.FormLeisure, c.FormHome, c.FormNetwork, c.FormTriedSoFar, c.ConcurrencyStamp })
                    .FirstAsync(cancellationToken);
                if (current.Level == input.NewLevel)
                {
                    // Changed on the case already (e.g. with its form, from the link here): the minutes record the decision.
                    return await work.MarkReviewedAsync(caseId, current.ConcurrencyStamp, user, cancellationToken);
                }

                // The level 3–4 form as written in the minutes; a field left empty keeps the case's answer.
                var changed = await work.ChangeLevelAsync(caseId, new LevelChangeInput
                {
                    Level = input.NewLevel,
                    Reason = input.LevelReason,
                    LeadUserId = Clean(input.NewLeadUserId) ?? current.LeadUserId,
                    FormOffenceSituation = Clean(input.FormOffenceSituation) ?? current.FormOffenceSituation,
                    FormSchool = Clean(input.FormSchool) ?? current.FormSchool,
                    FormLeisure = Clean(input.FormLeisure) ?? current.FormLeisure,
                    FormHome = Clean(input.FormHome) ?? current.FormHome,
                    FormNetwork = Clean(input.FormNetwork) ?? current.FormNetwork,
                    FormTriedSoFar = Clean(input.FormTriedSoFar) ?? current.FormTriedSoFar,
                    ConcurrencyStamp = current.ConcurrencyStamp,
                }, user, cancellationToken);
                return Remap(changed, caseNumber, nameof(MinutesInput.LevelReason));
            }

            case MeetingDecision.EscalateToLeaderGroup or MeetingDecision.TakeUpAgain:
                return await work.SetLeaderGroupFlagAsync(caseId, flagged: true, await Stamp(), user, cancellationToken);
            case MeetingDecision.ReturnToCoordinationGroup:
                return await work.SetLeaderGroupFlagAsync(caseId, flagged: false, await Stamp(), user, cancellationToken);
            case MeetingDecision.HandOverToSspPlus:
                return Remap(await work.HandOverAsync(caseId, new HandoverInput { HandoverOn = meeting.Date, GroupId = input.SspPlusGroupId, ConcurrencyStamp = await Stamp() }, user, cancellationToken), caseNumber, nameof(MinutesInput.DecisionText));
            case MeetingDecision.CloseInSsp:
                return Remap(await work.ChangeStatusAsync(caseId, new StatusInput { Status = CaseStatus.Closed, CloseReason = input.CloseReason, Reason = input.DecisionText, ConcurrencyStamp = await Stamp() },
                    user, cancellationToken), caseNumber, nameof(MinutesInput.DecisionText));
            default:
                // Keep the level, offer a concern conversation, other: the group has reviewed the case.
                return await work.MarkReviewedAsync(caseId, await Stamp(), user, cancellationToken);
        }
    }

    /// <summary>The audit trail's record of who opened what is in <see cref="MeetingService.GetAsync"/>; this is the minutes' save.</summary>
    private async Task<(LookupOutcome Outcome, Meeting? Meeting, AgendaItem? Item, SspGroup? Group)> LoadItemForMinutesAsync(
        int meetingId, int itemId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (outcome, meeting, group, viewer) = await meetings.LoadAsync(meetingId, user, tracked: true, cancellationToken);
        if (meeting is null || viewer != MeetingViewer.Secretary)
        {
            await meetings.RefuseAsync(meeting is null ? outcome : LookupOutcome.Forbidden, "meeting", meetingId, user, cancellationToken);
            return (meeting is null ? outcome : LookupOutcome.Forbidden, null, null, null);
        }

        var item = meeting.Items.FirstOrDefault(i => i.Id == itemId);
        return item is null ? (LookupOutcome.NotFound, null, null, null) : (LookupOutcome.Found, meeting, item, group);
    }

    /// <summary>Puts the case service's field errors on the minutes form's fields; what the minutes cannot fix points to the case.</summary>
    private static WorkResult Remap(WorkResult done, string caseNumber, string reasonField)
    {
        if (done.Succeeded || done.Outcome != LookupOutcome.Found)
        {
            return done;
        }

        var mapped = new ServiceResult();
        foreach (var (field, messages) in done.Result.FieldErrors)
        {
            var target = field switch
            {
                nameof(LevelChangeInput.Level) => nameof(MinutesInput.NewLevel),
                nameof(LevelChangeInput.LeadUserId) => nameof(MinutesInput.NewLeadUserId),
                "Reason" => reasonField,
                nameof(HandoverInput.GroupId) => nameof(MinutesInput.SspPlusGroupId),
                nameof(StatusInput.CloseReason) => nameof(MinutesInput.CloseReason),
                nameof(StatusInput.Status) or nameof(HandoverInput.HandoverOn) => nameof(MinutesInput.Decision),
                _ when field.StartsWith("Form", StringComparison.Ordinal) => field, // the level 3–4 form is on the minutes' page too
                _ => null,
            };
            foreach (var message in messages)
            {
                if (target is null)
                {
                    mapped.General(string.Format(Texts.Meeting_FixOnCase, message, caseNumber));
                }
                else
                {
                    mapped.Field(target, message);
                }
            }
        }

        mapped.GeneralErrors.AddRange(done.Result.GeneralErrors);
        return new WorkResult(done.Outcome, mapped);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
