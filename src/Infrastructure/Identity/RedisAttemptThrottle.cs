using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using RdvSP.Application.Identity.Abstractions;
using RdvSP.Infrastructure.Caching;
using StackExchange.Redis;

namespace RdvSP.Infrastructure.Identity;

/// <summary>
/// Attempt counters in Redis, shared by every web instance: one hash per action and subject
/// (<c>rdvsp:throttle:&lt;action&gt;:&lt;sha-256 of the subject&gt;</c>, so no e-mail or IP sits in
/// Redis) holding the count and the time of the last attempt, expiring after the rule's memory.
/// While Redis is down (not connected, or a call fails) the counters live in this process instead:
/// throttling weakens to per instance but never blocks a sign-in, and a Redis outage costs nothing.
/// </summary>
internal sealed partial class RedisAttemptThrottle(RedisConnection redis, TimeProvider clock, ILogger<RedisAttemptThrottle> logger)
    : IAttemptThrottle
{
    public const string KeyPrefix = "rdvsp:throttle:";

    /// <summary>Counts, stamps and extends the memory in one atomic step.</summary>
    private static readonly LuaScript Record = LuaScript.Prepare(
        """
        redis.call('HINCRBY', @key, 'n', 1)
        redis.call('HSET', @key, 't', @now)
        redis.call('PEXPIRE', @key, @memory)
        """);

    private readonly LocalAttempts local = new();
    private int outage;

    public async Task<TimeSpan> WaitAsync(ThrottleRule rule, string? subject, CancellationToken cancellationToken)
    {
        if (subject is null) return TimeSpan.Zero;
        var now = clock.GetUtcNow();
        var key = Key(rule, subject);
        var (count, last) = await UseRedisAsync(
            async db =>
            {
                var values = await db.HashGetAsync(key, ["n", "t"]);
                return values[0].IsNull || values[1].IsNull
                    ? (0L, now)
                    : ((long)values[0], DateTimeOffset.FromUnixTimeMilliseconds((long)values[1]));
            },
            () => local.Get(key, now));
        return count == 0 ? TimeSpan.Zero : rule.WaitAt(count, last, now);
    }

    public Task RecordAsync(ThrottleRule rule, string? subject, CancellationToken cancellationToken)
    {
        if (subject is null) return Task.CompletedTask;
        var now = clock.GetUtcNow();
        var key = Key(rule, subject);
        return UseRedisAsync(
            async db =>
            {
                await db.ScriptEvaluateAsync(Record, new
                {
                    key = (RedisKey)key,
                    now = now.ToUnixTimeMilliseconds(),
                    memory = (long)rule.Memory.TotalMilliseconds,
                });
                return true;
            },
            () => local.Record(key, now, rule.Memory));
    }

    public Task ResetAsync(ThrottleRule rule, string? subject, CancellationToken cancellationToken)
    {
        if (subject is null) return Task.CompletedTask;
        var key = Key(rule, subject);
        return UseRedisAsync(db => db.KeyDeleteAsync(key), () => local.Remove(key));
    }

    internal static string Key(ThrottleRule rule, string subject) =>
        $"{KeyPrefix}{rule.Action}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subject)))}";

    private async Task<T> UseRedisAsync<T>(Func<IDatabase, Task<T>> remote, Func<T> fallback)
    {
        if (redis.DatabaseIfConnected() is { } db)
        {
            try
            {
                var result = await remote(db);
                if (Interlocked.Exchange(ref outage, 0) == 1) LogRestored(logger);
                return result;
            }
            catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
            {
                // Falls through to the local counters.
            }
        }
        if (Interlocked.Exchange(ref outage, 1) == 0) LogFallback(logger);
        return fallback();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis unavailable: attempt counters fall back to this process until it is back")]
    private static partial void LogFallback(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis back: attempt counters shared again")]
    private static partial void LogRestored(ILogger logger);

    /// <summary>The in-process counters used during a Redis outage; expired entries are swept as new ones come.</summary>
    private sealed class LocalAttempts
    {
        private const int SweepEvery = 1024;
        private readonly ConcurrentDictionary<string, Entry> entries = new();
        private int writes;

        public (long Count, DateTimeOffset Last) Get(string key, DateTimeOffset now) =>
            entries.TryGetValue(key, out var e) && e.Expires > now ? (e.Count, e.Last) : (0, now);

        public bool Record(string key, DateTimeOffset now, TimeSpan memory)
        {
            entries.AddOrUpdate(
                key,
                _ => new Entry(1, now, now + memory),
                (_, e) => new Entry(e.Expires > now ? e.Count + 1 : 1, now, now + memory));
            if (Interlocked.Increment(ref writes) % SweepEvery == 0)
            {
                foreach (var (k, e) in entries)
                    if (e.Expires <= now) entries.TryRemove(k, out _);
            }
            return true;
        }

        public bool Remove(string key) => entries.TryRemove(key, out _);

        private sealed record Entry(long Count, DateTimeOffset Last, DateTimeOffset Expires);
    }
}
