using RdvSP.Application.Common.Authorization;

namespace RdvSP.Application.Availability.CreneauxSearch;

/// <summary>Reads of the agents' "Trouver un RDV" (REFERENCE-SURFACES §2.3.4), scoped by the agent's access.</summary>
public interface ICreneauxSearchReader
{
    /// <summary>
    /// The form's choices in one round trip: services and active motifs the agent may use, agents he
    /// may see, enabled lieux of the organisation.
    /// </summary>
    Task<CreneauxSearchForm> FormAsync(AgentAccess access, CancellationToken cancellationToken);

    /// <summary>The services (possibly none) of each of these agents having a role in the organisation; agents without one are absent.</summary>
    Task<IReadOnlyDictionary<long, long[]>> AgentServicesAsync(long organisationId, IReadOnlyCollection<long> agentIds, CancellationToken cancellationToken);

    /// <summary>How many of these lieux belong to the organisation.</summary>
    Task<int> CountLieuxAsync(long organisationId, IReadOnlyCollection<long> lieuIds, CancellationToken cancellationToken);

    /// <summary>How many of these usagers have a profile in the organisation.</summary>
    Task<int> CountUsagersAsync(long organisationId, IReadOnlyCollection<long> userIds, CancellationToken cancellationToken);

    /// <summary>Collective RDVs of the motif starting at or after <paramref name="from"/> (not revoked nor cancelled), by start; at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<CollectiveRdvRow>> CollectiveRdvsAsync(
        long organisationId, long motifId, DateTimeOffset from, IReadOnlyCollection<long>? lieuIds, IReadOnlyCollection<long>? agentIds, int limit, CancellationToken cancellationToken);
}

public sealed record CreneauxSearchForm(
    IReadOnlyList<ServiceOption> Services,
    IReadOnlyList<MotifOption> Motifs,
    IReadOnlyList<AgentOption> Agents,
    IReadOnlyList<LieuOption> Lieux);

public sealed record ServiceOption
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
}

public sealed record MotifOption
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public long ServiceId { get; init; }
    public string LocationType { get; init; } = "";
    public bool Collectif { get; init; }
}

public sealed record AgentOption
{
    public long Id { get; init; }
    public string FullName { get; init; } = "";
}

public sealed record LieuOption
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public string Address { get; init; } = "";
}

public sealed record CollectiveRdvRow
{
    public long RdvId { get; init; }
    public long? LieuId { get; init; }
    public string? Name { get; init; }
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
    public int? MaxParticipantsCount { get; init; }
    public int UsersCount { get; init; }
    public string AgentNames { get; init; } = "";
}
