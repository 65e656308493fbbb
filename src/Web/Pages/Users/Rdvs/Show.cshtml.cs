using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Booking.UsagerRdvs;
using RdvSP.Web.Http;

namespace RdvSP.Web.Pages.Users.Rdvs;

/// <summary>One rdv of the usager or their relatives; 404 for any other id.</summary>
[Authorize(AuthenticationSchemes = UsagerAuthentication.Scheme)]
public sealed class ShowModel(ISender sender) : PageModel
{
    public UsagerRdvView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var view = await sender.Send(new GetUsagerRdvQuery(User.UsagerId()!.Value, id), ct);
        if (view is null) return NotFound();
        View = view;
        return Page();
    }
}
