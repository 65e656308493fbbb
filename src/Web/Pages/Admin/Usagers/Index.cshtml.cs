using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Usagers.AgentSpace;

namespace RdvSP.Web.Pages.Admin.Usagers;

/// <summary>The organisation's usagers: empty until a search term or a référent agent is given (REFERENCE-SURFACES §2.3.8).</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    [FromRoute]
    public long OrganisationId { get; set; }

    [FromQuery(Name = "search")]
    public string? Search { get; set; }

    [FromQuery(Name = "agent_id")]
    public long? AgentId { get; set; }

    public UsagerIndex Index { get; private set; } = new([], false, [], []);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Index = await mediator.Send(new ListUsagersQuery(OrganisationId, Search, AgentId), cancellationToken);
        return Page();
    }
}
