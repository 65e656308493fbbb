using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Identity.Abstractions;
using RdvSP.Application.Identity.AgentInvitation;
using RdvSP.Application.Identity.Common;
using RdvSP.Application.Identity.Sessions;
using RdvSP.Web.Http;
using RdvSP.Web.Pages.Users.Shared;

namespace RdvSP.Web.Pages.Agents.Invitation;

/// <summary>
/// Invitation acceptance (REFERENCE-SURFACES §2.3.18 bis): names and password; the link is valid 7
/// days and works once; on success the agent is signed in and lands on his home.
/// </summary>
public sealed class AcceptModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public AcceptInput Input { get; set; } = new();

    public string? InvitedEmail { get; private set; }

    /// <summary>The French refusal of an unknown, used or expired link (the form is not shown).</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "invitation_token")] string? token, CancellationToken cancellationToken)
    {
        var invitation = await mediator.Send(new GetAgentInvitationQuery(token ?? ""), cancellationToken);
        if (invitation.IsFailure)
        {
            Refusal = invitation.Error.Message;
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Input.Token = token;
        Input.FirstName = invitation.Value.FirstName;
        Input.LastName = invitation.Value.LastName;
        InvitedEmail = invitation.Value.Email;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await mediator.Send(
            new AcceptAgentInvitationCommand(Input.Token ?? "", Input.FirstName ?? "", Input.LastName ?? "", Input.Password ?? "", this.ClientIp()),
            cancellationToken);
        if (result.IsFailure)
        {
            if (result.Error.Code == IdentityErrors.TooManyAttemptsCode) return this.Refused(result.Error);
            Refusal = result.Error.Message;
            return Page();
        }
        var sessionId = await mediator.Send(new OpenSessionCommand(SessionActor.Agent, result.Value), cancellationToken);
        await HttpContext.SignInAsync(AgentAuthentication.Scheme, ClaimsPrincipalExtensions.ForAgent(result.Value, sessionId));
        TempData["notice"] = "Votre compte a été créé. Bienvenue sur RDV Service Public !";
        return Redirect("/admin/organisations");
    }

    public sealed class AcceptInput
    {
        public string? Token { get; set; }
        public string? FirstName { get; set; }
        public string? LastName { get; set; }
        public string? Password { get; set; }
    }
}
