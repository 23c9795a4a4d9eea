using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Cases;
using SspKbh.Domain.Organisation;
using SspKbh.Web.Audit;
using SspKbh.Web.Data;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;
using SspKbh.Web.Security;

namespace SspKbh.Web.Features.Cases;

/// <summary>
/// Registering an enkeltsag: the young person (known or new, with the duplicate checks of issue 16 #2), the case at
/// its level with its lead, and what the registration form offers (the lokalområder and leads in the user's
/// koordinationsgrupper). Every change goes to the audit trail.
/// </summary>
public sealed class CaseRegistrationService(SspDbContext db, CaseAccess access, AuditService audit, TimeProvider clock, KnownPeople knownPeople)
{
    public DateOnly Today => DanishTime.Today(clock);

    /// <summary>
    /// Registers the case. When the young person seems to be known already (and no existing person
    /// was chosen, nor a new one confirmed), nothing is saved and the matches come back to be offered instead.
    /// A known person who has an open case gets a second one only with a reason, which becomes the new case's
    /// first journal note; otherwise nothing is saved and the open cases come back to be offered (issue 16 #2).
    /// The input's shape is checked here too, so a value no form would send (level 7, a 1 MB text) is refused, not saved.
    /// </summary>
    public async Task<RegistrationOutcome> RegisterAsync(RegisterCaseInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var result = new ServiceResult();
        IReadOnlyList<PersonMatch> matches = [];
        IReadOnlyList<OpenCaseLink> openCases = [];
        var shape = await new RegisterCaseInputValidator(Today).ValidateAsync(input, cancellationToken);
        if (!shape.IsValid)
        {
            foreach (var error in shape.Errors)
            {
                result.Field(error.PropertyName, error.ErrorMessage);
            }

            return new(result, matches, openCases);
        }

        var scope = await access.ScopeForAsync(user, cancellationToken);
        if (scope.MemberGroupIds.Count == 0)
        {
            // Only members of a koordinationsgruppe register; the duplicate check below would otherwise tell
            // anyone who exists. (The page's policy keeps other users away as well.)
            return new(result.Field(nameof(RegisterCaseInput.LocalAreaId), Texts.Case_Validation_NotYourGroup), matches, openCases);
        }

        var level = input.Level!.Value;
        var now = clock.GetUtcNow().UtcDateTime;

        YoungPerson? person = null;
        int localAreaId;
        if (input.ExistingPersonId is { } existingId)
        {
            person = await db.YoungPersons.FirstOrDefaultAsync(p => p.Id == existingId, cancellationToken);
            // The chosen person must be one the user may be offered: someone with a case in her scope, or a
            // match of the duplicate check for what she typed. An id from elsewhere is refused as unknown.
            if (person is not null && !await scope.Apply(db.Cases.AsNoTracking()).AnyAsync(c => c.YoungPersonId == existingId, cancellationToken)
                && !(await knownPeople.FindMatchesAsync(input.Cpr, input.FullName, input.DateOfBirth, user, cancellationToken)).Any(m => m.Id == existingId))
            {
                person = null;
            }

            if (person is null)
            {
                return new(result.Field(nameof(RegisterCaseInput.ExistingPersonId), Texts.Case_Validation_PersonNotFound), matches, openCases);
            }

            localAreaId = input.LocalAreaId ?? person.LocalAreaId;
            openCases = await knownPeople.OpenCasesAsync(person.Id, scope, exceptCaseId: null, cancellationToken);
            if (openCases.Count > 0 && string.IsNullOrWhiteSpace(input.SecondCaseReason))
            {
                result.Field(nameof(RegisterCaseInput.SecondCaseReason), string.Format(CultureInfo.CurrentCulture, Texts.Case_Validation_OpenCaseExists, person.FullName));
            }
        }
        else
        {
            localAreaId = input.LocalAreaId!.Value;
            matches = await knownPeople.FindMatchesAsync(input.Cpr, input.FullName, input.DateOfBirth, user, cancellationToken);
            if (matches.Any(m => m.SameCpr))
            {
                // A CPR number belongs to one person: never a second person with it.
                result.Field(nameof(RegisterCaseInput.Cpr), Texts.Case_Validation_PersonExists);
            }
            else if (matches.Count > 0 && !input.NewPersonConfirmed)
            {
                result.Field(nameof(RegisterCaseInput.FullName), Texts.Case_Validation_PossibleDuplicate);
            }
        }

        var groupId = await db.LocalAreas.AsNoTracking().Where(a => a.Id == localAreaId)
            .Select(a => a.CoordinationGroupId).FirstOrDefaultAsync(cancellationToken);
        if (groupId is null)
        {
            result.Field(nameof(RegisterCaseInput.LocalAreaId), Texts.Validation_UnknownArea);
        }
        else if (!scope.MemberGroupIds.Contains(groupId.Value))
        {
            result.Field(nameof(RegisterCaseInput.LocalAreaId), Texts.Case_Validation_NotYourGroup);
        }

        var defaultLeadCode = level.DefaultLeadParty();
        var parties = await db.Parties.AsNoTracking().Where(p => p.Id == input.LeadPartyId || p.Id == input.RaisedByPartyId || p.Code == defaultLeadCode)
            .ToDictionaryAsync(p => p.Id, p => p.Code, cancellationToken);
        input.LeadPartyId ??= parties.FirstOrDefault(p => p.Value == defaultLeadCode).Key;
        if (!parties.ContainsKey(input.RaisedByPartyId!.Value))
        {
            result.Field(nameof(RegisterCaseInput.RaisedByPartyId), Texts.Validation_PartyRequired);
        }

        if (!parties.TryGetValue(input.LeadPartyId!.Value, out var leadPartyCode))
        {
            result.Field(nameof(RegisterCaseInput.LeadPartyId), Texts.Case_Validation_LeadPartyRequired);
        }
        else
        {
            var lead = new LeadAssignment(leadPartyCode, NullIfBlank(input.LeadUserId), NullIfBlank(input.LeadOverrideReason));
            foreach (var (field, error) in lead.Validate(level))
            {
                var inputField = field switch
                {
                    nameof(LeadAssignment.PartyCode) => nameof(RegisterCaseInput.LeadPartyId),
                    nameof(LeadAssignment.PersonUserId) => nameof(RegisterCaseInput.LeadUserId),
                    _ => nameof(RegisterCaseInput.LeadOverrideReason),
                };
                result.Field(inputField, CaseTexts.Error(error));
            }
        }

        if (!string.IsNullOrWhiteSpace(input.LeadUserId) && groupId is not null &&
            !await db.GroupMemberships.AnyAsync(m => m.GroupId == groupId && m.UserId == input.LeadUserId, cancellationToken))
        {
            result.Field(nameof(RegisterCaseInput.LeadUserId), Texts.Case_Validation_LeadNotInGroup);
        }

        if (level.RequiresLevelForm())
        {
            foreach (var missing in input.ToLevelForm().MissingFields())
            {
                result.Field("Form" + missing, CaseTexts.FormFieldRequired(missing));
            }
        }

        if (!result.Succeeded)
        {
            return new(result, matches, openCases);
        }

        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var createdPerson = person is null;
        if (person is null)
        {
            person = new YoungPerson
            {
                DateOfBirth = input.DateOfBirth!.Value,
                Cpr = CprNumber.TryParse(input.Cpr, out var cpr) ? cpr.Digits : null,
                Address = NullIfBlank(input.Address),
                School = NullIfBlank(input.School),
                Club = NullIfBlank(input.Club),
                LocalAreaId = localAreaId,
                CreatedAtUtc = now,
            };
            person.SetName(input.FullName!);
            AddCustodyHolder(person, input.Custody1Name, input.Custody1Relation, input.Custody1Phone, input.Custody1Email);
            AddCustodyHolder(person, input.Custody2Name, input.Custody2Relation, input.Custody2Phone, input.Custody2Email);
            db.YoungPersons.Add(person);
            await db.SaveChangesAsync(cancellationToken);
        }

        var newCase = SspCase.Register(
            caseNumber: "NY-" + Guid.NewGuid().ToString("N")[..12],
            youngPersonId: person.Id,
            coordinationGroupId: groupId!.Value,
            level: level,
            source: input.Source!.Value,
            raisedByPartyId: input.RaisedByPartyId!.Value,
            raisedByName: NullIfBlank(input.RaisedByName),
            raisedOn: input.RaisedOn!.Value,
            concern: input.Concern!.Trim(),
            leadPartyId: input.LeadPartyId!.Value,
            leadUserId: NullIfBlank(input.LeadUserId),
            leadOverrideReason: NullIfBlank(input.LeadOverrideReason),
            form: level.RequiresLevelForm() ? input.ToLevelForm() : null,
            createdByUserId: user.UserId()!,
            nowUtc: now);
        db.Cases.Add(newCase);
        await db.SaveChangesAsync(cancellationToken);
        // The number shows the year and the row id, so it is unique without a counter table.
        newCase.CaseNumber = string.Create(CultureInfo.InvariantCulture, $"{newCase.RaisedOn.Year}-{newCase.Id:D5}");
        if (openCases.Count > 0)
        {
            // Why this person has a case more: the first journal note, so the group sees it where it reads the case.
            db.JournalNotes.Add(new JournalNote
            {
                CaseId = newCase.Id,
                NoteDate = Today,
                AuthorUserId = user.UserId()!,
                Text = string.Format(CultureInfo.CurrentCulture, Texts.Case_SecondCaseNote,
                    string.Join(", ", openCases.Select(o => o.CaseNumber ?? o.GroupName)), input.SecondCaseReason!.Trim()),
                CreatedAtUtc = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);

        if (createdPerson)
        {
            await audit.WriteAsync(new AuditEvent(AuditActions.PersonCreated, SubjectType: "young-person", SubjectId: Id(person.Id), Actor: user), cancellationToken);
        }

        await audit.WriteAsync(new AuditEvent(AuditActions.CaseCreated, SubjectType: "case", SubjectId: Id(newCase.Id),
            Details: $"level={(int)level}; young-person={person.Id}; group={newCase.CoordinationGroupId}"
                + (openCases.Count > 0 ? $"; beside-open-cases={openCases.Count}" : "")
                + (createdPerson && matches.Count > 0 ? $"; new-person-confirmed-against={matches.Count}" : ""), Actor: user), cancellationToken);
        result.CreatedId = Id(newCase.Id);
        return new(result, matches, openCases);
    }

    public sealed record LeadCandidate(string UserId, string FullName, string PartyCode, string GroupName);

    /// <summary>Authority members of the user's koordinationsgrupper, who can be named as lead.</summary>
    public async Task<List<LeadCandidate>> LeadCandidatesAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = await access.ScopeForAsync(user, cancellationToken);
        var groupIds = scope.MemberGroupIds.ToList();
        var rows = await db.GroupMemberships.AsNoTracking()
            .Where(m => groupIds.Contains(m.GroupId))
            .Join(db.Users.Where(u => u.IsActive && u.IsAuthorityPerson), m => m.UserId, u => u.Id, (m, u) => new { m.GroupId, u.Id, u.FullName, u.PartyId })
            .Join(db.Parties, x => x.PartyId, p => p.Id, (x, p) => new { x.GroupId, x.Id, x.FullName, p.Code })
            .Join(db.Groups, x => x.GroupId, g => g.Id, (x, g) => new { x.Id, x.FullName, x.Code, g.Name })
            .OrderBy(x => x.FullName)
            .ToListAsync(cancellationToken);
        return rows.Select(x => new LeadCandidate(x.Id, x.FullName, x.Code, x.Name)).ToList();
    }

    /// <summary>Lokalområder whose koordinationsgruppe the user belongs to (where they may register cases).</summary>
    public async Task<List<(int Id, string Name)>> RegistrableAreasAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = await access.ScopeForAsync(user, cancellationToken);
        var groupIds = scope.MemberGroupIds.ToList();
        var areas = await db.LocalAreas.AsNoTracking()
            .Where(a => a.CoordinationGroupId != null && groupIds.Contains(a.CoordinationGroupId.Value))
            .OrderBy(a => a.Name).Select(a => new { a.Id, a.Name }).ToListAsync(cancellationToken);
        return areas.Select(a => (a.Id, a.Name)).ToList();
    }

    private static void AddCustodyHolder(YoungPerson person, string? name, string? relation, string? phone, string? email)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return;
        }

        person.CustodyHolders.Add(new CustodyHolder
        {
            FullName = name.Trim(),
            Relation = NullIfBlank(relation),
            Phone = NullIfBlank(phone),
            Email = NullIfBlank(email),
        });
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
