using Mediator;
using RdvSP.Application.Identity.Abstractions;
using RdvSP.Application.Identity.Common;
using RdvSP.Domain.Common;

namespace RdvSP.Application.Identity.AgentSignIn;

/// <summary>
/// Agent e-mail + password sign-in (/agents/sign_in), with the usagers' policy: throttled per
/// (e-mail, IP) and per IP with growing waits, one hash verification per answer whether the e-mail
/// exists or not. Agents without a password (invitation not accepted, intervenants who have no
/// e-mail) cannot sign in. A request, not a command: a refused attempt's count must be kept.
/// </summary>
public sealed record AgentSignInCommand(string Email, string Password, string? ClientIp = null) : IRequest<Result<long>>;

public sealed class AgentSignInHandler(IAgentAccountRepository accounts, ThrottledPasswordCheck passwords, IPasswordHasher hasher, TimeProvider clock)
    : IRequestHandler<AgentSignInCommand, Result<long>>
{
    public async ValueTask<Result<long>> Handle(AgentSignInCommand command, CancellationToken cancellationToken)
    {
        var email = EmailAddress.Normalize(command.Email);
        var account = await accounts.FindByEmailAsync(email, cancellationToken);
        // Agents' and usagers' budgets are apart: one e-mail may be both, and neither must lock the other.
        var check = await passwords.VerifyAsync($"agent {email} {command.ClientIp}", command.ClientIp, account,
            usable: true, command.Password, cancellationToken);
        if (check.IsFailure) return check.Error;

        if (check.Value == PasswordCheck.SuccessRehashNeeded)
            await accounts.SetPasswordAsync(account!.OwnerId, hasher.Hash(command.Password), null, cancellationToken);
        await accounts.RecordSuccessfulSignInAsync(account!.OwnerId, clock.GetUtcNow(), cancellationToken);
        return account.OwnerId;
    }
}
