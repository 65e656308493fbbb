using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Booking.CollectiveRdvs;
using RdvSP.Application.Common.Exceptions;

namespace RdvSP.Web.Pages.Admin.CollectiveRdvs;

/// <summary>"RDV collectifs" (REFERENCE-SURFACES §2.3.7): filters motif, lieu, from date, "avec des places restantes".</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    [FromRoute] public long OrganisationId { get; set; }
    [FromQuery(Name = "motif_id")] public long? MotifId { get; set; }
    [FromQuery(Name = "lieu_id")] public long? LieuId { get; set; }
    [FromQuery(Name = "from_date")] public string? FromDate { get; set; }
    [FromQuery(Name = "with_remaining_seats")] public bool OnlyWithSeats { get; set; }

    public CollectiveRdvList? List { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        DateOnly? from = null;
        if (!string.IsNullOrEmpty(FromDate))
        {
            if (!DateOnly.TryParseExact(FromDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                // The organisation's request first: an outsider learns nothing from the message.
                List = await mediator.Send(new ListCollectiveRdvsQuery(OrganisationId, null, null, null, false), cancellationToken);
                return Refused("La date doit être au format AAAA-MM-JJ.");
            }
            from = day;
        }
        try
        {
            List = await mediator.Send(new ListCollectiveRdvsQuery(OrganisationId, MotifId, LieuId, from, OnlyWithSeats), cancellationToken);
        }
        catch (ValidationFailedException e)
        {
            List = await mediator.Send(new ListCollectiveRdvsQuery(OrganisationId, null, null, null, false), cancellationToken);
            return Refused(string.Join(" ", e.Errors.SelectMany(x => x.Value)));
        }
        return Page();
    }

    private PageResult Refused(string message)
    {
        ModelState.AddModelError(string.Empty, message);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
