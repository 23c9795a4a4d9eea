using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Cases;
using SspKbh.Domain.Consents;
using SspKbh.Web.Audit;
using SspKbh.Web.Data;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Features.Conversations;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;
using SspKbh.Web.Security;

namespace SspKbh.Web.Features.Consents;

public sealed record ConsentFormOptions(
    int CaseId,
    string CaseNumber,
    string PersonName,
    IReadOnlyList<(int Id, string Name)> CustodyHolders,
    IReadOnlyList<(int Id, string Code, string Name, bool IsAuthority)> Parties,
    IReadOnlyList<(string Id, string Name, string PartyCode)> Persons,
    IReadOnlyList<ConsentView> Consents,
    DateOnly Today);

/// <summary>What a recipient without authority status may see under one consent, and nothing more.</summary>
public sealed record SharedView(
    int ConsentId,
    ConsentPurpose Purpose,
    ConsentInformation Information,
    DateOnly ExpiresOn,
    string? PersonName,
    DateOnly? DateOfBirth,
    string? School,
    string? Club,
    IReadOnlyList<SharedGoal> Goals,
    IReadOnlyList<SharedAction> Actions);

/// <summary>One goal the consent lets the recipient see: its label (overall, school, …) and its text.</summary>
public sealed record SharedGoal(string Label, string Text);

/// <summary>An action on the shared view: what, whose, by when, done; for an agreement's follow-up, also who keeps the agreement and by when.</summary>
public sealed record SharedAction(string What, string Owner, DateOnly DueOn, bool Done, AgreedTerms? Agreed);

public sealed record SharedItem(int ConsentId, ConsentPurpose Purpose, ConsentInformation Information, DateOnly ExpiresOn, string? PersonName);

/// <summary>
/// The consent register. Authority members of the case's koordinationsgruppe record and withdraw
/// consents; a recipient (party or named person) sees exactly what an active consent covers. Validity
/// is checked on every request, so a withdrawal takes effect on the next one.
/// </summary>
public sealed class ConsentRegister(SspDbContext db, CaseAccess access, AuditService audit, TimeProvider clock)
{
    private DateOnly Today => DanishTime.Today(clock);

    /// <summary>
    /// The consents about one young person, newest first, for a caller that has checked the user's access (the case page
    /// through CaseService): internal, because it is no action a user may call on their own.
    /// </summary>
    internal async Task<List<ConsentView>> ForPersonAsync(int youngPersonId, CancellationToken cancellationToken)
    {
        var consents = await db.Consents.AsNoTracking().Include(c => c.Recipients)
            .Where(c => c.YoungPersonId == youngPersonId)
            .OrderByDescending(c => c.GivenOn).ThenByDescending(c => c.Id)
            .ToListAsync(cancellationToken);
        if (consents.Count == 0)
        {
            return [];
        }

        var partyIds = consents.SelectMany(c => c.Recipients).Where(r => r.PartyId != null).Select(r => r.PartyId!.Value).Distinct().ToList();
        var userIds = consents.SelectMany(c => c.Recipients).Where(r => r.UserId != null).Select(r => r.UserId!)
            .Concat(consents.Select(c => c.RecordedByUserId)).Distinct().ToList();
        var holderIds = consents.Where(c => c.CustodyHolderId != null).Select(c => c.CustodyHolderId!.Value).ToList();
        var parties = await db.Parties.AsNoTracking().Where(p => partyIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, cancellationToken);
        var holders = await db.CustodyHolders.AsNoTracking().Where(h => holderIds.Contains(h.Id)).ToDictionaryAsync(h => h.Id, h => h.FullName, cancellationToken);
        var today = Today;
        return consents.Select(c => new ConsentView(
            c.Id, c.GivenBy, c.CustodyHolderId is { } h ? holders.GetValueOrDefault(h) : null, c.Information, c.Purpose,
            c.Recipients.Select(r => r.PartyId is { } p ? parties.GetValueOrDefault(p, "") : users.GetValueOrDefault(r.UserId ?? "", ""))
                .Where(n => n.Length > 0).Order(StringComparer.CurrentCulture).ToList(),
            c.GivenOn, c.ExpiresOn, c.WithdrawnOn, c.StateOn(today), users.GetValueOrDefault(c.RecordedByUserId, ""), c.ConcurrencyStamp)).ToList();
    }

    /// <summary>The form's choices, when the user may record consents on this case.</summary>
    public async Task<(LookupOutcome Outcome, ConsentFormOptions? Options)> FormOptionsAsync(int caseId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (outcome, c) = await LoadCaseAsync(caseId, user, AuditActions.ConsentView, cancellationToken);
        if (c is null)
        {
            return (outcome, null);
        }

        var person = await db.YoungPersons.AsNoTracking().Include(p => p.CustodyHolders).FirstAsync(p => p.Id == c.YoungPersonId, cancellationToken);
        var parties = await db.Parties.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.Code)
            .Select(p => new { p.Id, p.Code, p.Name, p.IsPublicAuthority }).ToListAsync(cancellationToken);
        // Named persons matter for recipients without authority status; authority persons share under §115.
        var persons = await db.Users.AsNoTracking().Where(u => u.IsActive && !u.IsAuthorityPerson)
            .Join(db.Parties, u => u.PartyId, p => p.Id, (u, p) => new { u.Id, u.FullName, p.Code })
            .OrderBy(u => u.FullName).Take(500).ToListAsync(cancellationToken);
        var consents = await ForPersonAsync(c.YoungPersonId, cancellationToken);
        await audit.WriteAsync(new AuditEvent(AuditActions.ConsentView, SubjectType: "young-person", SubjectId: Id(c.YoungPersonId),
            Purpose: CaseAccessBasis.CoordinationGroupMember.AuditPurpose(), Details: $"case={caseId}", Actor: user), cancellationToken);
        return (LookupOutcome.Found, new ConsentFormOptions(c.Id, c.CaseNumber, person.FullName,
            person.CustodyHolders.OrderBy(h => h.Id).Select(h => (h.Id, h.FullName)).ToList(),
            parties.Select(p => (p.Id, p.Code, p.Name, p.IsPublicAuthority)).ToList(),
            persons.Select(p => (p.Id, p.FullName, p.Code)).ToList(),
            consents, Today));
    }

    /// <summary>
    /// Records a consent. Only authority members of the case's koordinationsgruppe; the input is checked with the form's
    /// validator, the recipients against the active parties and users and the custody holder against the young person,
    /// so a value no form would send is refused with a Danish message and nothing is saved.
    /// </summary>
    public async Task<(LookupOutcome Outcome, ServiceResult Result)> RecordAsync(int caseId, ConsentInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var result = new ServiceResult();
        var (outcome, c) = await LoadCaseAsync(caseId, user, AuditActions.ConsentCreated, cancellationToken);
        if (c is null)
        {
            return (outcome, result);
        }

        if (ServiceResult.Refusing(new ConsentInputValidator(), input) is { } invalid)
        {
            return (LookupOutcome.Found, invalid);
        }

        var partyIds = Ticked(input.Parties).Select(k => int.TryParse(k, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1).ToList();
        var personIds = Ticked(input.Persons).ToList();
        var knownParties = await db.Parties.AsNoTracking().Where(p => p.IsActive && partyIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken);
        var knownPersons = await db.Users.AsNoTracking().Where(u => u.IsActive && personIds.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken);
        if (knownParties.Count != partyIds.Count || knownPersons.Count != personIds.Count)
        {
            result.Field("Parties", Texts.Error_ConsentUnknownRecipient);
        }

        if (input.GivenBy == ConsentGiver.CustodyHolder && input.CustodyHolderId is { } holderId &&
            !await db.CustodyHolders.AnyAsync(h => h.Id == holderId && h.YoungPersonId == c.YoungPersonId, cancellationToken))
        {
            result.Field(nameof(ConsentInput.CustodyHolderId), Texts.Error_ConsentCustodyHolderRequired);
        }

        var today = Today;
        foreach (var (field, error) in ConsentRules.Validate(input.GivenBy ?? 0, input.CustodyHolderId, input.Information, input.Purpose ?? 0,
                     input.GivenOn ?? today, input.ExpiresOn ?? today, partyIds.Count + personIds.Count, today))
        {
            result.Field(field == "Recipients" ? "Parties" : field == "Information" ? nameof(ConsentInput.IncludeIdentity) : field, CaseTexts.Error(error));
        }

        if (!result.Succeeded || input.GivenBy is null || input.Purpose is null || input.GivenOn is null || input.ExpiresOn is null)
        {
            return (LookupOutcome.Found, result);
        }

        var consent = new Consent
        {
            YoungPersonId = c.YoungPersonId,
            GivenBy = input.GivenBy.Value,
            CustodyHolderId = input.GivenBy == ConsentGiver.CustodyHolder ? input.CustodyHolderId : null,
            Information = input.Information,
            Purpose = input.Purpose.Value,
            GivenOn = input.GivenOn.Value,
            ExpiresOn = input.ExpiresOn.Value,
            RecordedByUserId = user.UserId()!,
            RecordedAtUtc = clock.GetUtcNow().UtcDateTime,
            Recipients = knownParties.Select(p => new ConsentRecipient { PartyId = p })
                .Concat(knownPersons.Select(u => new ConsentRecipient { UserId = u })).ToList(),
        };
        db.Consents.Add(consent);
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(new AuditEvent(AuditActions.ConsentCreated, SubjectType: "young-person", SubjectId: Id(c.YoungPersonId),
            Purpose: CaseAccessBasis.CoordinationGroupMember.AuditPurpose(),
            Details: $"consent={consent.Id}; case={caseId}; information={(int)consent.Information}; purpose={consent.Purpose}; recipients={consent.Recipients.Count}",
            Actor: user), cancellationToken);
        result.CreatedId = Id(consent.Id);
        return (LookupOutcome.Found, result);
    }

    /// <summary>Withdraws a consent of the case's young person, if the stamp is the one the user saw; effective at once.</summary>
    public async Task<(LookupOutcome Outcome, ServiceResult Result)> WithdrawAsync(int caseId, int consentId, string? concurrencyStamp, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var result = new ServiceResult();
        var (outcome, c) = await LoadCaseAsync(caseId, user, AuditActions.ConsentWithdrawn, cancellationToken);
        if (c is null)
        {
            return (outcome, result);
        }

        var consent = await db.Consents.FirstOrDefaultAsync(x => x.Id == consentId && x.YoungPersonId == c.YoungPersonId, cancellationToken);
        if (consent is null)
        {
            return (LookupOutcome.NotFound, result);
        }

        // A stale stamp is a conflict before anything else (also when someone else withdrew it first): the user reloads and sees why.
        if (!Concurrency.Matches(db, consent, concurrencyStamp))
        {
            return (LookupOutcome.Found, result.General(Texts.Concurrency_Conflict));
        }

        if (consent.Withdraw(Today, user.UserId()!) is { } error)
        {
            result.General(CaseTexts.Error(error));
            return (LookupOutcome.Found, result);
        }

        if (!await Concurrency.TrySaveAsync(db, result, cancellationToken))
        {
            return (LookupOutcome.Found, result);
        }

        await audit.WriteAsync(new AuditEvent(AuditActions.ConsentWithdrawn, SubjectType: "young-person", SubjectId: Id(c.YoungPersonId),
            Purpose: CaseAccessBasis.CoordinationGroupMember.AuditPurpose(), Details: $"consent={consentId}; case={caseId}", Actor: user), cancellationToken);
        return (LookupOutcome.Found, result);
    }

    /// <summary>The active consents that name this user or their party (the recipient's list).</summary>
    public async Task<List<SharedItem>> SharedWithAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (userId, partyId) = await RecipientAsync(user, cancellationToken);
        var today = Today;
        var consents = await ActiveFor(userId, partyId, today)
            .OrderBy(c => c.ExpiresOn).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.Purpose, c.Information, c.ExpiresOn, c.YoungPersonId })
            .Take(200)
            .ToListAsync(cancellationToken);
        var namedIds = consents.Where(c => c.Information.HasFlag(ConsentInformation.Identity)).Select(c => c.YoungPersonId).Distinct().ToList();
        var names = await db.YoungPersons.AsNoTracking().Where(p => namedIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.FullName, cancellationToken);
        await audit.WriteListAsync(new AuditEvent(AuditActions.ConsentSharedList, Purpose: "consent",
            Details: $"consents={consents.Count}", Actor: user), "young-person", consents.Select(c => c.YoungPersonId), cancellationToken);
        return consents.Select(c => new SharedItem(c.Id, c.Purpose, c.Information, c.ExpiresOn,
            c.Information.HasFlag(ConsentInformation.Identity) ? names.GetValueOrDefault(c.YoungPersonId) : null)).ToList();
    }

    /// <summary>What one active consent shows this user; Forbidden (and audited) when it does not cover them today.</summary>
    public async Task<(LookupOutcome Outcome, SharedView? View)> SharedAsync(int consentId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (userId, partyId) = await RecipientAsync(user, cancellationToken);
        var consent = await db.Consents.AsNoTracking().Include(c => c.Recipients).FirstOrDefaultAsync(c => c.Id == consentId, cancellationToken);
        var today = Today;
        if (consent is null || !consent.Covers(userId, partyId, today))
        {
            // An unknown id and a consent that does not cover the user answer alike: ids reveal nothing.
            await audit.WriteAsync(new AuditEvent(AuditActions.ConsentSharedView, AuditOutcomes.Denied, SubjectType: "consent", SubjectId: Id(consentId),
                Purpose: "consent", Actor: user), cancellationToken);
            return (LookupOutcome.Forbidden, null);
        }

        var person = await db.YoungPersons.AsNoTracking().FirstAsync(p => p.Id == consent.YoungPersonId, cancellationToken);
        var identity = consent.Information.HasFlag(ConsentInformation.Identity);
        var goals = new List<SharedGoal>();
        var actions = new List<SharedAction>();
        if (consent.Information.HasFlag(ConsentInformation.GoalsAndActions))
        {
            var c = await db.Cases.AsNoTracking()
                .Where(x => x.YoungPersonId == person.Id && x.AnonymisedOn == null)
                .OrderBy(x => x.Status == CaseStatus.Closed).ThenByDescending(x => x.RaisedOn).ThenByDescending(x => x.Id)
                .FirstOrDefaultAsync(cancellationToken);
            if (c is not null)
            {
                foreach (var (label, text) in new[]
                         {
                             (Texts.CaseGoals_Overall, c.OverallGoal), (Texts.CaseGoals_School, c.GoalSchool), (Texts.CaseGoals_Leisure, c.GoalLeisure),
                             (Texts.CaseGoals_Home, c.GoalHome), (Texts.CaseGoals_Crime, c.GoalCrime),
                         })
                {
                    if (!string.IsNullOrWhiteSpace(text))
                    {
                        goals.Add(new SharedGoal(label, text));
                    }
                }

                var rows = await db.CaseActions.AsNoTracking().Where(a => a.CaseId == c.Id)
                    .OrderBy(a => a.Status).ThenBy(a => a.DueOn).ThenBy(a => a.Id)
                    .Select(a => new { a.What, a.OwnerName, a.DueOn, a.Status, a.ConversationAgreementId }).ToListAsync(cancellationToken);
                var agreed = await AgreedTerms.ForAsync(db, rows.Select(a => a.ConversationAgreementId), cancellationToken);
                actions = rows.Select(a => new SharedAction(a.What, a.OwnerName, a.DueOn, a.Status == ActionStatus.Done, AgreedTerms.Of(agreed, a.ConversationAgreementId))).ToList();
            }
        }

        await audit.WriteAsync(new AuditEvent(AuditActions.ConsentSharedView, SubjectType: "young-person", SubjectId: Id(person.Id),
            Purpose: "consent", Details: $"consent={consentId}; information={(int)consent.Information}; purpose={consent.Purpose}", Actor: user), cancellationToken);
        return (LookupOutcome.Found, new SharedView(consent.Id, consent.Purpose, consent.Information, consent.ExpiresOn,
            identity ? person.FullName : null, identity ? person.DateOfBirth : null, identity ? person.School : null, identity ? person.Club : null,
            goals, actions));
    }

    private IQueryable<Consent> ActiveFor(string userId, int partyId, DateOnly today) =>
        db.Consents.AsNoTracking().Where(c => c.WithdrawnOn == null && c.GivenOn <= today && c.ExpiresOn >= today &&
            c.Recipients.Any(r => r.UserId == userId || r.PartyId == partyId));

    private async Task<(string UserId, int PartyId)> RecipientAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId() ?? "";
        var partyId = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => (int?)u.PartyId).FirstOrDefaultAsync(cancellationToken);
        return (userId, partyId ?? -1);
    }

    /// <summary>Loads the case when the user is an authority member of its koordinationsgruppe (audits a refusal).</summary>
    private async Task<(LookupOutcome, SspCase?)> LoadCaseAsync(int caseId, ClaimsPrincipal user, string action, CancellationToken cancellationToken)
    {
        var c = await db.Cases.AsNoTracking().FirstOrDefaultAsync(x => x.Id == caseId, cancellationToken);
        if (c is null)
        {
            return (LookupOutcome.NotFound, null);
        }

        var scope = await access.ScopeForAsync(user, cancellationToken);
        if (scope.BasisFor(c) != CaseAccessBasis.CoordinationGroupMember || c.AnonymisedOn is not null)
        {
            await audit.WriteAsync(new AuditEvent(action, AuditOutcomes.Denied, SubjectType: "case", SubjectId: Id(caseId), Actor: user), cancellationToken);
            return (LookupOutcome.Forbidden, null);
        }

        return (LookupOutcome.Found, c);
    }

    private static IEnumerable<string> Ticked(Dictionary<string, bool> values) => values.Where(v => v.Value).Select(v => v.Key).Distinct(StringComparer.Ordinal);

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
