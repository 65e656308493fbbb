using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Identity.Abstractions;
using RdvSP.Application.Identity.AgentSignIn;
using RdvSP.Application.Identity.Sessions;
using RdvSP.Web.Http;
using RdvSP.Web.Pages.Users.Shared;

namespace RdvSP.Web.Pages.Agents;

/// <summary>
/// Agents' e-mail + password sign-in (REFERENCE-SURFACES §2.3.18 bis). A usager signed in on the
/// same browser is asked to sign out first, as in the reference: one person, one role at a time.
/// </summary>
public sealed class SignInModel(IMediator mediator) : PageModel
{
    public const string SignedInUsagerMessage = "Déconnectez-vous d'abord de votre compte usager pour vous connecter en tant qu'agent.";

    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool UsagerSignedIn { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (User.AgentId() is not null) return LocalRedirect(SafeReturnUrl());
        UsagerSignedIn = await IsUsagerSignedInAsync();
        if (UsagerSignedIn) Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await IsUsagerSignedInAsync())
        {
            UsagerSignedIn = true;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
        var result = await mediator.Send(new AgentSignInCommand(Input.Email ?? "", Input.Password ?? "", this.ClientIp()), cancellationToken);
        if (result.IsFailure) return this.Refused(result.Error);
        var sessionId = await mediator.Send(new OpenSessionCommand(SessionActor.Agent, result.Value), cancellationToken);
        await HttpContext.SignInAsync(AgentAuthentication.Scheme, ClaimsPrincipalExtensions.ForAgent(result.Value, sessionId));
        return LocalRedirect(SafeReturnUrl());
    }

    private async Task<bool> IsUsagerSignedInAsync() =>
        (await HttpContext.AuthenticateAsync(UsagerAuthentication.Scheme)).Principal?.UsagerId() is not null;

    /// <summary>Only a back-office path is followed after sign-in (no open redirect, no usager page).</summary>
    private string SafeReturnUrl() =>
        ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) && AgentAuthentication.IsBackOffice(new PathString(url.Split('?')[0])) ? url : "/admin";

    public sealed class SignInInput
    {
        public string? Email { get; set; }
        public string? Password { get; set; }
    }
}
