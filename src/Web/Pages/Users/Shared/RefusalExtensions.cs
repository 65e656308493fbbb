using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Identity.Common;
using RdvSP.Domain.Common;

namespace RdvSP.Web.Pages.Users.Shared;

internal static class RefusalExtensions
{
    /// <summary>The form again with the use case's French refusal above it; a wait (too many attempts) answers 429.</summary>
    public static IActionResult Refused(this PageModel page, Error error)
    {
        page.ModelState.AddModelError(string.Empty, error.Message);
        if (error.Code == IdentityErrors.TooManyAttemptsCode)
            page.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        return page.Page();
    }

    /// <summary>The client address the attempt counters are kept for (made trustworthy by the forwarded-headers set-up).</summary>
    public static string? ClientIp(this PageModel page) => page.HttpContext.Connection.RemoteIpAddress?.ToString();
}
