using RdvSP.Application.Identity.Abstractions;
using RdvSP.Application.Notifications;

namespace RdvSP.Application.Identity.Common;

/// <summary>
/// Issues the one-time tokens of an account and queues the matching e-mail in the same transaction
/// (outbox), so the request does the same work whether or not an e-mail goes out and never waits for SMTP.
/// </summary>
public sealed class AccountMailer(IUsagerAccountRepository accounts, INotificationOutbox outbox, AppUrls urls, TimeProvider clock)
{
    public const string ConfirmationPath = "/users/confirmation";
    public const string ResetPath = "/users/password/edit";

    /// <param name="returnPath">Where the usager was going (a booking wizard step): carried by the link, so confirming brings them back.</param>
    public async Task SendConfirmationAsync(long userId, string to, string firstName, CancellationToken cancellationToken, string? returnPath = null)
    {
        var (token, hash) = SecretToken.New();
        await accounts.SetConfirmationTokenAsync(userId, hash, clock.GetUtcNow(), cancellationToken);
        await outbox.EnqueueEmailAsync(AccountEmails.Confirmation(to, firstName, urls.Build(ConfirmationPath, token, returnPath)), cancellationToken);
    }

    public async Task SendPasswordResetAsync(long userId, string to, string firstName, CancellationToken cancellationToken)
    {
        var token = await IssueResetTokenAsync(userId, cancellationToken);
        await outbox.EnqueueEmailAsync(AccountEmails.PasswordReset(to, firstName, urls.Build(ResetPath, token)), cancellationToken);
    }

    public async Task SendAlreadyRegisteredAsync(long userId, string to, string firstName, CancellationToken cancellationToken)
    {
        var token = await IssueResetTokenAsync(userId, cancellationToken);
        await outbox.EnqueueEmailAsync(
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
