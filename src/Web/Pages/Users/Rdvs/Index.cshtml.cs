using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Booking.UsagerRdvs;
using RdvSP.Web.Http;

namespace RdvSP.Web.Pages.Users.Rdvs;

/// <summary>"Vos rendez-vous": upcoming by default, past with ?past=1.</summary>
[Authorize(AuthenticationSchemes = UsagerAuthentication.Scheme)]
public sealed class IndexModel(ISender sender) : PageModel
{
    [FromQuery(Name = "past")] public int Past { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<UsagerRdvView> Rdvs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Rdvs = await sender.Send(new ListUsagerRdvsQuery(User.UsagerId()!.Value, Past == 1, PageNumber), ct);
}
