using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Availability.BackOffice;
using RdvSP.Web.Pages.Admin.Shared;

namespace RdvSP.Web.Pages.Admin.PlageOuvertures;

/// <summary>A plage's details, its warnings after a save, and its deletion.</summary>
public sealed class ShowModel(IMediator mediator) : PageModel
{
    [FromRoute]
    public long OrganisationId { get; set; }

    [FromRoute]
    public long PlageOuvertureId { get; set; }

    public PlageOuvertureDetails Plage { get; private set; } = null!;

    public IReadOnlyList<string> Warnings { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Plage = await mediator.Send(new GetPlageOuvertureQuery(OrganisationId, PlageOuvertureId), cancellationToken);
        Warnings = TempData["plage_warnings"] is string warnings ? warnings.Split('\n') : [];
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        var plage = await mediator.Send(new GetPlageOuvertureQuery(OrganisationId, PlageOuvertureId), cancellationToken);
        await mediator.Send(new DeletePlageOuvertureCommand(OrganisationId, PlageOuvertureId) { NotifyOwner = true }, cancellationToken);
        TempData["notice"] = "La plage d'ouverture a été supprimée.";
        return Redirect(AdminUrls.PlageOuvertures(OrganisationId, plage.Plage.AgentId));
    }
}
