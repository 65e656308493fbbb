using Dapper;
using Microsoft.Extensions.Caching.Memory;
using RdvSP.Application.Availability.Abstractions;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Infrastructure.Availability;

/// <summary>
/// The slot search's inputs, kept in memory between searches and checked against the inputs version
/// (migrations/0015) on every use: a search costs one tiny query instead of loading thousands of
/// rdvs, and any committed write — a booking on another instance included — makes the next search
/// reload. Inside a transaction (the booking re-check under the agent locks) the cache is bypassed.
/// </summary>
internal sealed class CachedAvailabilityInputsReader(AvailabilityInputsReader database, DbSession db, AvailabilityInputsCache cache) : IAvailabilityInputsReader
{
    public async Task<AvailabilityInputs> LoadAsync(AvailabilityInputsQuery query, CancellationToken cancellationToken)
    {
        if (db.HasActiveTransaction) return await database.LoadAsync(query, cancellationToken);

        var key = AvailabilityInputsCache.KeyOf(query);
        if (cache.TryGet(key, out var cached))
        {
            var connection = await db.ConnectionAsync(cancellationToken);
            var current = await connection.ExecuteScalarAsync<long>(new CommandDefinition(AvailabilityInputsReader.VersionSql, cancellationToken: cancellationToken));
            if (current == cached.Version) return cached.Inputs;
        }
        var (version, inputs) = await database.LoadVersionedAsync(query, cancellationToken);
        cache.Set(key, version, inputs);
        return inputs;
    }
}

/// <summary>The process-wide store behind <see cref="CachedAvailabilityInputsReader"/>, bounded by the number of rows it holds.</summary>
internal sealed class AvailabilityInputsCache : IDisposable
{
    // About 200 000 rows (a few tens of MB): the inputs of a few hundred typical searches.
    private const long MaxRows = 200_000;
    private static readonly TimeSpan IdleFor = TimeSpan.FromMinutes(10);
    private readonly MemoryCache memory = new(new MemoryCacheOptions { SizeLimit = MaxRows });

    public static string KeyOf(AvailabilityInputsQuery q) =>
        $"{string.Join(',', q.MotifIds.Order())}|{q.FirstDay:yyyyMMdd}|{q.LastDay:yyyyMMdd}|{q.LieuId}|" +
        $"{(q.OrganisationIds is null ? "*" : string.Join(',', q.OrganisationIds.Order()))}|{(q.AgentIds is { Count: > 0 } agents ? string.Join(',', agents.Order()) : "*")}";

    public bool TryGet(string key, out (long Version, AvailabilityInputs Inputs) entry) => memory.TryGetValue(key, out entry);

    public void Set(string key, long version, AvailabilityInputs inputs) =>
        memory.Set(key, (version, inputs), new MemoryCacheEntryOptions
        {
            Size = 1 + inputs.Plages.Count + inputs.Absences.Count + inputs.Rdvs.Count,
            SlidingExpiration = IdleFor,
        });

    public void Dispose() => memory.Dispose();
}
