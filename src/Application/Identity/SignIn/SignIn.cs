using Mediator;
using RdvSP.Application.Identity.Abstractions;
using RdvSP.Application.Identity.Common;
using RdvSP.Domain.Common;

namespace RdvSP.Application.Identity.SignIn;

/// <summary>
/// E-mail + password sign-in with lockout (5 failures → 30 minutes). Deliberately a request, not an
/// ICommand: a refused sign-in must still persist its failed-attempt count, and the transaction
/// behaviour rolls back every command whose Result is a failure. Each repository call is atomic on its own.
/// </summary>
public sealed record SignInCommand(string Email, string Password) : IRequest<Result<long>>;

public sealed class SignInHandler(IUsagerAccountRepository accounts, IPasswordHasher hasher, TimeProvider clock)
    : IRequestHandler<SignInCommand, Result<long>>
{
    public async ValueTask<Result<long>> Handle(SignInCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var account = await accounts.FindByEmailAsync(EmailAddress.Normalize(command.Email), cancellationToken);
        if (account?.PasswordHash is null || account.EmailConfirmedAt is null)
        {
            BurnTime(command.Password);
            return IdentityErrors.InvalidCredentials;
        }
        if (account.IsLockedAt(now))
        {
            // No check of the password while locked: the lockout must stop guessing, even lucky guesses.
            return IdentityErrors.InvalidCredentials;
        }

        var check = hasher.Verify(account.PasswordHash, command.Password);
        if (check == PasswordCheck.Failed)
        {
            await accounts.RecordFailedSignInAsync(
                account.OwnerId, IdentityLimits.MaxFailedSignIns, now, now + IdentityLimits.LockoutDuration, cancellationToken);
            return IdentityErrors.InvalidCredentials;
        }
        if (check == PasswordCheck.SuccessRehashNeeded)
            await accounts.SetPasswordAsync(account.OwnerId, hasher.Hash(command.Password), cancellationToken);
        await accounts.RecordSuccessfulSignInAsync(account.OwnerId, now, cancellationToken);
        return account.OwnerId;
    }

    /// <summary>One hash computation, so an unknown e-mail answers about as slowly as a wrong password.</summary>
    private void BurnTime(string password) => _ = hasher.Hash(password);
}
