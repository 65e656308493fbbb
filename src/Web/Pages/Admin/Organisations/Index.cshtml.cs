using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Organisations.BackOfficeShell;
using RdvSP.Web.Http;
using RdvSP.Web.Pages.Admin.Shared;

namespace RdvSP.Web.Pages.Admin.Organisations;

/// <summary>Agent home (REFERENCE-SURFACES §2.1): his organisations, or straight to his agenda when he has one.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<OrganisationItem> Organisations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Organisations = await mediator.Send(new ListMyOrganisationsQuery(), cancellationToken);
        return Organisations.Count == 1 ? Redirect(AdminUrls.Agenda(Organisations[0].Id, User.AgentId()!.Value)) : Page();
    }
}
