using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Webhooks;

namespace RdvSP.Web.Pages.Admin.WebhookEndpoints;

/// <summary>The organisation's webhook endpoints (admins only, REFERENCE-API §4.1).</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    [FromRoute]
    public long OrganisationId { get; set; }

    public IReadOnlyList<WebhookEndpointView> Endpoints { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Endpoints = await mediator.Send(new ListWebhookEndpointsQuery(OrganisationId), cancellationToken);
        return Page();
    }
}
