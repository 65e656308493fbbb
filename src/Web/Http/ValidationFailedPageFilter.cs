using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Common.Exceptions;

namespace RdvSP.Web.Http;

/// <summary>
/// A page handler that sends a command whose validator fails gets the page back with each French
/// message beside its field (ModelState keys are prefixed with "Input.", the pages' binding prefix).
/// </summary>
internal sealed class ValidationFailedPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is ValidationFailedException validation && context.HandlerInstance is PageModel page)
        {
            foreach (var (property, messages) in validation.Errors)
                foreach (var message in messages)
                    page.ModelState.AddModelError(string.IsNullOrEmpty(property) ? string.Empty : $"Input.{property}", message);
            executed.ExceptionHandled = true;
            executed.Result = page.Page();
            context.HttpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}
