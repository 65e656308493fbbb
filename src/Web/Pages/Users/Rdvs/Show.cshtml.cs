using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Booking.UsagerRdvs;
using RdvSP.Application.Booking.WaitingList;
using RdvSP.Web.Http;

namespace RdvSP.Web.Pages.Users.Rdvs;

/// <summary>One rdv of the usager or their relatives, with the waiting-list checkbox (§5.9); 404 for any other id.</summary>
[Authorize(AuthenticationSchemes = UsagerAuthentication.Scheme)]
public sealed class ShowModel(ISender sender) : PageModel
{
    public UsagerRdvView View { get; private set; } = null!;
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var view = await sender.Send(new GetUsagerRdvQuery(User.UsagerId()!.Value, id, WithWaitingList: true), ct);
        if (view is null) return NotFound();
        View = view;
        return Page();
    }

    /// <summary>The checkbox form: "file_attente" checked = subscribe, absent = unsubscribe.</summary>
    public async Task<IActionResult> OnPostWaitingListAsync(long id, [FromForm(Name = "file_attente")] bool subscribe, CancellationToken ct)
    {
        var usagerId = User.UsagerId()!.Value;
        var outcome = await sender.Send(new SetWaitingListCommand(usagerId, id, subscribe), ct);
        if (outcome.IsSuccess)
        {
            TempData["Flash"] = subscribe ? "Vous êtes à présent sur la liste d'attente" : "Vous n'êtes plus sur la liste d'attente";
            return Redirect($"/users/rdvs/{id}");
        }
        var view = await sender.Send(new GetUsagerRdvQuery(usagerId, id, WithWaitingList: true), ct);
        if (view is null) return NotFound();
        View = view;
        Error = outcome.Error.Message;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }
}
