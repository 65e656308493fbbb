using RdvSP.Application.Identity.Abstractions;
using RdvSP.Domain.Common;

namespace RdvSP.Application.Identity.Common;

/// <summary>
/// The sign-in rule shared by usagers and agents: growing waits per (e-mail, IP) and per IP, no
/// password check while a wait applies, and exactly one hash verification per answer (against a
/// dummy hash when there is no usable account), so the answer never tells whether an e-mail exists.
/// </summary>
public sealed class ThrottledPasswordCheck(IPasswordHasher hasher, IAttemptThrottle throttle)
{
    /// <summary>A valid hash of a random password nobody knows, verified when the e-mail has no usable account.</summary>
    internal const string DummyPasswordHash = "AQAAAAIAAYagAAAAEO6ewejKaIkiBxuvE+O586XSPXC9R7mY7EHtPRj7j4iWUQxve2ok83Siq1el/Lsbmw==";

    /// <param name="pair">The (e-mail, IP) counter key; each kind of account has its own.</param>
    /// <param name="usable">Whether the account may sign in at all (e.g. a confirmed e-mail).</param>
    /// <returns>The check's outcome (Success or SuccessRehashNeeded) or the refusal.</returns>
    public async Task<Result<PasswordCheck>> VerifyAsync(string pair, string? ip, AccountDto? account, bool usable, string password, CancellationToken cancellationToken)
    {
        var wait = Max(
            await throttle.WaitAsync(IdentityLimits.SignInPerAccountAndIp, pair, cancellationToken),
            await throttle.WaitAsync(IdentityLimits.SignInPerIp, ip, cancellationToken));
        // No password check while a wait applies: it must stop guessing, even lucky guesses.
        if (wait > TimeSpan.Zero) return IdentityErrors.TooManySignIns(wait);

        var check = hasher.Verify(account?.PasswordHash ?? DummyPasswordHash, password);
        if (account?.PasswordHash is null || !usable || check == PasswordCheck.Failed)
        {
            await throttle.RecordAsync(IdentityLimits.SignInPerAccountAndIp, pair, cancellationToken);
            await throttle.RecordAsync(IdentityLimits.SignInPerIp, ip, cancellationToken);
            return IdentityErrors.InvalidCredentials;
        }
        // The per-IP count is kept: one good account must not wipe a stuffing run's failures.
        await throttle.ResetAsync(IdentityLimits.SignInPerAccountAndIp, pair, cancellationToken);
        return check;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
