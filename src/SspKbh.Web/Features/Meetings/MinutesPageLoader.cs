using System.Security.Claims;
using SspKbh.Domain.Organisation;
using SspKbh.Web.Features.Admin.Organisation;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Infrastructure;

namespace SspKbh.Web.Features.Meetings;

/// <summary>An SSP+ koordinationsgruppe a case can be handed over to from the minutes.</summary>
public sealed record SspPlusGroupOption(int Id, string Name);

/// <summary>
/// The minutes page of one agenda item as read while prerendering (carried into the circuit) or after a save: the meeting
/// and item as the secretary may see them, and for a case item the choices of its forms (authority people of the case,
/// parties, SSP+ groups), the case's goals a ledergruppe starts from, and the conversation a decision offered.
/// </summary>
public sealed record MinutesPageState(
    LookupOutcome Outcome, MeetingView? View, AgendaItemView? Item, int? ConversationId,
    IReadOnlyList<PartyItem> Parties, IReadOnlyList<CasePerson> Candidates, IReadOnlyList<SspPlusGroupOption> SspPlusGroups, GoalsInput? Goals)
{
    public static MinutesPageState Refused(LookupOutcome outcome) => new(outcome, null, null, null, [], [], [], null);

    /// <summary>The meeting's items in agenda order (the general part, then the cases): what "previous" and "next" walk through.</summary>
    public IReadOnlyList<AgendaItemView> AgendaOrder() =>
        View is null ? [] : [.. View.GeneralItems.OrderBy(i => i.Position), .. View.CaseItems.OrderBy(i => i.Position)];
}

/// <summary>
/// Reads the minutes page in one DI scope. The item is read (and audited) by <see cref="MinutesService.GetItemAsync"/>,
/// which refuses everyone but the meeting's secretary; only then are the form's choices read.
/// </summary>
public sealed class MinutesPageLoader(MinutesService minutes, CaseWorkService work, CaseAccess access, OrganisationAdministration organisation, Conversations.ConversationService conversations)
{
    public async Task<MinutesPageState> LoadAsync(int meetingId, int itemId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (outcome, view, item) = await minutes.GetItemAsync(meetingId, itemId, user, cancellationToken);
        if (view is null || item is null)
        {
            return MinutesPageState.Refused(outcome == LookupOutcome.Found ? LookupOutcome.NotFound : outcome);
        }

        var conversationId = item.Decision == Domain.Meetings.MeetingDecision.OfferConcernConversation
            ? await conversations.ForAgendaItemAsync(item.Id, cancellationToken)
            : null;
        if (item.CaseId is not { } caseId)
        {
            return new MinutesPageState(LookupOutcome.Found, view, item, conversationId, [], [], [], null);
        }

        GoalsInput? goals = null;
        if (view.Meeting.GroupKind is GroupKind.LeaderGroup or GroupKind.SspPlusLeaderGroup && !item.DecisionApplied)
        {
            // The leader group's goals start from what the case has, so saving never blanks them.
            var (_, edit) = await work.GetForEditAsync(caseId, user, cancellationToken);
            goals = edit?.Goals;
        }

        var groups = (await organisation.ListGroupsAsync(activeOnly: true, cancellationToken))
            .Where(g => g.Kind == GroupKind.SspPlusCoordinationGroup && g.IsActive).Select(g => new SspPlusGroupOption(g.Id, g.Name)).ToList();
        return new MinutesPageState(LookupOutcome.Found, view, item, conversationId,
            await organisation.ListPartiesAsync(activeOnly: true, cancellationToken),
            await access.AuthorityPeopleOfCaseAsync(caseId, cancellationToken),
            groups, goals);
    }
}
