using Mediator;
using RdvSP.Application.Identity.Abstractions;
using RdvSP.Application.Identity.Common;
using RdvSP.Domain.Common;

namespace RdvSP.Application.Identity.ResetPassword;

/// <summary>Sets a new password from a reset link (valid 6 hours, single use; clears the lockout).</summary>
public sealed record ResetPasswordCommand(string Token, string Password) : ICommand<Result>;

public sealed class ResetPasswordHandler(IUsagerAccountRepository accounts, IPasswordHasher hasher, TimeProvider clock)
    : ICommandHandler<ResetPasswordCommand, Result>
{
    public async ValueTask<Result> Handle(ResetPasswordCommand command, CancellationToken cancellationToken)
    {
        var userId = await accounts.ResetPasswordAsync(
            SecretToken.Hash(command.Token), hasher.Hash(command.Password), clock.GetUtcNow(), cancellationToken);
        return userId is null ? IdentityErrors.InvalidResetToken : Result.Success;
    }
}
