using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Usagers.AgentSpace;
using RdvSP.Web.Pages.Admin.Shared;

namespace RdvSP.Web.Pages.Admin.Usagers;

/// <summary>Adds a usager of another organisation of the territory to this one (REFERENCE-SURFACES §2.3.8).</summary>
public sealed class LinkModel(IMediator mediator) : PageModel
{
    [FromRoute]
    public long OrganisationId { get; set; }

    [FromRoute]
    public long UserId { get; set; }

    public TerritoryUsager Candidate { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Candidate = await mediator.Send(new GetLinkCandidateQuery(OrganisationId, UserId), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await mediator.Send(new LinkUsagerToOrganisationCommand(OrganisationId, UserId), cancellationToken);
        TempData["notice"] = "L'usager a été ajouté à votre organisation.";
        return Redirect(AdminUrls.Usager(OrganisationId, UserId));
    }
}
