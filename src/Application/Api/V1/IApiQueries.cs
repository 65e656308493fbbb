using RdvSP.Application.Common.Authorization;

namespace RdvSP.Application.Api.V1;

/// <summary>A page of ids (the records are then read by <see cref="IApiCollectionReader"/>) and the total.</summary>
public sealed record ApiIdPage(IReadOnlyList<long> Ids, long TotalCount);

/// <summary>A page of serialised objects and its <c>meta</c> (REFERENCE-API §1.5).</summary>
public sealed record ApiPage(string ItemsJson, int Page, long TotalCount)
{
    public const int PerPage = 100;

    public static int Offset(int page) => (page - 1) * PerPage;

    public int TotalPages => (int)((TotalCount + PerPage - 1) / PerPage);
}

/// <summary>
/// The API's scoped look-ups (REFERENCE-API §1.9 visibility, in SQL). Lists return one page of ids in
/// the endpoint's order with the total count; the records are read set-based afterwards.
/// </summary>
public interface IApiQueries
{
    Task<ApiIdPage> OrganisationsOfAgentAsync(long agentId, string? cityCode, string? streetBanId, int page, CancellationToken cancellationToken);

    Task<bool> OrganisationExistsAsync(long organisationId, CancellationToken cancellationToken);

    Task<ApiIdPage> MotifsAsync(AgentAccess access, MotifFilter filter, int page, CancellationToken cancellationToken);

    /// <summary>RDVs visible to the access, distinct, by starts_at then id.</summary>
    Task<ApiIdPage> RdvsAsync(AgentAccess access, DateTimeOffset? startsAfter, DateTimeOffset? startsBefore, int page, CancellationToken cancellationToken);

    /// <summary>Users with a profile in the organisation (or its whole territory when the territory says so).</summary>
    Task<ApiIdPage> UsersOfOrganisationAsync(long organisationId, int page, CancellationToken cancellationToken);

    /// <summary>Users with a profile in an organisation where the agent has a role, optionally among <paramref name="ids"/>.</summary>
    Task<ApiIdPage> UsersOfAgentAsync(long agentId, IReadOnlyList<long>? ids, int page, CancellationToken cancellationToken);

    /// <summary>Whether the live user has a profile in the organisation (or its territory when the territory says so).</summary>
    Task<bool> UserInOrganisationAsync(long userId, long organisationId, CancellationToken cancellationToken);

    /// <summary>The organisations (among the agent's) where the live user has a profile; null when the user does not exist.</summary>
    Task<IReadOnlyList<long>?> SharedOrganisationsOfUserAsync(long userId, long agentId, CancellationToken cancellationToken);

    /// <summary>Agents visible to the caller (REFERENCE-API §1.9), by creation.</summary>
    Task<ApiIdPage> AgentsVisibleToAsync(long agentId, long? organisationId, int page, CancellationToken cancellationToken);

    /// <summary>Absences of the agents visible to the caller, latest first.</summary>
    Task<ApiIdPage> AbsencesVisibleToAsync(long agentId, int page, CancellationToken cancellationToken);

    /// <summary>The agent of the absence, or null when it does not exist.</summary>
    Task<long?> AgentOfAbsenceAsync(long absenceId, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="agentId"/> is visible to <paramref name="callerId"/> (REFERENCE-API §1.9).</summary>
    Task<bool> AgentVisibleToAsync(long callerId, long agentId, CancellationToken cancellationToken);

    Task<bool> AgentExistsAsync(long agentId, CancellationToken cancellationToken);

    /// <summary>Whether the agent has a role in an organisation of the territory.</summary>
    Task<bool> AgentInTerritoryAsync(long agentId, long territoryId, CancellationToken cancellationToken);

    /// <summary>The live agent with this e-mail (case-insensitive), or null.</summary>
    Task<long?> AgentIdByEmailAsync(string email, CancellationToken cancellationToken);

    /// <summary>
    /// The organisations where both the caller (not intervenant) and the agent have a role, by id — where
    /// the back-office would let the caller manage the agent's absences; null when the agent does not exist.
    /// </summary>
    Task<IReadOnlyList<long>?> OrganisationsSharedWithAgentAsync(long callerId, long agentId, CancellationToken cancellationToken);

    /// <summary>The RDV and organisation of a participation, or null.</summary>
    Task<(long RdvId, long OrganisationId)?> LocateParticipationAsync(long participationId, CancellationToken cancellationToken);
}

public sealed record MotifFilter(bool? Active, bool? BookablePublicly, long? ServiceId, string? CategoryShortName);
