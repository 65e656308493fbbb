using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Webhooks;
using RdvSP.Web.Pages.Admin.Shared;

namespace RdvSP.Web.Pages.Admin.WebhookEndpoints;

/// <summary>Edits or deletes an endpoint. The secret field shows the mask; sending the mask back keeps the secret.</summary>
public sealed class EditModel(IMediator mediator) : PageModel
{
    [FromRoute]
    public long OrganisationId { get; set; }

    [FromRoute]
    public long WebhookEndpointId { get; set; }

    [BindProperty]
    public WebhookEndpointInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Input = WebhookEndpointInput.From(await mediator.Send(new GetWebhookEndpointQuery(OrganisationId, WebhookEndpointId), cancellationToken));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // An empty field is a change to refuse, not a value to keep: the validator says so.
        await mediator.Send(new UpdateWebhookEndpointCommand(
            OrganisationId, WebhookEndpointId, Input.TargetUrl ?? "", Input.Secret ?? "", Input.Subscriptions, Trigger: false), cancellationToken);
        TempData["notice"] = "Le webhook a été enregistré.";
        return Redirect(AdminUrls.WebhookEndpoints(OrganisationId));
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        var deleted = await mediator.Send(new DeleteWebhookEndpointCommand(OrganisationId, WebhookEndpointId), cancellationToken);
        TempData[deleted.IsSuccess ? "notice" : "alert"] = deleted.IsSuccess ? "Le webhook a été supprimé." : deleted.Error.Message;
        return Redirect(AdminUrls.WebhookEndpoints(OrganisationId));
    }
}
