using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Webhooks;
using RdvSP.Domain.Common.Webhooks;
using RdvSP.Web.Pages.Admin.Shared;

namespace RdvSP.Web.Pages.Admin.WebhookEndpoints;

/// <summary>Adds an endpoint (the UI never replays the organisation's records, REFERENCE-API §4.5).</summary>
public sealed class NewModel(IMediator mediator) : PageModel
{
    [FromRoute]
    public long OrganisationId { get; set; }

    [BindProperty]
    public WebhookEndpointInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        // The list's policy (admins of the organisation) guards the empty form too.
        await mediator.Send(new ListWebhookEndpointsQuery(OrganisationId), cancellationToken);
        Input = new WebhookEndpointInput { Subscriptions = WebhookSubscriptions.Default.ToList() };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await mediator.Send(new CreateWebhookEndpointCommand(OrganisationId, Input.TargetUrl, Input.Secret, Input.Subscriptions, Trigger: false), cancellationToken);
        TempData["notice"] = "Le webhook a été ajouté.";
        return Redirect(AdminUrls.WebhookEndpoints(OrganisationId));
    }
}
