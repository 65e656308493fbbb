using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RdvSP.Web.Http.BoundValues;

/// <summary>
/// A page whose bound values were refused never runs its handler (so nothing is written): a form
/// field of the page's <c>Input</c> model gets the form back with the French message beside it; a
/// value of the link (query, route, other fields) gets the 400 French error page listing the messages.
/// </summary>
internal sealed class BoundValuesPageFilter : IAsyncPageFilter
{
    private const string FormPrefix = "Input";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.ModelState.IsValid)
        {
            await next();
            return;
        }
        var refused = context.ModelState.Where(e => e.Value is { ValidationState: ModelValidationState.Invalid }).ToList();
        context.HttpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        if (context.HandlerInstance is PageModel page && refused.All(e => IsFormField(e.Key)))
        {
            context.Result = page.Page();
            return;
        }
        context.HttpContext.Features.Set(new RefusedValues(
            refused.SelectMany(e => e.Value!.Errors.Select(error => error.ErrorMessage)).Where(m => m.Length > 0).Distinct().ToList()));
        context.Result = new StatusCodeResult(StatusCodes.Status400BadRequest);
    }

    private static bool IsFormField(string key) =>
        key == FormPrefix || key.StartsWith(FormPrefix + ".", StringComparison.Ordinal);
}

/// <summary>The French messages of the refused values, for the error page the status-code pages show.</summary>
internal sealed record RefusedValues(IReadOnlyList<string> Messages);
