using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace SspKbh.Web.Security;

/// <summary>
/// The absolute session lifetime (<c>Security:AbsoluteSessionLifetime</c>, 10 hours): a session signed
/// in longer ago than that is ended even if it has been active all along. The idle timeout alone would
/// let a busy session live for ever.
/// <para>
/// The sign-in time is an item of the ticket's <see cref="AuthenticationProperties"/>, not its
/// <c>IssuedUtc</c> and not a claim: <c>IssuedUtc</c> moves to "now" at every sliding renewal, and
/// <c>SignInManager.RefreshSignInAsync</c> (after TOTP enrolment) rebuilds the principal but passes the
/// old properties on. Security-stamp refreshes and sliding renewals keep the properties too
/// (docs/adr/0012-absolute-session-lifetime.md).
/// </para>
/// </summary>
public static partial class SessionLifetime
{
    /// <summary>The properties item that holds the UTC time of the sign-in (round-trip format).</summary>
    public const string SignedInAtItem = ".sspkbh.signed-in-at";

    /// <summary>
    /// The same time as a claim, for the Blazor circuit: a circuit sees the principal, not the ticket's
    /// properties. The properties item stays the source of truth; the claim is written from it at every
    /// sign-in and carried over when the security-stamp check rebuilds the principal.
    /// </summary>
    public const string SignedInAtClaim = "sspkbh:signed-in-at";

    /// <summary>Stamps a new sign-in; a re-sign-in that carries its properties over keeps the original time.</summary>
    public static Task StampSignInAsync(CookieSigningInContext context)
    {
        if (!context.Properties.Items.TryGetValue(SignedInAtItem, out var stamp) || stamp is null)
        {
            var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            stamp = now.ToString("O", CultureInfo.InvariantCulture);
            context.Properties.Items[SignedInAtItem] = stamp;
        }

        if (context.Principal?.Identity is ClaimsIdentity identity)
        {
            foreach (var old in identity.FindAll(SignedInAtClaim).ToList())
            {
                identity.RemoveClaim(old);
            }

            identity.AddClaim(new Claim(SignedInAtClaim, stamp));
        }

        return Task.CompletedTask;
    }

    /// <summary>When the session of this principal began (the claim), or null when it carries none.</summary>
    public static DateTimeOffset? SignedInAt(ClaimsPrincipal principal) => Parse(principal.FindFirst(SignedInAtClaim)?.Value);

    private static DateTimeOffset? Parse(string? value) =>
        DateTimeOffset.TryParseExact(value, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var signedIn) ? signedIn : null;

    /// <summary>When the session began, or null for a ticket without a readable stamp.</summary>
    public static DateTimeOffset? SignedInAt(AuthenticationProperties properties) =>
        Parse(properties.Items.TryGetValue(SignedInAtItem, out var value) ? value : null);

    /// <summary>
    /// Rejects the principal and signs the cookie out when the session is older than the absolute
    /// lifetime. A ticket without the stamp (issued before this rule existed) counts as too old.
    /// </summary>
    public static async Task<bool> RejectIfTooOldAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var lifetime = services.GetRequiredService<IOptions<SecurityOptions>>().Value.AbsoluteSessionLifetime;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (SignedInAt(context.Properties) is { } signedIn && now - signedIn <= lifetime)
        {
            return false;
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(context.Scheme.Name);
        LogSessionEnded(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SessionLifetime)), lifetime);
        return true;
    }

    // No user id or name: the log never carries personal data.
    [LoggerMessage(Level = LogLevel.Information, Message = "A session older than the absolute session lifetime ({Lifetime}) was ended.")]
    private static partial void LogSessionEnded(ILogger logger, TimeSpan lifetime);
}
