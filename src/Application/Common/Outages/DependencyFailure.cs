using System.Data.Common;
using System.Net.Sockets;

namespace RdvSP.Application.Common.Outages;

/// <summary>
/// Tells an unavailable dependency (PostgreSQL down or restarting, no connection in time, Redis
/// unreachable) from a bug. Such a failure is not the request's fault nor the code's: it answers 503
/// with Retry-After and is logged once per outage by the monitor, never as an error per request.
/// </summary>
public static class DependencyFailure
{
    public static bool IsUnavailable(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                // Npgsql marks connection failures, server shutdowns (57P0x), "too many connections"
                // and serialisation conflicts as transient: retrying later is the answer.
                case DbException { IsTransient: true }:
                case SocketException:
                case TimeoutException:
                    return true;
                case DbException db when IsConnectionState(db.SqlState):
                    return true;
            }
            if (current.GetType().FullName is "StackExchange.Redis.RedisConnectionException" or "StackExchange.Redis.RedisTimeoutException")
                return true;
        }
        return false;
    }

    /// <summary>SQLSTATE classes 08 (connection exception), 57P (operator intervention), 53 (insufficient resources).</summary>
    private static bool IsConnectionState(string? sqlState) =>
        sqlState is { Length: 5 } state && (state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("57P", StringComparison.Ordinal) || state.StartsWith("53", StringComparison.Ordinal));

    /// <summary>Which dependency failed, for the logs and the health of the outage monitor.</summary>
    public static string DependencyOf(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException) return Dependencies.PostgreSql;
            if (current.GetType().Namespace?.StartsWith("StackExchange.Redis", StringComparison.Ordinal) == true) return Dependencies.Redis;
        }
        return Dependencies.PostgreSql;
    }
}

public static class Dependencies
{
    public const string PostgreSql = "postgresql";
    public const string Redis = "redis";
}
