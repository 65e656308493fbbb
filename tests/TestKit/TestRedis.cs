namespace RdvSP.TestKit;

/// <summary>The real Redis started by scripts/services.sh.</summary>
public static class TestRedis
{
    public static string Host => Environment.GetEnvironmentVariable("RDVSP_REDIS_HOST") ?? "127.0.0.1";

    public static int Port => int.TryParse(Environment.GetEnvironmentVariable("RDVSP_REDIS_PORT"), out var p) ? p : 6380;

    public static string ConnectionString => $"{Host}:{Port}";

    /// <summary>
    /// Deletes the sign-in/sign-up throttling counters (RedisAttemptThrottle's keys, kept up to an hour):
    /// a suite run again on the same machine starts from none, as on a fresh CI machine, instead of
    /// finding 127.0.0.1 over its failed-attempt budget from the previous run's refused submits.
    /// </summary>
    public static async Task ClearThrottlesAsync()
    {
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(ConnectionString);
        var database = redis.GetDatabase();
        foreach (var endpoint in redis.GetEndPoints())
            await foreach (var key in redis.GetServer(endpoint).KeysAsync(pattern: "rdvsp:throttle:*"))
                await database.KeyDeleteAsync(key);
    }
}
