using RdvSP.Application.Common.Authorization;
using RdvSP.Application.Organisations.Abstractions;

namespace RdvSP.Application.Organisations.Catalog;

/// <summary>
/// The back-office catalogue of an organisation (REFERENCE-SURFACES §2.3.11, §2.3.12, §2.3.15): motifs,
/// lieux, the organisation's settings and its online booking overview. Writes run inside the command's
/// transaction; the tables' triggers bump the availability inputs version, so the public search sees them at once.
/// </summary>
public interface ICatalogStore
{
    /// <summary>The organisation and service of a motif (deleted ones included), or null.</summary>
    Task<MotifOwner?> MotifOwnerAsync(long motifId, CancellationToken cancellationToken);

    /// <summary>Active motifs the access may see (his services only for a basic agent outside the Secrétariat).</summary>
    Task<IReadOnlyList<MotifListItem>> ListMotifsAsync(AgentAccess access, MotifFilter filter, CancellationToken cancellationToken);

    /// <summary>What the motif form offers: services present in the organisation (Secrétariat excluded), categories of the territory.</summary>
    Task<MotifChoices> MotifChoicesAsync(long organisationId, CancellationToken cancellationToken);

    /// <summary>RDVs (all, and upcoming non-cancelled) and non-expired plages using the motif.</summary>
    Task<MotifUsage> MotifUsageAsync(long motifId, DateTimeOffset now, CancellationToken cancellationToken);

    Task<bool> MotifNameTakenAsync(long organisationId, long serviceId, string locationType, string name, long? exceptMotifId, CancellationToken cancellationToken);

    Task UpdateMotifAsync(long motifId, NewMotif motif, CancellationToken cancellationToken);

    Task SoftDeleteMotifAsync(long motifId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The organisation and availability of a lieu, or null.</summary>
    Task<LieuOwner?> LieuOwnerAsync(long lieuId, CancellationToken cancellationToken);

    /// <summary>Lieux of the organisation by name, single-use ones left out (REFERENCE-SURFACES §2.3.12).</summary>
    Task<IReadOnlyList<LieuDto>> ListLieuxAsync(long organisationId, CancellationToken cancellationToken);

    /// <summary>The plages (with their agent) and the count of RDVs that use the lieu.</summary>
    Task<LieuReferences> LieuReferencesAsync(long lieuId, CancellationToken cancellationToken);

    Task UpdateLieuAsync(long lieuId, LieuFields lieu, CancellationToken cancellationToken);

    Task DeleteLieuAsync(long lieuId, CancellationToken cancellationToken);

    Task<OrganisationSettings> OrganisationSettingsAsync(long organisationId, CancellationToken cancellationToken);

    Task<bool> OrganisationNameTakenAsync(long organisationId, string name, CancellationToken cancellationToken);

    Task UpdateOrganisationSettingsAsync(long organisationId, OrganisationSettings settings, CancellationToken cancellationToken);

    /// <summary>Active motifs with their online booking figures, and whether the organisation is sectorised.</summary>
    Task<OnlineBooking> OnlineBookingAsync(long organisationId, DateTimeOffset now, CancellationToken cancellationToken);
}

public sealed record MotifOwner(long OrganisationId, long ServiceId, bool Deleted);

public sealed record LieuOwner(long OrganisationId, string Availability);

/// <param name="BookableOnline">true: bookable by usagers (everyone or invited users); false: the others.</param>
public sealed record MotifFilter(long? ServiceId = null, string? Search = null, bool? BookableOnline = null, string? LocationType = null);

public sealed record MotifListItem
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public string Color { get; init; } = "";
    public long ServiceId { get; init; }
    public string ServiceName { get; init; } = "";
    public int DefaultDurationInMin { get; init; }
    public string LocationType { get; init; } = "";
    public bool Collectif { get; init; }
    public string BookableBy { get; init; } = "";
    public string SectorisationLevel { get; init; } = "";
    public bool FollowUp { get; init; }
    public bool ForSecretariat { get; init; }
}

public sealed record ChoiceItem(long Id, string Name);

/// <param name="SectorCounts">Sectors attributed to the organisation, per level (organisation, agent).</param>
public sealed record MotifChoices(
    IReadOnlyList<ChoiceItem> Services,
    IReadOnlyList<ChoiceItem> Categories,
    string Verticale,
    IReadOnlyDictionary<string, int> SectorCounts);

public sealed record MotifUsage(int RdvCount, int UpcomingRdvCount, int PlageCount)
{
    /// <summary>Once a motif has RDVs its location type and collective flag are locked (REFERENCE-DOMAIN §2.5).</summary>
    public bool Used => RdvCount > 0;
}

public sealed record LieuFields(string Name, string Address, double Latitude, double Longitude, string? PhoneNumber, string? PhoneNumberFormatted, string Availability);

public sealed record LieuPlage(long Id, string Title, long AgentId, string AgentName);

public sealed record LieuReferences(IReadOnlyList<LieuPlage> Plages, int RdvCount)
{
    public bool Any => Plages.Count > 0 || RdvCount > 0;
}

public sealed record OrganisationSettings
{
    public string Name { get; init; } = "";
    public string? PhoneNumber { get; init; }
    public string? Email { get; init; }
    public string? Website { get; init; }
    public string? Horaires { get; init; }
    public string TimeZone { get; init; } = "Europe/Paris";
    public int ReminderLeadHours { get; init; } = 48;
}

public sealed record OnlineBooking(string OrganisationName, bool Sectorised, IReadOnlyList<OnlineBookingMotif> Motifs);

/// <param name="PlageCount">Non-expired plages offering the motif (individual motifs).</param>
/// <param name="OpenCollectiveRdvCount">Upcoming non-cancelled collective RDVs with free seats (collective motifs).</param>
public sealed record OnlineBookingMotif
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public string ServiceName { get; init; } = "";
    public string LocationType { get; init; } = "";
    public bool Collectif { get; init; }
    public string BookableBy { get; init; } = "";
    public int PlageCount { get; init; }
    public int OpenCollectiveRdvCount { get; init; }

    public bool BookableOnline => MotifChoiceLabels.BookableOnline(BookableBy);

    /// <summary>Shown to usagers: bookable online and offered somewhere (REFERENCE-DOMAIN §2.5, "available for booking").</summary>
    public bool Offered => BookableOnline && (Collectif ? OpenCollectiveRdvCount > 0 : PlageCount > 0);
}
