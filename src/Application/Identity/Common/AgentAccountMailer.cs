using RdvSP.Application.Identity.Abstractions;
using RdvSP.Application.Notifications;

namespace RdvSP.Application.Identity.Common;

/// <summary>
/// The agents' counterpart of <see cref="AccountMailer"/>: issues an invitation or reset token (only
/// its hash is stored) and queues the e-mail in the same transaction (outbox).
/// </summary>
public sealed class AgentAccountMailer(IAgentAccountRepository accounts, INotificationOutbox outbox, AppUrls urls, TimeProvider clock)
{
    public const string InvitationPath = "/agents/invitation/accept";
    public const string ResetPath = "/agents/password/edit";

    /// <summary>A new invitation link (the previous one stops working), valid <see cref="IdentityLimits.InvitationLifetime"/>.</summary>
    public async Task SendInvitationAsync(long agentId, string to, string? firstName, string? invitedBy, CancellationToken cancellationToken)
    {
        var (token, hash) = SecretToken.New();
        var now = clock.GetUtcNow();
        await accounts.SetInvitationTokenAsync(agentId, hash, now, cancellationToken);
        var validUntil = DateOnly.FromDateTime((now + IdentityLimits.InvitationLifetime).UtcDateTime);
        await outbox.EnqueueEmailAsync(
            AccountEmails.AgentInvitation(to, firstName, Link(InvitationPath, "invitation_token", token), validUntil, invitedBy), cancellationToken);
    }

    public async Task SendPasswordResetAsync(long agentId, string to, string? firstName, CancellationToken cancellationToken)
    {
        var (token, hash) = SecretToken.New();
        await accounts.SetResetTokenAsync(agentId, hash, clock.GetUtcNow() + IdentityLimits.ResetTokenLifetime, cancellationToken);
        await outbox.EnqueueEmailAsync(AccountEmails.AgentPasswordReset(to, firstName, Link(ResetPath, "reset_password_token", token)), cancellationToken);
    }

    // The reference's parameter names (Devise): reset_password_token, invitation_token.
    private string Link(string path, string parameter, string token) => $"{urls.Build(path)}?{parameter}={Uri.EscapeDataString(token)}";
}
