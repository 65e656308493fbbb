using Mediator;
using RdvSP.Application.Common.Abstractions;
using RdvSP.Application.Identity.Abstractions;
using RdvSP.Application.Identity.Common;
using RdvSP.Domain.Common;

namespace RdvSP.Application.Api.Authentication;

/// <summary>
/// <c>POST /api/v1/auth/sign_in</c> (REFERENCE-API §1.2): the agents' throttled password check, then a
/// new device token valid two weeks that replaces the agent's previous one (one device per agent).
/// A request, not a command: a refused attempt's count must be kept.
/// </summary>
public sealed record ApiSignInCommand(string Email, string Password, string? ClientIp) : IRequest<Result<ApiSession>>;

/// <summary>The issued credentials: the raw access token exists only in this answer.</summary>
public sealed record ApiSession(ApiAgent Agent, string Client, string AccessToken, DateTimeOffset ExpiresAt);

public sealed class ApiSignInHandler(
    IAgentAccountRepository accounts, ThrottledPasswordCheck passwords, IPasswordHasher hasher, IApiTokenStore tokens, IUnitOfWork unitOfWork, TimeProvider clock)
    : IRequestHandler<ApiSignInCommand, Result<ApiSession>>
{
    public async ValueTask<Result<ApiSession>> Handle(ApiSignInCommand command, CancellationToken cancellationToken)
    {
        var email = EmailAddress.Normalize(command.Email);
        var account = await accounts.FindByEmailAsync(email, cancellationToken);
        // The same (e-mail, IP) budget as the back-office form: both are agent sign-ins.
        var check = await passwords.VerifyAsync($"agent {email} {command.ClientIp}", command.ClientIp, account,
            usable: true, command.Password, cancellationToken);
        if (check.IsFailure) return check.Error;

        var now = clock.GetUtcNow();
        var (accessToken, hash) = SecretToken.New();
        var client = SecretToken.New().Token[..22];
        var expiresAt = now.Add(ApiTokenRules.Lifespan);
        await unitOfWork.BeginAsync(cancellationToken);
        try
        {
            if (check.Value == PasswordCheck.SuccessRehashNeeded)
                await accounts.SetPasswordAsync(account!.OwnerId, hasher.Hash(command.Password), null, cancellationToken);
            await accounts.RecordSuccessfulSignInAsync(account!.OwnerId, now, cancellationToken);
            var agent = await tokens.IssueAsync(account.OwnerId, client, hash, expiresAt, cancellationToken);
            await unitOfWork.CommitAsync(cancellationToken);
            return new ApiSession(agent, client, accessToken, expiresAt);
        }
        catch
        {
            await unitOfWork.RollbackAsync(CancellationToken.None);
            throw;
        }
    }
}

public static class ApiTokenRules
{
    /// <summary>devise_token_auth's default lifespan, which the reference runs with (REFERENCE-API §1.2).</summary>
    public static readonly TimeSpan Lifespan = TimeSpan.FromDays(14);
}
