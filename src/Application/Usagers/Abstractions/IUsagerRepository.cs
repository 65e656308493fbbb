namespace RdvSP.Application.Usagers.Abstractions;

/// <summary>Usagers, their relatives ("proches"), organisations (profiles) and référents.</summary>
public interface IUsagerRepository
{
    Task<long> AddAsync(NewUsager usager, CancellationToken cancellationToken);

    /// <summary>Any usager, anonymised ones included (check <see cref="UsagerDto.DeletedAt"/>).</summary>
    Task<UsagerDto?> GetAsync(long id, CancellationToken cancellationToken);

    /// <summary>Active usager with this e-mail (case-insensitive).</summary>
    Task<UsagerDto?> FindByEmailAsync(string email, CancellationToken cancellationToken);

    Task<bool> UpdateProfileAsync(long id, UsagerProfileUpdate update, CancellationToken cancellationToken);

    /// <summary>Active relatives of a usager, by first name.</summary>
    Task<IReadOnlyList<UsagerDto>> ListRelativesAsync(long responsibleId, CancellationToken cancellationToken);

    /// <summary>
    /// The usager, its relatives and its responsible (the reference's self_and_relatives_and_responsible):
    /// who may be booked for, and who counts as "one family" in a collective rdv.
    /// </summary>
    Task<IReadOnlyList<long>> ListFamilyIdsAsync(long usagerId, CancellationToken cancellationToken);

    /// <summary>Makes the usager, its relatives and its responsible members of the organisation (idempotent).</summary>
    Task AddFamilyToOrganisationAsync(long usagerId, long organisationId, CancellationToken cancellationToken);

    Task<IReadOnlyList<long>> ListOrganisationIdsAsync(long usagerId, CancellationToken cancellationToken);

    Task AddReferentAsync(long usagerId, long agentId, CancellationToken cancellationToken);

    Task<IReadOnlyList<long>> ListReferentAgentIdsAsync(long usagerId, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the usager's account: wipes the personal data of the usager and of its relatives (who
    /// cannot sign in on their own), names become "Usager supprimé", memberships and référents are
    /// removed (credentials: IUsagerAccountRepository.DeleteAsync in the same transaction), <c>deleted_at</c> is set. Rdvs and participations stay for statistics.
    /// Returns the ids anonymised.
    /// </summary>
    Task<IReadOnlyList<long>> AnonymiseAsync(long usagerId, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>Stored values of users.created_through.</summary>
public static class CreatedThrough
{
    public const string Unknown = "unknown";
    public const string AgentCreation = "agent_creation";
    public const string UserSignUp = "user_sign_up";
    public const string FranceConnectSignUp = "franceconnect_sign_up";
    public const string UserRelativeCreation = "user_relative_creation";
    public const string AgentCreationApi = "agent_creation_api";
    public const string Prescripteur = "prescripteur";
}

public sealed record NewUsager(
    string FirstName,
    string LastName,
    string CreatedThrough,
    string? Email = null,
    string? PhoneNumber = null,
    string? PhoneNumberFormatted = null,
    DateOnly? BirthDate = null,
    string? BirthName = null,
    string? Address = null,
    string? AddressDetails = null,
    string? CityCode = null,
    string? PostCode = null,
    string? CityName = null,
    long? ResponsibleId = null,
    bool NotifyBySms = true,
    bool NotifyByEmail = true,
    DateTimeOffset? ConfirmedAt = null);

public sealed record UsagerProfileUpdate(
    string FirstName,
    string LastName,
    string? BirthName,
    DateOnly? BirthDate,
    string? PhoneNumber,
    string? PhoneNumberFormatted,
    string? Address,
    string? AddressDetails,
    string? CityCode,
    string? PostCode,
    string? CityName,
    bool NotifyBySms,
    bool NotifyByEmail);

public sealed record UsagerDto
{
    public long Id { get; init; }
    public string FirstName { get; init; } = "";
    public string LastName { get; init; } = "";
    public string? BirthName { get; init; }
    public DateOnly? BirthDate { get; init; }
    public string? Email { get; init; }
    public string? PhoneNumber { get; init; }
    public string? PhoneNumberFormatted { get; init; }
    public string? Address { get; init; }
    public string? AddressDetails { get; init; }
    public string? CityCode { get; init; }
    public string? PostCode { get; init; }
    public string? CityName { get; init; }
    public bool NotifyBySms { get; init; }
    public bool NotifyByEmail { get; init; }
    public long? ResponsibleId { get; init; }
    public string CreatedThrough { get; init; } = "";
    public DateTimeOffset? ConfirmedAt { get; init; }
    public DateTimeOffset? DeletedAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    public bool IsRelative => ResponsibleId is not null;

    public string FullName => $"{FirstName} {LastName}";
}
