using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using RdvSP.Application.Usagers.DeleteAccount;
using RdvSP.Web.Http;
using RdvSP.Web.Pages.Users.Shared;

namespace RdvSP.Web.Pages.Users.Informations;

/// <summary>Account deletion, after an explicit confirmation: anonymises the usager and its relatives, then signs out.</summary>
public sealed class DeleteModel(IMediator mediator) : UsagerPageModel
{
    public IActionResult OnGet() => CurrentUsagerId is null ? Forbid() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (CurrentUsagerId is not { } id) return Forbid();
        var result = await mediator.Send(new DeleteAccountCommand(id), cancellationToken);
        if (result.IsFailure)
        {
            ModelState.AddModelError(string.Empty, result.Error.Message);
            return Page();
        }
        await HttpContext.SignOutAsync(UsagerAuthentication.Scheme);
        Flash("Votre compte a été supprimé.");
        // The sign-in page shows the flash (the home page has no message area).
        return Redirect("/users/sign_in");
    }
}
