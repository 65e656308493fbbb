using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Identity.AgentPasswordReset;
using RdvSP.Web.Pages.Users.Shared;

namespace RdvSP.Web.Pages.Agents.Password;

/// <summary>The agent's reset link (?reset_password_token=): a new password; the token is consumed on submit and every session ends.</summary>
public sealed class EditModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public TokenPasswordInput Input { get; set; } = new();

    public IActionResult OnGet([FromQuery(Name = "reset_password_token")] string? token)
    {
        if (string.IsNullOrEmpty(token)) return Redirect("/agents/password/new");
        Input.Token = token;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new ResetAgentPasswordCommand(Input.Token ?? "", Input.Password ?? "", this.ClientIp()), cancellationToken);
        if (result.IsFailure) return this.Refused(result.Error);
        TempData["notice"] = "Votre mot de passe a été changé. Vous pouvez vous connecter.";
        return Redirect("/agents/sign_in");
    }

    public sealed class TokenPasswordInput
    {
        public string? Token { get; set; }
        public string? Password { get; set; }
    }
}
