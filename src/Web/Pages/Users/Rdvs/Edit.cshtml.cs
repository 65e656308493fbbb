using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Booking.MoveUsagerRdv;
using RdvSP.Application.Booking.UsagerRdvs;
using RdvSP.Web.Http;

namespace RdvSP.Web.Pages.Users.Rdvs;

/// <summary>
/// Confirmation of a move (REFERENCE-SURFACES §1.7): GET shows the current and the chosen time and
/// changes nothing; only the POST moves the rdv, after the slot is checked again.
/// </summary>
[Authorize(AuthenticationSchemes = UsagerAuthentication.Scheme)]
public sealed class EditModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "starts_at")] public DateTimeOffset? StartsAt { get; set; }

    public MoveConfirmation? Confirmation { get; private set; }
    public UsagerRdvView? Current { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await ShowAsync(id, null, ct);

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (StartsAt is null) return await ShowAsync(id, null, ct);
        var moved = await sender.Send(new MoveUsagerRdvCommand(User.UsagerId()!.Value, id, StartsAt.Value), ct);
        if (moved.IsSuccess)
        {
            TempData["Flash"] = "Votre RDV a bien été modifié";
            return Redirect($"/users/rdvs/{id}");
        }
        if (moved.Error.Code == "booking.rdv_not_found") return NotFound();
        return await ShowAsync(id, moved.Error.Message, ct);
    }

    /// <summary>The confirmation, or the reason the chosen slot cannot be taken (409; 400 without a time, a malformed one never gets here).</summary>
    private async Task<IActionResult> ShowAsync(long id, string? error, CancellationToken ct)
    {
        var usagerId = User.UsagerId()!.Value;
        Current = await sender.Send(new GetUsagerRdvQuery(usagerId, id), ct);
        if (Current is null) return NotFound();
        if (StartsAt is null)
        {
            Error = "Choisissez un créneau dans la liste.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (error is null)
        {
            var confirmation = await sender.Send(new GetMoveConfirmationQuery(usagerId, id, StartsAt.Value), ct);
            if (confirmation.IsSuccess)
            {
                Confirmation = confirmation.Value;
                return Page();
            }
            error = confirmation.Error.Message;
        }
        Error = error;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }
}
