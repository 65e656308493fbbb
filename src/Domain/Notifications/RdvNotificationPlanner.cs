using RdvSP.Domain.Booking;

namespace RdvSP.Domain.Notifications;

/// <summary>
/// Who gets what when an RDV changes (REFERENCE-DOMAIN §6.1–6.4, with ARCHITECTURE §5's fix: a
/// whole-RDV cancellation honours the participation's "notify" flag). Pure: the caller loads the RDV
/// after the change and writes the messages to the outbox.
/// </summary>
public static class RdvNotificationPlanner
{
    public static IReadOnlyList<PlannedNotification> Plan(RdvSnapshot rdv, RdvEvent change, Author author, DateTimeOffset now)
    {
        // Nothing at all (usagers or agents) once the RDV has started.
        if (rdv.StartsAt < now) return [];

        return change switch
        {
            RdvEvent.Created created => PlanCreated(rdv, created, author, now),
            RdvEvent.Updated updated => PlanUpdated(rdv, updated, author, now),
            RdvEvent.Cancelled cancelled => PlanCancelled(rdv, cancelled, author, now),
            RdvEvent.Reminder => rdv.Status.IsCancelled()
                ? []
                : [.. Usagers(rdv, Active(rdv).Where(p => p.SendReminderNotification), NotificationKind.Reminder, sms: true)],
            // The usager asked for it (§5.9): the lifecycle flags do not apply; agents are not told.
            RdvEvent.WaitingList => rdv.Status.IsCancelled()
                ? []
                : [.. Usagers(rdv, Active(rdv), NotificationKind.NewCreneauAvailable, sms: true)],
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };
    }

    /// <summary>
    /// The reminders of the RDV as it now stands: at start − <paramref name="lead"/> for every notified usager
    /// of an active participation with the reminder flag; none for a cancelled RDV, none when that moment
    /// has already passed (booked or moved less than <paramref name="lead"/> ahead).
    /// </summary>
    public static IReadOnlyList<PlannedReminder> PlanReminders(RdvSnapshot rdv, TimeSpan lead, DateTimeOffset now)
    {
        if (ReminderSchedule.ReminderAt(rdv.StartsAt, rdv.Status, now, lead) is not { } at) return [];
        return Plan(rdv, new RdvEvent.Reminder(), Author.System, now)
            .Cast<UsagerNotification>()
            .Select(n => new PlannedReminder(at, n))
            .ToList();
    }

    private static List<PlannedNotification> PlanCreated(RdvSnapshot rdv, RdvEvent.Created created, Author author, DateTimeOffset now)
    {
        if (rdv.Status.IsCancelled()) return [];
        var targeted = Active(rdv).Where(p => created.ParticipationIds is null || created.ParticipationIds.Contains(p.ParticipationId));
        var participationOnly = rdv.Collective && created.ParticipationIds is not null;
        return
        [
            .. Usagers(rdv, targeted.Where(p => p.SendLifecycleNotifications), NotificationKind.Created, sms: true),
            .. Agents(rdv, rdv.Agents, NotificationKind.Created, author, now, null, participationOnly),
        ];
    }

    private static List<PlannedNotification> PlanUpdated(RdvSnapshot rdv, RdvEvent.Updated updated, Author author, DateTimeOffset now)
    {
        if (rdv.Status.IsCancelled()) return [];
        var kept = rdv.Agents.Where(a => updated.PreviousAgentIds.Contains(a.AgentId));
        var added = rdv.Agents.Where(a => !updated.PreviousAgentIds.Contains(a.AgentId));
        var removed = (rdv.FormerAgents ?? []).Where(a => updated.PreviousAgentIds.Contains(a.AgentId) && rdv.Agents.All(c => c.AgentId != a.AgentId));
        return
        [
            .. Usagers(rdv, Active(rdv).Where(p => p.SendLifecycleNotifications), NotificationKind.Updated, sms: true),
            .. Agents(rdv, added, NotificationKind.Created, author, now, updated.PreviousStartsAt, false),
            .. Agents(rdv, kept, NotificationKind.Updated, author, now, updated.PreviousStartsAt, false),
            .. Agents(rdv, removed, NotificationKind.Cancelled, author, now, updated.PreviousStartsAt, false),
        ];
    }

    private static List<PlannedNotification> PlanCancelled(RdvSnapshot rdv, RdvEvent.Cancelled cancelled, Author author, DateTimeOffset now)
    {
        var targeted = rdv.Participations.Where(p => cancelled.ParticipationIds.Contains(p.ParticipationId) && p.SendLifecycleNotifications);
        // The usager who cancels knows it: SMS only when an agent cancels (the reference's rule).
        var sms = author.Kind == AuthorKind.Agent;
        var participationOnly = rdv.Collective && !cancelled.WholeRdv;
        return
        [
            .. Usagers(rdv, targeted, NotificationKind.Cancelled, sms),
            .. Agents(rdv, rdv.Agents, NotificationKind.Cancelled, author, now, null, participationOnly),
        ];
    }

    private static IEnumerable<ParticipationSnapshot> Active(RdvSnapshot rdv) => rdv.Participations.Where(p => !p.Status.IsCancelled());

    /// <summary>One message per notified usager (relatives through their responsible) and channel.</summary>
    private static IEnumerable<UsagerNotification> Usagers(RdvSnapshot rdv, IEnumerable<ParticipationSnapshot> participations, NotificationKind kind, bool sms)
    {
        // An invisible motif is not shown in the usager's space: its links would lead nowhere.
        if (rdv.Visibility == MotifVisibility.Invisible) yield break;
        foreach (var family in participations.GroupBy(p => p.NotifiedUser.UserId))
        {
            var user = family.First().NotifiedUser;
            var ids = family.Select(p => p.ParticipationId).ToList();
            if (user.ByEmail) yield return new UsagerNotification(NotificationChannel.Email, kind, user.Email!, user.UserId, ids);
            if (sms && user.BySms) yield return new UsagerNotification(NotificationChannel.Sms, kind, user.MobilePhone!, user.UserId, ids);
        }
    }

    private static IEnumerable<AgentNotification> Agents(
        RdvSnapshot rdv, IEnumerable<AgentSnapshot> agents, NotificationKind kind, Author author, DateTimeOffset now, DateTimeOffset? previousStart, bool participationOnly) =>
        agents
            .Where(a => !string.IsNullOrWhiteSpace(a.Email) && Wants(a, rdv, author, now, previousStart))
            .Select(a => new AgentNotification(kind, a.Email!, a.AgentId, participationOnly));

    /// <summary>REFERENCE-DOMAIN §6.4; "soon" = the new or previous date is today or tomorrow (calendar days, organisation's zone).</summary>
    internal static bool Wants(AgentSnapshot agent, RdvSnapshot rdv, Author author, DateTimeOffset now, DateTimeOffset? previousStart) => agent.Level switch
    {
        AgentNotificationLevel.All => true,
        AgentNotificationLevel.Others => !author.IsAgent(agent.AgentId),
        AgentNotificationLevel.Soon => !author.IsAgent(agent.AgentId)
            && (TodayOrTomorrow(rdv.StartsAt, now, rdv.TimeZone) || (previousStart is { } previous && TodayOrTomorrow(previous, now, rdv.TimeZone))),
        _ => false,
    };

    private static bool TodayOrTomorrow(DateTimeOffset instant, DateTimeOffset now, TimeZoneInfo zone)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        return day == today || day == today.AddDays(1);
    }
}
