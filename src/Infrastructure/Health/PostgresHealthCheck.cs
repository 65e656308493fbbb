using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace RdvSP.Infrastructure.Health;

/// <summary>Ready only if a fresh pooled connection answers a trivial query.</summary>
public sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("select 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            // A dead pooled connection surfaces once; clearing the pool makes the next check (and the
            // next request) open a new one, which is how the app heals after a PostgreSQL restart.
            NpgsqlConnection.ClearAllPools();
            return HealthCheckResult.Unhealthy("PostgreSQL ne répond pas", ex);
        }
    }
}
