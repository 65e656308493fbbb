using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Identity.AgentAccount;
using RdvSP.Application.Identity.Common;
using RdvSP.Web.Http;
using RdvSP.Web.Pages.Users.Shared;

namespace RdvSP.Web.Pages.Agents.MotDePasse;

/// <summary>"Mot de passe": the current one, then a new one; the agent's other sessions end, this one stays.</summary>
public sealed class EditModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public ChangePasswordInput Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        await mediator.Send(new GetAgentProfileQuery(), cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await mediator.Send(
            new ChangeAgentPasswordCommand(Input.CurrentPassword ?? "", Input.NewPassword ?? "", Input.PasswordConfirmation ?? "", User.SessionId(), this.ClientIp()),
            cancellationToken);
        if (result.IsFailure)
        {
            if (result.Error.Code == IdentityErrors.TooManyAttemptsCode) return this.Refused(result.Error);
            ModelState.AddModelError("Input.CurrentPassword", result.Error.Message);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        TempData["notice"] = "Votre mot de passe a été changé. Vos autres sessions ont été déconnectées.";
        return Redirect("/agents/mot_de_passe/edit");
    }

    public sealed class ChangePasswordInput
    {
        public string? CurrentPassword { get; set; }
        public string? NewPassword { get; set; }
        public string? PasswordConfirmation { get; set; }
    }
}
