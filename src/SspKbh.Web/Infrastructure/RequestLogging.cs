using System.Diagnostics;

namespace SspKbh.Web.Infrastructure;

/// <summary>
/// One log line per request: method, path, status, duration and correlation id. Never the query
/// string, form or headers, which may carry personal data (a CPR number typed into a search).
/// </summary>
public sealed class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            logger.LogInformation("HTTP {Method} {Path} responded {StatusCode} in {Elapsed:0.0} ms [{CorrelationId}]",
                context.Request.Method, context.Request.Path.Value, context.Response.StatusCode, elapsed, context.TraceIdentifier);
        }
    }
}

/// <summary>
/// Turns malformed or oversized requests into 400/413 instead of a 500 with a stack trace.
/// </summary>
public sealed class BadRequestMiddleware(RequestDelegate next, ILogger<BadRequestMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (!context.Response.HasStarted && IsClientError(ex, out var status))
        {
            logger.LogInformation("Rejected a malformed request to {Path} with {StatusCode}: {Reason}", context.Request.Path.Value, status, ex.GetType().Name);
            context.Response.Clear();
            context.Response.StatusCode = status;
        }
    }

    private static bool IsClientError(Exception ex, out int status)
    {
        switch (ex)
        {
            case BadHttpRequestException bad:
                status = bad.StatusCode;
                return true;
            case InvalidDataException:
                status = StatusCodes.Status400BadRequest;
                return true;
            default:
                status = 0;
                return false;
        }
    }
}
