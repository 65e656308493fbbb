using Mediator;
using RdvSP.Application.Common.Authorization;

namespace RdvSP.Application.Organisations.BackOfficeShell;

/// <summary>
/// What the back-office layout shows around every page of an organisation (REFERENCE-SURFACES §2.2):
/// the agent, the organisation and the agent's other organisations for the switcher, the agents
/// whose planning he may open, and his "N RDV à renseigner" (past RDVs still unknown).
/// </summary>
public sealed record GetBackOfficeShellQuery(long OrganisationId) : IOrganisationRequest, IQuery<BackOfficeShell>;

public sealed record BackOfficeShell(
    long AgentId,
    string AgentName,
    long OrganisationId,
    string OrganisationName,
    bool IsAdmin,
    bool IsTerritorialAdmin,
    IReadOnlyList<OrganisationItem> Organisations,
    IReadOnlyList<AgentItem> VisibleAgents,
    int RdvsToFillIn);

public sealed record OrganisationItem(long Id, string Name);

public sealed record AgentItem(long Id, string FullName);

/// <summary>Every member of the organisation gets its layout.</summary>
public sealed class GetBackOfficeShellPolicy : IPolicy<GetBackOfficeShellQuery>
{
    public ValueTask<bool> AllowsAsync(AgentAccess access, GetBackOfficeShellQuery request, CancellationToken cancellationToken) => Policy.Allow;
}

public sealed class GetBackOfficeShellHandler(IBackOfficeReader reader, CurrentAgentAccess current, TimeProvider clock)
    : IQueryHandler<GetBackOfficeShellQuery, BackOfficeShell>
{
    public async ValueTask<BackOfficeShell> Handle(GetBackOfficeShellQuery query, CancellationToken cancellationToken) =>
        await reader.ShellAsync(current.Value, clock.GetUtcNow(), cancellationToken);
}

/// <summary>The organisations where the signed-in agent has a role (agent home, organisation switcher).</summary>
public sealed record ListMyOrganisationsQuery : IAgentSelfRequest, IQuery<IReadOnlyList<OrganisationItem>>;

public sealed class ListMyOrganisationsHandler(IBackOfficeReader reader, ICurrentActor actor)
    : IQueryHandler<ListMyOrganisationsQuery, IReadOnlyList<OrganisationItem>>
{
    public async ValueTask<IReadOnlyList<OrganisationItem>> Handle(ListMyOrganisationsQuery query, CancellationToken cancellationToken) =>
        await reader.OrganisationsOfAsync(actor.AgentId!.Value, cancellationToken);
}

public interface IBackOfficeReader
{
    /// <summary>Organisations where the agent has a role other than intervenant, by name.</summary>
    Task<IReadOnlyList<OrganisationItem>> OrganisationsOfAsync(long agentId, CancellationToken cancellationToken);

    /// <summary>The layout's data in one round trip, scoped by the agent's access.</summary>
    Task<BackOfficeShell> ShellAsync(AgentAccess access, DateTimeOffset now, CancellationToken cancellationToken);
}
