using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Booking.MoveUsagerRdv;
using RdvSP.Web.Http;

namespace RdvSP.Web.Pages.Users.Rdvs;

/// <summary>"Déplacer le RDV": a week of free slots at the same lieu (GET), then the chosen one (POST).</summary>
[Authorize(AuthenticationSchemes = UsagerAuthentication.Scheme)]
public sealed class MoveModel(ISender sender) : PageModel
{
    [FromQuery(Name = "date")] public DateOnly? Date { get; set; }

    public MoveSlots? Slots { get; private set; }
    public string? Error { get; private set; }

    public Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => ShowAsync(id, null, ct);

    public async Task<IActionResult> OnPostAsync(long id, [FromForm(Name = "starts_at")] DateTimeOffset? startsAt, CancellationToken ct)
    {
        if (startsAt is null)
            return await ShowAsync(id, "Choisissez un créneau dans la liste.", ct);
        var moved = await sender.Send(new MoveUsagerRdvCommand(User.UsagerId()!.Value, id, startsAt.Value), ct);
        if (moved.IsSuccess)
        {
            TempData["Flash"] = "Votre RDV a bien été modifié";
            return Redirect($"/users/rdvs/{id}");
        }
        return await ShowAsync(id, moved.Error.Message, ct);
    }

    private async Task<IActionResult> ShowAsync(long id, string? error, CancellationToken ct)
    {
        var slots = await sender.Send(new GetMoveSlotsQuery(User.UsagerId()!.Value, id, Date), ct);
        if (slots.IsFailure && slots.Error.Code == "booking.rdv_not_found") return NotFound();
        Error = error ?? (slots.IsFailure ? slots.Error.Message : null);
        Slots = slots.IsSuccess ? slots.Value : null;
        if (Error is not null) Response.StatusCode = error is null ? StatusCodes.Status403Forbidden : StatusCodes.Status409Conflict;
        return Page();
    }
}
