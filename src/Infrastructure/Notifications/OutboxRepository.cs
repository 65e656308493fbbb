using System.Text.Json;
using Dapper;
using RdvSP.Application.Notifications;
using RdvSP.Application.Notifications.AgentSchedule;
using RdvSP.Domain.Notifications;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Infrastructure.Notifications;

/// <summary>Writes outbox rows on the request's connection and transaction (committed or rolled back with the use case).</summary>
internal sealed class OutboxRepository(DbSession db) : INotificationOutbox
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task EnqueueEmailAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        const string sql = """
            insert into notifications.outbox (idempotency_key, kind, payload)
            values (@key, 'email', @payload::jsonb)
            on conflict (idempotency_key) do nothing
            """;
        var key = $"email-{Guid.NewGuid():N}";
        var payload = JsonSerializer.Serialize(message with { IdempotencyKey = key });
        var connection = await db.ConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { key, payload }, db.Transaction, cancellationToken: cancellationToken));
    }

    public async Task EnqueueRdvMessagesAsync(IReadOnlyList<OutboxRdvMessage> messages, CancellationToken cancellationToken)
    {
        const string sql = """
            insert into notifications.outbox (idempotency_key, kind, template, payload, rdv_id, user_id, organisation_id, event, reminder, next_attempt_at)
            select k, kd, t, p, r, u, o, e, rm, coalesce(d, now())
              from unnest(@keys, @kinds, @templates, @payloads::jsonb[], @rdvIds, @userIds, @organisationIds, @events, @reminders, @dueAts) as x(k, kd, t, p, r, u, o, e, rm, d)
            on conflict (idempotency_key) do nothing
            """;
        await InsertAsync(sql, messages, cancellationToken);
    }

    public async Task EnqueueAgentScheduleMessageAsync(AgentScheduleMessage message, CancellationToken cancellationToken)
    {
        const string sql = """
            insert into notifications.outbox (idempotency_key, kind, template, payload, organisation_id, event)
            values (@key, 'email', 'agent_schedule', @payload::jsonb, @organisationId, @event)
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            sql,
            new
            {
                key = $"agent-schedule-{Guid.NewGuid():N}",
                payload = JsonSerializer.Serialize(message, Json),
                organisationId = message.Details.OrganisationId,
                @event = AgentScheduleEvent(message),
            },
            db.Transaction,
            cancellationToken: cancellationToken));
    }

    /// <summary>"plage_ouverture_created" … "absence_destroyed" (the reference's mailer actions).</summary>
    internal static string AgentScheduleEvent(AgentScheduleMessage message) =>
        (message.Details.Item == AgentScheduleItem.PlageOuverture ? "plage_ouverture_" : "absence_") + message.Change.ToString().ToLowerInvariant();

    public async Task ReplanRemindersAsync(long rdvId, IReadOnlyList<OutboxRdvMessage> reminders, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            delete from notifications.outbox
             where rdv_id = @rdvId and reminder and status = 'pending' and not (idempotency_key = any(@keys))
            """,
            new { rdvId, keys = reminders.Select(r => r.IdempotencyKey).ToArray() },
            db.Transaction,
            cancellationToken: cancellationToken));
        if (reminders.Count == 0) return;
        // A pending reminder with the same key is refreshed (the RDV's details may have changed); a sent one is left alone.
        const string sql = """
            insert into notifications.outbox (idempotency_key, kind, template, payload, rdv_id, user_id, organisation_id, event, reminder, next_attempt_at)
            select k, kd, t, p, r, u, o, e, rm, coalesce(d, now())
              from unnest(@keys, @kinds, @templates, @payloads::jsonb[], @rdvIds, @userIds, @organisationIds, @events, @reminders, @dueAts) as x(k, kd, t, p, r, u, o, e, rm, d)
            on conflict (idempotency_key) do update
               set payload = excluded.payload, next_attempt_at = excluded.next_attempt_at
             where outbox.status = 'pending'
            """;
        await InsertAsync(sql, reminders, cancellationToken);
    }

    private async Task InsertAsync(string sql, IReadOnlyList<OutboxRdvMessage> messages, CancellationToken cancellationToken)
    {
        var parameters = new
        {
            keys = messages.Select(m => m.IdempotencyKey).ToArray(),
            kinds = messages.Select(m => m.Message.Channel == NotificationChannel.Sms ? "sms" : "email").ToArray(),
            templates = messages.Select(_ => "rdv").ToArray(),
            payloads = messages.Select(m => JsonSerializer.Serialize(m.Message, Json)).ToArray(),
            rdvIds = messages.Select(m => (long?)m.Message.Rdv.Id).ToArray(),
            userIds = messages.Select(m => m.Message.UserId).ToArray(),
            organisationIds = messages.Select(m => (long?)m.Message.Rdv.OrganisationId).ToArray(),
            events = messages.Select(m => m.Message.Event).ToArray(),
            reminders = messages.Select(m => m.Reminder).ToArray(),
            dueAts = messages.Select(m => m.NotBefore?.UtcDateTime).ToArray(),
        };
        var connection = await db.ConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, db.Transaction, cancellationToken: cancellationToken));
    }
}
