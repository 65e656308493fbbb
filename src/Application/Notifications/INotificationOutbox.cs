namespace RdvSP.Application.Notifications;

/// <summary>
/// The outbox (ARCHITECTURE §9): a use case writes its messages in its own transaction; a dispatcher
/// sends them after the commit, with retries. Nothing is sent from a web request, nothing is lost
/// after a commit, nothing is sent for a rolled-back change.
/// </summary>
public interface INotificationOutbox
{
    Task EnqueueEmailAsync(EmailMessage message, CancellationToken cancellationToken);
}
