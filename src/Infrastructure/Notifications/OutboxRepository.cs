using System.Text.Json;
using Dapper;
using RdvSP.Application.Notifications;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Infrastructure.Notifications;

/// <summary>Writes outbox rows on the request's connection and transaction (committed or rolled back with the use case).</summary>
internal sealed class OutboxRepository(DbSession db) : INotificationOutbox
{
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
}
