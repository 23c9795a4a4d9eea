using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Conversations;
using SspKbh.Web.Data;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;

namespace SspKbh.Web.Features.Conversations;

/// <summary>
/// Someone the participant field offers: the young person, a custody holder, or a user account. For a
/// professional without authority status, <see cref="ConsentCovers"/> says whether a consent for the young
/// person covers them (§ 115), so the page shows the rule as they are picked, before anything is saved.
/// </summary>
public sealed record ParticipantCandidate(string Key, ParticipantKind Kind, string Name, string Label, string? UserId, bool IsAuthorityPerson, bool ConsentCovers)
{
    /// <summary>May join without a covering consent: family, or a professional with authority status.</summary>
    public bool Allowed => Kind != ParticipantKind.Professional || IsAuthorityPerson || ConsentCovers;
}

/// <summary>
/// The "before" page as the prerender read it: the conversation, and for a user who may change it the
/// participant candidates, the parties and which parties a consent covers. Plain records, carried into the
/// circuit, so the conversation is read and audited once.
/// </summary>
public sealed record BeforePageState(
    LookupOutcome Outcome,
    ConversationView? View,
    IReadOnlyList<ParticipantCandidate> Candidates,
    IReadOnlyList<PartyChoice> Parties,
    IReadOnlyList<int> ActivePartyIds,
    IReadOnlyList<int> PartiesCoveredByConsent);

/// <summary>Loads the "before" page for the user it is given; <see cref="ConversationService"/> checks access and audits.</summary>
public sealed class ConversationBeforeLoader(ConversationService conversations, ConversationPlanningService planner, SspDbContext db)
{
    public async Task<BeforePageState> LoadAsync(int id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (outcome, view) = await conversations.GetAsync(id, user, cancellationToken, part: "before");
        if (view is null)
        {
            return new BeforePageState(outcome, null, [], [], [], []);
        }

        var parties = await planner.PartiesAsync(activeOnly: false, cancellationToken);
        if (!view.MayEdit)
        {
            return new BeforePageState(outcome, view, [], parties, [], []);
        }

        var active = await db.Parties.AsNoTracking().Where(p => p.IsActive).Select(p => p.Id).ToListAsync(cancellationToken);
        var consents = await conversations.ConsentsForCaseAsync(view.Case.Id, cancellationToken);
        var today = conversations.Today;
        var candidates = (await planner.CaseChoicesAsync(view.Case.Id, cancellationToken))
            .Select(c => new ParticipantCandidate(c.Key, c.Kind, c.Name, c.Label, null, false, false))
            .ToList();
        var accounts = (await db.Users.AsNoTracking().Where(u => u.IsActive)
                .Join(db.Parties, u => u.PartyId, p => p.Id, (u, p) => new { u.Id, u.FullName, u.PartyId, p.Code, u.IsAuthorityPerson })
                .ToListAsync(cancellationToken))
            .OrderBy(u => u.FullName, StringComparer.Create(ConversationTexts.Danish, false));
        candidates.AddRange(accounts.Select(a => new ParticipantCandidate("user-" + a.Id, ParticipantKind.Professional, a.FullName, AccountLabel(a.FullName, a.Code, a.IsAuthorityPerson), a.Id, a.IsAuthorityPerson,
            !a.IsAuthorityPerson && ConversationRules.CoveringConsent(a.Id, a.PartyId, consents, today) is not null)));
        var covered = parties.Where(p => ConversationRules.CoveringConsent(null, p.Id, consents, today) is not null).Select(p => p.Id).ToList();
        return new BeforePageState(outcome, view, candidates, parties, active, covered);
    }

    private static string AccountLabel(string name, string partyCode, bool isAuthorityPerson) =>
        $"{name} ({partyCode}, {(isAuthorityPerson ? Texts.ConversationBefore_Authority : Texts.ConversationBefore_NoAuthority).ToLowerInvariant()})";
}
