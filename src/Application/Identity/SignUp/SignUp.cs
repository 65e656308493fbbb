using Mediator;
using RdvSP.Application.Identity.Abstractions;
using RdvSP.Application.Identity.Common;
using RdvSP.Application.Usagers.Abstractions;
using RdvSP.Domain.Common;

namespace RdvSP.Application.Identity.SignUp;

/// <summary>
/// Self sign-up without a password: the usager and its account are created unconfirmed and a
/// confirmation link is e-mailed; the password is chosen from that link. Whatever the e-mail, the
/// outcome is the same success so the page cannot be used to learn who has an account. Each sign-up
/// counts against its IP's budget (it sends an e-mail); a form refused by validation does not.
/// </summary>
/// <param name="ReturnPath">The local page the usager came from (the booking wizard), carried through the confirmation e-mail.</param>
public sealed record SignUpCommand(string FirstName, string LastName, string Email, string? ClientIp = null, string? ReturnPath = null) : ICommand<Result>;

public sealed class SignUpHandler(IUsagerRepository usagers, IUsagerAccountRepository accounts, AccountMailer mailer, IAttemptThrottle throttle)
    : ICommandHandler<SignUpCommand, Result>
{
    public async ValueTask<Result> Handle(SignUpCommand command, CancellationToken cancellationToken)
    {
        var ip = command.ClientIp;
        var wait = await throttle.WaitAsync(IdentityLimits.SignUpPerIp, ip, cancellationToken);
        if (wait > TimeSpan.Zero) return IdentityErrors.TooManyRequests(wait);
        await throttle.RecordAsync(IdentityLimits.SignUpPerIp, ip, cancellationToken);

        var email = EmailAddress.Normalize(command.Email);
        var existing = await usagers.FindByEmailAsync(email, cancellationToken);
        if (existing is null)
        {
            var id = await usagers.AddAsync(
                new NewUsager(command.FirstName.Trim(), command.LastName.Trim(), CreatedThrough.UserSignUp, Email: email),
                cancellationToken);
            await accounts.CreateAsync(id, passwordHash: null, emailConfirmedAt: null, cancellationToken);
            await mailer.SendConfirmationAsync(id, email, command.FirstName.Trim(), cancellationToken, command.ReturnPath);
            return Result.Success;
        }

        // Known e-mail (created by an agent, or a sign-up never confirmed, or a real account).
        var account = await accounts.GetAsync(existing.Id, cancellationToken);
        if (account is null)
            await accounts.CreateAsync(existing.Id, passwordHash: null, emailConfirmedAt: null, cancellationToken);
        if (account?.EmailConfirmedAt is null)
            await mailer.SendConfirmationAsync(existing.Id, email, existing.FirstName, cancellationToken, command.ReturnPath);
        else
            await mailer.SendAlreadyRegisteredAsync(existing.Id, email, existing.FirstName, cancellationToken);
        return Result.Success;
    }
}
