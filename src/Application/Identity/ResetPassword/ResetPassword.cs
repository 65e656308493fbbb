using Mediator;
using RdvSP.Application.Identity.Abstractions;
using RdvSP.Application.Identity.Common;
using RdvSP.Domain.Common;

namespace RdvSP.Application.Identity.ResetPassword;

/// <summary>Sets a new password from a reset link (valid 6 hours, single use; ends every session). Unknown tokens count against the IP's budget.</summary>
public sealed record ResetPasswordCommand(string Token, string Password, string? ClientIp = null) : ICommand<Result>;

public sealed class ResetPasswordHandler(IUsagerAccountRepository accounts, IPasswordHasher hasher, ISessionStore sessions, IAttemptThrottle throttle, TimeProvider clock)
    : ICommandHandler<ResetPasswordCommand, Result>
{
    public async ValueTask<Result> Handle(ResetPasswordCommand command, CancellationToken cancellationToken)
    {
        var ip = command.ClientIp;
        var wait = await throttle.WaitAsync(IdentityLimits.BadTokenPerIp, ip, cancellationToken);
        if (wait > TimeSpan.Zero) return IdentityErrors.TooManyRequests(wait);
        var userId = await accounts.ResetPasswordAsync(
            SecretToken.Hash(command.Token), hasher.Hash(command.Password), clock.GetUtcNow(), cancellationToken);
        if (userId is null)
        {
            await throttle.RecordAsync(IdentityLimits.BadTokenPerIp, ip, cancellationToken);
            return IdentityErrors.InvalidResetToken;
        }
        // Whoever knew the old password (or holds a stolen cookie) is signed out everywhere.
        await sessions.EndAllAsync(SessionActor.Usager, userId.Value, keepSessionId: null, cancellationToken);
        return Result.Success;
    }
}
