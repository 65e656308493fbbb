using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using RdvSP.Application.Booking.UsagerRdvs;
using RdvSP.Application.Usagers.DeleteAccount;
using RdvSP.Web.Http;
using RdvSP.Web.Pages.Users.Shared;

namespace RdvSP.Web.Pages.Users.Informations;

/// <summary>
/// Account deletion, after an explicit confirmation that lists the rdvs to come it will cancel:
/// anonymises the usager and its relatives, cancels those rdvs, then signs out.
/// </summary>
public sealed class DeleteModel(IMediator mediator) : UsagerPageModel
{
    /// <summary>The family's rdvs still to come (first page): deleting the account cancels them.</summary>
    public IReadOnlyList<UsagerRdvView> Upcoming { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (CurrentUsagerId is not { } id) return Forbid();
        Upcoming = await mediator.Send(new ListUsagerRdvsQuery(id, Past: false), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (CurrentUsagerId is not { } id) return Forbid();
        var result = await mediator.Send(new DeleteAccountCommand(id), cancellationToken);
        if (result.IsFailure)
        {
            ModelState.AddModelError(string.Empty, result.Error.Message);
            return await OnGetAsync(cancellationToken);
        }
        await HttpContext.SignOutAsync(UsagerAuthentication.Scheme);
        Flash("Votre compte a été supprimé.");
        // The sign-in page shows the flash (the home page has no message area).
        return Redirect("/users/sign_in");
    }
}
