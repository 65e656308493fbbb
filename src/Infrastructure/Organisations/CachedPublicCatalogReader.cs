using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Infrastructure.Caching;

namespace RdvSP.Infrastructure.Organisations;

/// <summary>
/// The public catalogue (départements, services, motif groups, lieux, organisations) through
/// <see cref="VersionedReadCache"/>: unchanged until a committed write touches what it reads. Its
/// answers also depend on the time (plages over, collective rdvs started), to the minute here; a
/// motif listed up to a minute too long is still refused by the booking re-check.
/// </summary>
internal sealed class CachedPublicCatalogReader(PublicCatalogReader database, InputsVersion version, VersionedReadCache cache) : IPublicCatalogReader
{
    public Task<IReadOnlyList<DepartementDto>> ListDepartementsAsync(CancellationToken cancellationToken) =>
        CachedAsync("departements", () => database.ListDepartementsAsync(cancellationToken), cancellationToken);

    public Task<IReadOnlyList<ServiceDto>> ListServicesAsync(PublicCatalogFilter filter, CancellationToken cancellationToken) =>
        CachedAsync($"services|{KeyOf(filter)}", () => database.ListServicesAsync(filter, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<PublicMotifGroupDto>> ListMotifGroupsAsync(PublicCatalogFilter filter, long? serviceId, CancellationToken cancellationToken) =>
        CachedAsync($"motifs|{KeyOf(filter)}|{serviceId}", () => database.ListMotifGroupsAsync(filter, serviceId, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<MotifLieuDto>> ListLieuxAsync(PublicCatalogFilter filter, string motifSlug, CancellationToken cancellationToken) =>
        CachedAsync($"lieux|{KeyOf(filter)}|{motifSlug}", () => database.ListLieuxAsync(filter, motifSlug, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<MotifOrganisationDto>> ListOrganisationsAsync(PublicCatalogFilter filter, string motifSlug, CancellationToken cancellationToken) =>
        CachedAsync($"organisations|{KeyOf(filter)}|{motifSlug}", () => database.ListOrganisationsAsync(filter, motifSlug, cancellationToken), cancellationToken);

    private async Task<IReadOnlyList<T>> CachedAsync<T>(string key, Func<Task<IReadOnlyList<T>>> load, CancellationToken cancellationToken)
    {
        if (version.Bypass) return await load();
        // The version is read before the data: an entry is never newer than its version says.
        var current = await version.CurrentAsync(cancellationToken);
        if (cache.TryGet(key, current, out IReadOnlyList<T> cached)) return cached;
        var loaded = await load();
        cache.Set(key, current, loaded, loaded.Count);
        return loaded;
    }

    private static string KeyOf(PublicCatalogFilter f) =>
        $"{f.Departement}|{f.Now.UtcTicks / TimeSpan.TicksPerMinute}|{f.Audience}|{f.IncludeFollowUp}|{(f.OrganisationIds is null ? "*" : string.Join(',', f.OrganisationIds.Order()))}";
}
