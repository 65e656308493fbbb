using Mediator;
using RdvSP.Application.Identity.Abstractions;
using RdvSP.Application.Identity.Common;
using RdvSP.Domain.Common;

namespace RdvSP.Application.Identity.SignIn;

/// <summary>
/// E-mail + password sign-in, throttled per (e-mail, client IP) with growing waits and per IP across
/// accounts, never by a lock anyone could set on someone else's account. Every answer costs the same
/// work: one password-hash verification (against a dummy hash when there is no usable account), or
/// none at all while a wait applies, whether the e-mail exists or not. Deliberately a request, not an
/// ICommand: the transaction behaviour would roll back the refused attempt's writes.
/// </summary>
public sealed record SignInCommand(string Email, string Password, string? ClientIp = null) : IRequest<Result<long>>;

public sealed class SignInHandler(IUsagerAccountRepository accounts, ThrottledPasswordCheck passwords, IPasswordHasher hasher, TimeProvider clock)
    : IRequestHandler<SignInCommand, Result<long>>
{
    public async ValueTask<Result<long>> Handle(SignInCommand command, CancellationToken cancellationToken)
    {
        var email = EmailAddress.Normalize(command.Email);
        var account = await accounts.FindByEmailAsync(email, cancellationToken);
        var check = await passwords.VerifyAsync($"{email} {command.ClientIp}", command.ClientIp, account,
            usable: account?.EmailConfirmedAt is not null, command.Password, cancellationToken);
        if (check.IsFailure) return check.Error;

        if (check.Value == PasswordCheck.SuccessRehashNeeded)
            await accounts.SetPasswordAsync(account!.OwnerId, hasher.Hash(command.Password), cancellationToken);
        await accounts.RecordSuccessfulSignInAsync(account!.OwnerId, clock.GetUtcNow(), cancellationToken);
        return account.OwnerId;
    }
}
