using RdvSP.Application.Availability.Abstractions;
using RdvSP.Infrastructure.Caching;

namespace RdvSP.Infrastructure.Availability;

/// <summary>
/// The slot search's inputs through <see cref="VersionedReadCache"/>: a search usually costs the one
/// version query of its request instead of loading thousands of rdvs, and any committed write — a
/// booking on another instance included — makes the next search reload. Inside a transaction (the
/// booking re-check under the agent locks) the cache is bypassed.
/// </summary>
internal sealed class CachedAvailabilityInputsReader(AvailabilityInputsReader database, InputsVersion version, VersionedReadCache cache) : IAvailabilityInputsReader
{
    public async Task<AvailabilityInputs> LoadAsync(AvailabilityInputsQuery query, CancellationToken cancellationToken)
    {
        if (version.Bypass) return await database.LoadAsync(query, cancellationToken);
        var key = KeyOf(query);
        if (cache.TryGet(key, await version.CurrentAsync(cancellationToken), out AvailabilityInputs inputs)) return inputs;
        var (loadedVersion, loaded) = await database.LoadVersionedAsync(query, cancellationToken);
        cache.Set(key, loadedVersion, loaded, loaded.Plages.Count + loaded.Absences.Count + loaded.Rdvs.Count);
        return loaded;
    }

    private static string KeyOf(AvailabilityInputsQuery q) =>
        $"inputs|{string.Join(',', q.MotifIds.Order())}|{q.FirstDay:yyyyMMdd}|{q.LastDay:yyyyMMdd}|{q.LieuId}|" +
        $"{(q.OrganisationIds is null ? "*" : string.Join(',', q.OrganisationIds.Order()))}|{(q.AgentIds is { Count: > 0 } agents ? string.Join(',', agents.Order()) : "*")}";
}
