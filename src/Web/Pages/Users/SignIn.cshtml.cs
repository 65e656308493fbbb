using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Identity.Abstractions;
using RdvSP.Application.Identity.Sessions;
using RdvSP.Application.Identity.SignIn;
using RdvSP.Web.Http;
using RdvSP.Web.Pages.Users.Shared;

namespace RdvSP.Web.Pages.Users;

/// <summary>E-mail + password sign-in; failed attempts are throttled per (e-mail, IP) and per IP by the use case.</summary>
public sealed class SignInModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet() => User.UsagerId() is not null ? LocalRedirect(SafeReturnUrl()) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new SignInCommand(Input.Email ?? "", Input.Password ?? "", this.ClientIp()), cancellationToken);
        if (result.IsFailure) return this.Refused(result.Error);
        // The session is kept on purpose: choices made before signing in (booking wizard) carry over.
        // Identity lives only in the new authentication cookie, so a planted session id grants nothing.
        var sessionId = await mediator.Send(new OpenSessionCommand(SessionActor.Usager, result.Value), cancellationToken);
        await HttpContext.SignInAsync(UsagerAuthentication.Scheme, ClaimsPrincipalExtensions.ForUsager(result.Value, sessionId));
        return LocalRedirect(SafeReturnUrl());
    }

    /// <summary>Only a local path is followed after sign-in (no open redirect to another site).</summary>
    private string SafeReturnUrl() => ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) ? url : "/";

    public sealed class SignInInput
    {
        public string? Email { get; set; }
        public string? Password { get; set; }
    }
}
