using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Organisations.BackOfficeShell;

namespace RdvSP.Web.Pages.Admin.Organisations;

/// <summary>"Vos organisations": every organisation where the agent has a role.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<OrganisationItem> Organisations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Organisations = await mediator.Send(new ListMyOrganisationsQuery(), cancellationToken);
}
