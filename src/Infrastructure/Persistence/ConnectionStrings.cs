using Microsoft.Extensions.Configuration;
using Npgsql;

namespace RdvSP.Infrastructure.Persistence;

/// <summary>
/// Reads connection settings from configuration. Scalingo (and Heroku-style hosts) hand out URLs
/// (postgres://user:pass@host:port/db, redis://:pass@host:port); local runs use key=value strings.
/// </summary>
public static class ConnectionStrings
{
    public static string Postgres(IConfiguration configuration)
    {
        var value = configuration.GetConnectionString("Postgres")
            ?? configuration["SCALINGO_POSTGRESQL_URL"]
            ?? configuration["DATABASE_URL"]
            ?? throw new InvalidOperationException("No PostgreSQL connection: set ConnectionStrings__Postgres or DATABASE_URL.");
        return value.StartsWith("postgres", StringComparison.OrdinalIgnoreCase) && value.Contains("://", StringComparison.Ordinal)
            ? FromPostgresUrl(value)
            : value;
    }

    public static string Redis(IConfiguration configuration)
    {
        var value = configuration.GetConnectionString("Redis")
            ?? configuration["SCALINGO_REDIS_URL"]
            ?? configuration["REDIS_URL"]
            ?? "127.0.0.1:6380";
        return value.StartsWith("redis", StringComparison.OrdinalIgnoreCase) ? FromRedisUrl(value) : value;
    }

    internal static string FromPostgresUrl(string url)
    {
        var uri = new Uri(url);
        var userInfo = uri.UserInfo.Split(':', 2);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = uri.AbsolutePath.TrimStart('/'),
            Username = Uri.UnescapeDataString(userInfo[0]),
            Password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : null,
        };
        if (uri.Query.Contains("sslmode=require", StringComparison.OrdinalIgnoreCase) || uri.Query.Contains("sslmode=prefer", StringComparison.OrdinalIgnoreCase))
            builder.SslMode = SslMode.Prefer;
        return builder.ConnectionString;
    }

    internal static string FromRedisUrl(string url)
    {
        var uri = new Uri(url);
        var password = uri.UserInfo.Contains(':', StringComparison.Ordinal) ? uri.UserInfo.Split(':', 2)[1] : uri.UserInfo;
        var result = $"{uri.Host}:{(uri.Port > 0 ? uri.Port : 6379)}";
        if (!string.IsNullOrEmpty(password)) result += $",password={Uri.UnescapeDataString(password)}";
        if (uri.Scheme.Equals("rediss", StringComparison.OrdinalIgnoreCase)) result += ",ssl=true";
        return result;
    }
}
