using Microsoft.Extensions.Diagnostics.HealthChecks;
using RdvSP.Infrastructure.Caching;
using StackExchange.Redis;

namespace RdvSP.Infrastructure.Health;

public sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var multiplexer = redis.Multiplexer;
            if (!multiplexer.IsConnected)
                return HealthCheckResult.Unhealthy("Redis n'est pas connecté");
            await multiplexer.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis ne répond pas", ex);
        }
    }
}
