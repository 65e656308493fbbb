using Mediator;
using RdvSP.Application.Identity.Abstractions;
using RdvSP.Application.Identity.Common;
using RdvSP.Domain.Common;

namespace RdvSP.Application.Identity.AgentPasswordReset;

/// <summary>
/// A new password from an agent's reset link (/agents/password/edit?reset_password_token=): valid
/// 6 hours, single use, ends every session of the agent. Unknown or expired tokens count against the IP.
/// </summary>
public sealed record ResetAgentPasswordCommand(string Token, string Password, string? ClientIp = null) : ICommand<Result>;

public sealed class ResetAgentPasswordHandler(IAgentAccountRepository accounts, IPasswordHasher hasher, ISessionStore sessions, IAttemptThrottle throttle, TimeProvider clock)
    : ICommandHandler<ResetAgentPasswordCommand, Result>
{
    public async ValueTask<Result> Handle(ResetAgentPasswordCommand command, CancellationToken cancellationToken)
    {
        var ip = command.ClientIp;
        var wait = await throttle.WaitAsync(IdentityLimits.BadTokenPerIp, ip, cancellationToken);
        if (wait > TimeSpan.Zero) return IdentityErrors.TooManyRequests(wait);
        var agentId = await accounts.ResetPasswordAsync(
            SecretToken.Hash(command.Token), hasher.Hash(command.Password), clock.GetUtcNow(), cancellationToken);
        if (agentId is null)
        {
            await throttle.RecordAsync(IdentityLimits.BadTokenPerIp, ip, cancellationToken);
            return IdentityErrors.InvalidResetToken;
        }
        await sessions.EndAllAsync(SessionActor.Agent, agentId.Value, keepSessionId: null, cancellationToken);
        return Result.Success;
    }
}
