namespace SspKbh.Web.Infrastructure;

/// <summary>
/// Names the unit of work a DI scope serves, for the audit trail and the logs: the HTTP request's
/// trace id on a plain request, or "circuit id/operation id" for one load or save inside a Blazor circuit
/// (<see cref="UiOperations"/>). Scoped: every request and every UI operation gets its own.
/// </summary>
public sealed class OperationContext
{
    public string? CorrelationId { get; set; }
}

/// <summary>Gives every HTTP request's scope its correlation id (the request's trace id).</summary>
public static class OperationContextMiddleware
{
    public static IApplicationBuilder UseOperationContext(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.RequestServices.GetRequiredService<OperationContext>().CorrelationId = context.TraceIdentifier;
        await next(context);
    });
}
