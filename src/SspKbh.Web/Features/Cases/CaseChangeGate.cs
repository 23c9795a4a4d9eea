using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Cases;
using SspKbh.Web.Audit;
using SspKbh.Web.Data;
using SspKbh.Web.Infrastructure;

namespace SspKbh.Web.Features.Cases;

/// <summary>
/// The way in and out of every change to a case, for <see cref="CaseWorkService"/> and <see cref="CaseActivityService"/>:
/// the case loaded for change only when the user may change it (a refusal audited), and the save that checks the
/// concurrency stamp and audits what was done.
/// </summary>
public sealed class CaseChangeGate(SspDbContext db, CaseAccess access, AuditService audit)
{
    /// <summary>Loads a case for change, tracked, if the user may change it (audits a refusal).</summary>
    public async Task<(LookupOutcome, SspCase?, CaseAccessBasis)> LoadAsync(int id, ClaimsPrincipal user, bool coordinationGroupOnly, CancellationToken cancellationToken)
    {
        // Histories are only appended to, so they are not loaded.
        var c = await db.Cases.FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (c is null)
        {
            return (LookupOutcome.NotFound, null, CaseAccessBasis.None);
        }

        var scope = await access.ScopeForAsync(user, cancellationToken);
        var basis = scope.BasisFor(c);
        // An anonymised case keeps only what statistics need: nobody changes it any more. A received handover only reads (ADR 0030).
        if (!basis.MayChange() || (coordinationGroupOnly && basis != CaseAccessBasis.CoordinationGroupMember) || c.AnonymisedOn is not null)
        {
            await audit.WriteAsync(new AuditEvent(AuditActions.CaseUpdate, AuditOutcomes.Denied, SubjectType: "case", SubjectId: Id(id), Actor: user), cancellationToken);
            return (LookupOutcome.Forbidden, null, basis);
        }

        return (LookupOutcome.Found, c, basis);
    }

    public async Task<WorkResult> SaveAsync(SspCase c, ServiceResult result, ClaimsPrincipal user, string details, CancellationToken cancellationToken)
    {
        if (!result.Succeeded || !await Concurrency.TrySaveAsync(db, result, cancellationToken))
        {
            return new WorkResult(LookupOutcome.Found, result);
        }

        await audit.WriteAsync(new AuditEvent(AuditActions.CaseUpdate, SubjectType: "case", SubjectId: Id(c.Id), Details: details, Actor: user), cancellationToken);
        return new WorkResult(LookupOutcome.Found, result);
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
