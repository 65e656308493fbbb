using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Usagers.AgentSpace;

namespace RdvSP.Web.Pages.Admin.Usagers;

/// <summary>A usager's page: information, family, référents, RDVs and their counters (REFERENCE-SURFACES §2.3.8).</summary>
public sealed class ShowModel(IMediator mediator) : PageModel
{
    [FromRoute]
    public long OrganisationId { get; set; }

    [FromRoute]
    public long UserId { get; set; }

    public UsagerFile Usager { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Usager = await mediator.Send(new GetUsagerQuery(OrganisationId, UserId), cancellationToken);
        return Page();
    }
}
