using RdvSP.Application.Webhooks;

namespace RdvSP.Web.Pages.Admin.WebhookEndpoints;

/// <summary>The endpoint form (URL, secret — shown masked when editing —, subscribed models).</summary>
public sealed class WebhookEndpointInput
{
    public string? TargetUrl { get; set; }

    public string? Secret { get; set; }

    public List<string> Subscriptions { get; set; } = [];

    public static WebhookEndpointInput From(WebhookEndpointView endpoint) =>
        new() { TargetUrl = endpoint.TargetUrl, Secret = endpoint.MaskedSecret, Subscriptions = endpoint.Subscriptions.ToList() };

    /// <summary>French labels of the subscriptions (REFERENCE-API §4.1 order).</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> Choices =
    [
        ("rdv", "Rendez-vous"), ("absence", "Absences"), ("plage_ouverture", "Plages d'ouverture"), ("user", "Usagers"),
        ("user_profile", "Usagers de l'organisation (profils)"), ("organisation", "Organisation"), ("motif", "Motifs"), ("lieu", "Lieux"),
        ("agent", "Agents"), ("agent_role", "Rôles des agents"), ("referent_assignation", "Référents des usagers"),
    ];
}
