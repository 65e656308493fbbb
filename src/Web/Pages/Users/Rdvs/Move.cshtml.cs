using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Booking.MoveUsagerRdv;
using RdvSP.Web.Http;

namespace RdvSP.Web.Pages.Users.Rdvs;

/// <summary>"Déplacer le RDV": a week of free slots at the same lieu; each leads to the confirmation step (<see cref="EditModel"/>).</summary>
[Authorize(AuthenticationSchemes = UsagerAuthentication.Scheme)]
public sealed class MoveModel(ISender sender) : PageModel
{
    [FromQuery(Name = "date")] public DateOnly? Date { get; set; }

    public MoveSlots? Slots { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var slots = await sender.Send(new GetMoveSlotsQuery(User.UsagerId()!.Value, id, Date), ct);
        if (slots.IsFailure && slots.Error.Code == "booking.rdv_not_found") return NotFound();
        if (slots.IsFailure)
        {
            Error = slots.Error.Message;
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }
        else Slots = slots.Value;
        return Page();
    }
}
