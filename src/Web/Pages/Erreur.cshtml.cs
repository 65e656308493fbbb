using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Web.Http;
using RdvSP.Web.Http.BoundValues;

namespace RdvSP.Web.Pages;

/// <summary>The French error page: a title and a sentence, never a stack trace.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(NoStore = true, Duration = 0)]
public sealed class ErreurModel : PageModel
{
    public int Status { get; private set; }
    public string Title => ErrorTexts.TitleFor(Status);
    public string Detail => ErrorTexts.DetailFor(Status);
    public string RequestId => HttpContext.TraceIdentifier;

    /// <summary>Why the request's values were refused (bad links and forms), when that is what happened.</summary>
    public IReadOnlyList<string> Refused => HttpContext.Features.Get<RefusedValues>()?.Messages ?? [];

    // No bound parameter: the page must render even when the failed request's form cannot be read.
    public void OnGet() => Resolve();
    public void OnPost() => Resolve();

    private void Resolve()
    {
        int? code = int.TryParse(RouteData.Values["code"]?.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var c) ? c : null;
        // Re-executed from the status-code pages (code in the route) or the exception handler (status already set).
        Status = code is >= 400 and < 600 ? code.Value : Response.StatusCode >= 400 ? Response.StatusCode : 500;
        // Opened directly (the cookie's access-denied redirect, a typed address): only a client error
        // can be shown, so nobody can make the app report a server error it did not have.
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || HttpContext.Features.Get<IExceptionHandlerFeature>() is not null;
        if (!reExecuted && Status >= 500) Status = StatusCodes.Status404NotFound;
        Response.StatusCode = Status;
        // Also when re-executed from the status-code pages, which start from a cleared response.
        if (Status == StatusCodes.Status503ServiceUnavailable)
            Response.Headers.RetryAfter = DependencyOutageMiddleware.RetryAfterSeconds;
    }
}
