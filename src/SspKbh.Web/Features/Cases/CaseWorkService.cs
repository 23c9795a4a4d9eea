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

/// <summary>What an edit page needs to show about the case it changes.</summary>
public sealed record CaseEditContext(
    int Id,
    string CaseNumber,
    string PersonName,
    CaseLevel Level,
    CaseStatus Status,
    int LeadPartyId,
    string? LeadUserId,
    string? LeadOverrideReason,
    LevelForm Form,
    GoalsInput Goals,
    bool AwaitsSspPlusHandover,
    int CoordinationGroupId,
    CaseAccessBasis Basis,
    string ConcurrencyStamp);

public sealed record WorkResult(LookupOutcome Outcome, ServiceResult Result)
{
    public bool Succeeded => Outcome == LookupOutcome.Found && Result.Succeeded;

    /// <summary>The answer of a service that gives the outcome and the result as a pair (ConsentRegister).</summary>
    public static async Task<WorkResult> Of(Task<(LookupOutcome Outcome, ServiceResult Result)> answer)
    {
        var (outcome, result) = await answer;
        return new WorkResult(outcome, result);
    }
}

/// <summary>
/// Changes to the case's own fields after registration: level, status, SSP+ handover, goals, factors, reviews and the
/// ledergruppe flag. Level, status and handover belong to the koordinationsgruppe; goals, factors and reviews may also be
/// written by the ledergruppe reviewing a level 3–4 case. Every change is checked against the case's concurrency stamp
/// and audited. What is appended to a case (actions, their outcomes, journal notes) is <see cref="CaseActivityService"/>.
/// </summary>
public sealed class CaseWorkService(SspDbContext db, CaseAccess access, CaseChangeGate gate, AuditService audit, TimeProvider clock)
{
    public DateOnly Today => DanishTime.Today(clock);

    public async Task<(LookupOutcome Outcome, CaseEditContext? Context)> GetForEditAsync(int id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (outcome, c, basis) = await gate.LoadAsync(id, user, coordinationGroupOnly: false, cancellationToken);
        if (c is null)
        {
            return (outcome, null);
        }

        var person = await db.YoungPersons.AsNoTracking().Where(p => p.Id == c.YoungPersonId)
            .Select(p => new { p.FullName, p.DateOfBirth }).FirstAsync(cancellationToken);
        await audit.WriteAsync(new AuditEvent(AuditActions.CaseView, SubjectType: "case", SubjectId: Id(id), Purpose: "edit", Actor: user), cancellationToken);
        return (LookupOutcome.Found, new CaseEditContext(c.Id, c.CaseNumber, person.FullName, c.Level, c.Status, c.LeadPartyId, c.LeadUserId,
            c.LeadOverrideReason, c.Form,
            new GoalsInput { OverallGoal = c.OverallGoal, GoalSchool = c.GoalSchool, GoalLeisure = c.GoalLeisure, GoalHome = c.GoalHome, GoalCrime = c.GoalCrime, ConcurrencyStamp = c.ConcurrencyStamp },
            c.AwaitsSspPlusHandover(person.DateOfBirth, Today), c.CoordinationGroupId, basis, c.ConcurrencyStamp));
    }

    public async Task<WorkResult> ChangeLevelAsync(int id, LevelChangeInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (outcome, c, _) = await gate.LoadAsync(id, user, coordinationGroupOnly: true, cancellationToken);
        var result = new ServiceResult();
        if (c is null || !Concurrency.Matches(db, c, input.ConcurrencyStamp))
        {
            return new WorkResult(outcome, c is null ? result : result.General(Texts.Concurrency_Conflict));
        }

        if (ServiceResult.Refusing(new LevelChangeInputValidator(), input) is { } invalid)
        {
            return new WorkResult(outcome, invalid);
        }

        var level = input.Level!.Value;
        var defaultCode = level.DefaultLeadParty();
        var parties = await db.Parties.AsNoTracking().Where(p => p.Id == input.LeadPartyId || p.Code == defaultCode)
            .ToDictionaryAsync(p => p.Id, p => p.Code, cancellationToken);
        var leadPartyId = input.LeadPartyId ?? parties.FirstOrDefault(p => p.Value == defaultCode).Key;
        if (!parties.TryGetValue(leadPartyId, out var leadCode))
        {
            return new WorkResult(outcome, result.Field(nameof(LevelChangeInput.LeadPartyId), Texts.Case_Validation_LeadPartyRequired));
        }

        if (!string.IsNullOrWhiteSpace(input.LeadUserId) &&
            !await db.GroupMemberships.AnyAsync(m => m.GroupId == c.CoordinationGroupId && m.UserId == input.LeadUserId, cancellationToken))
        {
            result.Field(nameof(LevelChangeInput.LeadUserId), Texts.Case_Validation_LeadNotInGroup);
        }

        var lead = new LeadAssignment(leadCode, Blank(input.LeadUserId), Blank(input.LeadOverrideReason));
        var from = c.Level;
        foreach (var (field, error) in c.ChangeLevel(level, input.Reason, level.RequiresLevelForm() ? input.ToLevelForm() : null, lead, leadPartyId,
                     user.UserId()!, clock.GetUtcNow().UtcDateTime, Today))
        {
            result.Field(field switch
            {
                "Lead.PartyCode" => nameof(LevelChangeInput.LeadPartyId),
                "Lead.PersonUserId" => nameof(LevelChangeInput.LeadUserId),
                "Lead.OverrideReason" => nameof(LevelChangeInput.LeadOverrideReason),
                _ when field.StartsWith("Form.", StringComparison.Ordinal) => "Form" + field["Form.".Length..],
                _ => field,
            }, field.StartsWith("Form.", StringComparison.Ordinal) ? CaseTexts.FormFieldRequired(field["Form.".Length..]) : CaseTexts.Error(error));
        }

        return await gate.SaveAsync(c, result, user, $"level={(int)from}->{(int)level}", cancellationToken);
    }

    public async Task<WorkResult> ChangeStatusAsync(int id, StatusInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (outcome, c, _) = await gate.LoadAsync(id, user, coordinationGroupOnly: true, cancellationToken);
        var result = new ServiceResult();
        if (c is null || !Concurrency.Matches(db, c, input.ConcurrencyStamp))
        {
            return new WorkResult(outcome, c is null ? result : result.General(Texts.Concurrency_Conflict));
        }

        if (ServiceResult.Refusing(new StatusInputValidator(), input) is { } invalid)
        {
            return new WorkResult(outcome, invalid);
        }

        if (input.CloseReason == CloseReason.HandedOverToSspPlus)
        {
            // A handover names the receiving group and date: it has its own form.
            return new WorkResult(outcome, result.Field(nameof(StatusInput.CloseReason), Texts.Case_Validation_UseHandoverForm));
        }

        var from = c.Status;
        if (c.ChangeStatus(input.Status!.Value, input.Reason, input.CloseReason, user.UserId()!, clock.GetUtcNow().UtcDateTime, Today) is { } error)
        {
            result.Field(error is "CloseNeedsReason" ? nameof(StatusInput.CloseReason) : error is "StatusUnchanged" or "StatusCannotGoBack" or "StatusTransitionNotAllowed" ? nameof(StatusInput.Status) : nameof(StatusInput.Reason),
                CaseTexts.Error(error));
        }

        return await gate.SaveAsync(c, result, user, $"status={from}->{input.Status}", cancellationToken);
    }

    public async Task<WorkResult> HandOverAsync(int id, HandoverInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (outcome, c, _) = await gate.LoadAsync(id, user, coordinationGroupOnly: true, cancellationToken);
        var result = new ServiceResult();
        if (c is null || !Concurrency.Matches(db, c, input.ConcurrencyStamp))
        {
            return new WorkResult(outcome, c is null ? result : result.General(Texts.Concurrency_Conflict));
        }

        if (ServiceResult.Refusing(new HandoverInputValidator(), input) is { } invalid)
        {
            return new WorkResult(outcome, invalid);
        }

        if (!await db.Groups.AnyAsync(g => g.Id == input.GroupId && g.IsActive && g.Kind == GroupKind.SspPlusCoordinationGroup, cancellationToken))
        {
            return new WorkResult(outcome, result.Field(nameof(HandoverInput.GroupId), Texts.Case_Validation_HandoverGroupRequired));
        }

        if (c.HandOverToSspPlus(input.HandoverOn!.Value, input.GroupId!.Value, user.UserId()!, clock.GetUtcNow().UtcDateTime, Today) is { } error)
        {
            result.Field(error == "HandoverInFuture" ? nameof(HandoverInput.HandoverOn) : nameof(HandoverInput.GroupId), CaseTexts.Error(error));
        }

        return await gate.SaveAsync(c, result, user, $"handover=ssp-plus; receiving-group={input.GroupId}", cancellationToken); // the group reads it from now on (ADR 0030)
    }

    public async Task<WorkResult> SetGoalsAsync(int id, GoalsInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (outcome, c, _) = await gate.LoadAsync(id, user, coordinationGroupOnly: false, cancellationToken);
        var result = new ServiceResult();
        if (c is null || !Concurrency.Matches(db, c, input.ConcurrencyStamp))
        {
            return new WorkResult(outcome, c is null ? result : result.General(Texts.Concurrency_Conflict));
        }

        if (ServiceResult.Refusing(new GoalsInputValidator(), input) is { } invalid)
        {
            return new WorkResult(outcome, invalid);
        }

        c.SetGoals(input.OverallGoal, input.GoalSchool, input.GoalLeisure, input.GoalHome, input.GoalCrime, clock.GetUtcNow().UtcDateTime);
        return await gate.SaveAsync(c, result, user, "goals", cancellationToken);
    }

    /// <summary>The case's ticked factors and notes, for a user who may change them (null, audited as denied, for anyone else).</summary>
    public async Task<FactorsInput?> GetFactorsAsync(int id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var c = await db.Cases.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.CoordinationGroupId, x.Level, x.SspPlusGroupId, x.AnonymisedOn }).FirstOrDefaultAsync(cancellationToken);
        if (c is null)
        {
            return null;
        }

        var basis = (await access.ScopeForAsync(user, cancellationToken)).BasisFor(c.CoordinationGroupId, c.Level, c.SspPlusGroupId);
        if (!basis.MayChange() || c.AnonymisedOn is not null)
        {
            await audit.WriteAsync(new AuditEvent(AuditActions.CaseView, AuditOutcomes.Denied, SubjectType: "case", SubjectId: Id(id), Purpose: "edit", Actor: user), cancellationToken);
            return null;
        }

        var codes = await db.CaseFactors.AsNoTracking().Where(f => f.CaseId == id).Select(f => f.Code).ToListAsync(cancellationToken);
        var notes = await db.CaseFactorNotes.AsNoTracking().Where(n => n.CaseId == id).ToListAsync(cancellationToken);
        return new FactorsInput
        {
            Factors = RiskFactorChecklist.All.ToDictionary(f => f.Code, f => codes.Contains(f.Code), StringComparer.Ordinal),
            Notes = Enum.GetValues<FactorDomain>().ToDictionary(d => d.ToString(), d => notes.FirstOrDefault(n => n.Domain == d)?.Note, StringComparer.Ordinal),
        };
    }

    public async Task<WorkResult> SetFactorsAsync(int id, FactorsInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (outcome, c, _) = await gate.LoadAsync(id, user, coordinationGroupOnly: false, cancellationToken);
        var result = new ServiceResult();
        if (c is null || !Concurrency.Matches(db, c, input.ConcurrencyStamp))
        {
            return new WorkResult(outcome, c is null ? result : result.General(Texts.Concurrency_Conflict));
        }

        if (ServiceResult.Refusing(new FactorsInputValidator(), input) is { } invalid)
        {
            return new WorkResult(outcome, invalid);
        }

        var wanted = input.Factors.Where(f => f.Value && RiskFactorChecklist.IsKnown(f.Key)).Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        var existing = await db.CaseFactors.Where(f => f.CaseId == id).ToListAsync(cancellationToken);
        db.CaseFactors.RemoveRange(existing.Where(f => !wanted.Contains(f.Code)));
        db.CaseFactors.AddRange(wanted.Where(code => existing.All(f => f.Code != code)).Select(code => new CaseFactor { CaseId = id, Code = code }));

        var notes = await db.CaseFactorNotes.Where(n => n.CaseId == id).ToListAsync(cancellationToken);
        foreach (var domain in Enum.GetValues<FactorDomain>())
        {
            var text = Blank(input.Notes.GetValueOrDefault(domain.ToString()));
            var note = notes.FirstOrDefault(n => n.Domain == domain);
            if (text is null && note is not null)
            {
                db.CaseFactorNotes.Remove(note);
            }
            else if (text is not null && note is null)
            {
                db.CaseFactorNotes.Add(new CaseFactorNote { CaseId = id, Domain = domain, Note = text });
            }
            else if (text is not null && note is not null)
            {
                note.Note = text;
            }
        }

        c.Touch(clock.GetUtcNow().UtcDateTime);
        return await gate.SaveAsync(c, result, user, $"factors={wanted.Count}", cancellationToken);
    }

    public async Task<WorkResult> MarkReviewedAsync(int id, string? stamp, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (outcome, c, _) = await gate.LoadAsync(id, user, coordinationGroupOnly: false, cancellationToken);
        var result = new ServiceResult();
        if (c is null || !Concurrency.Matches(db, c, stamp))
        {
            return new WorkResult(outcome, c is null ? result : result.General(Texts.Concurrency_Conflict));
        }

        c.MarkReviewed(Today, clock.GetUtcNow().UtcDateTime);
        return await gate.SaveAsync(c, result, user, "reviewed", cancellationToken);
    }

    /// <summary>
    /// Sends a level 3–4 case to the ledergruppe (or takes it off the ledergruppe's list), and records
    /// that the case was reviewed. Only level 3–4 cases are seen by a ledergruppe.
    /// </summary>
    public async Task<WorkResult> SetLeaderGroupFlagAsync(int id, bool flagged, string? stamp, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (outcome, c, _) = await gate.LoadAsync(id, user, coordinationGroupOnly: false, cancellationToken);
        var result = new ServiceResult();
        if (c is null || !Concurrency.Matches(db, c, stamp))
        {
            return new WorkResult(outcome, c is null ? result : result.General(Texts.Concurrency_Conflict));
        }

        if (c.SetLeaderGroupFlag(flagged, Today, clock.GetUtcNow().UtcDateTime) is { } error)
        {
            result.Field("Decision", CaseTexts.Error(error));
        }

        return await gate.SaveAsync(c, result, user, flagged ? "leader-group=flagged" : "leader-group=cleared", cancellationToken);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
