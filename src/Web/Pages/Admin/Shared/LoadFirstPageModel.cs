using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Common.Authorization;
using RdvSP.Web.Http;

namespace RdvSP.Web.Pages.Admin.Shared;

/// <summary>
/// A form page that sends the use case its form shows before any handler and before the value
/// filters: every verb is authorised first, and a form refused for a value that does not bind (the
/// handler never runs) still has what it displays.
/// </summary>
public abstract class LoadFirstPageModel : PageModel
{
    protected abstract Task LoadAsync(CancellationToken cancellationToken);

    // A filter method, not a page handler (its "On…Async" name would make it one).
    [NonHandler]
    public sealed override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        try
        {
            await LoadAsync(HttpContext.RequestAborted);
        }
        catch (AccessDeniedException denied)
        {
            // This runs outside the page filters: answer the refusal as they would.
            context.Result = AccessDeniedPageFilter.ResultFor(denied);
            return;
        }
        await next();
    }
}
