using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using RdvSP.Application.Identity.ResetPassword;
using RdvSP.Web.Configuration;

namespace RdvSP.Web.Pages.Users.Password;

/// <summary>The reset link: a new password, same rules as at sign-up. The token is consumed on submit.</summary>
[EnableRateLimiting(WebSetup.LoginPolicy)]
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
        var result = await mediator.Send(new ResetPasswordCommand(Input.Token ?? "", Input.Password ?? ""), cancellationToken);
        if (result.IsFailure)
        {
            ModelState.AddModelError(string.Empty, result.Error.Message);
            return Page();
        }
        TempData["Flash"] = "Votre mot de passe a été changé. Vous pouvez vous connecter.";
        return Redirect("/users/sign_in");
    }
}
