using RdvSP.Application.Availability.Abstractions;

namespace RdvSP.Application.Availability.BackOffice;

/// <summary>
/// What the back-office's plage and absence screens read (REFERENCE-SURFACES §2.3.9, §2.3.10): owners of
/// ids for the policies, the motifs an agent may serve, the organisation's lieux, and the lists.
/// </summary>
public interface IAvailabilityBackOfficeReader
{
    /// <summary>The agent and organisation of a plage, or null when it does not exist.</summary>
    Task<PlageOwner?> PlageOwnerAsync(long plageOuvertureId, CancellationToken cancellationToken);

    /// <summary>The agent of an absence, or null when it does not exist.</summary>
    Task<long?> AbsenceAgentAsync(long absenceId, CancellationToken cancellationToken);

    /// <summary>True when every motif is a live motif of the organisation and the lieu (if any) a lieu of it.</summary>
    Task<bool> MotifsAndLieuOfOrganisationAsync(long organisationId, IReadOnlyCollection<long> motifIds, long? lieuId, CancellationToken cancellationToken);

    /// <summary>
    /// The live individual motifs the agent may put in his plages in the organisation (REFERENCE-DOMAIN
    /// §2.5): all for an admin there, else those of his services, plus the secretariat motifs for a
    /// member of the Secrétariat. Ordered by service then name.
    /// </summary>
    Task<IReadOnlyList<UsableMotif>> UsableMotifsAsync(long organisationId, long agentId, CancellationToken cancellationToken);

    /// <summary>Motifs by id with their duration and location type (any organisation: for names of a stored plage).</summary>
    Task<IReadOnlyList<UsableMotif>> MotifsAsync(IReadOnlyCollection<long> motifIds, CancellationToken cancellationToken);

    /// <summary>The organisation's enabled lieux, by name.</summary>
    Task<IReadOnlyList<LieuOption>> LieuxAsync(long organisationId, CancellationToken cancellationToken);

    /// <summary>A lieu by id, whatever its availability.</summary>
    Task<LieuOption?> LieuAsync(long lieuId, CancellationToken cancellationToken);

    Task<string?> AgentNameAsync(long agentId, CancellationToken cancellationToken);

    /// <summary>
    /// The agent's plages of the organisation, current or expired (§3.6, computed against
    /// <paramref name="today"/>), optionally whose title contains <paramref name="search"/>.
    /// </summary>
    Task<IReadOnlyList<OpeningPeriodRow>> PlagesAsync(long organisationId, long agentId, bool expired, string? search, DateOnly today, CancellationToken cancellationToken);

    /// <summary>The agent's plages (every organisation) that are not expired on <paramref name="today"/>, for the overlap warning.</summary>
    Task<IReadOnlyList<OpeningPeriodRow>> CurrentPlagesOfAgentAsync(long agentId, DateOnly today, CancellationToken cancellationToken);

    /// <summary>The agent's absences, current or expired on <paramref name="today"/>.</summary>
    Task<IReadOnlyList<AbsenceRow>> AbsencesAsync(long agentId, bool expired, DateOnly today, CancellationToken cancellationToken);
}

public sealed record PlageOwner(long AgentId, long OrganisationId);

public sealed record UsableMotif
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public long ServiceId { get; init; }
    public string ServiceName { get; init; } = "";
    public int DurationInMin { get; init; }
    public string LocationType { get; init; } = "";
    public long OrganisationId { get; init; }

    /// <summary>Only a "sur place" motif needs a lieu (phone, home and visio do not).</summary>
    public bool RequiresLieu => LocationType == "public_office";
}

public sealed record LieuOption(long Id, string Name, string Address);
