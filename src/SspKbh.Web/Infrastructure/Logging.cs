using Serilog;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace SspKbh.Web.Infrastructure;

/// <summary>
/// Serilog with console and rolling-file sinks (Serilog.AspNetCore is not available here; docs/adr/0006).
/// JSON lines outside Development. Microsoft.AspNetCore request logs (which include query strings)
/// are kept at Warning; <see cref="RequestLoggingMiddleware"/> writes our own line without them.
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

        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(logger.CreateLogger(), dispose: true);
        return builder;
    }
}
