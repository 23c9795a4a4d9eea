using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SspKbh.Web.Audit;
using SspKbh.Web.Data;

namespace SspKbh.Web.Security;

public sealed class SecurityOptions
{
    /// <summary>Every account must use TOTP two-factor authentication. Only Development turns this off.</summary>
    public bool RequireTwoFactor { get; set; } = true;

    /// <summary>How often the cookie is checked against the user's security stamp.</summary>
    public TimeSpan SessionValidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Sliding idle timeout of a session.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long after sign-in a session ends however active it is (<see cref="SessionLifetime"/>).</summary>
    public TimeSpan AbsoluteSessionLifetime { get; set; } = TimeSpan.FromHours(10);
}

public static class SecuritySetup
{
    public const string LoginPath = "/konto/log-ind";
    public const string TwoFactorSetupPath = "/konto/2fa/opsaet";
    public const string AuthenticationMethodReference = "amr";
    public const string MultiFactor = "mfa";

    public static IServiceCollection AddSspSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SecurityOptions>(configuration.GetSection("Security"));
        var security = configuration.GetSection("Security").Get<SecurityOptions>() ?? new SecurityOptions();

        services.AddAuthentication(o =>
        {
            o.DefaultScheme = IdentityConstants.ApplicationScheme;
            o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
        }).AddIdentityCookies();

        services.AddIdentityCore<AppUser>(o =>
            {
                // NIST 800-63B style: length, no composition rules.
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<SspDbContext>()
            .AddSignInManager<AppSignInManager>()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();

        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = security.SessionValidationInterval;
            o.OnRefreshingPrincipal = ctx =>
            {
                // Keep the proof of two-factor sign-in, the session's start and its id when the principal is rebuilt.
                foreach (var kept in ctx.CurrentPrincipal?.Claims.Where(c => c.Type is AuthenticationMethodReference or SessionLifetime.SignedInAtClaim or ServerSessions.SessionClaim).ToList() ?? [])
                {
                    ctx.NewPrincipal?.Identities.First().AddClaim(new Claim(kept.Type, kept.Value));
                }

                return Task.CompletedTask;
            };
        });

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "sspkbh.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            // Secure whenever the request is HTTPS; behind a TLS-terminating proxy set ReverseProxy:Enabled
            // so the forwarded scheme counts (Program.cs).
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = security.IdleTimeout;
            o.SlidingExpiration = true;
            o.LoginPath = LoginPath;
            o.LogoutPath = "/konto/log-ud";
            o.AccessDeniedPath = "/konto/adgang-naegtet";
            // The handler's own clock (ticket expiry, sliding renewal) is AuthenticationSchemeOptions.TimeProvider,
            // which ASP.NET Core fills from the DI TimeProvider (Infrastructure/Clock.cs), so it is the app's clock.
            o.Events.OnSigningIn = async ctx =>
            {
                await SessionLifetime.StampSignInAsync(ctx);
                await ServerSessions.StartAsync(ctx);
            };
            var validateSecurityStamp = o.Events.OnValidatePrincipal; // Identity's SecurityStampValidator
            o.Events.OnValidatePrincipal = async ctx =>
            {
                if (await SessionLifetime.RejectIfTooOldAsync(ctx) || await ServerSessions.RejectIfEndedAsync(ctx))
                {
                    return;
                }

                await validateSecurityStamp(ctx);
            };
            // Every request that needs a sign-in is sent to the login page, the circuit's endpoints (/_blazor) too: .NET 10's
            // default answers endpoints it takes for APIs with a bare 401 instead (the authorization matrix expects the redirect).
            o.Events.OnRedirectToLogin = ctx =>
            {
                ctx.Response.Redirect(ctx.RedirectUri);
                return Task.CompletedTask;
            };
            o.Events.OnRedirectToAccessDenied = async ctx =>
            {
                // Answer 403 in place (the status page explains it in Danish) and record the attempt.
                var audit = ctx.HttpContext.RequestServices.GetRequiredService<AuditService>();
                await audit.WriteAsync(new AuditEvent(AuditActions.AccessDenied, AuditOutcomes.Denied,
                    SubjectType: "path", SubjectId: Truncate(ctx.Request.Path.Value, 100), Actor: ctx.HttpContext.User), ctx.HttpContext.RequestAborted);
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
            };
        });

        services.AddAuthorization(Policies.Add);

        services.AddSspDataProtection(configuration);

        return services;
    }

    /// <summary>
    /// Sends a signed-in user who has not proved a second factor to the enrolment page when
    /// two-factor authentication is required.
    /// </summary>
    public static IApplicationBuilder UseTwoFactorEnforcement(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var options = context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value;
        if (options.RequireTwoFactor &&
            context.User.Identity?.IsAuthenticated == true &&
            !context.User.HasClaim(AuthenticationMethodReference, MultiFactor) &&
            !context.Request.Path.StartsWithSegments("/konto") &&
            !context.Request.Path.StartsWithSegments("/status") &&
            !context.Request.Path.StartsWithSegments("/healthz") &&
            context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is null)
        {
            context.Response.Redirect(TwoFactorSetupPath);
            return;
        }

        await next(context);
    });

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
