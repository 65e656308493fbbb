namespace RdvSP.Application.Common.Authorization;

/// <summary>
/// A back-office use case: it acts inside the organisation of the URL (/admin/organisations/{id}/…).
/// The authorisation behaviour runs it only for an agent with a role there, and only when its one
/// <see cref="IPolicy{TRequest}"/> allows it; a request type without a policy cannot run at all.
/// </summary>
public interface IOrganisationRequest
{
    long OrganisationId { get; }
}

/// <summary>
/// A use case a signed-in agent runs on himself (his account, preferences, his organisations): no
/// organisation, no policy, but never anonymous nor a usager. The handler reads the agent from
/// <see cref="ICurrentActor"/>.
/// </summary>
public interface IAgentSelfRequest;

/// <summary>
/// Whether the agent may run this request. One implementation per request type, next to the use case;
/// it checks that every id of the request belongs to <see cref="AgentAccess.OrganisationId"/> and that
/// the agent's role allows the action.
/// </summary>
public interface IPolicy<in TRequest>
{
    ValueTask<bool> AllowsAsync(AgentAccess access, TRequest request, CancellationToken cancellationToken);
}

/// <summary>Policies shared by many requests.</summary>
public static class Policy
{
    public static ValueTask<bool> Allow => ValueTask.FromResult(true);

    public static ValueTask<bool> When(bool allowed) => ValueTask.FromResult(allowed);
}
