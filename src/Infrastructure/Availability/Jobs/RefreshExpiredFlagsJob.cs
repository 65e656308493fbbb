using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace RdvSP.Infrastructure.Availability.Jobs;

/// <summary>
/// Nightly (03:30, Paris): marks plages and absences whose last day has passed as expired
/// (REFERENCE-DOMAIN §3.6), so slot searches skip them through the partial GiST indexes. A day of
/// slack covers every time zone: a flag set a day late costs nothing, the engine checks dates anyway.
/// </summary>
public sealed partial class RefreshExpiredFlagsJob(NpgsqlDataSource dataSource, TimeProvider clock, ILogger<RefreshExpiredFlagsJob> logger)
{
    public const string Id = "availability-refresh-expired-flags";
    public const string Cron = "30 3 * * *";

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var yesterday = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-1);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // active_days is a closed date range stored normalised as [first, last + 1): expired when last < yesterday.
        var count = await connection.ExecuteAsync(new CommandDefinition(
            """
            update availability.plage_ouvertures set expired_cached = true
             where not expired_cached and upper(active_days) <= @yesterday;
            update availability.absences set expired_cached = true
             where not expired_cached and upper(active_days) <= @yesterday;
            """,
            new { yesterday },
            cancellationToken: cancellationToken));
        LogRefreshed(logger, count);
        return count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} plage(s) and absence(s) marked as expired")]
    private static partial void LogRefreshed(ILogger logger, int count);
}
