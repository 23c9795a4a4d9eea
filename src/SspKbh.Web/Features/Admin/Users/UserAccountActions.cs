using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using SspKbh.Web.Audit;
using SspKbh.Web.Data;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;
using SspKbh.Web.Security;

namespace SspKbh.Web.Features.Admin.Users;

/// <summary>
/// What an administrator does to an account beside editing it: deactivate or reactivate it, reset its two-factor
/// authentication, sign it out everywhere, lift a lockout. Each checks the actor, is audited, and (except unlocking)
/// renews the security stamp, which ends the user's open sessions and circuits within the validation interval.
/// </summary>
public sealed class UserAccountActions(
    SspDbContext db,
    UserManager<AppUser> userManager,
    AuditService audit,
    TimeProvider clock)
{
    public async Task<ServiceResult> SetActiveAsync(string id, bool active, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var (result, user) = await FindAsync(id, actor, cancellationToken);
        if (user is null)
        {
            return result;
        }

        if (!active && id == actor.UserId())
        {
            return result.General(Texts.Admin_CannotDeactivateSelf);
        }

        user.IsActive = active;
        user.LockoutEnd = active ? null : DateTimeOffset.MaxValue;
        await userManager.UpdateAsync(user);
        await userManager.UpdateSecurityStampAsync(user);
        if (!active)
        {
            await ServerSessions.EndAllAsync(db, id, clock.GetUtcNow().UtcDateTime, cancellationToken);
        }
        await audit.WriteAsync(new AuditEvent(active ? AuditActions.UserReactivated : AuditActions.UserDeactivated, SubjectType: "user", SubjectId: id, Actor: actor), cancellationToken);
        return result;
    }

    public async Task<ServiceResult> ResetTwoFactorAsync(string id, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var (result, user) = await FindAsync(id, actor, cancellationToken);
        if (user is null)
        {
            return result;
        }

        await userManager.SetTwoFactorEnabledAsync(user, false);
        await userManager.ResetAuthenticatorKeyAsync(user);
        await userManager.UpdateSecurityStampAsync(user);
        await audit.WriteAsync(new AuditEvent(AuditActions.TwoFactorReset, SubjectType: "user", SubjectId: id, Actor: actor), cancellationToken);
        return result;
    }

    /// <summary>
    /// "Log brugeren ud overalt": ends every server-side session of the user (ADR 0026), so each open session (any
    /// browser, any app instance) is refused at its next request, and renews the security stamp. The account itself
    /// is unchanged.
    /// </summary>
    public async Task<ServiceResult> EndSessionsAsync(string id, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var (result, user) = await FindAsync(id, actor, cancellationToken);
        if (user is null)
        {
            return result;
        }

        await ServerSessions.EndAllAsync(db, id, clock.GetUtcNow().UtcDateTime, cancellationToken);
        await userManager.UpdateSecurityStampAsync(user);
        await audit.WriteAsync(new AuditEvent(AuditActions.UserSessionsEnded, SubjectType: "user", SubjectId: id, Actor: actor), cancellationToken);
        return result;
    }

    public async Task<ServiceResult> UnlockAsync(string id, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var (result, user) = await FindAsync(id, actor, cancellationToken);
        if (user is null || !user.IsActive)
        {
            return user is null ? result : result.General(Texts.Admin_UserNotFound);
        }

        await userManager.SetLockoutEndDateAsync(user, null);
        await userManager.ResetAccessFailedCountAsync(user);
        await audit.WriteAsync(new AuditEvent(AuditActions.UserUpdated, SubjectType: "user", SubjectId: id, Details: "changed=unlock", Actor: actor), cancellationToken);
        return result;
    }

    /// <summary>The user an action is for, once the actor is known to be an administrator; otherwise the refusal (or "not found").</summary>
    private async Task<(ServiceResult Result, AppUser? User)> FindAsync(string id, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        if (await AdminAccess.RefuseUnlessAdministratorAsync(audit, actor, "user", id, cancellationToken) is { } refused)
        {
            return (refused, null);
        }

        var user = await userManager.FindByIdAsync(id);
        return user is null ? (new ServiceResult().General(Texts.Admin_UserNotFound), null) : (new ServiceResult(), user);
    }
}
