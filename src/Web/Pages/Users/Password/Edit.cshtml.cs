using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Identity.ResetPassword;
using RdvSP.Web.Pages.Users.Shared;

namespace RdvSP.Web.Pages.Users.Password;

/// <summary>The reset link: a new password, same rules as at sign-up. The token is consumed on submit.</summary>
public sealed class EditModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public SetPasswordInput Input { get; set; } = new();

    public IActionResult OnGet(string? token)
    {
        if (string.IsNullOrEmpty(token)) return Redirect("/users/password/new");
        Input.Token = token;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new ResetPasswordCommand(Input.Token ?? "", Input.Password ?? "", this.ClientIp()), cancellationToken);
        if (result.IsFailure) return this.Refused(result.Error);
        TempData["Flash"] = "Votre mot de passe a été changé. Vous pouvez vous connecter.";
        return Redirect("/users/sign_in");
    }
}
