using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Organisations.BackOfficeShell;
using RdvSP.Web.Pages.Admin.Shared;

namespace RdvSP.Web.Pages.Admin.Organisations;

/// <summary>An organisation's entry point: the signed-in agent's own agenda there.</summary>
public sealed class ShowModel(IMediator mediator) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long organisationId, CancellationToken cancellationToken)
    {
        var shell = await mediator.Send(new GetBackOfficeShellQuery(organisationId), cancellationToken);
        return Redirect(AdminUrls.Agenda(organisationId, shell.AgentId));
    }
}
