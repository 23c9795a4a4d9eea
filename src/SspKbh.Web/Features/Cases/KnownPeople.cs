using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Access;
using SspKbh.Domain.Cases;
using SspKbh.Web.Audit;
using SspKbh.Web.Data;

namespace SspKbh.Web.Features.Cases;

/// <summary>
/// An open case of a young person, shown beside another case of the same person (registration, the case page).
/// <see cref="CaseId"/> and <see cref="CaseNumber"/> are null when the user may not open it: she learns only that
/// there is an open case and in which koordinationsgruppe, so she can ask there.
/// </summary>
public sealed record OpenCaseLink(int? CaseId, string? CaseNumber, CaseLevel Level, string GroupName);

/// <summary>
/// Finding young people who are already registered, so a concern about them is added to what is known instead of
/// starting over: the registration's duplicate check and search, and a person's open cases (issue 16 #2). Every
/// lookup that shows who matched is audited.
/// </summary>
public sealed class KnownPeople(SspDbContext db, CaseAccess access, AuditService audit)
{
    /// <summary>
    /// Young people who match the CPR number, or the name with a birth date up to a year apart: the duplicate check of
    /// a registration, for a user who may register (a member of a koordinationsgruppe; CaseService.RegisterAsync checks that first).
    /// </summary>
    internal async Task<List<PersonMatch>> FindMatchesAsync(string? cprInput, string? name, DateOnly? dateOfBirth, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var cpr = CprNumber.TryParse(cprInput, out var parsed) ? parsed.Digits : null;
        var normalized = string.IsNullOrWhiteSpace(name) ? null : YoungPerson.Normalize(name);
        if (cpr is null && (normalized is null || dateOfBirth is null))
        {
            return [];
        }

        var scope = await access.ScopeForAsync(user, cancellationToken);
        // The same name with a birth date up to a year apart is a possible duplicate too: a date typed wrong, or from memory.
        var bornFrom = dateOfBirth?.AddYears(-1);
        var bornTo = dateOfBirth?.AddYears(1);
        var people = await db.YoungPersons.AsNoTracking()
            .Where(p => (cpr != null && p.Cpr == cpr) || (normalized != null && p.NormalizedName == normalized && p.DateOfBirth >= bornFrom && p.DateOfBirth <= bornTo))
            .OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.FullName, p.DateOfBirth, p.Cpr })
            .Take(10)
            .ToListAsync(cancellationToken);
        var ids = people.Select(p => p.Id).ToList();
        var cases = await CasesOfAsync(ids, exceptCaseId: null, cancellationToken);
        var matches = people.Select(p => new PersonMatch(p.Id, p.FullName, p.DateOfBirth, cpr != null && p.Cpr == cpr,
                cases.Count(c => c.YoungPersonId == p.Id),
                cases.Any(c => c.YoungPersonId == p.Id && scope.BasisFor(c.CoordinationGroupId, c.Level, c.SspPlusGroupId) != CaseAccessBasis.None),
                OpenOf(cases, p.Id, scope)))
            .ToList();
        await audit.WriteListAsync(new AuditEvent(AuditActions.PersonSearch, Purpose: "duplicate-check",
            Details: (cpr is null ? $"by=name+birthdate; terms=\"{normalized}\" {dateOfBirth:yyyy-MM-dd}" : $"by=cpr; terms={parsed.Masked}") + $"; matches={matches.Count}",
            Actor: user), "young-person", ids, cancellationToken);
        return matches;
    }

    private sealed record PersonCase(int YoungPersonId, int Id, string CaseNumber, int CoordinationGroupId, string GroupName, CaseLevel Level, CaseStatus Status, int? SspPlusGroupId);

    /// <summary>Every case of these young people, oldest first, with its group (how many cases, which are open, and whether one is in scope).</summary>
    private async Task<List<PersonCase>> CasesOfAsync(List<int> personIds, int? exceptCaseId, CancellationToken cancellationToken) =>
        (await db.Cases.AsNoTracking().Where(c => personIds.Contains(c.YoungPersonId) && (exceptCaseId == null || c.Id != exceptCaseId))
            .Join(db.Groups, c => c.CoordinationGroupId, g => g.Id, (c, g) => new { c.YoungPersonId, c.Id, c.CaseNumber, c.CoordinationGroupId, g.Name, c.Level, c.Status, c.SspPlusGroupId })
            .OrderBy(c => c.Id)
            .ToListAsync(cancellationToken))
            .Select(c => new PersonCase(c.YoungPersonId, c.Id, c.CaseNumber, c.CoordinationGroupId, c.Name, c.Level, c.Status, c.SspPlusGroupId))
            .ToList();

    /// <summary>The person's open cases as links: a case the user may not open is named only by its group and level.</summary>
    private static List<OpenCaseLink> OpenOf(List<PersonCase> cases, int personId, CaseScope scope) =>
        cases.Where(c => c.YoungPersonId == personId && c.Status != CaseStatus.Closed)
            .Select(c => scope.BasisFor(c.CoordinationGroupId, c.Level, c.SspPlusGroupId) == CaseAccessBasis.None
                ? new OpenCaseLink(null, null, c.Level, c.GroupName)
                : new OpenCaseLink(c.Id, c.CaseNumber, c.Level, c.GroupName))
            .ToList();

    /// <summary>
    /// Young people the user already works with (a case she may read), whose name contains the typed
    /// words or whose CPR number starts with the typed digits (at least the six of the birth date): the
    /// registration form's search. Nobody outside her scope is offered. Audited like the duplicate check.
    /// </summary>
    public async Task<List<PersonMatch>> SearchKnownPeopleAsync(string? term, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var text = (term ?? "").Trim();
        if (text.Length > 200)
        {
            return [];
        }

        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        var byCpr = digits.Length >= 6 && text.All(c => char.IsAsciiDigit(c) || c is '-' or ' ');
        var normalized = byCpr || text.Length < 2 ? null : YoungPerson.Normalize(text);
        if (!byCpr && normalized is null)
        {
            return [];
        }

        var scope = await access.ScopeForAsync(user, cancellationToken);
        if (scope.IsEmpty)
        {
            return [];
        }

        var visibleCases = scope.Apply(db.Cases.AsNoTracking());
        var people = await db.YoungPersons.AsNoTracking()
            .Where(p => visibleCases.Any(c => c.YoungPersonId == p.Id))
            .Where(p => byCpr ? p.Cpr != null && p.Cpr.StartsWith(digits) : p.NormalizedName.Contains(normalized!))
            .OrderBy(p => p.FullName).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.FullName, p.DateOfBirth, p.Cpr })
            .Take(10)
            .ToListAsync(cancellationToken);
        var ids = people.Select(p => p.Id).ToList();
        var cases = await CasesOfAsync(ids, exceptCaseId: null, cancellationToken);
        var matches = people.Select(p => new PersonMatch(p.Id, p.FullName, p.DateOfBirth, byCpr && p.Cpr == digits,
                cases.Count(c => c.YoungPersonId == p.Id), HasCaseInScope: true, OpenOf(cases, p.Id, scope)))
            .ToList();
        await audit.WriteListAsync(new AuditEvent(AuditActions.PersonSearch, Purpose: "case-registration",
            Details: (byCpr ? $"by=cpr; terms={digits[..6]}-xxxx" : $"by=name; terms=\"{normalized}\"") + $"; matches={matches.Count}",
            Actor: user), "young-person", ids, cancellationToken);
        return matches;
    }

    /// <summary>The person's cases that are not closed, oldest first, except <paramref name="exceptCaseId"/>.</summary>
    internal async Task<IReadOnlyList<OpenCaseLink>> OpenCasesAsync(int personId, CaseScope scope, int? exceptCaseId, CancellationToken cancellationToken) =>
        OpenOf(await CasesOfAsync([personId], exceptCaseId, cancellationToken), personId, scope);
}
