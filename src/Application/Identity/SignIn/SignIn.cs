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

public sealed class SignInHandler(IUsagerAccountRepository accounts, IPasswordHasher hasher, IAttemptThrottle throttle, TimeProvider clock)
    : IRequestHandler<SignInCommand, Result<long>>
{
    /// <summary>A valid hash of a random password nobody knows, verified when the e-mail has no usable account.</summary>
    internal const string DummyPasswordHash = "AQAAAAIAAYagAAAAEO6ewejKaIkiBxuvE+O586XSPXC9R7mY7EHtPRj7j4iWUQxve2ok83Siq1el/Lsbmw==";

    public async ValueTask<Result<long>> Handle(SignInCommand command, CancellationToken cancellationToken)
    {
        var email = EmailAddress.Normalize(command.Email);
        var ip = command.ClientIp;
        var pair = $"{email} {ip}";

        var wait = Max(
            await throttle.WaitAsync(IdentityLimits.SignInPerAccountAndIp, pair, cancellationToken),
            await throttle.WaitAsync(IdentityLimits.SignInPerIp, ip, cancellationToken));
        // No password check while a wait applies: it must stop guessing, even lucky guesses.
        if (wait > TimeSpan.Zero) return IdentityErrors.TooManySignIns(wait);

        var account = await accounts.FindByEmailAsync(email, cancellationToken);
        var check = hasher.Verify(account?.PasswordHash ?? DummyPasswordHash, command.Password);
        if (account?.PasswordHash is null || account.EmailConfirmedAt is null || check == PasswordCheck.Failed)
        {
            await throttle.RecordAsync(IdentityLimits.SignInPerAccountAndIp, pair, cancellationToken);
            await throttle.RecordAsync(IdentityLimits.SignInPerIp, ip, cancellationToken);
            return IdentityErrors.InvalidCredentials;
        }

        if (check == PasswordCheck.SuccessRehashNeeded)
            await accounts.SetPasswordAsync(account.OwnerId, hasher.Hash(command.Password), cancellationToken);
        await accounts.RecordSuccessfulSignInAsync(account.OwnerId, clock.GetUtcNow(), cancellationToken);
        // The per-IP count is kept: one good account must not wipe a stuffing run's failures.
        await throttle.ResetAsync(IdentityLimits.SignInPerAccountAndIp, pair, cancellationToken);
        return account.OwnerId;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
