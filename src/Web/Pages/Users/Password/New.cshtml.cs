using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Identity.RequestPasswordReset;
using RdvSP.Web.Pages.Users.Shared;

namespace RdvSP.Web.Pages.Users.Password;

/// <summary>"Mot de passe oublié ?": the same answer whether or not the e-mail has an account (requests counted per e-mail and IP).</summary>
public sealed class NewModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public ForgottenPasswordInput Input { get; set; } = new();

    public bool Sent { get; private set; }

    public void OnGet(bool sent = false) => Sent = sent;

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new RequestPasswordResetCommand(Input.Email ?? "", this.ClientIp()), cancellationToken);
        return result.IsFailure ? this.Refused(result.Error) : RedirectToPage(new { sent = true });
    }

    public sealed class ForgottenPasswordInput
    {
        public string? Email { get; set; }
    }
}
