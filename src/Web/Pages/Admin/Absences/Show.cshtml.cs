using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Availability.BackOffice;
using RdvSP.Web.Pages.Admin.Shared;

namespace RdvSP.Web.Pages.Admin.Absences;

/// <summary>An absence's details and its deletion.</summary>
public sealed class ShowModel(IMediator mediator) : PageModel
{
    [FromRoute]
    public long OrganisationId { get; set; }

    [FromRoute]
    public long AbsenceId { get; set; }

    public AbsenceDetails Absence { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Absence = await mediator.Send(new GetAbsenceQuery(OrganisationId, AbsenceId), cancellationToken);

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        var absence = await mediator.Send(new GetAbsenceQuery(OrganisationId, AbsenceId), cancellationToken);
        await mediator.Send(new DeleteAbsenceCommand(OrganisationId, AbsenceId) { NotifyOwner = true }, cancellationToken);
        TempData["notice"] = "L'indisponibilité a été supprimée.";
        return Redirect(AdminUrls.Absences(OrganisationId, absence.Absence.AgentId));
    }
}
