namespace SspKbh.Web.Infrastructure;

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
