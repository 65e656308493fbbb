using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace RdvSP.Application.Common.Authorization;

/// <summary>
/// The one place where back-office access is decided (ARCHITECTURE: authorisation in the Application
/// layer). For an <see cref="IOrganisationRequest"/>: a signed-in agent, with a role other than
/// intervenant in the organisation, and the request's own policy. For an <see cref="IAgentSelfRequest"/>:
/// a signed-in agent. Runs before validation, so a refused caller learns nothing from messages.
/// </summary>
public sealed class AuthorizationBehavior<TMessage, TResponse>(
    ICurrentActor actor, IAgentAccessReader accessReader, CurrentAgentAccess current, IServiceProvider services)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is IOrganisationRequest request)
        {
            var agentId = actor.AgentId ?? throw new AccessDeniedException(AccessDenial.NotSignedIn, typeof(TMessage).Name);
            var access = await accessReader.GetAsync(agentId, request.OrganisationId, cancellationToken);
            if (access is null || access.AccessLevel == AgentAccess.Intervenant)
                throw new AccessDeniedException(AccessDenial.NotInOrganisation, typeof(TMessage).Name);
            var policy = services.GetService<IPolicy<TMessage>>()
                ?? throw new InvalidOperationException($"{typeof(TMessage).Name} has no policy: every organisation request needs one.");
            if (!await policy.AllowsAsync(access, message, cancellationToken))
                throw new AccessDeniedException(AccessDenial.Forbidden, typeof(TMessage).Name);
            current.Set(access);
        }
        else if (message is IAgentSelfRequest && actor.AgentId is null)
        {
            throw new AccessDeniedException(AccessDenial.NotSignedIn, typeof(TMessage).Name);
        }
        return await next(message, cancellationToken);
    }
}
