using RdvSP.Domain.Notifications;

namespace RdvSP.Application.Notifications;

/// <summary>
/// <see cref="IRdvNotifier"/>: plan with the Domain, then write the outbox. Each message gets its own
/// idempotency key (the change's id + the message's rank), each reminder a key per (participation,
/// start, channel), so re-planning never queues a reminder twice and a sent one is never sent again.
/// </summary>
public sealed class RdvNotifier(IRdvNotificationReader reader, INotificationOutbox outbox, TimeProvider clock) : IRdvNotifier
{
    public async Task RdvChangedAsync(long rdvId, RdvEvent change, Author author, CancellationToken cancellationToken)
    {
        var formerAgentIds = change is RdvEvent.Updated updated ? updated.PreviousAgentIds : [];
        var source = await reader.LoadAsync(rdvId, formerAgentIds, cancellationToken);
        if (source is null) return;
        var now = clock.GetUtcNow();

        var changeId = Guid.NewGuid().ToString("N");
        var messages = RdvNotificationPlanner.Plan(source.Snapshot, change, author, now)
            .Select((planned, rank) => new OutboxRdvMessage($"rdv-{rdvId}-{changeId}-{rank}", ToMessage(planned, change, author, source.Details)))
            .ToList();
        if (messages.Count > 0) await outbox.EnqueueRdvMessagesAsync(messages, cancellationToken);

        var reminders = RdvNotificationPlanner.PlanReminders(source.Snapshot, source.ReminderLead, now)
            .Select(r => new OutboxRdvMessage(
                $"reminder-{r.Notification.ParticipationIds[0]}-{source.Details.StartsAt.ToUnixTimeSeconds()}-{r.Notification.Channel.ToString().ToLowerInvariant()}",
                ToMessage(r.Notification, new RdvEvent.Reminder(), Author.System, source.Details),
                r.At,
                Reminder: true))
            .ToList();
        await outbox.ReplanRemindersAsync(rdvId, reminders, cancellationToken);
    }

    private static RdvMessage ToMessage(PlannedNotification planned, RdvEvent change, Author author, RdvDetails rdv)
    {
        var previous = change as RdvEvent.Updated;
        var message = new RdvMessage
        {
            Kind = planned.Kind,
            Channel = planned.Channel,
            To = planned.Address,
            Author = author.Kind,
            PreviousStartsAt = previous?.PreviousStartsAt,
            PreviousLieuName = previous?.PreviousLieuName,
            PreviousLieuAddress = previous?.PreviousLieuAddress,
            Rdv = rdv,
        };
        return planned switch
        {
            UsagerNotification u => message with { UserId = u.UserId, ParticipationIds = u.ParticipationIds },
            AgentNotification a => message with { ToAgent = true, AgentId = a.AgentId, ParticipationOnly = a.ParticipationOnly },
            _ => throw new ArgumentOutOfRangeException(nameof(planned)),
        };
    }
}
