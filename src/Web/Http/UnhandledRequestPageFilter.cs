using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace RdvSP.Web.Http;

/// <summary>
/// A verb none of the page's handlers takes is a 405 with <c>Allow</c>, instead of the page rendered
/// without the data its handler loads. A page without a model only shows itself (GET, HEAD).
/// </summary>
internal sealed class UnhandledRequestPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var handlers = context.ActionDescriptor.HandlerMethods;
        if (context.HandlerMethod is not null || (handlers.Count == 0 && IsGetOrHead(context.HttpContext.Request.Method))) return next();
        var verbs = handlers.Select(h => h.HttpMethod.ToUpperInvariant()).DefaultIfEmpty(HttpMethods.Get).Distinct().ToList();
        if (verbs.Contains(HttpMethods.Get)) verbs.Insert(verbs.IndexOf(HttpMethods.Get) + 1, HttpMethods.Head);
        context.HttpContext.Response.Headers.Allow = string.Join(", ", verbs);
        context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
        return Task.CompletedTask;
    }

    private static bool IsGetOrHead(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
}
