using System.Security.Claims;
using SspKbh.Web.Features.Cases;

namespace SspKbh.Web.Features.Conversations;

/// <summary>
/// A conversation page (overview, under, efter) as the prerender read it: the conversation and, for a user who
/// may change it, who may be made responsible or follow up an agreement. Plain records, carried into the circuit
/// with [PersistentState], so the conversation is read and audited once per view.
/// </summary>
public sealed record ConversationPageState(LookupOutcome Outcome, ConversationView? View, IReadOnlyList<ResponsibleCandidate> Candidates)
{
    /// <summary>Reads the page in one operation; <see cref="ConversationService.GetAsync"/> checks access and audits the look.</summary>
    public static async Task<ConversationPageState> LoadAsync(ConversationService conversations, int id, string part, ClaimsPrincipal user)
    {
        var (outcome, view) = await conversations.GetAsync(id, user, CancellationToken.None, part);
        var candidates = view is { MayEdit: true } ? await conversations.ResponsibleCandidatesAsync(view.Case.Id, CancellationToken.None) : [];
        return new ConversationPageState(outcome, view, candidates);
    }

    /// <summary>The progress line and the phase reminders follow a tick without reading the conversation again.</summary>
    public ConversationPageState WithChecklistRow(ChecklistRowState row) => this with { View = View?.WithChecklistRow(row) };
}
