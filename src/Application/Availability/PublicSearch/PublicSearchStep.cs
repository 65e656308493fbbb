using RdvSP.Application.Availability.SlotSearch;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Organisations.Abstractions;

namespace RdvSP.Application.Availability.PublicSearch;

public enum PublicSearchStepKind
{
    Address,
    Service,
    Motif,
    Lieu,
    Organisation,
    Creneaux,
    Collective,
    Nothing,
}

/// <summary>What the wizard shows now, with the context completed by the automatic choices.</summary>
public sealed record PublicSearchStep
{
    public required PublicSearchStepKind Kind { get; init; }
    public required PublicSearchContext Context { get; init; }
    /// <summary>French message shown above the step (address not found, address service down…).</summary>
    public string? Notice { get; init; }
    public IReadOnlyList<DepartementDto> Departements { get; init; } = [];
    public IReadOnlyList<ServiceDto> Services { get; init; } = [];
    public IReadOnlyList<PublicMotifGroupDto> MotifGroups { get; init; } = [];
    public PublicMotifGroupDto? MotifGroup { get; init; }
    public IReadOnlyList<LieuChoice> Lieux { get; init; } = [];
    public IReadOnlyList<OrganisationChoice> Organisations { get; init; } = [];
    public MotifDto? Motif { get; init; }
    public LieuChoice? Lieu { get; init; }
    public OrganisationChoice? Organisation { get; init; }
    public SlotWeek? Week { get; init; }
    public IReadOnlyList<CollectiveRdvDto> CollectiveRdvs { get; init; } = [];
    public string TimeZone { get; init; } = "Europe/Paris";
}

public sealed record LieuChoice(MotifLieuDto Lieu, DateTimeOffset? NextAvailability, double? DistanceKm);

public sealed record OrganisationChoice(MotifOrganisationDto Organisation, DateTimeOffset? NextAvailability);

