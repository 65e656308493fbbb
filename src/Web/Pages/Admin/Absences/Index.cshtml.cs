using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Availability.BackOffice;

namespace RdvSP.Web.Pages.Admin.Absences;

/// <summary>An agent's absences: "En cours" / "Passées" tabs (§2.3.10).</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    [FromRoute]
    public long OrganisationId { get; set; }

    [FromRoute]
    public long AgentId { get; set; }

    [FromQuery(Name = "expired")]
    public bool Expired { get; set; }

    public AbsenceList List { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        List = await mediator.Send(new ListAbsencesQuery(OrganisationId, AgentId, Expired), cancellationToken);
}
