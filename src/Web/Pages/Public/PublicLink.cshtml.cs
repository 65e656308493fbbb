using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Organisations.PublicLinks;

namespace RdvSP.Web.Pages.Public;

/// <summary>Public links of an organisation: redirect to the search restricted to it (embeddable).</summary>
public sealed class PublicLinkModel(ISender sender) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long? organisationId, string? territory, string? externalId, CancellationToken ct)
    {
        var target = await sender.Send(new ResolvePublicLinkQuery(organisationId, territory, externalId), ct);
        if (target is null) return NotFound();
        return Redirect($"/prendre_rdv?public_link_organisation_id={target.OrganisationId}&departement={Uri.EscapeDataString(target.Departement)}");
    }
}
