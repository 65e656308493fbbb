using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Booking.CancelUsagerRdv;
using RdvSP.Application.Booking.UsagerRdvs;
using RdvSP.Web.Http;

namespace RdvSP.Web.Pages.Users.Rdvs;

/// <summary>Confirmation page, then POST: the rdv (or the collective participation) is cancelled.</summary>
[Authorize(AuthenticationSchemes = UsagerAuthentication.Scheme)]
public sealed class CancelModel(ISender sender) : PageModel
{
    public UsagerRdvView View { get; private set; } = null!;
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var view = await sender.Send(new GetUsagerRdvQuery(User.UsagerId()!.Value, id), ct);
        if (view is null) return NotFound();
        View = view;
        if (!view.CanCancel) Error = "Ce rendez-vous n'est pas annulable en ligne. Prenez contact avec le secrétariat.";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        var usagerId = User.UsagerId()!.Value;
        var view = await sender.Send(new GetUsagerRdvQuery(usagerId, id), ct);
        if (view is null) return NotFound();
        var outcome = await sender.Send(new CancelUsagerRdvCommand(usagerId, id), ct);
        if (outcome.IsSuccess)
        {
            TempData["Flash"] = view.Rdv.Collectif ? "Participation annulée" : "Le RDV a bien été annulé.";
            return Redirect($"/users/rdvs/{id}");
        }
        View = (await sender.Send(new GetUsagerRdvQuery(usagerId, id), ct)) ?? view;
        Error = outcome.Error.Message;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }
}
