using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Availability.BackOffice;

namespace RdvSP.Web.Pages.Admin.PlageOuvertures;

/// <summary>An agent's plages d'ouverture: "En cours" / "Passées" tabs and a search by title (§2.3.9).</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    [FromRoute]
    public long OrganisationId { get; set; }

    [FromRoute]
    public long AgentId { get; set; }

    [FromQuery(Name = "expired")]
    public bool Expired { get; set; }

    [FromQuery(Name = "search")]
    public string? Search { get; set; }

    public PlageOuvertureList List { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        List = await mediator.Send(new ListPlageOuverturesQuery(OrganisationId, AgentId, Expired, Search), cancellationToken);
}
