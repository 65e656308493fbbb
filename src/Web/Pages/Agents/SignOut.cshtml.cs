using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Identity.Sessions;
using RdvSP.Web.Http;

namespace RdvSP.Web.Pages.Agents;

/// <summary>Agent sign-out: a POST with an antiforgery token that ends the server-side session everywhere.</summary>
public sealed class SignOutModel(IMediator mediator) : PageModel
{
    public IActionResult OnGet() => Redirect("/admin/organisations");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await mediator.Send(new EndSessionCommand(User.SessionId()), cancellationToken);
        await HttpContext.SignOutAsync(AgentAuthentication.Scheme);
        return Redirect("/agents/sign_in");
    }
}
