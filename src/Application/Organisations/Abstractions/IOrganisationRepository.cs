namespace RdvSP.Application.Organisations.Abstractions;

/// <summary>Territories, organisations, services, motifs and lieux: writes and single-row reads.</summary>
public interface IOrganisationRepository
{
    Task<long> AddTerritoryAsync(NewTerritory territory, CancellationToken cancellationToken);

    Task<TerritoryDto?> GetTerritoryAsync(long id, CancellationToken cancellationToken);

    Task<TerritoryDto?> FindTerritoryByNameAsync(string name, CancellationToken cancellationToken);

    Task<long> AddOrganisationAsync(NewOrganisation organisation, CancellationToken cancellationToken);

    Task<OrganisationDto?> GetOrganisationAsync(long id, CancellationToken cancellationToken);

    /// <summary>The organisation a partner knows by its own id, in a département (public links /org/ext/…).</summary>
    Task<OrganisationDto?> FindOrganisationByExternalIdAsync(string departementNumber, string externalId, CancellationToken cancellationToken);

    /// <summary>Adds the service, or returns the id of the one with the same name (services are a global catalogue).</summary>
    Task<long> EnsureServiceAsync(string name, string shortName, CancellationToken cancellationToken);

    Task<IReadOnlyList<ServiceDto>> ListServicesAsync(CancellationToken cancellationToken);

    Task<long> AddMotifAsync(NewMotif motif, CancellationToken cancellationToken);

    Task<MotifDto?> GetMotifAsync(long id, CancellationToken cancellationToken);

    Task<long> AddLieuAsync(NewLieu lieu, CancellationToken cancellationToken);

    Task<LieuDto?> GetLieuAsync(long id, CancellationToken cancellationToken);
}

/// <summary>Agents, their organisations (roles) and services.</summary>
public interface IAgentRepository
{
    Task<long> AddAsync(NewAgent agent, CancellationToken cancellationToken);

    /// <summary>Makes the agent a territorial admin ("Espace Admin" of the territory).</summary>
    Task AddTerritorialRoleAsync(long agentId, long territoryId, CancellationToken cancellationToken);

    Task<AgentDto?> GetAsync(long id, CancellationToken cancellationToken);

    Task<AgentDto?> FindByEmailAsync(string email, CancellationToken cancellationToken);
}

public sealed record NewTerritory(string DepartementNumber, string Name, string? PhoneNumber = null);

public sealed record NewOrganisation(
    long TerritoryId,
    string Name,
    string? PhoneNumber = null,
    string? Email = null,
    string? Website = null,
    string? Horaires = null,
    string? ExternalId = null,
    string TimeZone = "Europe/Paris");

public sealed record NewMotif(
    long OrganisationId,
    long ServiceId,
    string Name,
    string Color,
    int DefaultDurationInMin = 30,
    string LocationType = LocationTypes.PublicOffice,
    string BookableBy = Abstractions.BookableBy.Agents,
    bool Collectif = false,
    bool FollowUp = false,
    bool ForSecretariat = false,
    int MinPublicBookingDelay = 1800,
    int MaxPublicBookingDelay = 7_889_238,
    string VisibilityType = VisibilityTypes.VisibleAndNotified,
    string SectorisationLevel = "departement",
    string? RestrictionForRdv = null,
    string? InstructionForRdv = null,
    string? CustomCancelWarningMessage = null,
    bool RdvsEditableByUser = true,
    bool RdvsCancellableByUser = true,
    int? BufferAfterMinutes = null,
    int? SlotStepMinutes = null,
    long? MotifCategoryId = null);

public sealed record NewLieu(
    long OrganisationId,
    string Name,
    string Address,
    double Latitude,
    double Longitude,
    string? PhoneNumber = null,
    string? PhoneNumberFormatted = null,
    string Availability = LieuAvailabilities.Enabled);

public sealed record NewAgent(
    string? FirstName,
    string LastName,
    string? Email,
    IReadOnlyList<long> ServiceIds,
    IReadOnlyList<AgentRoleDto> Roles);

public sealed record AgentRoleDto(long OrganisationId, string AccessLevel);

public sealed record TerritoryDto
{
    public long Id { get; init; }
    public string DepartementNumber { get; init; } = "";
    public string Name { get; init; } = "";
    public string? PhoneNumber { get; init; }
    /// <summary>Code of the Domain HolidayCalendar (metropolitan, alsace_moselle, guadeloupe…), derived from the département.</summary>
    public string HolidayCalendar { get; init; } = "";
}

public sealed record OrganisationDto
{
    public long Id { get; init; }
    public long TerritoryId { get; init; }
    public string DepartementNumber { get; init; } = "";
    public string Name { get; init; } = "";
    public string? PhoneNumber { get; init; }
    public string? Email { get; init; }
    public string? Website { get; init; }
    public string? Horaires { get; init; }
    public string? ExternalId { get; init; }
    public string TimeZone { get; init; } = "Europe/Paris";
    public string Verticale { get; init; } = "";
    public bool NewDomain { get; init; }
}

public sealed record ServiceDto
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public string ShortName { get; init; } = "";
}

public sealed record MotifDto
{
    public long Id { get; init; }
    public long OrganisationId { get; init; }
    public long ServiceId { get; init; }
    public string ServiceName { get; init; } = "";
    public long? MotifCategoryId { get; init; }
    public string Name { get; init; } = "";
    /// <summary>The reference's "name_with_location_type" slug, used to group motifs across organisations.</summary>
    public string Slug { get; init; } = "";
    public string Color { get; init; } = "";
    public int DefaultDurationInMin { get; init; }
    public string LocationType { get; init; } = "";
    public bool Collectif { get; init; }
    public string BookableBy { get; init; } = "";
    public int MinPublicBookingDelay { get; init; }
    public int MaxPublicBookingDelay { get; init; }
    public string VisibilityType { get; init; } = "";
    public string SectorisationLevel { get; init; } = "";
    public bool FollowUp { get; init; }
    public bool ForSecretariat { get; init; }
    public string? RestrictionForRdv { get; init; }
    public string? InstructionForRdv { get; init; }
    public string? CustomCancelWarningMessage { get; init; }
    public bool RdvsEditableByUser { get; init; }
    public bool RdvsCancellableByUser { get; init; }
    public int? BufferAfterMinutes { get; init; }
    public int? SlotStepMinutes { get; init; }
    public DateTimeOffset? DeletedAt { get; init; }
}

public sealed record LieuDto
{
    public long Id { get; init; }
    public long OrganisationId { get; init; }
    public string Name { get; init; } = "";
    public string Address { get; init; } = "";
    public double Latitude { get; init; }
    public double Longitude { get; init; }
    public string? PhoneNumber { get; init; }
    public string? PhoneNumberFormatted { get; init; }
    public string Availability { get; init; } = "";
}

public sealed record AgentDto
{
    public long Id { get; init; }
    public string? FirstName { get; init; }
    public string LastName { get; init; } = "";
    public string? Email { get; init; }
    public DateTimeOffset? DeletedAt { get; init; }
    public IReadOnlyList<long> ServiceIds { get; init; } = [];
    public IReadOnlyList<AgentRoleDto> Roles { get; init; } = [];

    /// <summary>"M. DUPONT"-style short name is a UI concern; this is "First LAST".</summary>
    public string FullName => string.IsNullOrWhiteSpace(FirstName) ? LastName : $"{FirstName} {LastName}";
}
