using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Identity.Sessions;
using RdvSP.Web.Http;

namespace RdvSP.Web.Pages.Users;

/// <summary>
/// Sign-out is a POST with an antiforgery token (a link or an image cannot sign someone out). It ends
/// the server-side session, so a copy of the cookie taken before opens nothing on any instance.
/// A GET (the sign-out link of pages answered without the session, see BookingBurstMiddleware) asks
/// to confirm with that POST; an anonymous visitor goes home.
/// </summary>
public sealed class SignOutModel(IMediator mediator) : PageModel
{
    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? Page() : Redirect("/");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await mediator.Send(new EndSessionCommand(User.SessionId()), cancellationToken);
        await HttpContext.SignOutAsync(UsagerAuthentication.Scheme);
        return Redirect("/");
    }
}
