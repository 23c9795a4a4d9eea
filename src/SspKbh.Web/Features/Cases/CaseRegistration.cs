using System.Globalization;
using System.Security.Claims;
using SspKbh.Web.Features.Admin.Organisation;
using SspKbh.Web.Features.Meetings;
using SspKbh.Web.Infrastructure;

namespace SspKbh.Web.Features.Cases;

/// <summary>An option of a select on the registration form (serialisable, so the page can carry it from prerender into the circuit); a party's option has its code.</summary>
public sealed record RegistrationOption(string Value, string Text, string? Code = null);

/// <summary>What the registration form needs: where the user may register, the parties, the possible leads and a handed-over concern.</summary>
public sealed record RegistrationForm(
    DateOnly Today,
    IReadOnlyList<RegistrationOption> Areas,
    IReadOnlyList<RegistrationOption> Parties,
    IReadOnlyList<RegistrationOption> LeadParties,
    IReadOnlyList<RegistrationOption> LeadCandidates,
    string? FromConcernName,
    string? FromConcernParty);

/// <summary>
/// What came of a save: the result (field messages or the new case's id), the known people to choose from, and the
/// open cases of the chosen person (offered instead of a case more, which needs a reason).
/// </summary>
public sealed record RegistrationOutcome(ServiceResult Result, IReadOnlyList<PersonMatch> Matches, IReadOnlyList<OpenCaseLink> OpenCases)
{
    public void Deconstruct(out ServiceResult result, out IReadOnlyList<PersonMatch> matches)
    {
        result = Result;
        matches = Matches;
    }
}

/// <summary>
/// The registration page's loads and saves, each in the scope <c>UiOperations</c> gives it. The save spans
/// two services (the case, then the handed-over concern it came from) in that one scope.
/// </summary>
public sealed class CaseRegistration(CaseRegistrationService cases, KnownPeople knownPeople, OrganisationAdministration organisation, AttendanceService meetings)
{
    /// <summary>The form for this user; with <paramref name="concernId"/> the input starts from the concern handed over at a meeting (when she may see it).</summary>
    public async Task<(RegistrationForm Form, RegisterCaseInput Input)> LoadAsync(int? concernId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var areas = await cases.RegistrableAreasAsync(user, cancellationToken);
        var parties = await organisation.ListPartiesAsync(activeOnly: true, cancellationToken);
        var leads = await cases.LeadCandidatesAsync(user, cancellationToken);
        var today = cases.Today;
        var input = new RegisterCaseInput { RaisedOn = today };
        ConcernView? concern = null;
        if (concernId is { } id && areas.Count > 0)
        {
            concern = await meetings.ConcernForRegistrationAsync(id, user, cancellationToken);
            if (concern is not null)
            {
                input = new RegisterCaseInput
                {
                    RaisedOn = today,
                    Source = Domain.Cases.CaseSource.Other,
                    RaisedByPartyId = concern.FromPartyId,
                    RaisedByName = concern.FromName,
                    Concern = concern.Text,
                    HandedOverConcernId = concern.Id,
                };
            }
        }

        static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
        var form = new RegistrationForm(
            today,
            areas.Select(a => new RegistrationOption(Id(a.Id), a.Name)).ToList(),
            parties.Select(p => new RegistrationOption(Id(p.Id), $"{p.Code} – {p.Name}")).ToList(),
            parties.Where(p => p.IsPublicAuthority).Select(p => new RegistrationOption(Id(p.Id), $"{p.Code} – {p.Name}", p.Code)).ToList(),
            leads.DistinctBy(u => u.UserId).Select(u => new RegistrationOption(u.UserId, $"{u.FullName} ({u.PartyCode})")).ToList(),
            concern?.FromName,
            concern?.FromParty);
        return (form, input);
    }

    /// <summary>Registers the case and, when it came from a handed-over concern, links the concern to it.</summary>
    public async Task<RegistrationOutcome> RegisterAsync(RegisterCaseInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var outcome = await cases.RegisterAsync(input, user, cancellationToken);
        if (outcome.Result.Succeeded && input.HandedOverConcernId is { } concernId
            && int.TryParse(outcome.Result.CreatedId, CultureInfo.InvariantCulture, out var caseId))
        {
            await meetings.MarkConcernRegisteredAsync(concernId, caseId, user, cancellationToken);
        }

        return outcome;
    }

    public Task<List<PersonMatch>> SearchAsync(string? term, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        knownPeople.SearchKnownPeopleAsync(term, user, cancellationToken);
}
