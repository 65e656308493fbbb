using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace RdvSP.Infrastructure.Notifications;

/// <summary>
/// Nightly (23:45 Paris, the reference's AnonymizeOldReceipts, REFERENCE-DOMAIN §2.14 and §8): receipts
/// older than 6 months lose their personal fields — e-mail address, phone number, content (subject or SMS
/// text) and error (a provider's error may quote the address) — and keep channel, provider, result,
/// event, SMS count, RDV/organisation ids and dates, so the history and the statistics still count them.
/// Finished outbox rows (sent, failed, dropped) of the same age are deleted: a failed row still carries
/// its payload. Batches of <see cref="BatchSize"/> rows, each its own short transaction, so the job never
/// holds many locks nor one long transaction while the dispatcher writes receipts.
/// </summary>
public sealed partial class AnonymiseOldReceiptsJob(NpgsqlDataSource dataSource, TimeProvider clock, ILogger<AnonymiseOldReceiptsJob> logger)
{
    public const string Id = "notifications-anonymise-old-receipts";
    public const string Cron = "45 23 * * *";
    public const int BatchSize = 1000;
    public const int RetentionMonths = 6;

    /// <returns>The number of receipts anonymised and of outbox rows deleted.</returns>
    public async Task<(int Receipts, int OutboxRows)> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var before = now.AddMonths(-RetentionMonths);
        var receipts = await InBatchesAsync(
            """
            update notifications.receipts
               set email_address = null, sms_phone_number = null, content = null, error_message = null, anonymised_at = @now
             where id in (select id from notifications.receipts
                           where anonymised_at is null and created_at < @before
                           order by created_at
                           limit @batch
                             for update skip locked)
            """,
            new { now, before, batch = BatchSize },
            cancellationToken);
        var outboxRows = await InBatchesAsync(
            """
            delete from notifications.outbox
             where id in (select id from notifications.outbox
                           where status <> 'pending' and created_at < @before
                           order by created_at
                           limit @batch
                             for update skip locked)
            """,
            new { before, batch = BatchSize },
            cancellationToken);
        LogDone(logger, receipts, outboxRows);
        return (receipts, outboxRows);
    }

    private async Task<int> InBatchesAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var count = await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
            total += count;
            if (count < BatchSize) return total;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Receipts} receipt(s) anonymised and {OutboxRows} finished outbox row(s) deleted (older than 6 months)")]
    private static partial void LogDone(ILogger logger, int receipts, int outboxRows);
}
