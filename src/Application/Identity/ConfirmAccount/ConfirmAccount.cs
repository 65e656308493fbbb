using Mediator;
using RdvSP.Application.Identity.Abstractions;
using RdvSP.Application.Identity.Common;
using RdvSP.Domain.Common;

namespace RdvSP.Application.Identity.ConfirmAccount;

/// <summary>
/// The confirmation link's form: confirms the e-mail and sets the first password in one step. The
/// token is consumed only by this POST, never by opening the link (mail scanners open links). Unknown
/// tokens count against the IP's budget.
/// </summary>
public sealed record ConfirmAccountCommand(string Token, string Password, string? ClientIp = null) : ICommand<Result>;

public sealed class ConfirmAccountHandler(IUsagerAccountRepository accounts, IPasswordHasher hasher, IAttemptThrottle throttle, TimeProvider clock)
    : ICommandHandler<ConfirmAccountCommand, Result>
{
    public async ValueTask<Result> Handle(ConfirmAccountCommand command, CancellationToken cancellationToken)
    {
        var ip = command.ClientIp;
        var wait = await throttle.WaitAsync(IdentityLimits.BadTokenPerIp, ip, cancellationToken);
        if (wait > TimeSpan.Zero) return IdentityErrors.TooManyRequests(wait);
        var userId = await accounts.ConfirmEmailAsync(SecretToken.Hash(command.Token), clock.GetUtcNow(), cancellationToken);
        if (userId is null)
        {
            await throttle.RecordAsync(IdentityLimits.BadTokenPerIp, ip, cancellationToken);
            return IdentityErrors.InvalidConfirmationToken;
        }
        await accounts.SetPasswordAsync(userId.Value, hasher.Hash(command.Password), cancellationToken);
        return Result.Success;
    }
}
