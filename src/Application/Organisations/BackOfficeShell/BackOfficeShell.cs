using Mediator;
using RdvSP.Application.Common.Abstractions;
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

/// <summary>
/// Both parts are kept under the inputs version (ADR 0008), which any committed change of an agent,
/// role, service, organisation or RDV anywhere moves on: the names, switcher and agent selector per
/// agent and scope; the count of RDVs to fill in (every past RDV of the agent, thousands after a year)
/// also per minute, so a status set on one page is counted on the next.
/// </summary>
public sealed class GetBackOfficeShellHandler(IBackOfficeReader reader, CurrentAgentAccess current, TimeProvider clock, IReadModelCache cache)
    : IQueryHandler<GetBackOfficeShellQuery, BackOfficeShell>
{
    public async ValueTask<BackOfficeShell> Handle(GetBackOfficeShellQuery query, CancellationToken cancellationToken)
    {
        var access = current.Value;
        var now = clock.GetUtcNow();
        var minute = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        var shell = await cache.GetOrLoadAsync(
            string.Join('|', "backoffice-shell", access.AgentId, access.OrganisationId,
                access.SeesWholeOrganisation ? "all" : string.Join(',', access.ServiceIds)),
            () => reader.ShellAsync(access, cancellationToken),
            s => s.Organisations.Count + s.VisibleAgents.Count,
            cancellationToken);
        var toFillIn = await cache.GetOrLoadAsync(
            $"rdvs-to-fill-in|{access.AgentId}|{access.OrganisationId}|{minute.UtcTicks}",
            () => reader.RdvsToFillInAsync(access, minute, cancellationToken),
            _ => 1,
            cancellationToken);
        // The roles come from this request's access (territorial roles do not move the version).
        return shell with { IsAdmin = access.IsAdmin, IsTerritorialAdmin = access.IsTerritorialAdmin, RdvsToFillIn = toFillIn };
    }
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

    /// <summary>The layout's data in one round trip, scoped by the agent's access (without the count of RDVs to fill in).</summary>
    Task<BackOfficeShell> ShellAsync(AgentAccess access, CancellationToken cancellationToken);

    /// <summary>The agent's past RDVs of the organisation whose status is still unknown.</summary>
    Task<int> RdvsToFillInAsync(AgentAccess access, DateTimeOffset now, CancellationToken cancellationToken);
}
