namespace RdvSP.Application.Webhooks;

/// <summary>An organisation's webhook endpoint (REFERENCE-API §4.1). The secret is the HMAC key, never shown whole.</summary>
public sealed record WebhookEndpointDto(long Id, long OrganisationId, string TargetUrl, string Secret, IReadOnlyList<string> Subscriptions);

/// <summary>One delivery of one change to one endpoint, as the deliveries page lists it.</summary>
public sealed record WebhookDeliveryDto(
    long Id,
    string Model,
    string Event,
    string? Reason,
    long RecordId,
    long? SecondId,
    string Status,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? LastError,
    int? LastStatusCode,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeliveredAt);

/// <summary>The endpoints and their deliveries, on the request's connection and transaction.</summary>
public interface IWebhookEndpointStore
{
    /// <summary>Endpoints of an organisation by id, optionally only the one with that exact target URL.</summary>
    Task<IReadOnlyList<WebhookEndpointDto>> ListAsync(long organisationId, string? targetUrl, CancellationToken cancellationToken);

    Task<WebhookEndpointDto?> GetAsync(long endpointId, CancellationToken cancellationToken);

    /// <summary>The new id, or null when the organisation already has an endpoint with that URL.</summary>
    Task<long?> AddAsync(long organisationId, string targetUrl, string secret, IReadOnlyList<string> subscriptions, CancellationToken cancellationToken);

    /// <summary>False when another endpoint of the organisation has that URL.</summary>
    Task<bool> UpdateAsync(long endpointId, string targetUrl, string secret, IReadOnlyList<string> subscriptions, CancellationToken cancellationToken);

    /// <summary>Deletes the endpoint; its pending deliveries are discarded with it.</summary>
    Task<bool> DeleteAsync(long endpointId, CancellationToken cancellationToken);

    /// <summary>The latest deliveries of an endpoint, newest first.</summary>
    Task<IReadOnlyList<WebhookDeliveryDto>> DeliveriesAsync(long endpointId, int limit, CancellationToken cancellationToken);
}

/// <summary>
/// What a transaction may tell the webhook capture (the row triggers of the subscribed tables, docs/adr/0012).
/// Each call applies to the current unit of work's transaction only.
/// </summary>
public interface IWebhookCapture
{
    /// <summary>Marks the transaction's changes as retention purges: their events carry <c>webhook_reason = "rgpd"</c> (§4.7).</summary>
    Task MarkRgpdAsync(CancellationToken cancellationToken);

    /// <summary>The transaction's changes emit no webhook (the reference's <c>skip_webhooks</c>).</summary>
    Task SkipWebhooksAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Queues a <c>created</c> event, for this endpoint only, of every record of its organisation it subscribes
    /// to (§4.5): the organisation, its RDVs, plages, absences of its agents, users, agents, roles, profiles,
    /// referent assignations of its users, motifs, lieux. Sent once the transaction commits.
    /// </summary>
    Task<int> ReplayAsync(long endpointId, CancellationToken cancellationToken);
}
