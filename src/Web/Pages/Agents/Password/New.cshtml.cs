using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Identity.AgentPasswordReset;
using RdvSP.Web.Pages.Users.Shared;

namespace RdvSP.Web.Pages.Agents.Password;

/// <summary>Agents' "Mot de passe oublié ?": the same answer whether or not the e-mail belongs to an agent.</summary>
public sealed class NewModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public EmailInput Input { get; set; } = new();

    public bool Sent { get; private set; }

    public void OnGet(bool sent = false) => Sent = sent;

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new RequestAgentPasswordResetCommand(Input.Email ?? "", this.ClientIp()), cancellationToken);
        return result.IsFailure ? this.Refused(result.Error) : RedirectToPage(new { sent = true });
    }

    public sealed class EmailInput
    {
        public string? Email { get; set; }
    }
}
