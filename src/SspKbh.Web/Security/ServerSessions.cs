using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SspKbh.Web.Data;

namespace SspKbh.Web.Security;

/// <summary>
/// Server-side sessions (ADR 0026): every sign-in gets a row in <c>UserSessions</c> and its id in the cookie's
/// ticket. Every request checks that the row is still open, so "Log ud" ends the session at once for a copy of the
/// cookie as well, on every app instance; an administrator's "log out everywhere" and a deactivation end all the
/// user's sessions the same way. Circuits check it at each revalidation (<see cref="RevalidatingAuthStateProvider"/>).
/// </summary>
public static partial class ServerSessions
{
    /// <summary>The ticket's properties item that holds the session id (the source of truth).</summary>
    public const string SessionItem = ".sspkbh.session";

    /// <summary>The same id as a claim, for the circuit (which sees the principal, not the ticket's properties).</summary>
    public const string SessionClaim = "sspkbh:session";

    /// <summary>
    /// At sign-in: starts a session unless the ticket already has one (a re-sign-in after two-factor enrolment keeps
    /// its session), and puts its id on the principal. Sessions of the user older than the absolute lifetime can no
    /// longer be valid and are removed here, so the table stays small without a job of its own.
    /// </summary>
    public static async Task StartAsync(CookieSigningInContext context)
    {
        if (context.Principal?.Identity is not ClaimsIdentity identity)
        {
            return;
        }

        if (!context.Properties.Items.TryGetValue(SessionItem, out var id) || string.IsNullOrEmpty(id))
        {
            var userId = context.Principal.UserId()
                ?? throw new InvalidOperationException("A principal without a user id cannot start a session.");
            var services = context.HttpContext.RequestServices;
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var stale = now - services.GetRequiredService<IOptions<SecurityOptions>>().Value.AbsoluteSessionLifetime;
            id = RandomNumberGenerator.GetHexString(UserSession.IdLength, lowercase: true);
            await using var db = await services.GetRequiredService<IDbContextFactory<SspDbContext>>().CreateDbContextAsync(context.HttpContext.RequestAborted);
            await db.UserSessions.Where(s => s.UserId == userId && s.CreatedAtUtc < stale).ExecuteDeleteAsync(context.HttpContext.RequestAborted);
            db.UserSessions.Add(new UserSession { Id = id, UserId = userId, CreatedAtUtc = now });
            await db.SaveChangesAsync(context.HttpContext.RequestAborted);
            context.Properties.Items[SessionItem] = id;
        }

        foreach (var old in identity.FindAll(SessionClaim).ToList())
        {
            identity.RemoveClaim(old);
        }

        identity.AddClaim(new Claim(SessionClaim, id));
    }

    /// <summary>
    /// On every request: rejects the principal and signs the cookie out when its session has been ended, or when the
    /// ticket has no session (issued before server-side sessions existed).
    /// </summary>
    public static async Task<bool> RejectIfEndedAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var id = context.Properties.Items.TryGetValue(SessionItem, out var value) ? value : null;
        if (id is not null)
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<SspDbContext>>().CreateDbContextAsync(context.HttpContext.RequestAborted);
            if (await IsOpenAsync(db, id, context.HttpContext.RequestAborted))
            {
                return false;
            }
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(context.Scheme.Name);
        LogSessionRejected(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ServerSessions)));
        return true;
    }

    public static Task<bool> IsOpenAsync(SspDbContext db, string sessionId, CancellationToken cancellationToken) =>
        db.UserSessions.AsNoTracking().AnyAsync(s => s.Id == sessionId && s.EndedAtUtc == null, cancellationToken);

    /// <summary>Ends the session this principal belongs to (signing out).</summary>
    public static async Task EndAsync(SspDbContext db, ClaimsPrincipal principal, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (principal.FindFirstValue(SessionClaim) is { } id)
        {
            await db.UserSessions.Where(s => s.Id == id && s.EndedAtUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAtUtc, nowUtc), cancellationToken);
        }
    }

    /// <summary>Ends every open session of the user (an administrator's "log out everywhere", a deactivation).</summary>
    public static Task EndAllAsync(SspDbContext db, string userId, DateTime nowUtc, CancellationToken cancellationToken) =>
        db.UserSessions.Where(s => s.UserId == userId && s.EndedAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAtUtc, nowUtc), cancellationToken);

    // No user id, no session id: the log never carries anything that leads to a person.
    [LoggerMessage(Level = LogLevel.Information, Message = "A request came with the cookie of an ended session; it was signed out.")]
    private static partial void LogSessionRejected(ILogger logger);
}
