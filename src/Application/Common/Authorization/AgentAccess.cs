namespace RdvSP.Application.Common.Authorization;

/// <summary>
/// What an agent may do in one organisation (REFERENCE-SURFACES §2.1, §2.6): his role there, his
/// services, whether he is in the Secrétariat service, whether he administers the territory. Read
/// once per request by the authorisation behaviour; policies decide from it, and list queries use
/// <see cref="SeesWholeOrganisation"/> and <see cref="ServiceIds"/> as their SQL scope.
/// </summary>
public sealed record AgentAccess(
    long AgentId,
    long OrganisationId,
    long TerritoryId,
    string AccessLevel,
    IReadOnlyList<long> ServiceIds,
    bool IsSecretary,
    bool IsTerritorialAdmin)
{
    public const string Admin = "admin";
    public const string Basic = "basic";
    public const string Intervenant = "intervenant";

    /// <summary>The organisation's time zone (local days of agendas and lists), read with the role.</summary>
    public string TimeZone { get; init; } = "Europe/Paris";

    public bool IsAdmin => AccessLevel == Admin;

    /// <summary>Admins and secretaries see every agent, agenda, plage and RDV of the organisation.</summary>
    public bool SeesWholeOrganisation => IsAdmin || IsSecretary;

    /// <summary>A basic agent sees the agents sharing one of his services ("confrères") and himself.</summary>
    public bool CanSeeAgent(long agentId, IReadOnlyCollection<long> agentServiceIds) =>
        agentId == AgentId || SeesWholeOrganisation || agentServiceIds.Any(ServiceIds.Contains);

    /// <summary>Motifs of his services (all motifs of the organisation for admins and secretaries).</summary>
    public bool CanUseService(long serviceId) => SeesWholeOrganisation || ServiceIds.Contains(serviceId);
}

/// <summary>Reads an agent's access in an organisation (null when he has no role there or is deleted).</summary>
public interface IAgentAccessReader
{
    Task<AgentAccess?> GetAsync(long agentId, long organisationId, CancellationToken cancellationToken);

    /// <summary>The services of an agent having a role in the organisation, or null when he has none there.</summary>
    Task<IReadOnlyList<long>?> AgentServicesInOrganisationAsync(long agentId, long organisationId, CancellationToken cancellationToken);
}

/// <summary>
/// The access checked for the current request, for handlers that scope their SQL with it. Set by the
/// authorisation behaviour before the handler runs; reading it elsewhere is a programming error.
/// </summary>
public sealed class CurrentAgentAccess
{
    private AgentAccess? access;

    public AgentAccess Value => access ?? throw new InvalidOperationException("No organisation request has been authorised in this scope.");

    internal void Set(AgentAccess value) => access = value;
}
