namespace RdvSP.Application.Notifications;

/// <summary>
/// The outbox (ARCHITECTURE §9): a use case writes its messages in its own transaction; a dispatcher
/// sends them after the commit, with retries. Nothing is sent from a web request, nothing is lost
/// after a commit, nothing is sent for a rolled-back change.
/// </summary>
public interface INotificationOutbox
{
    Task EnqueueEmailAsync(EmailMessage message, CancellationToken cancellationToken);

    /// <summary>Queues RDV messages (e-mails and SMS) to send as soon as the transaction commits.</summary>
    Task EnqueueRdvMessagesAsync(IReadOnlyList<OutboxRdvMessage> messages, CancellationToken cancellationToken);

    /// <summary>Queues an agent's plage/absence e-mail (rendered with its ICS when sent).</summary>
    Task EnqueueAgentScheduleMessageAsync(AgentSchedule.AgentScheduleMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Makes <paramref name="reminders"/> the RDV's pending reminders: others not sent yet are dropped
    /// (moved, cancelled, flag off), these are queued for their time or refreshed; a reminder already sent
    /// (same key: same participation, start and channel) is not queued again.
    /// </summary>
    Task ReplanRemindersAsync(long rdvId, IReadOnlyList<OutboxRdvMessage> reminders, CancellationToken cancellationToken);
}
