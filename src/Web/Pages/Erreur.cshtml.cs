using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Web.Http;

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

    public void OnGet(int? code) => Resolve(code);
    public void OnPost(int? code) => Resolve(code);

    private void Resolve(int? code)
    {
        // Re-executed from the status-code pages (code in the route) or the exception handler (status already set).
        Status = code is >= 400 and < 600 ? code.Value : Response.StatusCode >= 400 ? Response.StatusCode : 500;
        Response.StatusCode = Status;
        // Also when re-executed from the status-code pages, which start from a cleared response.
        if (Status == StatusCodes.Status503ServiceUnavailable)
            Response.Headers.RetryAfter = DependencyOutageMiddleware.RetryAfterSeconds;
    }
}
