using Mediator;
using RdvSP.Application.Common.Authorization;

namespace RdvSP.Application.Booking.AgentAgenda;

/// <summary>The agenda page of an agent (REFERENCE-SURFACES §2.3.1): whom it shows, the zone, the viewer's toggles.</summary>
public sealed record GetAgentAgendaQuery(long OrganisationId, long AgentId) : IOrganisationRequest, IQuery<AgentAgendaPage>;

/// <summary>Himself, his confrères, or anyone for admins and secretaries; the agent belongs to the organisation.</summary>
public sealed class GetAgentAgendaPolicy(IAgentAccessReader reader) : IPolicy<GetAgentAgendaQuery>
{
    public ValueTask<bool> AllowsAsync(AgentAccess access, GetAgentAgendaQuery request, CancellationToken cancellationToken) =>
        AgentAgendaAccess.CanSeeAsync(reader, access, request.AgentId, cancellationToken);
}

public sealed class GetAgentAgendaHandler(IAgentAgendaRepository reader, CurrentAgentAccess current) : IQueryHandler<GetAgentAgendaQuery, AgentAgendaPage>
{
    public async ValueTask<AgentAgendaPage> Handle(GetAgentAgendaQuery query, CancellationToken cancellationToken) =>
        await reader.PageAsync(query.OrganisationId, query.AgentId, current.Value.AgentId, cancellationToken)
        // Only if the agent left between the policy and this read: refused like any other stale link.
        ?? throw new AccessDeniedException(AccessDenial.Forbidden, nameof(GetAgentAgendaQuery));
}
