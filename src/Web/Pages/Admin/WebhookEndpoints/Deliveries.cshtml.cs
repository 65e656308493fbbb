using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Webhooks;

namespace RdvSP.Web.Pages.Admin.WebhookEndpoints;

/// <summary>The latest deliveries of an endpoint: status, attempts, last error.</summary>
public sealed class DeliveriesModel(IMediator mediator) : PageModel
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [FromRoute]
    public long OrganisationId { get; set; }

    [FromRoute]
    public long WebhookEndpointId { get; set; }

    public WebhookDeliveriesView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        View = await mediator.Send(new ListWebhookDeliveriesQuery(OrganisationId, WebhookEndpointId), cancellationToken);
        return Page();
    }

    public static string Local(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Paris).ToString("dd/MM/yyyy HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    public static string StatusLabel(string status) => status switch
    {
        "delivered" => "Envoyé",
        "pending" => "En attente",
        "failed" => "Échec définitif",
        _ => "Abandonné",
    };
}
