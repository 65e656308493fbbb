using Mediator;
using RdvSP.Application.Identity.Abstractions;
using RdvSP.Application.Identity.Common;
using RdvSP.Domain.Common;

namespace RdvSP.Application.Identity.AgentPasswordReset;

/// <summary>
/// Agents' "Mot de passe oublié ?" (/agents/password/new): a reset link for an agent with a password,
/// the invitation again for an agent who never accepted his (REFERENCE-SURFACES §2.3.18 bis), nothing
/// otherwise — and the same answer in every case (unlike the reference, the page never tells whether
/// an e-mail has an account). Counted per e-mail and per IP with the usagers' budgets, kept apart.
/// </summary>
public sealed record RequestAgentPasswordResetCommand(string Email, string? ClientIp = null) : ICommand<Result>;

public sealed class RequestAgentPasswordResetHandler(IAgentAccountRepository accounts, AgentAccountMailer mailer, IAttemptThrottle throttle)
    : ICommandHandler<RequestAgentPasswordResetCommand, Result>
{
    public async ValueTask<Result> Handle(RequestAgentPasswordResetCommand command, CancellationToken cancellationToken)
    {
        var email = EmailAddress.Normalize(command.Email);
        var perEmail = $"agent {email}";
        var ip = command.ClientIp is null ? null : $"agent {command.ClientIp}";
        var wait = await throttle.WaitAsync(IdentityLimits.ResetRequestPerEmail, perEmail, cancellationToken);
        var ipWait = await throttle.WaitAsync(IdentityLimits.ResetRequestPerIp, ip, cancellationToken);
        if (ipWait > wait) wait = ipWait;
        if (wait > TimeSpan.Zero) return IdentityErrors.TooManyRequests(wait);
        await throttle.RecordAsync(IdentityLimits.ResetRequestPerEmail, perEmail, cancellationToken);
        await throttle.RecordAsync(IdentityLimits.ResetRequestPerIp, ip, cancellationToken);

        var agent = await accounts.FindStateByEmailAsync(email, cancellationToken);
        if (agent is null) return Result.Success;
        if (agent.HasPassword)
            await mailer.SendPasswordResetAsync(agent.AgentId, agent.Email, agent.FirstName, cancellationToken);
        else if (agent.InvitationPending)
            await mailer.SendInvitationAsync(agent.AgentId, agent.Email, agent.FirstName, invitedBy: null, cancellationToken);
        // An agent created without invitation has no account to recover: an administrator invites him.
        return Result.Success;
    }
}
