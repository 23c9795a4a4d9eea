using System.Security.Claims;
using SspKbh.Domain.Access;
using SspKbh.Web.Audit;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;

namespace SspKbh.Web.Features.Admin;

/// <summary>
/// The administration services' own check of the actor. The pages' policy already refuses everyone else, but an open
/// circuit keeps its user until the next revalidation, and a service may be called from anywhere: each load and save
/// asks again, and a refusal is audited like a refused page.
/// </summary>
public static class AdminAccess
{
    public static bool IsAdministrator(ClaimsPrincipal actor) => actor.IsInRole(nameof(AppRole.Administrator));

    /// <summary>Null when the actor is an administrator; otherwise the refusal, written to the audit trail.</summary>
    public static async Task<ServiceResult?> RefuseUnlessAdministratorAsync(AuditService audit, ClaimsPrincipal actor, string subjectType, string? subjectId, CancellationToken cancellationToken)
    {
        if (IsAdministrator(actor))
        {
            return null;
        }

        await audit.WriteAsync(new AuditEvent(AuditActions.AccessDenied, AuditOutcomes.Denied, SubjectType: subjectType, SubjectId: subjectId, Actor: actor), cancellationToken);
        return new ServiceResult().General(Texts.Forbidden_Text);
    }
}
