using Mediator;
using RdvSP.Application.Identity.Abstractions;
using RdvSP.Application.Identity.Common;
using RdvSP.Domain.Common;

namespace RdvSP.Application.Identity.ConfirmAccount;

/// <summary>
/// The confirmation link's form: confirms the e-mail and sets the first password in one step. The
/// token is consumed only by this POST, never by opening the link (mail scanners open links).
/// </summary>
public sealed record ConfirmAccountCommand(string Token, string Password) : ICommand<Result>;

public sealed class ConfirmAccountHandler(IUsagerAccountRepository accounts, IPasswordHasher hasher, TimeProvider clock)
    : ICommandHandler<ConfirmAccountCommand, Result>
{
    public async ValueTask<Result> Handle(ConfirmAccountCommand command, CancellationToken cancellationToken)
    {
        var userId = await accounts.ConfirmEmailAsync(SecretToken.Hash(command.Token), clock.GetUtcNow(), cancellationToken);
        if (userId is null) return IdentityErrors.InvalidConfirmationToken;
        await accounts.SetPasswordAsync(userId.Value, hasher.Hash(command.Password), cancellationToken);
        return Result.Success;
    }
}
