using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using SspKbh.Web.Audit;
using SspKbh.Web.Data;
using SspKbh.Web.Security;

namespace SspKbh.Web.Features.Account;

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A form post (with antiforgery, validated because the handler binds [FromForm]) so that
        // another site cannot sign a user out, and so it works without JavaScript.
        endpoints.MapPost("/konto/log-ud", async (
                HttpContext context,
                SignInManager<AppUser> signInManager,
                AuditService audit,
                SspDbContext db,
                TimeProvider clock,
                [FromForm(Name = "returnUrl")] string? returnUrl) =>
            {
                await audit.WriteAsync(new AuditEvent(AuditActions.SignOut, SubjectType: "user", SubjectId: context.User.UserId(), Actor: context.User), context.RequestAborted);
                // The session ends on the server first: a copy of the cookie is refused from the next request on, on
                // every instance (ADR 0026); then the browser's cookie is removed.
                await ServerSessions.EndAsync(db, context.User, clock.GetUtcNow().UtcDateTime, context.RequestAborted);
                await signInManager.SignOutAsync();
                return Results.LocalRedirect("/konto/log-ind?logget-ud=1");
            })
            .RequireAuthorization();

        // Work inside a Blazor circuit makes no HTTP requests, so the auth cookie's sliding expiry would lapse
        // under a busy user and the next full page load would ask her to sign in. While she is active in the
        // page, wwwroot/js/app.js calls this now and then; the cookie handler renews the cookie like on any
        // other request. It returns nothing and touches no data.
        endpoints.MapGet("/konto/aktiv", () => Results.NoContent()).RequireAuthorization();
        return endpoints;
    }
}
