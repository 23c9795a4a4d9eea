using Microsoft.AspNetCore.Diagnostics;

namespace SspKbh.Web.Infrastructure;

public static class StatusPageSupport
{
    /// <summary>
    /// Makes the Danish status pages work for every error response. Goes right after
    /// <c>UseStatusCodePagesWithReExecute</c>.
    /// <list type="bullet">
    /// <item>The status page is always rendered as a GET: re-executing a refused form post as a POST would run
    /// the form handling (and antiforgery check) of the page again and fail a second time.</item>
    /// <item>An error answered with a content type but no body gets the status page too. Razor components
    /// answer a post without a valid antiforgery token that way (400, text/html, empty): a blank page.</item>
    /// </list>
    /// </summary>
    public static IApplicationBuilder UseStatusPageSupport(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Request.Method = HttpMethods.Get;
        }

        await next(context);
        var response = context.Response;
        if (!response.HasStarted && response.StatusCode >= 400 && response.ContentLength is null or 0 && !string.IsNullOrEmpty(response.ContentType))
        {
            response.ContentType = null;
            response.ContentLength = null;
        }
    });
}
