using RdvSP.Application.Common.Authorization;

namespace RdvSP.Application.Booking.AgentAgenda;

/// <summary>
/// Who may open an agent's agenda (REFERENCE-SURFACES §2.3.1, §2.6): the agent must belong to the
/// organisation, and the viewer must see him (himself, a confrère sharing a service, or anyone for
/// admins and secretaries). Shared by the policies of the agenda's page, feeds and toggles.
/// </summary>
internal static class AgentAgendaAccess
{
    public static async ValueTask<bool> CanSeeAsync(IAgentAccessReader reader, AgentAccess access, long agentId, CancellationToken cancellationToken)
    {
        var services = await reader.AgentServicesInOrganisationAsync(agentId, access.OrganisationId, cancellationToken);
        return services is not null && access.CanSeeAgent(agentId, services);
    }
}
