using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SspKbh.Web.Components.Interactive;

namespace SspKbh.Web.Security;

/// <summary>
/// Keeps ADR 0009 and 0012 true inside a Blazor circuit, where no HTTP request (and so no cookie check)
/// happens for as long as the tab is open. Every <c>Security:SessionValidationInterval</c> (one minute)
/// it ends the circuit's sign-in when the account was deactivated, its session was ended on the server (signed out
/// in another tab, "end sessions"; ADR 0026), its security stamp changed (roles, groups, authority status,
/// two-factor reset), the absolute lifetime has
/// passed, or nothing happened in the circuit for longer than the idle timeout. The router then sends
/// the user to the login page.
/// </summary>
public sealed partial class RevalidatingAuthStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopeFactory,
    IOptions<SecurityOptions> options,
    IOptions<IdentityOptions> identityOptions,
    CircuitContext circuit,
    TimeProvider clock)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<RevalidatingAuthStateProvider>();

    // Zero (the tests' "check on every request") would spin: check every second instead.
    protected override TimeSpan RevalidationInterval =>
        options.Value.SessionValidationInterval > TimeSpan.FromSeconds(1) ? options.Value.SessionValidationInterval : TimeSpan.FromSeconds(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var principal = authenticationState.User;
        if (principal.Identity?.IsAuthenticated != true)
        {
            return true;
        }

        var reason = await ProblemWithAsync(principal, cancellationToken);
        if (reason is not null)
        {
            LogCircuitSessionEnded(_logger, reason);
        }

        return reason is null;
    }

    private async Task<string?> ProblemWithAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var security = options.Value;
        if (SessionLifetime.SignedInAt(principal) is not { } signedIn || now - signedIn > security.AbsoluteSessionLifetime)
        {
            return "absolute-lifetime";
        }

        if (circuit.LastActivityUtc is { } last && now - last > security.IdleTimeout)
        {
            return "idle-timeout";
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.GetUserAsync(principal);
        if (user is null || !user.IsActive)
        {
            return "deactivated";
        }

        if (principal.FindFirstValue(ServerSessions.SessionClaim) is not { } session
            || !await ServerSessions.IsOpenAsync(scope.ServiceProvider.GetRequiredService<Data.SspDbContext>(), session, cancellationToken))
        {
            return "session-ended";
        }

        if (!users.SupportsUserSecurityStamp)
        {
            return null;
        }

        var stampInCookie = principal.FindFirstValue(identityOptions.Value.ClaimsIdentity.SecurityStampClaimType);
        var stampNow = await users.GetSecurityStampAsync(user);
        return string.Equals(stampInCookie, stampNow, StringComparison.Ordinal) ? null : "security-stamp";
    }

    // A reason code only: never the user's id or name (logs carry no personal data).
    [LoggerMessage(Level = LogLevel.Information, Message = "A circuit's session was ended at revalidation: {Reason}.")]
    private static partial void LogCircuitSessionEnded(ILogger logger, string reason);
}
