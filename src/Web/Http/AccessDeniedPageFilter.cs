using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using RdvSP.Application.Common.Authorization;

namespace RdvSP.Web.Http;

/// <summary>
/// A page whose use case was refused by the Application's authorisation: not signed in → the
/// agents' sign-in page; anything else → the French 403 page. Refusals are routine (a stale link,
/// a guessed id): logged as information by the request log, never as an error.
/// </summary>
internal sealed class AccessDeniedPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is not AccessDeniedException denied) return;
        executed.ExceptionHandled = true;
        executed.Result = ResultFor(denied);
    }

    /// <summary>The answer to a refused use case, also for page models that send theirs before the filters run.</summary>
    public static IActionResult ResultFor(AccessDeniedException denied) =>
        denied.Reason == AccessDenial.NotSignedIn
            ? new ChallengeResult(AgentAuthentication.Scheme)
            : new StatusCodeResult(StatusCodes.Status403Forbidden);
}
