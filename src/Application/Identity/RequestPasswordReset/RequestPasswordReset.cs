using Mediator;
using RdvSP.Application.Identity.Abstractions;
using RdvSP.Application.Identity.Common;
using RdvSP.Application.Usagers.Abstractions;
using RdvSP.Domain.Common;

namespace RdvSP.Application.Identity.RequestPasswordReset;

/// <summary>
/// "Mot de passe oublié ?": a reset link for a confirmed account, the confirmation link again for an
/// unconfirmed one (or for a usager created by an agent, who has no account yet), nothing for an
/// unknown e-mail — and the same success in every case. The e-mail is queued (outbox), never sent
/// from the request, so a known address answers as fast as an unknown one. Requests are counted per
/// e-mail and per IP, known or not.
/// </summary>
public sealed record RequestPasswordResetCommand(string Email, string? ClientIp = null) : ICommand<Result>;

public sealed class RequestPasswordResetHandler(IUsagerRepository usagers, IUsagerAccountRepository accounts, AccountMailer mailer, IAttemptThrottle throttle)
    : ICommandHandler<RequestPasswordResetCommand, Result>
{
    public async ValueTask<Result> Handle(RequestPasswordResetCommand command, CancellationToken cancellationToken)
    {
        var email = EmailAddress.Normalize(command.Email);
        var ip = command.ClientIp;
        var wait = await throttle.WaitAsync(IdentityLimits.ResetRequestPerEmail, email, cancellationToken);
        var ipWait = await throttle.WaitAsync(IdentityLimits.ResetRequestPerIp, ip, cancellationToken);
        if (ipWait > wait) wait = ipWait;
        if (wait > TimeSpan.Zero) return IdentityErrors.TooManyRequests(wait);
        await throttle.RecordAsync(IdentityLimits.ResetRequestPerEmail, email, cancellationToken);
        await throttle.RecordAsync(IdentityLimits.ResetRequestPerIp, ip, cancellationToken);

        var usager = await usagers.FindByEmailAsync(email, cancellationToken);
        if (usager is null || usager.IsRelative) return Result.Success;

        var account = await accounts.GetAsync(usager.Id, cancellationToken);
        if (account is null)
            await accounts.CreateAsync(usager.Id, passwordHash: null, emailConfirmedAt: null, cancellationToken);
        if (account?.EmailConfirmedAt is null)
            await mailer.SendConfirmationAsync(usager.Id, email, usager.FirstName, cancellationToken);
        else
            await mailer.SendPasswordResetAsync(usager.Id, email, usager.FirstName, cancellationToken);
        return Result.Success;
    }
}
