using System.Security.Claims;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Security;

namespace SspKbh.Web.Features.Conversations;

/// <summary>
/// The "offer a conversation" page as the prerender read it: the case's number and the young person's name for the
/// heading, who may be made responsible, and whom the form picks first (the user, when she is one of them). Only
/// this goes into the circuit ([PersistentState]); a user who may not change the case gets the outcome alone.
/// </summary>
public sealed record ConversationCreateState(
    LookupOutcome Outcome, int CaseId, string CaseNumber, string PersonName, IReadOnlyList<ResponsibleCandidate> Candidates, string? Preselected);

/// <summary>
/// Reads the "offer a conversation" page in one DI scope: checks the user's access to change the case
/// (<see cref="CaseWorkService.GetForEditAsync"/>, audited), then reads who may be made responsible.
/// </summary>
public sealed class ConversationCreateLoader(CaseWorkService work, ConversationService conversations)
{
    public async Task<ConversationCreateState> LoadAsync(int caseId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (outcome, context) = await work.GetForEditAsync(caseId, user, cancellationToken);
        if (context is null)
        {
            return new ConversationCreateState(outcome, caseId, "", "", [], null);
        }

        var candidates = await conversations.ResponsibleCandidatesAsync(caseId, cancellationToken);
        var me = user.UserId();
        return new ConversationCreateState(outcome, caseId, context.CaseNumber, context.PersonName, candidates, candidates.Any(c => c.UserId == me) ? me : null);
    }
}
