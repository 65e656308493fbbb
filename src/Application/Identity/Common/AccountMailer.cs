using RdvSP.Application.Identity.Abstractions;
using RdvSP.Application.Notifications;

namespace RdvSP.Application.Identity.Common;

/// <summary>Issues the one-time tokens of an account and sends the matching e-mail (after the token is written).</summary>
public sealed class AccountMailer(IUsagerAccountRepository accounts, IEmailSender email, AppUrls urls, TimeProvider clock)
{
    public const string ConfirmationPath = "/users/confirmation";
    public const string ResetPath = "/users/password/edit";

    public async Task SendConfirmationAsync(long userId, string to, string firstName, CancellationToken cancellationToken)
    {
        var (token, hash) = SecretToken.New();
        await accounts.SetConfirmationTokenAsync(userId, hash, clock.GetUtcNow(), cancellationToken);
        await email.SendAsync(AccountEmails.Confirmation(to, firstName, urls.Build(ConfirmationPath, token)), cancellationToken);
    }

    public async Task SendPasswordResetAsync(long userId, string to, string firstName, CancellationToken cancellationToken)
    {
        var token = await IssueResetTokenAsync(userId, cancellationToken);
        await email.SendAsync(AccountEmails.PasswordReset(to, firstName, urls.Build(ResetPath, token)), cancellationToken);
    }

    public async Task SendAlreadyRegisteredAsync(long userId, string to, string firstName, CancellationToken cancellationToken)
    {
        var token = await IssueResetTokenAsync(userId, cancellationToken);
        await email.SendAsync(
            AccountEmails.AlreadyRegistered(to, firstName, urls.Build("/users/sign_in"), urls.Build(ResetPath, token)),
            cancellationToken);
    }

    private async Task<string> IssueResetTokenAsync(long userId, CancellationToken cancellationToken)
    {
        var (token, hash) = SecretToken.New();
        await accounts.SetResetTokenAsync(userId, hash, clock.GetUtcNow() + IdentityLimits.ResetTokenLifetime, cancellationToken);
        return token;
    }
}
