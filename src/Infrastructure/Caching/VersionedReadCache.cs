using Dapper;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Infrastructure.Caching;

/// <summary>
/// Read models of the public search kept in this instance's memory, each under the inputs version
/// (migrations/0015) that was current before it was read. An entry is served only while the version
/// is unchanged, i.e. while nothing it depends on was committed anywhere: no instance ever offers a
/// slot or a motif that a committed write removed. Bounded by the number of rows held.
/// </summary>
public sealed class VersionedReadCache : IDisposable
{
    private const long MaxRows = 300_000;
    private static readonly TimeSpan IdleFor = TimeSpan.FromMinutes(10);
    private readonly MemoryCache memory = new(new MemoryCacheOptions { SizeLimit = MaxRows });

    /// <summary>Loads in progress, so that the requests missing the same entry at once wait for one load.</summary>
    internal System.Collections.Concurrent.ConcurrentDictionary<string, Task<object?>> Loading { get; } = new();

    public bool TryGet<T>(string key, long version, out T value)
    {
        if (memory.TryGetValue(key, out (long Version, T Value) entry) && entry.Version == version)
        {
            value = entry.Value;
            return true;
        }
        value = default!;
        return false;
    }

    /// <param name="version">The version read before <paramref name="value"/> was loaded.</param>
    /// <param name="rows">Rough size, for the bound.</param>
    public void Set<T>(string key, long version, T value, int rows) =>
        memory.Set(key, (version, value), new MemoryCacheEntryOptions { Size = 1 + rows, SlidingExpiration = IdleFor });

    public void Dispose() => memory.Dispose();
}

/// <summary>
/// The inputs version, read at most once per request (scoped), through the reads shared by concurrent
/// requests, and again after the request commits a write: entries stored before its own commit must
/// not be served to the rest of the request.
/// </summary>
public sealed class InputsVersion(DbSession db, SharedVersionReads reads)
{
    /// <summary>Read before the data it guards (see migrations/0015_availability_inputs_version.sql).</summary>
    public const string Sql = "select coalesce((select version from availability.inputs_version), 0)";

    private long? current;
    private int readBeforeCommit;

    /// <summary>Whether the version is known for the rest of the request (nothing committed since it was read).</summary>
    public bool Known => current is not null && readBeforeCommit == db.Commits;

    public async ValueTask<long> CurrentAsync(CancellationToken cancellationToken)
    {
        if (Known) return current!.Value;
        if (db.HasOpenConnection)
        {
            // A request that holds a connection never waits for another one (a full pool would deadlock):
            // it reads on its own.
            var connection = await db.ConnectionAsync(cancellationToken);
            Read(await connection.ExecuteScalarAsync<long>(new CommandDefinition(Sql, transaction: db.Transaction, cancellationToken: cancellationToken)));
        }
        else
        {
            Read(await reads.ReadAsync(cancellationToken));
        }
        return current!.Value;
    }

    /// <summary>
    /// The version read by <see cref="Sql"/> as the first statement of another reader's round trip
    /// (the agent's access, read first on every back-office request), which saves its own round trip.
    /// </summary>
    public void Read(long version)
    {
        current = version;
        readBeforeCommit = db.Commits;
    }

    /// <summary>Inside a transaction a request reads what it may be about to change: never from a cache.</summary>
    public bool Bypass => db.HasActiveTransaction;
}

public static class VersionedReadCacheRegistration
{
    /// <summary>Shared by the modules whose read models the public search caches (idempotent).</summary>
    public static IServiceCollection AddVersionedReadCache(this IServiceCollection services)
    {
        services.TryAddSingleton<VersionedReadCache>();
        services.TryAddSingleton<SharedVersionReads>();
        services.TryAddScoped<InputsVersion>();
        services.TryAddScoped<RdvSP.Application.Common.Abstractions.IReadModelCache, VersionedReadModelCache>();
        return services;
    }
}

/// <summary><see cref="RdvSP.Application.Common.Abstractions.IReadModelCache"/> on the inputs version (scoped, like the version read).</summary>
internal sealed class VersionedReadModelCache(InputsVersion version, VersionedReadCache cache) : RdvSP.Application.Common.Abstractions.IReadModelCache
{
    public async Task<T> GetOrLoadAsync<T>(string key, Func<Task<T>> load, Func<T, int> rows, CancellationToken cancellationToken)
    {
        if (version.Bypass) return await load();
        // Read before loading: an entry is never newer than the version it is stored under.
        var current = await version.CurrentAsync(cancellationToken);
        if (cache.TryGet($"model|{key}", current, out T cached)) return cached;

        // One load per entry and version: when an entry expires under load (a new minute, a write),
        // the requests that miss it together wait for the first one instead of all querying.
        var flight = $"model|{key}@{current}";
        var mine = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = cache.Loading.GetOrAdd(flight, mine.Task);
        if (running != mine.Task)
        {
            try
            {
                return (T)(await running.WaitAsync(cancellationToken))!;
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // The first loader failed or was cancelled: load for this request.
                return await load();
            }
        }
        try
        {
            var loaded = await load();
            cache.Set($"model|{key}", current, loaded, rows(loaded));
            mine.SetResult(loaded);
            return loaded;
        }
        catch (Exception exception)
        {
            mine.SetException(exception);
            _ = mine.Task.Exception;
            throw;
        }
        finally
        {
            cache.Loading.TryRemove(new KeyValuePair<string, Task<object?>>(flight, mine.Task));
        }
    }
}
