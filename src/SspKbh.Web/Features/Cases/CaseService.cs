using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SspKbh.Domain.Access;
using SspKbh.Web.Features.Consents;
using SspKbh.Web.Features.Conversations;
using SspKbh.Domain.Cases;
using SspKbh.Web.Audit;
using SspKbh.Web.Data;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Security;

namespace SspKbh.Web.Features.Cases;

/// <summary>
/// Reading an enkeltsag (the case page's view, the full CPR number, emergency access) and the groups in the user's
/// scope. Every read of personal data goes to the audit trail; scope (which cases a user may see) comes from
/// <see cref="CaseAccess"/>. Registering is <see cref="CaseRegistrationService"/>, work on a case <see cref="CaseWorkService"/>.
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

    public async Task<LevelDeadline> DeadlineForAsync(CaseLevel level, CancellationToken cancellationToken) =>
        (await db.LevelDeadlines.AsNoTracking().FirstOrDefaultAsync(d => d.Level == level, cancellationToken))?.ToDeadline()
        ?? DeadlineRules.Placeholders.First(d => d.Level == level);

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
