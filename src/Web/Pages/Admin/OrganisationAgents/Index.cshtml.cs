using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Organisations.OrganisationAgents;

namespace RdvSP.Web.Pages.Admin.OrganisationAgents;

/// <summary>"Agents" of the organisation (REFERENCE-SURFACES §2.3.13): search, role, invitations en attente.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    [FromRoute] public long OrganisationId { get; set; }
    [FromQuery(Name = "search")] public string? Search { get; set; }
    [FromQuery(Name = "role")] public string? Role { get; set; }
    [FromQuery(Name = "invitations")] public bool PendingOnly { get; set; }

    public OrganisationAgentList List { get; private set; } = new([], false, 0);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        List = await mediator.Send(new ListOrganisationAgentsQuery(OrganisationId, Search, string.IsNullOrEmpty(Role) ? null : Role, PendingOnly), cancellationToken);
        return Page();
    }

    public static string RoleLabel(string level) => level switch
    {
        "admin" => "Administrateur",
        "intervenant" => "Intervenant",
        _ => "Basique",
    };
}
