using System.Security.Claims;
using Microsoft.Extensions.Options;
using SspKbh.Domain.Organisation;
using SspKbh.Web.Features.Admin.Organisation;
using SspKbh.Web.Features.Conversations;

namespace SspKbh.Web.Features.Cases;

/// <summary>
/// One view of the case page: the outcome of the lookup, the case (null unless found) and its concern
/// conversations, and whether the user may open the case with emergency access when it is refused.
/// Plain records, so the prerender's view is carried into the circuit and the case is read and audited once.
/// </summary>
public sealed record CasePageState(LookupOutcome Outcome, CaseView? View, IReadOnlyList<ConversationSummary> Conversations, bool MayRequestEmergencyAccess, double EmergencyHours);

/// <summary>What the case's dialogs offer: the case as it is now (with its stamp) and the choices of their fields.</summary>
public sealed record CaseFormData(
    CaseEditContext Case,
    IReadOnlyList<PartyItem> Parties,
    IReadOnlyList<CasePerson> OwnerCandidates,
    IReadOnlyList<GroupItem> SspPlusGroups,
    FactorsInput? Factors,
    DateOnly Today)
{
    /// <summary>The case's lead is one of its koordinationsgruppe's authority members.</summary>
    public IReadOnlyList<CasePerson> LeadCandidates => OwnerCandidates.Where(p => p.InCoordinationGroup).ToList();
}

/// <summary>Loads the case page and its dialogs for the user it is given; the services check scope and audit.</summary>
public sealed class CasePageLoader(
    CaseService cases, CaseWorkService work, ConversationService conversations, OrganisationAdministration organisation, CaseAccess caseAccess, IOptions<AccessOptions> access)
{
    public async Task<CasePageState> LoadAsync(int id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (outcome, view) = await cases.GetAsync(id, user, cancellationToken);
        var list = outcome == LookupOutcome.Found ? await conversations.ForCaseAsync(id, cancellationToken) : [];
        return new CasePageState(outcome, view, list, outcome == LookupOutcome.Forbidden && CaseAccess.MayRequestEmergencyAccess(user),
            access.Value.EmergencyAccessDuration.TotalHours);
    }

    /// <summary>The case for a dialog; null with the outcome when the user may no longer change it.</summary>
    public async Task<(LookupOutcome Outcome, CaseFormData? Data)> LoadFormAsync(int id, bool withFactors, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (outcome, context) = await work.GetForEditAsync(id, user, cancellationToken);
        if (context is null)
        {
            return (outcome, null);
        }

        var parties = await organisation.ListPartiesAsync(activeOnly: true, cancellationToken);
        var candidates = await caseAccess.AuthorityPeopleOfCaseAsync(id, cancellationToken);
        var groups = (await organisation.ListGroupsAsync(activeOnly: true, cancellationToken)).Where(g => g.Kind == GroupKind.SspPlusCoordinationGroup).ToList();
        FactorsInput? factors = null;
        if (withFactors)
        {
            factors = await work.GetFactorsAsync(id, user, cancellationToken);
            if (factors is null)
            {
                return (LookupOutcome.Forbidden, null);
            }

            factors.ConcurrencyStamp = context.ConcurrencyStamp;
        }

        return (outcome, new CaseFormData(context, parties, candidates, groups, factors, work.Today));
    }
}
