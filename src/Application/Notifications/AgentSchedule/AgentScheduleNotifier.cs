using RdvSP.Domain.Notifications;

namespace RdvSP.Application.Notifications.AgentSchedule;

/// <summary>
/// Tells an agent that one of his plages d'ouverture or absences changed (REFERENCE-DOMAIN §6.4,
/// REFERENCE-SURFACES §8.3). Called inside the use case's transaction: after the write for a creation or
/// an update, before the delete for a deletion (the item is read as it stands). The e-mail goes through
/// the outbox, so a rolled-back change tells nobody.
/// </summary>
public interface IAgentScheduleNotifier
{
    /// <param name="organisationId">The organisation of the screen (an absence has none of its own).</param>
    /// <param name="fromBackOffice">True for the web back-office; API changes send nothing.</param>
    Task ChangedAsync(AgentScheduleItem item, long id, long organisationId, AgentScheduleChange change, bool fromBackOffice, CancellationToken cancellationToken);
}

/// <summary>Reads a plage or an absence and its owner on the use case's connection and transaction.</summary>
public interface IAgentScheduleReader
{
    Task<AgentScheduleSource?> LoadAsync(AgentScheduleItem item, long id, long organisationId, CancellationToken cancellationToken);
}

public sealed record AgentScheduleSource(AgentScheduleOwner Owner, AgentScheduleDetails Details);

/// <summary>
/// A plage or an absence as it was when the change was recorded, kept in the outbox row and rendered
/// (French text, HTML, ICS with the RRULE) when the e-mail is sent. Times are local to <see cref="TimeZone"/>.
/// </summary>
public sealed record AgentScheduleDetails
{
    public AgentScheduleItem Item { get; init; }
    public long Id { get; init; }
    public string Title { get; init; } = "";
    public long AgentId { get; init; }
    public string AgentName { get; init; } = "";
    public long OrganisationId { get; init; }
    public string OrganisationName { get; init; } = "";
    public string TimeZone { get; init; } = "Europe/Paris";
    public DateOnly FirstDay { get; init; }
    public TimeOnly StartTime { get; init; }

    /// <summary>Last day of a multi-day absence; the first day otherwise.</summary>
    public DateOnly EndDay { get; init; }

    public TimeOnly EndTime { get; init; }

    /// <summary>The stored recurrence JSON (REFERENCE-DOMAIN §3.1), null for a one-off item.</summary>
    public string? Recurrence { get; init; }

    public string? LieuName { get; init; }
    public string? LieuAddress { get; init; }
    public IReadOnlyList<string> MotifNames { get; init; } = [];
}

/// <summary>One e-mail to the owning agent about his plage or absence.</summary>
public sealed record AgentScheduleMessage
{
    public AgentScheduleChange Change { get; init; }
    public string To { get; init; } = "";

    /// <summary>When the change was recorded (the ICS DTSTAMP).</summary>
    public DateTimeOffset ChangedAt { get; init; }

    public AgentScheduleDetails Details { get; init; } = new();
}

public sealed class AgentScheduleNotifier(IAgentScheduleReader reader, INotificationOutbox outbox, TimeProvider clock) : IAgentScheduleNotifier
{
    public async Task ChangedAsync(AgentScheduleItem item, long id, long organisationId, AgentScheduleChange change, bool fromBackOffice, CancellationToken cancellationToken)
    {
        if (!fromBackOffice) return;
        if (await reader.LoadAsync(item, id, organisationId, cancellationToken) is not { } source) return;
        if (!AgentScheduleNotificationPlanner.ShouldNotify(item, source.Owner, fromBackOffice)) return;
        await outbox.EnqueueAgentScheduleMessageAsync(
            new AgentScheduleMessage { Change = change, To = source.Owner.Email!, ChangedAt = clock.GetUtcNow(), Details = source.Details },
            cancellationToken);
    }
}
