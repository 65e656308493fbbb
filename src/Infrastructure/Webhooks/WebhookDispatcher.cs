using System.Net.Http.Headers;
using System.Text;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using RdvSP.Application.Api;
using RdvSP.Domain.Common.Webhooks;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Infrastructure.Webhooks;

/// <summary>
/// The webhooks' background side (docs/adr/0012), in the `jobs` process (and in `web` when the outbox
/// is dispatched there):
/// 1. builds: turns committed captures into deliveries — one payload per change, serialised by the API
///    reader and frozen, one delivery per subscribed endpoint (REFERENCE-API §4.2 routing); a destroyed
///    record is read in its last state: the rows deleted by its transaction and by the later ones are
///    restored from their captures inside a savepoint rolled back once the payloads are built;
/// 2. sends: claims due deliveries (FOR UPDATE SKIP LOCKED, never a newer one of a record while an
///    older one is pending), re-reads the endpoint (URL, secret) at each attempt, POSTs with the HMAC
///    signature and retries with the §4.4 policy.
/// Wakes on the captures' and deliveries' NOTIFY (sent at commit) and polls for retries coming due.
/// </summary>
public sealed partial class WebhookDispatcher(
    NpgsqlDataSource dataSource,
    IServiceScopeFactory scopes,
    IHttpClientFactory httpClients,
    ILogger<WebhookDispatcher> logger)
    : BackgroundService
{
    public const string Channel = "webhooks";
    public const string HttpClientName = "webhooks";
    private const int BuildBatch = 200;
    private const int Senders = 4;
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    private bool failing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var listener = await dataSource.OpenConnectionAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"listen {Channel}", listener))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await RunOnceAsync(stoppingToken);
                    if (failing) LogBack(logger);
                    failing = false;
                    await listener.WaitAsync(Poll, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Never let the loop die (a failed hosted service stops the host): wait and start over.
                if (!failing) LogInterrupted(logger, ex.GetType().Name);
                failing = true;
                try { await Task.Delay(Poll, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>Builds every committed capture, then sends every due delivery (a few senders side by side).</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        while (await BuildAsync(cancellationToken) >= BuildBatch) { }
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(async _ =>
        {
            while (await SendOneAsync(cancellationToken)) { }
        }));
    }

    /// <summary>
    /// Turns the committed captures of the transactions behind the next <see cref="BuildBatch"/> captures into
    /// deliveries, in capture order, and deletes them, in one transaction (a transaction's captures are never
    /// split: its deleted rows are restored together). One builder at a time (an advisory lock), so deliveries of a record are
    /// numbered in the order of its changes. Returns the number of captures consumed.
    /// </summary>
    public async Task<int> BuildAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DbSession>();
        var reader = scope.ServiceProvider.GetRequiredService<IApiObjectReader>();
        await db.BeginAsync(cancellationToken);
        var connection = await db.ConnectionAsync(cancellationToken);
        try
        {
            if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                    "select pg_try_advisory_xact_lock(hashtext('webhooks.build'))", transaction: db.Transaction, cancellationToken: cancellationToken)))
            {
                await db.RollbackAsync(CancellationToken.None);
                return 0;
            }
            var captures = (await connection.QueryAsync<CaptureRow>(new CommandDefinition(
                """
                select id, txid::text as txid, model, record_id, second_id, event, reason, endpoint_id, old_row is not null as has_old_row, captured_at
                  from webhooks.captures
                 where txid in (select txid from webhooks.captures order by id limit @BuildBatch)
                 order by id
                """,
                new { BuildBatch }, db.Transaction, cancellationToken: cancellationToken))).AsList();
            if (captures.Count == 0)
            {
                await db.RollbackAsync(CancellationToken.None);
                return 0;
            }

            var deliveries = new List<NewDelivery>();
            foreach (var transaction in captures.GroupBy(c => c.Txid))
            {
                var events = Collapse(transaction.ToList());
                var restore = transaction.Any(c => c.HasOldRow) && events.Any(e => e.Event == "destroyed");
                if (restore)
                {
                    await ExecuteAsync(connection, db, "savepoint webhooks_restore", null, cancellationToken);
                    await ExecuteAsync(connection, db, "select webhooks.restore_deleted(@from)", new { from = transaction.Min(c => c.Id) }, cancellationToken);
                }
                foreach (var change in events)
                {
                    var endpointIds = (await connection.QueryAsync<long>(new CommandDefinition(RouteSql, change, db.Transaction, cancellationToken: cancellationToken))).AsList();
                    if (endpointIds.Count == 0) continue;
                    var data = await reader.ReadJsonAsync(change.Model, new ApiObjectKey(change.RecordId, change.SecondId), cancellationToken);
                    if (data is null)
                    {
                        // Gone since (created/updated then deleted): its destroyed event follows. A destroyed record
                        // that could not be restored still tells its receivers which record it was.
                        if (change.Event != "destroyed") continue;
                        data = await LastKnownAsync(reader, change, cancellationToken);
                    }
                    var payload = Encoding.UTF8.GetBytes(WebhookPayload.Build(
                        data, WebhookSubscriptions.ModelName(change.Model), WebhookPayload.ParseEvent(change.Event), change.Reason,
                        new DateTimeOffset(DateTime.SpecifyKind(change.CapturedAt, DateTimeKind.Utc))));
                    deliveries.AddRange(endpointIds.Select(endpointId => new NewDelivery(endpointId, change, payload)));
                }
                if (restore) await ExecuteAsync(connection, db, "rollback to savepoint webhooks_restore", null, cancellationToken);
            }

            await ExecuteAsync(connection, db,
                """
                insert into webhooks.deliveries (endpoint_id, model, event, reason, record_id, second_id, payload)
                select * from unnest(@endpointIds, @models, @events, @reasons, @recordIds, @secondIds, @payloads::bytea[])
                """,
                new
                {
                    endpointIds = deliveries.Select(d => d.EndpointId).ToArray(),
                    models = deliveries.Select(d => d.Change.Model).ToArray(),
                    events = deliveries.Select(d => d.Change.Event).ToArray(),
                    reasons = deliveries.Select(d => d.Change.Reason).ToArray(),
                    recordIds = deliveries.Select(d => d.Change.RecordId).ToArray(),
                    secondIds = deliveries.Select(d => d.Change.SecondId).ToArray(),
                    payloads = deliveries.Select(d => d.Payload).ToArray(),
                },
                cancellationToken);
            await ExecuteAsync(connection, db, "delete from webhooks.captures where id = any(@ids)", new { ids = captures.Select(c => c.Id).ToArray() }, cancellationToken);
            await db.CommitAsync(CancellationToken.None);
            return captures.Count;
        }
        catch
        {
            await db.RollbackAsync(CancellationToken.None);
            throw;
        }
    }

    /// <summary>Endpoints receiving a change (REFERENCE-API §4.2): the organisations of the record, read in the builder's transaction.</summary>
    private const string RouteSql = """
        select e.id from webhooks.endpoints e
         where @Model = any(e.subscriptions) and (@EndpointId::bigint is null or e.id = @EndpointId)
           and e.organisation_id in (
               select organisation_id from booking.rdvs where @Model = 'rdv' and id = @RecordId
               union all
               select ar.organisation_id from organisations.agent_roles ar join availability.absences a on a.agent_id = ar.agent_id
                where @Model = 'absence' and a.id = @RecordId
               union all
               select organisation_id from availability.plage_ouvertures where @Model = 'plage_ouverture' and id = @RecordId
               union all
               select organisation_id from usagers.user_profiles where @Model in ('user', 'referent_assignation') and user_id = @RecordId
               union all
               select @SecondId where @Model = 'user_profile'
               union all
               select @RecordId where @Model = 'organisation'
               union all
               select organisation_id from organisations.motifs where @Model = 'motif' and id = @RecordId
               union all
               select organisation_id from organisations.lieux where @Model = 'lieu' and id = @RecordId
               union all
               select organisation_id from organisations.agent_roles where @Model = 'agent' and agent_id = @RecordId
               union all
               select organisation_id from organisations.agent_roles where @Model = 'agent_role' and id = @RecordId)
         order by e.id
        """;

    /// <summary>
    /// One event per record and transaction, in the order of its first capture: a record whose last change
    /// is a deletion is destroyed; one inserted (and not deleted) is created; anything else, including a
    /// row touching it (a participation of an RDV), is updated. Replays stay apart (one per endpoint).
    /// </summary>
    private static List<Change> Collapse(List<CaptureRow> captures) =>
        captures.GroupBy(c => (c.Model, c.RecordId, c.SecondId, c.EndpointId))
            .Select(g =>
            {
                var own = g.Where(c => c.Event != "updated").ToList();
                var lastDestroyed = own.Count > 0 && own[^1].Event == "destroyed";
                var created = !lastDestroyed && g.Any(c => c.Event == "created") && !g.Any(c => c.Event == "destroyed");
                var webhookEvent = lastDestroyed ? "destroyed" : created ? "created" : "updated";
                var reason = g.Select(c => c.Reason).FirstOrDefault(r => r is not null);
                return new Change(g.Key.Model, g.Key.RecordId, g.Key.SecondId, webhookEvent, reason, g.Key.EndpointId, g.First().CapturedAt);
            })
            .ToList();

    /// <summary>A destroyed record that could not be restored: its id, or the two records a join record links.</summary>
    private static async Task<string> LastKnownAsync(IApiObjectReader reader, Change change, CancellationToken cancellationToken)
    {
        if (!WebhookSubscriptions.IsJoinRecord(change.Model)) return $$"""{"id":{{change.RecordId}}}""";
        var otherModel = change.Model == "user_profile" ? "organisation" : "agent";
        var other = await reader.ReadJsonAsync(otherModel, new ApiObjectKey(change.SecondId!.Value), cancellationToken) ?? "null";
        var user = await reader.ReadJsonAsync("user", new ApiObjectKey(change.RecordId), cancellationToken) ?? "null";
        return $$"""{"{{otherModel}}":{{other}},"user":{{user}}}""";
    }

    /// <summary>
    /// Sends the oldest due delivery whose record has no older pending delivery to that endpoint; false when
    /// none is due. The row stays locked while it is sent; the outcome is written whatever happens to
    /// <paramref name="cancellationToken"/>.
    /// </summary>
    public async Task<bool> SendOneAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<DeliveryRow>(new CommandDefinition(
            """
            select d.id, d.model, d.payload, d.attempts, e.target_url, e.secret, d.model = any(e.subscriptions) as subscribed
              from webhooks.deliveries d
              join webhooks.endpoints e on e.id = d.endpoint_id
             where d.status = 'pending' and d.next_attempt_at <= now()
               and not exists (select 1 from webhooks.deliveries o
                                where o.endpoint_id = d.endpoint_id and o.model = d.model and o.record_id = d.record_id
                                  and o.second_id is not distinct from d.second_id and o.status = 'pending' and o.id < d.id)
             order by d.next_attempt_at, d.id
             limit 1
               for update of d skip locked
            """,
            transaction: transaction,
            cancellationToken: cancellationToken));
        if (row is null) return false;

        if (!row.Subscribed)
        {
            await UpdateAsync(connection, transaction,
                "update webhooks.deliveries set status = 'abandoned', last_error = 'Le webhook n''est plus abonné à ce modèle.', updated_at = clock_timestamp() where id = @Id",
                new { row.Id });
            await transaction.CommitAsync(CancellationToken.None);
            return true;
        }

        int? statusCode = null;
        string? error;
        try
        {
            (statusCode, error) = await PostAsync(row, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            error = ex is TaskCanceledException ? "Délai dépassé" : $"{ex.GetType().Name}: {ex.Message}";
        }

        if (error is null)
        {
            await UpdateAsync(connection, transaction,
                """
                update webhooks.deliveries
                   set status = 'delivered', attempts = attempts + 1, last_status_code = @statusCode, last_error = null,
                       delivered_at = clock_timestamp(), updated_at = clock_timestamp()
                 where id = @Id
                """,
                new { row.Id, statusCode });
        }
        else
        {
            var failures = row.Attempts + 1;
            // clock_timestamp(), not now(): the transaction began before a send that may have hung for seconds.
            await UpdateAsync(connection, transaction,
                """
                update webhooks.deliveries
                   set attempts = @failures, last_status_code = @statusCode, last_error = left(@error, 500),
                       next_attempt_at = clock_timestamp() + @delay, updated_at = clock_timestamp(),
                       status = case when @failures >= @max then 'failed' else 'pending' end
                 where id = @Id
                """,
                new { row.Id, failures, statusCode, error, delay = WebhookRetry.Delay(failures, Random.Shared.NextDouble()), max = WebhookRetry.MaxAttempts });
        }
        await transaction.CommitAsync(CancellationToken.None);
        return true;
    }

    /// <summary>POSTs the frozen bytes signed with the endpoint's current secret; the status and the error (null when delivered).</summary>
    private async Task<(int? StatusCode, string? Error)> PostAsync(DeliveryRow row, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(row.TargetUrl, UriKind.Absolute, out var target) || (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps))
            return (null, "URL cible invalide");
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(row.Payload) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");
        request.Headers.TryAddWithoutValidation(WebhookSignature.HeaderName, WebhookSignature.Sign(Encoding.UTF8.GetString(row.Payload), row.Secret));
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (WebhookRetry.IsSuccess(status, body)) return (status, null);
        return (status, $"HTTP {status}: {(body.Length > 200 ? body[..200] : body)}");
    }

    private static Task ExecuteAsync(NpgsqlConnection connection, DbSession db, string sql, object? parameters, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(sql, parameters, db.Transaction, cancellationToken: cancellationToken));

    private static Task UpdateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, object parameters) =>
        connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: CancellationToken.None));

    private sealed class CaptureRow
    {
        public long Id { get; init; }
        public string Txid { get; init; } = "";
        public string Model { get; init; } = "";
        public long RecordId { get; init; }
        public long? SecondId { get; init; }
        public string Event { get; init; } = "";
        public string? Reason { get; init; }
        public long? EndpointId { get; init; }
        public bool HasOldRow { get; init; }
        public DateTime CapturedAt { get; init; }
    }

    private sealed record Change(string Model, long RecordId, long? SecondId, string Event, string? Reason, long? EndpointId, DateTime CapturedAt);

    private sealed record NewDelivery(long EndpointId, Change Change, byte[] Payload);

    private sealed class DeliveryRow
    {
        public long Id { get; init; }
        public string Model { get; init; } = "";
        public byte[] Payload { get; init; } = [];
        public int Attempts { get; init; }
        public string TargetUrl { get; init; } = "";
        public string Secret { get; init; } = "";
        public bool Subscribed { get; init; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhooks: dispatch interrupted ({ErrorType}), probably the database; retrying")]
    private static partial void LogInterrupted(ILogger logger, string errorType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhooks: dispatch resumed")]
    private static partial void LogBack(ILogger logger);
}
