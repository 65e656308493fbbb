namespace RdvSP.Web.Http;

/// <summary>
/// Answers 405 (with <c>Allow</c>) to any verb the app does not serve, before anything else sees it:
/// pages and static files take GET, HEAD and POST; the API and the health checks also PUT, PATCH,
/// DELETE and OPTIONS (each endpoint then narrows further). TRACE and the like never reach a page.
/// </summary>
internal sealed class AllowedMethodsMiddleware(RequestDelegate next)
{
    private static readonly string[] PageMethods = [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post];
    private static readonly string[] ApiMethods = [.. PageMethods, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete, HttpMethods.Options];

    public async Task InvokeAsync(HttpContext context)
    {
        var api = RequestKind.IsApi(context);
        var allowed = api ? ApiMethods : PageMethods;
        if (allowed.Contains(context.Request.Method, StringComparer.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }
        context.Response.Headers.Allow = string.Join(", ", allowed);
        if (api)
        {
            await ErrorResponses.WriteProblemAsync(context, StatusCodes.Status405MethodNotAllowed, ErrorTexts.DetailFor(StatusCodes.Status405MethodNotAllowed));
            return;
        }
        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(ErrorResponses.SimplePage(StatusCodes.Status405MethodNotAllowed), context.RequestAborted);
    }
}
