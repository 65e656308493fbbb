using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Organisations.Catalog;

namespace RdvSP.Web.Pages.Admin.Motifs;

/// <summary>The motifs list with its filters (REFERENCE-SURFACES §2.3.11); read-only for basic agents.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    [FromRoute] public long OrganisationId { get; set; }
    [FromQuery(Name = "service_id")] public long? ServiceId { get; set; }
    [FromQuery(Name = "search")] public string? Search { get; set; }
    /// <summary>"online" or "offline" (bookable by usagers or not).</summary>
    [FromQuery(Name = "online")] public string? Online { get; set; }
    [FromQuery(Name = "location_type")] public string? LocationType { get; set; }

    public MotifIndex Index { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        bool? online = Online switch { "online" => true, "offline" => false, _ => null };
        var filter = new MotifFilter(ServiceId, Search, online, string.IsNullOrEmpty(LocationType) ? null : LocationType);
        Index = await mediator.Send(new ListMotifsQuery(OrganisationId, filter), cancellationToken);
        return Page();
    }
}
