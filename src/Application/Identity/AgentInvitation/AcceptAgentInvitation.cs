using Mediator;
using RdvSP.Application.Identity.Abstractions;
using RdvSP.Application.Identity.Common;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Domain.Common;

namespace RdvSP.Application.Identity.AgentInvitation;

/// <summary>
/// The invitation page (/agents/invitation/accept?invitation_token=) before the form is sent: whom the
/// link invites, or the French refusal when it is unknown, used or expired. A page load: never counted.
/// </summary>
public sealed record GetAgentInvitationQuery(string Token) : IQuery<Result<AgentInvitationDto>>;

public sealed class GetAgentInvitationHandler(IAgentAccountRepository accounts, TimeProvider clock)
    : IQueryHandler<GetAgentInvitationQuery, Result<AgentInvitationDto>>
{
    public async ValueTask<Result<AgentInvitationDto>> Handle(GetAgentInvitationQuery query, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(query.Token)) return IdentityErrors.InvalidInvitationToken;
        var invitation = await accounts.FindInvitationAsync(SecretToken.Hash(query.Token), cancellationToken);
        if (invitation is null || invitation.SentAt + IdentityLimits.InvitationLifetime <= clock.GetUtcNow())
            return IdentityErrors.InvalidInvitationToken;
        return invitation;
    }
}

/// <summary>
/// Accepting an invitation: first name, last name and a password with the policy. The link is valid
/// 7 days and works once (consumed in the same statement that sets the password). Returns the agent
/// id, whom the page then signs in. Unknown, used or expired tokens count against the IP.
/// </summary>
public sealed record AcceptAgentInvitationCommand(string Token, string FirstName, string LastName, string Password, string? ClientIp = null)
    : ICommand<Result<long>>;

public sealed class AcceptAgentInvitationHandler(
    IAgentAccountRepository accounts, IAgentProfileRepository profiles, IPasswordHasher hasher, IAttemptThrottle throttle, TimeProvider clock)
    : ICommandHandler<AcceptAgentInvitationCommand, Result<long>>
{
    public async ValueTask<Result<long>> Handle(AcceptAgentInvitationCommand command, CancellationToken cancellationToken)
    {
        var ip = command.ClientIp;
        var wait = await throttle.WaitAsync(IdentityLimits.BadTokenPerIp, ip, cancellationToken);
        if (wait > TimeSpan.Zero) return IdentityErrors.TooManyRequests(wait);
        var now = clock.GetUtcNow();
        var agentId = await accounts.AcceptInvitationAsync(
            SecretToken.Hash(command.Token), hasher.Hash(command.Password), now - IdentityLimits.InvitationLifetime, now, cancellationToken);
        if (agentId is null)
        {
            await throttle.RecordAsync(IdentityLimits.BadTokenPerIp, ip, cancellationToken);
            return IdentityErrors.InvalidInvitationToken;
        }
        await profiles.UpdateNamesAsync(agentId.Value, command.FirstName.Trim(), command.LastName.Trim(), cancellationToken);
        return agentId.Value;
    }
}
