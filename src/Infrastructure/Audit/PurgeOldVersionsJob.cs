using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace RdvSP.Infrastructure.Audit;

/// <summary>
/// Nightly (23:00, Paris, as the reference's DestroyOldVersions): deletes audit entries older than one
/// year (REFERENCE-SURFACES §7.5), in batches of short transactions so the table is never locked for
/// long nor a huge delete held in one transaction. The BRIN index on created_at finds the old rows.
/// </summary>
public sealed partial class PurgeOldVersionsJob(NpgsqlDataSource dataSource, TimeProvider clock, ILogger<PurgeOldVersionsJob> logger)
{
    public const string Id = "audit-purge-old-versions";
    public const string Cron = "0 23 * * *";
    public const int DefaultBatchSize = 5_000;

    public async Task<int> RunAsync(CancellationToken cancellationToken) => await RunAsync(DefaultBatchSize, cancellationToken);

    public async Task<int> RunAsync(int batchSize, CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().AddYears(-1);
        var total = 0;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        while (true)
        {
            var deleted = await connection.ExecuteAsync(new CommandDefinition(
                """
                delete from audit.versions
                 where id in (select id from audit.versions where created_at < @cutoff limit @batchSize)
                """,
                new { cutoff, batchSize },
                cancellationToken: cancellationToken));
            total += deleted;
            if (deleted < batchSize) break;
        }
        LogPurged(logger, total);
        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} audit entries older than one year deleted")]
    private static partial void LogPurged(ILogger logger, int count);
}
