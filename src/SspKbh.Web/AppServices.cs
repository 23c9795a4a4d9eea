using MudBlazor.Services;
using SspKbh.Web.Audit;
using SspKbh.Web.Components.Interactive;
using SspKbh.Web.Components.Mud;
using SspKbh.Web.Data;
using SspKbh.Web.Demo;
using SspKbh.Web.Features.Admin;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Features.Retention;
using SspKbh.Web.Features.Statistics;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Security;

namespace SspKbh.Web;

/// <summary>
/// The app's service registrations. Program.cs uses them, and so do the benchmarks
/// (bench/SspKbh.Benchmarks), so what is measured is wired exactly like the running app.
/// </summary>
public static class AppServices
{
    /// <summary>The largest message the browser may send over a circuit (InteractiveFieldLimitTests checks the fields against it).</summary>
    public const int CircuitMessageLimitBytes = 64 * 1024;

    public static WebApplicationBuilder AddSspServices(this WebApplicationBuilder builder)
    {
        // At index 0, so migrations run before any other hosted service (data protection loads its key ring at start-up).
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService, StartupTasks>());
        // A circuit message may be 64 KB instead of SignalR's 32 KB: the longest text field (8,000 characters, the journal
        // note) pasted full of characters that JSON escapes to six bytes still fits, so a paste never ends the circuit.
        builder.Services.AddRazorComponents().AddInteractiveServerComponents(o => o.DetailedErrors = false)
            .AddHubOptions(o => o.MaximumReceiveMessageSize = CircuitMessageLimitBytes);
        builder.Services.AddMudServices();
        builder.Services.AddDanishMudLocalizer();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<OperationContext>();
        builder.Services.AddInteractiveFoundation();
        builder.Services.AddSspClock(builder.Configuration, builder.Environment);
        builder.Services.AddSspDatabase(builder.Configuration, builder.Environment);
        builder.Services.AddSspSecurity(builder.Configuration);
        builder.Services.AddSingleton<AuditChainWriter>();
        builder.Services.AddScoped<AuditService>();
        builder.Services.AddScoped<AuditVerification>();
        builder.Services.AddSingleton(_ => AuditAnchorFile.From(builder.Configuration, builder.Environment));
        builder.Services.AddHostedService<AuditAnchorJob>();
        builder.Services.AddScoped<OrganisationSeeder>();
        builder.Services.AddScoped<DemoDataSeeder>();
        builder.Services.AddAdministration();
        builder.Services.AddCases(builder.Configuration);
        builder.Services.AddRetention(builder.Configuration);
        builder.Services.AddStatistics();
        builder.Services.AddScoped<Features.Home.HomeDashboard>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        builder.Services.AddAntiforgery(o =>
        {
            o.HeaderName = "RequestVerificationToken";
            o.Cookie.Name = "sspkbh.af";
        });
        builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o =>
        {
            // As large as the body may be: a value over a field's length then reaches the form's validator, which says
            // so in Danish next to the field and shows the text again, instead of the form reader failing the request
            // (which answered with the framework's bare English antiforgery message, issue 16 #20).
            o.ValueLengthLimit = 1024 * 1024;
            o.ValueCountLimit = 500;
            o.MultipartBodyLengthLimit = 1024 * 1024;
        });
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = 1024 * 1024);
        return builder;
    }
}
