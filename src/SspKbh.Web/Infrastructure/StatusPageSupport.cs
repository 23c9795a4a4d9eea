using Microsoft.AspNetCore.Diagnostics;

namespace SspKbh.Web.Infrastructure;

public static class StatusPageSupport
{
    /// <summary><see cref="HttpContext.Items"/> key of the status a page refused the request with (403 or 404).</summary>
    public const string RefusedStatusKey = "sspkbh:refused-status";

    /// <summary>
    /// Answers the request with 403 or 404 and remembers it, so a form post to a refused page keeps
    /// that status: the page does not render its form then, and Razor components would otherwise turn
    /// the post into a 400 ("no form with that name").
    /// </summary>
    public static void SetRefusedStatus(this HttpContext context, int statusCode)
    {
        context.Items[RefusedStatusKey] = statusCode;
        if (!context.Response.HasStarted)
        {
            context.Response.StatusCode = statusCode;
        }
    }

    /// <summary>
    /// Makes the Danish status pages work for every error response. Goes right after
    /// <c>UseStatusCodePagesWithReExecute</c>.
    /// <list type="bullet">
    /// <item>The status page is always rendered as a GET: re-executing a refused form post as a POST would run
    /// the form handling (and antiforgery check) of the page again and fail a second time.</item>
    /// <item>A page that refused the request (<see cref="SetRefusedStatus"/>) keeps its 403/404 when the
    /// framework then refuses the form post with 400.</item>
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
        if (!response.HasStarted && response.StatusCode == StatusCodes.Status400BadRequest && context.Items[RefusedStatusKey] is int refused)
        {
            response.StatusCode = refused;
        }

        if (!response.HasStarted && response.StatusCode >= 400 && response.ContentLength is null or 0 && !string.IsNullOrEmpty(response.ContentType))
        {
            response.ContentType = null;
            response.ContentLength = null;
        }
    });

    /// <summary>
    /// A form post whose antiforgery token is missing or stale (an old tab, an expired sign-in) ends with an empty 400,
    /// so the Danish status page answers it instead of the framework's English text. Goes right after <c>UseAntiforgery</c>.
    /// </summary>
    public static IApplicationBuilder UseDanishAntiforgeryRefusal(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // Not while the status page itself is rendered for that request: it runs with the same (refused) features.
        if (context.Features.Get<Microsoft.AspNetCore.Antiforgery.IAntiforgeryValidationFeature>() is { IsValid: false }
            && context.Features.Get<IStatusCodeReExecuteFeature>() is null)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        await next(context);
    });
}
