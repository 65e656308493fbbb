using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Microsoft.Extensions.Configuration;
using RdvSP.Application.Notifications;
using RdvSP.Application.Notifications.AgentSchedule;
using RdvSP.Domain.Notifications;
using RdvSP.Infrastructure.Notifications.Sms;

namespace RdvSP.Infrastructure.Notifications;

/// <summary>
/// Sends the outbox: one sender per channel (e-mail, SMS) claims one due message at a time (FOR
/// UPDATE SKIP LOCKED, so any number of senders and processes share the work without sending a
/// message twice), renders RDV messages (French text,
/// HTML, ICS, SMS), sends them through <see cref="IEmailSender"/> or the SMS provider of the territory
/// and records the receipt, or schedules a retry with a doubling delay; a permanent SMS error or the
/// 20th failure ends in a failure receipt.
/// Wakes on the enqueue's NOTIFY (sent at commit) and polls for retries coming due. Failures are
/// logged once per burst, not per message.
/// </summary>
internal sealed partial class OutboxDispatcher(
    NpgsqlDataSource dataSource,
    IEmailSender emailSender,
    SmsProviderSelector smsProviders,
    AppUrls urls,
    IConfiguration configuration,
    ILogger<OutboxDispatcher> logger)
    : BackgroundService
{
    public const string Channel = "notifications_outbox";
    public const int MaxAttempts = 20;
    private const string RdvTemplate = "rdv";
    private const string AgentScheduleTemplate = "agent_schedule";
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromMinutes(15);

    private bool sendFailing;
    private bool databaseFailing;

    /// <summary>2 s, 4 s, 8 s… up to 15 minutes after the <paramref name="failures"/>-th failure.</summary>
    internal static TimeSpan RetryDelay(int failures) =>
        TimeSpan.FromTicks(Math.Min(FirstRetry.Ticks << Math.Min(failures - 1, 20), MaxRetry.Ticks));

    /// <summary>
    /// One sender per channel, side by side: a provider that hangs (each attempt then lasts its
    /// timeout) holds its own channel only, never the other channel's messages. One per channel keeps
    /// a usager's messages in the order they were queued (created before cancelled).
    /// </summary>
    private static readonly (string Kind, int Senders)[] Lanes = [("email", 1), ("sms", 1)];

    private TaskCompletionSource wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Lanes
            .SelectMany(lane => Enumerable.Range(0, lane.Senders).Select(_ => SendLoopAsync(lane.Kind, stoppingToken)))
            .Append(ListenLoopAsync(stoppingToken)));

    /// <summary>One LISTEN connection for the process: each NOTIFY (sent at commit) wakes every sender.</summary>
    private async Task ListenLoopAsync(CancellationToken stoppingToken)
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
                    if (await listener.WaitAsync(Poll, stoppingToken))
                        Interlocked.Exchange(ref wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception)
            {
                // The senders log the outage; they poll meanwhile.
                try { await Task.Delay(Poll, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private async Task SendLoopAsync(string kind, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var woken = Volatile.Read(ref wake).Task;
            try
            {
                while (await DispatchOneAsync(kind, stoppingToken)) { }
                if (databaseFailing) LogDatabaseBack(logger);
                databaseFailing = false;
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
            }
            try { await woken.WaitAsync(Poll, stoppingToken); }
            catch (TimeoutException) { }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Sends the next due message of any channel (tests drain the outbox with it).</summary>
    internal Task<bool> DispatchOneAsync(CancellationToken cancellationToken) => DispatchOneAsync(null, cancellationToken);

    /// <summary>
    /// Sends the next due message, if any; false when none is due. The row stays locked while it is sent;
    /// once the provider has accepted it, the result is written whatever happens to
    /// <paramref name="cancellationToken"/>, so a dispatcher stopped mid-batch never leaves a sent message pending.
    /// </summary>
    private async Task<bool> DispatchOneAsync(string? kind, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<OutboxRow>(new CommandDefinition(
            """
            select id, idempotency_key, kind, template, attempts, payload::text as payload, rdv_id, user_id, organisation_id, event, reminder
              from notifications.outbox
             where status = 'pending' and next_attempt_at <= now() and (@kind::text is null or kind = @kind::text)
             order by next_attempt_at, id
             limit 1
               for update skip locked
            """,
            new { kind },
            transaction: transaction,
            cancellationToken: cancellationToken));
        if (row is null) return false;

        Receipt? receipt;
        try
        {
            if (row.Reminder && !await StillRemindableAsync(connection, transaction, row, cancellationToken))
            {
                await UpdateAsync(connection, transaction, "update notifications.outbox set status = 'dropped' where id = @Id", new { row.Id });
                await transaction.CommitAsync(CancellationToken.None);
                return true;
            }
            if (row.Kind == "email" && EmailsDisabled(configuration))
            {
                await DropUnsentEmailAsync(connection, transaction, row);
                await transaction.CommitAsync(CancellationToken.None);
                return true;
            }
            receipt = await SendAsync(connection, transaction, row, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not NpgsqlException)
        {
            var failures = row.Attempts + 1;
            var permanent = ex is PermanentDeliveryException;
            var error = ex is PermanentDeliveryException or HttpRequestException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
            var failed = permanent || failures >= MaxAttempts;
            // clock_timestamp(), not now(): the transaction began before a send that may have hung for seconds.
            await UpdateAsync(connection, transaction,
                """
                update notifications.outbox
                   set attempts = @failures, last_error = left(@error, 500), next_attempt_at = clock_timestamp() + @delay,
                       status = case when @failed then 'failed' else 'pending' end
                 where id = @Id
                """,
                new { row.Id, failures, error, delay = RetryDelay(failures), failed });
            if (failed && FailureReceipt(row, error) is { } failure) await InsertReceiptAsync(connection, transaction, failure);
            await transaction.CommitAsync(CancellationToken.None);
            if (!sendFailing) LogSendingFailed(logger, ex.GetType().Name);
            sendFailing = true;
            return true;
        }

        await UpdateAsync(connection, transaction,
            """
            update notifications.outbox
               set status = 'sent', sent_at = clock_timestamp(), attempts = attempts + 1, payload = null, last_error = null
             where id = @Id
            """,
            new { row.Id });
        if (receipt is not null) await InsertReceiptAsync(connection, transaction, receipt);
        await transaction.CommitAsync(CancellationToken.None);
        if (sendFailing) LogSendingBack(logger);
        sendFailing = false;
        return true;
    }

    /// <summary>Renders (RDV messages) and sends; the receipt to write for a usager's message, null otherwise.</summary>
    private async Task<Receipt?> SendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, OutboxRow row, CancellationToken cancellationToken)
    {
        if (row.Template is null)
        {
            await emailSender.SendAsync(JsonSerializer.Deserialize<EmailMessage>(row.Payload!)!, cancellationToken);
            return null;
        }
        if (row.Template == AgentScheduleTemplate)
        {
            var schedule = JsonSerializer.Deserialize<AgentScheduleMessage>(row.Payload!, OutboxRepository.Json)!;
            await emailSender.SendAsync(
                AgentScheduleEmails.Render(schedule, urls) with
                {
                    IdempotencyKey = row.IdempotencyKey,
                    Calendar = AgentScheduleCalendar.Build(schedule, AgentScheduleEmails.Link(schedule, urls), (int)Math.Min(row.Id, int.MaxValue)),
                },
                cancellationToken);
            return null;
        }

        var message = JsonSerializer.Deserialize<RdvMessage>(row.Payload!, OutboxRepository.Json)!;
        if (message.Channel == NotificationChannel.Sms)
        {
            var text = RdvSms.Render(message, urls);
            var provider = smsProviders.For(message.Rdv.SmsProvider);
            var territoryCredential = await TerritorySmsConfigurationAsync(connection, transaction, row.OrganisationId, message.Rdv.SmsProvider, cancellationToken);
            var credential = smsProviders.Credential(provider, message.Rdv.SmsProvider, territoryCredential);
            var outcome = await provider.SendAsync(new SmsMessage(message.To, text, SmsProviderSelector.Sender(configuration), row.IdempotencyKey, credential), cancellationToken);
            return Receipt.For(row, message) with { Result = outcome.Result, SmsProvider = provider.Name, SmsCount = outcome.Segments, Content = text };
        }

        var email = RdvEmails.Render(message, urls) with
        {
            IdempotencyKey = row.IdempotencyKey,
            // Usagers' replies reach the RDV's agents through the inbound address (REFERENCE-SURFACES §4.2).
            ReplyTo = message.ToAgent ? null : $"rdv+{message.Rdv.Uuid}@{ReplyDomain}",
            // The waiting-list e-mail announces slots, not the RDV: no calendar (REFERENCE-SURFACES §8.1).
            Calendar = message.Kind == NotificationKind.NewCreneauAvailable ? null : RdvCalendar.Build(message, RdvEmails.Link(message, urls)),
        };
        await emailSender.SendAsync(email, cancellationToken);
        return message.ToAgent ? null : Receipt.For(row, message) with { Result = "processed", Content = email.Subject };
    }

    /// <summary>The reason written on e-mails not sent because of <see cref="EmailsDisabled"/>.</summary>
    internal const string EmailsDisabledReason = "Non envoyé : l'envoi des e-mails est désactivé sur cette instance (DISABLE_SENDING_EMAILS).";

    /// <summary>
    /// DISABLE_SENDING_EMAILS (review and demo instances): any value but "false" or "0" keeps every
    /// e-mail from leaving. Read at each message, so the switch needs no restart.
    /// </summary>
    internal static bool EmailsDisabled(IConfiguration configuration) =>
        configuration["DISABLE_SENDING_EMAILS"] is { Length: > 0 } value
        && !value.Trim().Equals("false", StringComparison.OrdinalIgnoreCase) && value.Trim() != "0";

    /// <summary>
    /// An e-mail kept from leaving: the row ends "dropped" with the reason, and a usager's RDV e-mail
    /// leaves a "not_sent" receipt (its history says it was never sent, and why).
    /// </summary>
    private static async Task DropUnsentEmailAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, OutboxRow row)
    {
        await UpdateAsync(connection, transaction,
            "update notifications.outbox set status = 'dropped', last_error = @reason where id = @Id",
            new { row.Id, reason = EmailsDisabledReason });
        if (row.Template != RdvTemplate) return;
        var message = JsonSerializer.Deserialize<RdvMessage>(row.Payload!, OutboxRepository.Json)!;
        if (message.ToAgent) return;
        await InsertReceiptAsync(connection, transaction,
            Receipt.For(row, message) with { Result = "not_sent", Content = RdvEmails.Subject(message), ErrorMessage = EmailsDisabledReason });
    }

    private string ReplyDomain => configuration["REPLY_TO_DOMAIN"] is { Length: > 0 } domain ? domain : "reply.rdv-service-public.fr";

    /// <summary>
    /// A reminder goes only if its RDV still exists, is not cancelled nor started, and one of its
    /// participations is still active (whatever path changed them, notifier called or not).
    /// </summary>
    private static async Task<bool> StillRemindableAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, OutboxRow row, CancellationToken cancellationToken)
    {
        var participationIds = JsonSerializer.Deserialize<RdvMessage>(row.Payload!, OutboxRepository.Json)!.ParticipationIds.ToArray();
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            """
            select exists (
                select 1 from booking.rdvs r join booking.participations p on p.rdv_id = r.id
                 where r.id = @rdvId and r.status not in ('excused', 'revoked') and r.starts_at > now()
                   and p.id = any(@participationIds) and p.status not in ('excused', 'revoked'))
            """,
            new { rdvId = row.RdvId, participationIds },
            transaction,
            cancellationToken: cancellationToken));
    }

    /// <summary>
    /// The territory's SMS credential, read when the SMS goes (never copied into the outbox payload), and
    /// only while the territory still uses the provider the message was planned with.
    /// </summary>
    private static async Task<string?> TerritorySmsConfigurationAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long? organisationId, string? plannedProvider, CancellationToken cancellationToken)
    {
        if (plannedProvider is null) return null;
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            """
            select t.sms_configuration
              from organisations.organisations o join organisations.territories t on t.id = o.territory_id
             where o.id = @organisationId and t.sms_provider = @plannedProvider
            """,
            new { organisationId, plannedProvider },
            transaction,
            cancellationToken: cancellationToken));
    }

    private Receipt? FailureReceipt(OutboxRow row, string error)
    {
        // Receipts are for usagers' RDV messages only (agents' e-mails have none, REFERENCE-DOMAIN §6.7).
        if (row.Template != RdvTemplate) return null;
        var message = JsonSerializer.Deserialize<RdvMessage>(row.Payload!, OutboxRepository.Json)!;
        if (message.ToAgent) return null;
        var provider = message.Channel == NotificationChannel.Sms ? smsProviders.For(message.Rdv.SmsProvider).Name : null;
        return Receipt.For(row, message) with { Result = "failure", ErrorMessage = error, SmsProvider = provider };
    }

    private static Task UpdateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, object parameters) =>
        connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: CancellationToken.None));

    private static Task InsertReceiptAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Receipt receipt) =>
        UpdateAsync(connection, transaction,
            """
            insert into notifications.receipts (outbox_id, rdv_id, user_id, organisation_id, event, channel, result, email_address,
                                                sms_phone_number, sms_provider, sms_count, content, error_message)
            values (@OutboxId, @RdvId, @UserId, @OrganisationId, @Event, @Channel, @Result, @EmailAddress,
                    @SmsPhoneNumber, @SmsProvider, @SmsCount, @Content, left(@ErrorMessage, 500))
            on conflict (outbox_id) do nothing
            """,
            receipt);

    private sealed record OutboxRow(
        long Id, string IdempotencyKey, string Kind, string? Template, int Attempts, string? Payload,
        long? RdvId, long? UserId, long? OrganisationId, string? Event, bool Reminder);

    private sealed record Receipt
    {
        public long OutboxId { get; init; }
        public long? RdvId { get; init; }
        public long? UserId { get; init; }
        public long? OrganisationId { get; init; }
        public string Event { get; init; } = "";
        public string Channel { get; init; } = "";
        public string Result { get; init; } = "";
        public string? EmailAddress { get; init; }
        public string? SmsPhoneNumber { get; init; }
        public string? SmsProvider { get; init; }
        public int? SmsCount { get; init; }
        public string? Content { get; init; }
        public string? ErrorMessage { get; init; }

        public static Receipt For(OutboxRow row, RdvMessage message) => new()
        {
            OutboxId = row.Id,
            RdvId = row.RdvId,
            UserId = row.UserId,
            OrganisationId = row.OrganisationId,
            Event = message.Event,
            Channel = message.Channel == NotificationChannel.Sms ? "sms" : "mail",
            EmailAddress = message.Channel == NotificationChannel.Email ? message.To : null,
            SmsPhoneNumber = message.Channel == NotificationChannel.Sms ? message.To : null,
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox: sending failed ({ErrorType}); messages are kept and retried")]
    private static partial void LogSendingFailed(ILogger logger, string errorType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox: sending works again")]
    private static partial void LogSendingBack(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox: dispatch interrupted ({ErrorType}), probably the database; retrying")]
    private static partial void LogDatabaseDown(ILogger logger, string errorType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox: dispatch resumed")]
    private static partial void LogDatabaseBack(ILogger logger);
}
