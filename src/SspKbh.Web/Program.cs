using System.Globalization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using SspKbh.Web;
using SspKbh.Web.Components;
using SspKbh.Web.Features.Account;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Features.Statistics;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Security;

var danish = CultureInfo.GetCultureInfo("da-DK");
CultureInfo.DefaultThreadCurrentCulture = danish;
CultureInfo.DefaultThreadCurrentUICulture = danish;

var builder = WebApplication.CreateBuilder(args);
builder.AddSspLogging();

try
{
    builder.AddSspServices();
}
catch (StartupRefusedException refused)
{
    return Refuse(refused);
}

var app = builder.Build();

// Operator commands: `dotnet SspKbh.Web.dll migrate`, `... verify-audit`, `... create-admin`, `... generate`, `... backup`, `... restore`.
try
{
    if (args.Length > 0 && await Commands.TryRunAsync(app, args[0], args) is { } exitCode)
    {
        return exitCode;
    }
}
catch (StartupRefusedException refused)
{
    // A database the app does not recognise (LegacySchema), refused before anything changed.
    return Refuse(refused);
}

if (app.Configuration.GetValue("ReverseProxy:Enabled", false))
{
    // Behind a TLS-terminating proxy: trust its X-Forwarded-Proto/For so HTTPS, HSTS and secure cookies apply.
    var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
    forwarded.KnownIPNetworks.Clear();
    forwarded.KnownProxies.Clear();
    app.UseForwardedHeaders(forwarded);
}

app.UseMiddleware<BadRequestMiddleware>();
app.UseOperationContext();
if (app.Environment.IsDevelopment())
{
    app.UseDeveloperExceptionPage();
}
else
{
    app.UseExceptionHandler("/fejl", createScopeForErrors: true);
    app.UseHsts();
}

app.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
app.UseStatusPageSupport();
app.UseSecurityHeaders();
app.UseSspRequestLogging();
app.UseRequestLocalization(new RequestLocalizationOptions
{
    DefaultRequestCulture = new RequestCulture(danish),
    SupportedCultures = [danish],
    SupportedUICultures = [danish],
});
// CSS, scripts and fonts are public; everything else needs a signed-in user (the fallback policy).
app.MapStaticAssets().AllowAnonymous();
app.UseAuthentication();
app.UseAuthorization();
app.UseTwoFactorEnforcement();
app.UseAntiforgery();
app.UseDanishAntiforgeryRefusal();

app.MapHealthChecks("/healthz").AllowAnonymous();
app.MapAccountEndpoints();
app.MapCaseExport();
app.MapStatisticsExport();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

try
{
    await app.RunAsync();
}
catch (StartupRefusedException refused)
{
    return Refuse(refused);
}

return 0;

// Configuration or a database the app cannot run with: one line that says what to fix, no stack trace.
static int Refuse(StartupRefusedException refused)
{
    Console.Error.WriteLine("SspKbh does not start: " + refused.Message);
    return StartupRefusedException.ExitCode;
}

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
