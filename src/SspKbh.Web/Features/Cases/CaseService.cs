using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SspKbh.Domain.Access;
using SspKbh.Web.Features.Consents;
using SspKbh.Web.Features.Conversations;
using SspKbh.Domain.Cases;
using SspKbh.Domain.Organisation;
using SspKbh.Web.Audit;
using SspKbh.Web.Components.Shared;
using SspKbh.Web.Data;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;
using SspKbh.Web.Security;

namespace SspKbh.Web.Features.Cases;

/// <summary>
/// Registering and reading enkeltsager. Every read of personal data and every change goes to the
/// audit trail; scope (which cases a user may see) comes from <see cref="CaseAccess"/>.
/// </summary>
public sealed class CaseService(SspDbContext db, CaseAccess access, AuditService audit, TimeProvider clock, ConsentRegister consentRegister, IOptions<AccessOptions> accessOptions, KnownPeople knownPeople)
{
    public DateOnly Today => DanishTime.Today(clock);

    /// <summary>
    /// The full CPR number, for members of the case's koordinationsgruppe who need it (e.g. to find
    /// the young person in their own case system). Every reveal is audited.
    /// </summary>
    public async Task<(LookupOutcome Outcome, string? Cpr)> RevealCprAsync(int caseId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var c = await db.Cases.AsNoTracking().Where(x => x.Id == caseId)
            .Select(x => new { x.CoordinationGroupId, x.Level, x.YoungPersonId, x.SspPlusGroupId }).FirstOrDefaultAsync(cancellationToken);
        if (c is null)
        {
            return (LookupOutcome.NotFound, null);
        }

        var scope = await access.ScopeForAsync(user, cancellationToken);
        if (scope.BasisFor(c.CoordinationGroupId, c.Level, c.SspPlusGroupId) != CaseAccessBasis.CoordinationGroupMember)
        {
            await audit.WriteAsync(new AuditEvent(AuditActions.CprReveal, AuditOutcomes.Denied, SubjectType: "young-person", SubjectId: Id(c.YoungPersonId), Actor: user), cancellationToken);
            return (LookupOutcome.Forbidden, null);
        }

        var cpr = await db.YoungPersons.AsNoTracking().Where(p => p.Id == c.YoungPersonId).Select(p => p.Cpr).FirstAsync(cancellationToken);
        await audit.WriteAsync(new AuditEvent(AuditActions.CprReveal, SubjectType: "young-person", SubjectId: Id(c.YoungPersonId),
            Purpose: "coordination-group", Details: $"case={caseId}", Actor: user), cancellationToken);
        return (LookupOutcome.Found, cpr is not null && CprNumber.TryParse(cpr, out var parsed) ? parsed.Formatted : null);
    }


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

    public async Task<(LookupOutcome Outcome, CaseView? View)> GetAsync(int id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var c = await db.Cases.AsNoTracking().Include(x => x.LevelHistory).Include(x => x.StatusHistory).AsSplitQuery()
            .FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (c is null)
        {
            return (LookupOutcome.NotFound, null);
        }

        var scope = await access.ScopeForAsync(user, cancellationToken);
        var basis = await access.ReadBasisAsync(scope, user, c, cancellationToken);
        if (basis == CaseAccessBasis.None)
        {
            await audit.WriteAsync(new AuditEvent(AuditActions.CaseView, AuditOutcomes.Denied, SubjectType: "case", SubjectId: Id(id), Actor: user), cancellationToken);
            return (LookupOutcome.Forbidden, null);
        }

        var person = await db.YoungPersons.AsNoTracking().Include(p => p.CustodyHolders).FirstAsync(p => p.Id == c.YoungPersonId, cancellationToken);
        var factorCodes = await db.CaseFactors.AsNoTracking().Where(f => f.CaseId == id).Select(f => f.Code).ToListAsync(cancellationToken);
        var factorNotes = await db.CaseFactorNotes.AsNoTracking().Where(n => n.CaseId == id).ToDictionaryAsync(n => n.Domain, n => n.Note, cancellationToken);
        var actions = await db.CaseActions.AsNoTracking().Where(a => a.CaseId == id)
            .OrderBy(a => a.Status).ThenBy(a => a.DueOn).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        var agreed = await AgreedTerms.ForAsync(db, actions.Select(a => a.ConversationAgreementId), cancellationToken);
        var notes = await db.JournalNotes.AsNoTracking().Where(n => n.CaseId == id)
            .OrderByDescending(n => n.NoteDate).ThenByDescending(n => n.Id).ToListAsync(cancellationToken);
        var partyIds = actions.Select(a => a.OwnerPartyId).Append(c.LeadPartyId).Append(c.RaisedByPartyId).Distinct().ToList();
        var partyNames = await db.Parties.AsNoTracking().Where(p => partyIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var userIds = c.LevelHistory.Select(h => h.ChangedByUserId)
            .Concat(c.StatusHistory.Select(h => h.ChangedByUserId))
            .Concat(notes.Select(n => n.AuthorUserId))
            .Append(c.LeadUserId ?? "").Distinct().ToList();
        var userNames = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, cancellationToken);
        var groupName = await db.Groups.AsNoTracking().Where(g => g.Id == c.CoordinationGroupId).Select(g => g.Name).FirstAsync(cancellationToken);
        var sspPlusGroup = c.SspPlusGroupId is null ? null
            : await db.Groups.AsNoTracking().Where(g => g.Id == c.SspPlusGroupId).Select(g => g.Name).FirstOrDefaultAsync(cancellationToken);
        var areaName = await db.LocalAreas.AsNoTracking().Where(a => a.Id == person.LocalAreaId).Select(a => a.Name).FirstAsync(cancellationToken);
        // Another open case of the same young person is shown beside this one (issue 16 #2), linked where the user may open it.
        var otherOpenCases = await knownPeople.OpenCasesAsync(c.YoungPersonId, scope, c.Id, cancellationToken);
        var deadline = await DeadlineForAsync(c.Level, cancellationToken);
        var today = Today;
        var isOpen = c.Status != CaseStatus.Closed;
        var overdue = CaseOverdue.For(isOpen, c.LevelSetOn, c.LastReviewedOn, deadline, actions.Select(a => (a.Status, a.DueOn)), today);

        var consents = await consentRegister.ForPersonAsync(c.YoungPersonId, cancellationToken);
        var grants = await EmergencyAccessesAsync(id, basis, user, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var myGrantUntil = basis == CaseAccessBasis.EmergencyAccess
            ? grants.Where(g => g.Mine && g.ExpiresAtUtc > now).Max(g => (DateTime?)g.ExpiresAtUtc)
            : null;

        await audit.WriteAsync(new AuditEvent(AuditActions.CaseView, SubjectType: "case", SubjectId: Id(id),
            Purpose: basis.AuditPurpose(), Actor: user), cancellationToken);

        return (LookupOutcome.Found, new CaseView(
            c.Id, c.CaseNumber, c.Level, c.Status, c.Source, groupName,
            partyNames.GetValueOrDefault(c.RaisedByPartyId, ""), c.RaisedByName, c.RaisedOn, c.Concern,
            partyNames.GetValueOrDefault(c.LeadPartyId, ""), c.LeadUserId is null ? null : userNames.GetValueOrDefault(c.LeadUserId),
            c.LeadOverrideReason, c.LevelSetOn, overdue.FirstActionDue, overdue.FirstActionOverdue,
            c.FlaggedForLeaderGroup, c.Form,
            person.FullName, person.DateOfBirth, YoungPersonRules.AgeInYears(person.DateOfBirth, today),
            c.AwaitsSspPlusHandover(person.DateOfBirth, today),
            person.Cpr is null ? null : CprNumber.TryParse(person.Cpr, out var cpr) ? cpr.Masked : null,
            person.Address, person.School, person.Club, areaName,
            person.CustodyHolders.Select(h => new CustodyHolderView(h.FullName, h.Relation, h.Phone, h.Email)).ToList(),
            c.LevelHistory.OrderBy(h => h.ChangedAtUtc).ThenBy(h => h.Id)
                .Select(h => new LevelHistoryItem(h.From, h.To, h.Reason, userNames.GetValueOrDefault(h.ChangedByUserId, ""), h.ChangedAtUtc)).ToList(),
            basis,
            new GoalsInput { OverallGoal = c.OverallGoal, GoalSchool = c.GoalSchool, GoalLeisure = c.GoalLeisure, GoalHome = c.GoalHome, GoalCrime = c.GoalCrime },
            actions.Select(a => new ActionView(a.Id, a.What, a.OwnerName, partyNames.GetValueOrDefault(a.OwnerPartyId, ""), a.DueOn, a.Status, a.CompletedOn,
                isOpen && a.IsOverdue(today), a.ConcurrencyStamp, AgreedTerms.Of(agreed, a.ConversationAgreementId))).ToList(),
            notes.Select(n => new NoteView(n.NoteDate, userNames.GetValueOrDefault(n.AuthorUserId, ""), n.Text)).ToList(),
            c.StatusHistory.OrderBy(h => h.ChangedAtUtc).ThenBy(h => h.Id)
                .Select(h => new StatusHistoryItem(h.From, h.To, h.Reason, h.CloseReason, userNames.GetValueOrDefault(h.ChangedByUserId, ""), h.ChangedAtUtc)).ToList(),
            overdue.ReviewDue,
            overdue.ReviewOverdue,
            c.CloseReason, c.ClosedOn, c.SspPlusHandoverOn, sspPlusGroup, c.ConcurrencyStamp,
            RiskFactorChecklist.All.Where(f => factorCodes.Contains(f.Code)).ToList(), factorNotes,
            c.AnonymisedOn, consents, basis == CaseAccessBasis.CoordinationGroupMember ? grants : [], myGrantUntil, otherOpenCases));
    }

    /// <summary>
    /// Opens a case outside the user's groups for a limited time, with the reason they gave
    /// ("break-glass"). Read-only; flagged in the audit trail and shown to the case's group.
    /// </summary>
    public async Task<(LookupOutcome Outcome, ServiceResult Result)> RequestEmergencyAccessAsync(int id, string? reason, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var result = new ServiceResult();
        var c = await db.Cases.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (c is null)
        {
            return (LookupOutcome.NotFound, result);
        }

        if (!CaseAccess.MayRequestEmergencyAccess(user) || user.UserId() is not { } userId)
        {
            await audit.WriteAsync(new AuditEvent(AuditActions.EmergencyAccess, AuditOutcomes.Denied, SubjectType: "case", SubjectId: Id(id),
                Purpose: CaseAccessBasis.EmergencyAccess.AuditPurpose(), Actor: user), cancellationToken);
            return (LookupOutcome.Forbidden, result);
        }

        if (CaseAccessGrant.ValidateReason(reason) is { } error)
        {
            result.Field(nameof(EmergencyAccessInput.Reason), CaseTexts.Error(error));
            return (LookupOutcome.Found, result);
        }

        var grant = CaseAccessGrant.Create(id, userId, reason!, clock.GetUtcNow().UtcDateTime, accessOptions.Value.EmergencyAccessDuration);
        db.CaseAccessGrants.Add(grant);
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(new AuditEvent(AuditActions.EmergencyAccess, SubjectType: "case", SubjectId: Id(id),
            Purpose: CaseAccessBasis.EmergencyAccess.AuditPurpose(),
            Details: FormattableString.Invariant($"grant={grant.Id}; expires={grant.ExpiresAtUtc:yyyy-MM-ddTHH:mm}Z"), Actor: user), cancellationToken);
        return (LookupOutcome.Found, result);
    }

    private async Task<List<EmergencyAccessView>> EmergencyAccessesAsync(int caseId, CaseAccessBasis basis, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (basis is not (CaseAccessBasis.CoordinationGroupMember or CaseAccessBasis.EmergencyAccess))
        {
            return [];
        }

        var me = user.UserId();
        var grants = await db.CaseAccessGrants.AsNoTracking().Where(g => g.CaseId == caseId)
            .OrderByDescending(g => g.GrantedAtUtc)
            .Join(db.Users, g => g.UserId, u => u.Id, (g, u) => new { g.UserId, u.FullName, u.PartyId, g.Reason, g.GrantedAtUtc, g.ExpiresAtUtc })
            .Join(db.Parties, x => x.PartyId, p => p.Id, (x, p) => new { x.UserId, x.FullName, Party = p.Name, x.Reason, x.GrantedAtUtc, x.ExpiresAtUtc })
            .Take(50)
            .ToListAsync(cancellationToken);
        return grants.Select(g => new EmergencyAccessView(g.FullName, g.Party, g.Reason, g.GrantedAtUtc, g.ExpiresAtUtc, g.UserId == me)).ToList();
    }

    /// <summary>The groups whose cases the user sees (for the list filter).</summary>
    public async Task<List<(int Id, string Name)>> ScopeGroupsAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = await access.ScopeForAsync(user, cancellationToken);
        var ids = scope.MemberGroupIds.Concat(scope.LeaderReviewGroupIds).Distinct().ToList();
        var groups = await db.Groups.AsNoTracking().Where(g => ids.Contains(g.Id)).OrderBy(g => g.Name)
            .Select(g => new { g.Id, g.Name }).ToListAsync(cancellationToken);
        return groups.Select(g => (g.Id, g.Name)).ToList();
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

    public async Task<LevelDeadline> DeadlineForAsync(CaseLevel level, CancellationToken cancellationToken) =>
        (await db.LevelDeadlines.AsNoTracking().FirstOrDefaultAsync(d => d.Level == level, cancellationToken))?.ToDeadline()
        ?? DeadlineRules.Placeholders.First(d => d.Level == level);

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
