using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Identity.Common;
using RdvSP.Application.Identity.ConfirmAccount;
using RdvSP.Web.Pages.Users.Shared;

namespace RdvSP.Web.Pages.Users;

/// <summary>
/// The confirmation link of the sign-up e-mail. Opening it only shows the form (mail scanners open
/// links); the token is consumed when the usager submits its new password.
/// </summary>
public sealed class ConfirmationModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public SetPasswordInput Input { get; set; } = new();

    /// <summary>The booking wizard step the usager left to sign up: signing in then brings them back to it.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet(string? token)
    {
        if (string.IsNullOrEmpty(token)) return Redirect("/users/sign_in");
        Input.Token = token;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new ConfirmAccountCommand(Input.Token ?? "", Input.Password ?? "", this.ClientIp()), cancellationToken);
        if (result.IsFailure) return this.Refused(result.Error);
        TempData["Flash"] = "Votre adresse e-mail est confirmée et votre mot de passe enregistré. Vous pouvez vous connecter.";
        return Redirect(ReturnPath.LocalOrNull(ReturnUrl) is { } back
            ? Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/users/sign_in", "returnUrl", back)
            : "/users/sign_in");
    }
}

public sealed class SetPasswordInput
{
    public string? Token { get; set; }
    public string? Password { get; set; }
}
