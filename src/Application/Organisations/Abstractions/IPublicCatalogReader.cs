namespace RdvSP.Application.Organisations.Abstractions;

/// <summary>
/// Read model of the public search wizard (REFERENCE-SURFACES §1.2): départements, services, motifs
/// grouped by slug, lieux and organisations of a motif group. "Publicly available" follows
/// REFERENCE-DOMAIN §2.5: active motifs bookable by the audience that are individual and present in a
/// non-expired plage, or collective with a future non-revoked rdv with free seats.
/// </summary>
public interface IPublicCatalogReader
{
    Task<IReadOnlyList<DepartementDto>> ListDepartementsAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<ServiceDto>> ListServicesAsync(PublicCatalogFilter filter, CancellationToken cancellationToken);

    Task<IReadOnlyList<PublicMotifGroupDto>> ListMotifGroupsAsync(PublicCatalogFilter filter, long? serviceId, CancellationToken cancellationToken);

    /// <summary>Lieux offering the motif group (individual: lieux of its plages; collective: lieux of its upcoming rdvs).</summary>
    Task<IReadOnlyList<MotifLieuDto>> ListLieuxAsync(PublicCatalogFilter filter, string motifSlug, CancellationToken cancellationToken);

    /// <summary>Organisations offering the motif group (phone, home and visio motifs, which have no lieu).</summary>
    Task<IReadOnlyList<MotifOrganisationDto>> ListOrganisationsAsync(PublicCatalogFilter filter, string motifSlug, CancellationToken cancellationToken);
}

/// <param name="Now">Plages ending before today and collective rdvs starting before now are not offered.</param>
/// <param name="IncludeFollowUp">Follow-up motifs only appear for invitation links carrying référents.</param>
/// <param name="OrganisationIds">Restrict to these organisations (public link, sectorisation); null = the whole département.</param>
public sealed record PublicCatalogFilter(
    string Departement,
    DateTimeOffset Now,
    PublicAudience Audience = PublicAudience.Everyone,
    bool IncludeFollowUp = false,
    IReadOnlyCollection<long>? OrganisationIds = null);

public sealed record DepartementDto
{
    public string DepartementNumber { get; init; } = "";
    public string TerritoryName { get; init; } = "";
    public int OrganisationCount { get; init; }
}

public sealed record PublicMotifGroupDto
{
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
    public string LocationType { get; init; } = "";
    public long ServiceId { get; init; }
    public string ServiceName { get; init; } = "";
    public bool Collectif { get; init; }
    public bool FollowUp { get; init; }
    public long[] MotifIds { get; init; } = [];
}

public sealed record MotifLieuDto
{
    public long LieuId { get; init; }
    public string LieuName { get; init; } = "";
    public string Address { get; init; } = "";
    public double Latitude { get; init; }
    public double Longitude { get; init; }
    public string? PhoneNumber { get; init; }
    public long OrganisationId { get; init; }
    public string OrganisationName { get; init; } = "";
    /// <summary>The motif of that organisation in the group (one per organisation).</summary>
    public long MotifId { get; init; }
}

public sealed record MotifOrganisationDto
{
    public long OrganisationId { get; init; }
    public string Name { get; init; } = "";
    public string? PhoneNumber { get; init; }
    public string? Email { get; init; }
    public string? Website { get; init; }
    public long MotifId { get; init; }
}
