using System.Security.Claims;
using SspKbh.Web.Features.Admin.Organisation;

namespace SspKbh.Web.Features.Cases;

/// <summary>A choice in one of the case list's filters (a group, a lokalområde or a lead party).</summary>
public sealed record CaseFilterChoice(int Id, string Name);

/// <summary>What the case list's filters offer this user, and whether she may register a concern.</summary>
public sealed record CaseListChoices(
    IReadOnlyList<CaseFilterChoice> Groups,
    IReadOnlyList<CaseFilterChoice> Areas,
    IReadOnlyList<CaseFilterChoice> LeadParties,
    bool CanRegister);

/// <summary>
/// One view of the case list: the query string it was read for, that page of rows and the filter choices.
/// Plain records, so the prerender's view can be carried into the circuit as persisted state.
/// </summary>
public sealed record CaseListState(string Query, CasePage Page, CaseListChoices Choices);

/// <summary>Loads the case list page for the user it is given (the rows are read and audited by <see cref="CaseListQuery"/>).</summary>
public sealed class CaseListLoader(CaseListQuery list, CaseService cases, CaseRegistrationService registration, OrganisationAdministration organisation)
{
    /// <summary>The first view of the page: the rows and the filter choices.</summary>
    public async Task<CaseListState> LoadAsync(string query, CaseFilter filter, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var page = await list.PageAsync(filter, user, cancellationToken);
        var groups = await cases.ScopeGroupsAsync(user, cancellationToken);
        var areas = await organisation.ListAreasAsync(cancellationToken);
        var parties = await organisation.ListPartiesAsync(activeOnly: true, cancellationToken);
        var canRegister = (await registration.RegistrableAreasAsync(user, cancellationToken)).Count > 0;
        return new CaseListState(query, page, new CaseListChoices(
            groups.Select(g => new CaseFilterChoice(g.Id, g.Name)).ToList(),
            areas.Select(a => new CaseFilterChoice(a.Id, a.Name)).ToList(),
            parties.Where(p => p.IsPublicAuthority).Select(p => new CaseFilterChoice(p.Id, p.Code)).ToList(),
            canRegister));
    }

    /// <summary>Another page or filter: the rows first (read and audited once), without their counts.</summary>
    public Task<CasePage> RowsAsync(CaseFilter filter, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        list.RowsAsync(filter, user, cancellationToken);

    /// <summary>The counts per level for another filter, read after its rows are shown.</summary>
    public Task<IReadOnlyDictionary<SspKbh.Domain.Cases.CaseLevel, int>> CountsAsync(CaseFilter filter, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        list.CountsAsync(filter, user, cancellationToken);
}
