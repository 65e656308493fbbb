using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Booking.MoveUsagerRdv;
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

    public MoveSteps.ConfirmationStep Step { get; private set; } = null!;

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

    private async Task<IActionResult> ShowAsync(long id, string? refusal, CancellationToken ct)
    {
        if (await MoveSteps.ConfirmationAsync(sender, User.UsagerId()!.Value, id, StartsAt, refusal, ct) is not { } step) return NotFound();
        Step = step;
        Response.StatusCode = step.StatusCode;
        return Page();
    }
}
