using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Organisations.Catalog;
using RdvSP.Web.Pages.Admin.Shared;

namespace RdvSP.Web.Pages.Admin.Motifs;

/// <summary>A motif's page: every option, its usage; admins edit, duplicate and delete it (soft delete, with a warning).</summary>
public sealed class ShowModel(IMediator mediator) : PageModel
{
    [FromRoute] public long OrganisationId { get; set; }
    [FromRoute] public long MotifId { get; set; }

    public MotifPage Motif { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Motif = await mediator.Send(new GetMotifQuery(OrganisationId, MotifId), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        await mediator.Send(new DeleteMotifCommand(OrganisationId, MotifId), cancellationToken);
        TempData["notice"] = "Le motif a été supprimé.";
        return Redirect(AdminUrls.Motifs(OrganisationId));
    }
}
