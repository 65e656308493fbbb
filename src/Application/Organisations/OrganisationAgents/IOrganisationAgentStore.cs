using RdvSP.Application.Common.Authorization;

namespace RdvSP.Application.Organisations.OrganisationAgents;

/// <summary>The agents of an organisation as its admins manage them (REFERENCE-SURFACES §2.3.13).</summary>
public interface IOrganisationAgentStore
{
    /// <summary>
    /// The agents of the organisation the agent may see (all for admins and secretaries, else his
    /// "confrères" and himself), filtered, by name; with their services and whether their invitation is pending.
    /// </summary>
    Task<IReadOnlyList<OrganisationAgentRow>> ListAsync(AgentAccess access, OrganisationAgentFilter filter, CancellationToken cancellationToken);

    /// <summary>The agent's role, names, e-mail and services, when he has a role in the organisation (not deleted).</summary>
    Task<OrganisationAgentRow?> GetAsync(long organisationId, long agentId, CancellationToken cancellationToken);

    /// <summary>How many organisations the agent has a role in.</summary>
    Task<int> CountOrganisationsAsync(long agentId, CancellationToken cancellationToken);

    /// <summary>
    /// The admins of the organisation, their role rows locked until the transaction ends: two admins
    /// demoting or removing each other at once cannot leave the organisation without one.
    /// </summary>
    Task<IReadOnlyList<long>> LockAdminsAsync(long organisationId, CancellationToken cancellationToken);

    /// <summary>Whether the agent is in a non-cancelled RDV of the organisation starting after <paramref name="now"/>.</summary>
    Task<bool> HasFutureRdvsAsync(long organisationId, long agentId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Ids among <paramref name="serviceIds"/> that exist.</summary>
    Task<IReadOnlyList<long>> ExistingServicesAsync(IReadOnlyCollection<long> serviceIds, CancellationToken cancellationToken);

    Task AddRoleAsync(long organisationId, long agentId, string accessLevel, CancellationToken cancellationToken);

    /// <summary>Role, names, services (replaced) and, when given, the e-mail of an agent of the organisation.</summary>
    Task UpdateAsync(long organisationId, AgentChange change, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the agent from the organisation (REFERENCE-DOMAIN §2.3): his role and his plages there go;
    /// an agent left without any organisation is soft-deleted (e-mail freed). Returns whether he was soft-deleted.
    /// </summary>
    Task<bool> RemoveAsync(long organisationId, long agentId, DateTimeOffset now, CancellationToken cancellationToken);
}

public sealed record OrganisationAgentFilter(string? Search, string? AccessLevel, bool PendingInvitationOnly);

public sealed record OrganisationAgentRow
{
    public long Id { get; init; }
    public string? FirstName { get; init; }
    public string LastName { get; init; } = "";
    public string? Email { get; init; }
    public string AccessLevel { get; init; } = "";
    public long[] ServiceIds { get; init; } = [];
    public string[] ServiceNames { get; init; } = [];

    /// <summary>Invited (an e-mail, no password yet): "Renvoyer l'invitation" applies.</summary>
    public bool InvitationPending { get; init; }

    public string FullName => string.IsNullOrWhiteSpace(FirstName) ? LastName : $"{FirstName} {LastName}".Trim();
}

public sealed record AgentChange(long AgentId, string AccessLevel, string? FirstName, string LastName, IReadOnlyList<long> ServiceIds, string? Email);
