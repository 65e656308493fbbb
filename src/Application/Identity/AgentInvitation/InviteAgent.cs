using Mediator;
using RdvSP.Application.Identity.Abstractions;
using RdvSP.Application.Identity.Common;
using RdvSP.Domain.Common;

namespace RdvSP.Application.Identity.AgentInvitation;

/// <summary>
/// Creates (or renews) an agent's invitation: a new token, valid 7 days (<see cref="IdentityLimits.InvitationLifetime"/>),
/// only its hash stored, and the French e-mail queued in the same transaction (outbox). The building
/// block of the "inviter un agent" screen (which authorises the inviter in its own organisation
/// request) and of the demo seed. Refused for an agent without e-mail (intervenant), deleted, or
/// whose account is already active.
/// </summary>
/// <param name="InvitedBy">Full name of the inviting agent, named in the e-mail; null when the platform invites.</param>
public sealed record InviteAgentCommand(long AgentId, string? InvitedBy = null) : ICommand<Result>;

public sealed class InviteAgentHandler(IAgentAccountRepository accounts, AgentAccountMailer mailer)
    : ICommandHandler<InviteAgentCommand, Result>
{
    public static readonly Error NoEmail = new("identity.agent_without_email", "Cet agent n'a pas d'adresse e-mail : il ne peut pas être invité.");
    public static readonly Error AlreadyActive = new("identity.agent_already_active", "Cet agent a déjà activé son compte.");

    public async ValueTask<Result> Handle(InviteAgentCommand command, CancellationToken cancellationToken)
    {
        var agent = await accounts.GetStateAsync(command.AgentId, cancellationToken);
        if (agent is null || agent.Email.Length == 0) return NoEmail;
        if (agent.HasPassword) return AlreadyActive;
        await mailer.SendInvitationAsync(agent.AgentId, agent.Email, agent.FirstName, command.InvitedBy, cancellationToken);
        return Result.Success;
    }
}
