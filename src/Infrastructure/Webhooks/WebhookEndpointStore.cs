using Dapper;
using Npgsql;
using RdvSP.Application.Webhooks;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Infrastructure.Webhooks;

/// <summary>Endpoints and deliveries of the webhooks schema, on the request's connection and transaction.</summary>
internal sealed class WebhookEndpointStore(DbSession db) : IWebhookEndpointStore
{
    private const string Columns = "id, organisation_id, target_url, secret, subscriptions";

    public async Task<IReadOnlyList<WebhookEndpointDto>> ListAsync(long organisationId, string? targetUrl, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync<EndpointRow>(
            $"select {Columns} from webhooks.endpoints where organisation_id = @organisationId and (@targetUrl::text is null or target_url = @targetUrl) order by id",
            new { organisationId, targetUrl }, cancellationToken);
        return rows.Select(r => r.ToDto()).ToList();
    }

    public async Task<WebhookEndpointDto?> GetAsync(long endpointId, CancellationToken cancellationToken) =>
        (await QueryAsync<EndpointRow>($"select {Columns} from webhooks.endpoints where id = @endpointId", new { endpointId }, cancellationToken))
        .SingleOrDefault()?.ToDto();

    public async Task<long?> AddAsync(long organisationId, string targetUrl, string secret, IReadOnlyList<string> subscriptions, CancellationToken cancellationToken) =>
        (await QueryAsync<long>(
            """
            insert into webhooks.endpoints (organisation_id, target_url, secret, subscriptions)
            values (@organisationId, @targetUrl, @secret, @subscriptions)
            on conflict (organisation_id, target_url) do nothing
            returning id
            """,
            new { organisationId, targetUrl, secret, subscriptions = subscriptions.ToArray() }, cancellationToken))
        .Select(id => (long?)id).SingleOrDefault();

    public async Task<bool> UpdateAsync(long endpointId, string targetUrl, string secret, IReadOnlyList<string> subscriptions, CancellationToken cancellationToken)
    {
        // The URL is unique per organisation: a taken URL leaves the endpoint unchanged.
        var updated = await QueryAsync<long>(
            """
            update webhooks.endpoints e
               set target_url = @targetUrl, secret = @secret, subscriptions = @subscriptions
             where e.id = @endpointId
               and not exists (select 1 from webhooks.endpoints o
                                where o.organisation_id = e.organisation_id and o.target_url = @targetUrl and o.id <> e.id)
            returning e.id
            """,
            new { endpointId, targetUrl, secret, subscriptions = subscriptions.ToArray() }, cancellationToken);
        return updated.Count > 0;
    }

    public async Task<bool> DeleteAsync(long endpointId, CancellationToken cancellationToken) =>
        (await QueryAsync<long>("delete from webhooks.endpoints where id = @endpointId returning id", new { endpointId }, cancellationToken)).Count > 0;

    public async Task<IReadOnlyList<WebhookDeliveryDto>> DeliveriesAsync(long endpointId, int limit, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync<DeliveryRow>(
            """
            select id, model, event, reason, record_id, second_id, status, attempts, next_attempt_at, last_error, last_status_code, created_at, delivered_at
              from webhooks.deliveries
             where endpoint_id = @endpointId
             order by id desc
             limit @limit
            """,
            new { endpointId, limit }, cancellationToken);
        return rows.Select(r => new WebhookDeliveryDto(
            r.Id, r.Model, r.Event, r.Reason, r.RecordId, r.SecondId, r.Status, r.Attempts, Utc(r.NextAttemptAt), r.LastError, r.LastStatusCode,
            Utc(r.CreatedAt), r.DeliveredAt is { } delivered ? Utc(delivered) : null)).ToList();
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private async Task<List<T>> QueryAsync<T>(string sql, object parameters, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<T>(new CommandDefinition(sql, parameters, db.Transaction, cancellationToken: cancellationToken))).AsList();
    }

    private sealed class EndpointRow
    {
        public long Id { get; init; }
        public long OrganisationId { get; init; }
        public string TargetUrl { get; init; } = "";
        public string Secret { get; init; } = "";
        public string[] Subscriptions { get; init; } = [];

        public WebhookEndpointDto ToDto() => new(Id, OrganisationId, TargetUrl, Secret, Subscriptions);
    }

    private sealed class DeliveryRow
    {
        public long Id { get; init; }
        public string Model { get; init; } = "";
        public string Event { get; init; } = "";
        public string? Reason { get; init; }
        public long RecordId { get; init; }
        public long? SecondId { get; init; }
        public string Status { get; init; } = "";
        public int Attempts { get; init; }
        public DateTime NextAttemptAt { get; init; }
        public string? LastError { get; init; }
        public int? LastStatusCode { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime? DeliveredAt { get; init; }
    }
}
