using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using RdvSP.Application.Notifications;

namespace RdvSP.Infrastructure.Notifications;

/// <summary>
/// Sends the outbox: claims one due message at a time (FOR UPDATE SKIP LOCKED, so any number of
/// dispatchers share the work without sending a message twice), sends it through
/// <see cref="IEmailSender"/> and records the receipt, or schedules a retry with a doubling delay.
/// Wakes on the enqueue's NOTIFY (sent at commit) and polls for retries coming due. Failures are
/// logged once per burst, not per message.
/// </summary>
internal sealed partial class OutboxDispatcher(NpgsqlDataSource dataSource, IEmailSender sender, ILogger<OutboxDispatcher> logger)
    : BackgroundService
{
    public const string Channel = "notifications_outbox";
    public const int MaxAttempts = 20;
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromMinutes(15);

    private bool sendFailing;
    private bool databaseFailing;

    /// <summary>2 s, 4 s, 8 s… up to 15 minutes after the <paramref name="failures"/>-th failure.</summary>
    internal static TimeSpan RetryDelay(int failures) =>
        TimeSpan.FromTicks(Math.Min(FirstRetry.Ticks << Math.Min(failures - 1, 20), MaxRetry.Ticks));

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
                    while (await DispatchOneAsync(stoppingToken)) { }
                    if (databaseFailing) LogDatabaseBack(logger);
                    databaseFailing = false;
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
                if (!databaseFailing) LogDatabaseDown(logger, ex.GetType().Name);
                databaseFailing = true;
                try { await Task.Delay(Poll, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>Sends the next due message, if any; false when none is due.</summary>
    internal async Task<bool> DispatchOneAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<OutboxRow>(new CommandDefinition(
            """
            select id, attempts, payload::text as payload
              from notifications.outbox
             where status = 'pending' and next_attempt_at <= now()
             order by next_attempt_at, id
             limit 1
               for update skip locked
            """,
            transaction: transaction,
            cancellationToken: cancellationToken));
        if (row is null) return false;

        try
        {
            await sender.SendAsync(JsonSerializer.Deserialize<EmailMessage>(row.Payload!)!, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                """
                update notifications.outbox
                   set status = 'sent', sent_at = now(), attempts = attempts + 1, payload = null, last_error = null
                 where id = @Id
                """,
                new { row.Id },
                transaction,
                cancellationToken: cancellationToken));
            if (sendFailing) LogSendingBack(logger);
            sendFailing = false;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not NpgsqlException)
        {
            var failures = row.Attempts + 1;
            await connection.ExecuteAsync(new CommandDefinition(
                """
                update notifications.outbox
                   set attempts = @failures, last_error = left(@error, 500), next_attempt_at = now() + @delay,
                       status = case when @failures >= @max then 'failed' else 'pending' end
                 where id = @Id
                """,
                new { row.Id, failures, error = $"{ex.GetType().Name}: {ex.Message}", delay = RetryDelay(failures), max = MaxAttempts },
                transaction,
                cancellationToken: cancellationToken));
            if (!sendFailing) LogSendingFailed(logger, ex.GetType().Name);
            sendFailing = true;
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private sealed record OutboxRow(long Id, int Attempts, string? Payload);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox: sending failed ({ErrorType}); messages are kept and retried")]
    private static partial void LogSendingFailed(ILogger logger, string errorType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox: sending works again")]
    private static partial void LogSendingBack(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox: dispatch interrupted ({ErrorType}), probably the database; retrying")]
    private static partial void LogDatabaseDown(ILogger logger, string errorType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox: dispatch resumed")]
    private static partial void LogDatabaseBack(ILogger logger);
}
