using RdvSP.Domain.Notifications;

namespace RdvSP.Application.Notifications;

/// <summary>
/// The one way to tell people that an RDV changed (REFERENCE-DOMAIN §6, ARCHITECTURE §9). Call it from
/// any use case that changes an RDV (usager or agent side), inside the use case's transaction, after the
/// change is written: it reads the RDV as it now stands, plans who gets what
/// (<see cref="RdvNotificationPlanner"/>), writes the messages to the outbox and re-plans the RDV's
/// reminders. Nothing is sent before the commit; a rollback sends nothing.
/// </summary>
public interface IRdvNotifier
{
    /// <summary>
    /// Records the notifications of a change of RDV <paramref name="rdvId"/>. Which event to pass:
    /// <list type="bullet">
    /// <item>booking (any author), collective RDV created, participant added or re-activated, status
    /// reset from cancelled to unknown: <see cref="RdvEvent.Created"/> (with the participation ids when
    /// only some participants are new);</item>
    /// <item>start or lieu changed: <see cref="RdvEvent.Updated"/> with the start, lieu and agent ids read
    /// <b>before</b> the change;</item>
    /// <item>RDV or participations cancelled (excused/revoked), participant removed from a collective RDV:
    /// <see cref="RdvEvent.Cancelled"/> with the participations that were active before this change;</item>
    /// <item>the agent's "Envoyer un rappel": <see cref="RdvEvent.Reminder"/>.</item>
    /// </list>
    /// Changes that notify nobody (seen/noshow, agents/duration/context only) need no call, except that
    /// any call also re-plans the reminders, so a change of participants' flags may call it with
    /// <see cref="RdvEvent.Created"/> and an empty participation list to re-plan only.
    /// <paramref name="author"/> decides the agents' "others"/"soon" preferences and whether a
    /// cancellation goes by SMS (only when an agent cancels).
    /// </summary>
    Task RdvChangedAsync(long rdvId, RdvEvent change, Author author, CancellationToken cancellationToken);
}

/// <summary>Reads an RDV for notifications, on the use case's connection and transaction (sees its uncommitted change).</summary>
public interface IRdvNotificationReader
{
    /// <param name="formerAgentIds">Agents that may have been removed by the change: loaded too, as <see cref="RdvSnapshot.FormerAgents"/>.</param>
    Task<RdvNotificationSource?> LoadAsync(long rdvId, IReadOnlyCollection<long> formerAgentIds, CancellationToken cancellationToken);
}

/// <param name="ReminderLead">The organisation's reminder lead (48 h by default).</param>
public sealed record RdvNotificationSource(RdvSnapshot Snapshot, RdvDetails Details, TimeSpan ReminderLead);
