using Dapper;
using RdvSP.Application.Identity.Abstractions;
using RdvSP.Application.Identity.Common;
using RdvSP.Infrastructure.Caching;
using RdvSP.Infrastructure.Persistence;
using StackExchange.Redis;

namespace RdvSP.Infrastructure.Identity;

/// <summary>
/// identity.sessions is the truth; Redis caches the answer of "is this session open?" for a minute
/// so that a signed-in request usually costs one Redis GET. Ending a session writes the database
/// and a Redis tombstone that outlives any cached "open" (SET NX never overwrites it), so every
/// instance refuses the session at once. Redis down or flushed: the database answers; nobody is
/// signed out.
/// </summary>
internal sealed class SessionStore(DbSession db, RedisConnection redis, TimeProvider clock) : ISessionStore
{
    private static readonly TimeSpan CacheOpenFor = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan TombstoneFor = TimeSpan.FromMinutes(5);
    private const string Open = "1";
    private const string Ended = "0";

    public async Task<string> OpenAsync(SessionActor actor, long actorId, TimeSpan idleTimeout, CancellationToken cancellationToken)
    {
        var (sessionId, hash) = SecretToken.New();
        var now = clock.GetUtcNow();
        var connection = await db.ConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into identity.sessions (id_hash, actor_kind, actor_id, created_at, last_seen_at, expires_at)
            values (@hash, @kind, @actorId, @now, @now, @expiresAt)
            """,
            new { hash, kind = Kind(actor), actorId, now, expiresAt = now + idleTimeout },
            db.Transaction, cancellationToken: cancellationToken));
        return sessionId;
    }

    public async Task<bool> IsOpenAsync(string sessionId, TimeSpan idleTimeout, CancellationToken cancellationToken)
    {
        var hash = SecretToken.Hash(sessionId);
        var cached = await CachedAsync(hash);
        if (cached is not null) return cached == Open;

        // One statement checks and slides the session (the cache keeps this to once a minute per session).
        var now = clock.GetUtcNow();
        var connection = await db.ConnectionAsync(cancellationToken);
        var open = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            """
            with touched as (
                update identity.sessions set last_seen_at = @now, expires_at = greatest(expires_at, @expiresAt)
                 where id_hash = @hash and revoked_at is null and expires_at > @now
                returning 1)
            select exists (select from touched)
            """,
            new { hash, now, expiresAt = now + idleTimeout },
            db.Transaction, cancellationToken: cancellationToken));
        await CacheAsync(hash, open ? Open : Ended, open ? CacheOpenFor : TombstoneFor, onlyIfAbsent: open);
        return open;
    }

    public async Task EndAsync(string sessionId, CancellationToken cancellationToken)
    {
        var hash = SecretToken.Hash(sessionId);
        var connection = await db.ConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "update identity.sessions set revoked_at = @now where id_hash = @hash and revoked_at is null",
            new { hash, now = clock.GetUtcNow() }, db.Transaction, cancellationToken: cancellationToken));
        await CacheAsync(hash, Ended, TombstoneFor, onlyIfAbsent: false);
    }

    public async Task EndAllAsync(SessionActor actor, long actorId, string? keepSessionId, CancellationToken cancellationToken)
    {
        var keep = keepSessionId is null ? null : SecretToken.Hash(keepSessionId);
        var connection = await db.ConnectionAsync(cancellationToken);
        var ended = await connection.QueryAsync<string>(new CommandDefinition(
            """
            update identity.sessions set revoked_at = @now
             where actor_kind = @kind and actor_id = @actorId and revoked_at is null and id_hash is distinct from @keep
            returning id_hash
            """,
            new { kind = Kind(actor), actorId, keep, now = clock.GetUtcNow() }, db.Transaction, cancellationToken: cancellationToken));
        foreach (var hash in ended)
            await CacheAsync(hash, Ended, TombstoneFor, onlyIfAbsent: false);
    }

    private static string Kind(SessionActor actor) => actor == SessionActor.Agent ? "agent" : "usager";

    private static RedisKey Key(string hash) => $"rdvsp:session:{hash}";

    private async Task<string?> CachedAsync(string hash)
    {
        if (redis.DatabaseIfConnected() is not { } cache) return null;
        try
        {
            return await cache.StringGetAsync(Key(hash));
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            return null; // the database answers instead
        }
    }

    private async Task CacheAsync(string hash, string value, TimeSpan ttl, bool onlyIfAbsent)
    {
        if (redis.DatabaseIfConnected() is not { } cache) return;
        try
        {
            await cache.StringSetAsync(Key(hash), value, ttl, onlyIfAbsent ? When.NotExists : When.Always);
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            // A missed cache write only costs a database read later; a missed tombstone is bounded by CacheOpenFor.
        }
    }
}
