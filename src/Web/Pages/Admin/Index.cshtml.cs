using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Organisations.BackOfficeShell;
using RdvSP.Web.Http;
using RdvSP.Web.Pages.Admin.Shared;

namespace RdvSP.Web.Pages.Admin;

/// <summary>Agent home (REFERENCE-SURFACES §2.1): his agenda when he has one organisation, else the list of his organisations.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var organisations = await mediator.Send(new ListMyOrganisationsQuery(), cancellationToken);
        return Redirect(organisations.Count == 1 ? AdminUrls.Agenda(organisations[0].Id, User.AgentId()!.Value) : "/admin/organisations");
    }
}
