using Serilog;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace SspKbh.Web.Infrastructure;

/// <summary>
/// Serilog through Serilog.AspNetCore, with console and rolling-file sinks; JSON lines outside Development
/// (docs/adr/0018). Microsoft.AspNetCore's own request logs (which include query strings) are kept at
/// Warning; <see cref="UseSspRequestLogging"/> writes one line per request without query string, form or
/// headers, which may carry personal data (a CPR number typed into a search).
/// </summary>
public static class LoggingSetup
{
    public static WebApplicationBuilder AddSspLogging(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var json = config.GetValue("Serilog:Json", !builder.Environment.IsDevelopment());
        var filePath = config["Serilog:FilePath"] ?? Path.Combine(builder.Environment.ContentRootPath, "App_Data", "logs", "sspkbh-.log");

        var logger = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .ReadFrom.Configuration(config)
            .Enrich.FromLogContext();
        logger = json
            ? logger.WriteTo.Console(new JsonFormatter(renderMessage: true))
            : logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}");
        if (config.GetValue("Serilog:WriteToFile", true))
        {
            logger = json
                ? logger.WriteTo.File(new JsonFormatter(renderMessage: true), filePath, rollingInterval: RollingInterval.Day, retainedFileCountLimit: 30)
                : logger.WriteTo.File(filePath, rollingInterval: RollingInterval.Day, retainedFileCountLimit: 30);
        }

        var serilog = logger.CreateLogger();
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog(serilog, dispose: true);
        // The request-logging middleware writes to this logger (not to the static Log.Logger, which stays silent).
        builder.Services.AddSingleton<RequestLogger>(new RequestLogger(serilog));
        return builder;
    }

    /// <summary>Method, path (never the query string), status, duration and correlation id of every request.</summary>
    public static IApplicationBuilder UseSspRequestLogging(this IApplicationBuilder app) => app.UseSerilogRequestLogging(o =>
    {
        o.Logger = app.ApplicationServices.GetRequiredService<RequestLogger>().Logger;
        o.IncludeQueryInRequestPath = false;
        o.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms [{CorrelationId}]";
        o.EnrichDiagnosticContext = (diagnostics, http) => diagnostics.Set("CorrelationId", http.TraceIdentifier);
    });
}

/// <summary>The app's Serilog logger, handed to the request-logging middleware.</summary>
public sealed record RequestLogger(Serilog.ILogger Logger);
