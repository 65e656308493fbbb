using Mediator;
using RdvSP.Application.Identity.Abstractions;
using RdvSP.Application.Identity.Common;
using RdvSP.Application.Usagers.Abstractions;
using RdvSP.Domain.Common;

namespace RdvSP.Application.Identity.RequestPasswordReset;

/// <summary>
/// "Mot de passe oublié ?": a reset link for a confirmed account, the confirmation link again for an
/// unconfirmed one (or for a usager created by an agent, who has no account yet), nothing for an
/// unknown e-mail — and the same success in every case.
/// </summary>
public sealed record RequestPasswordResetCommand(string Email) : ICommand<Result>;

public sealed class RequestPasswordResetHandler(IUsagerRepository usagers, IUsagerAccountRepository accounts, AccountMailer mailer)
    : ICommandHandler<RequestPasswordResetCommand, Result>
{
    public async ValueTask<Result> Handle(RequestPasswordResetCommand command, CancellationToken cancellationToken)
    {
        var email = EmailAddress.Normalize(command.Email);
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
