using RdvSP.Domain.Booking;

namespace RdvSP.Domain.Notifications;

/// <summary>What happened to an RDV, as far as notifications are concerned (REFERENCE-DOMAIN §6.2).</summary>
public abstract record RdvEvent
{
    private RdvEvent() { }

    /// <summary>
    /// The RDV was booked (<paramref name="ParticipationIds"/> null: every participation), or participations
    /// were added or re-activated (only those are told; agents get the "new participation" e-mail).
    /// </summary>
    public sealed record Created(IReadOnlyCollection<long>? ParticipationIds = null) : RdvEvent;

    /// <summary>
    /// The start or the lieu changed. The caller gives what it read before the change: the old start, the
    /// old lieu's name and address (null when it did not change) and the agents before the change (added
    /// agents get "created", removed ones "cancelled").
    /// </summary>
    public sealed record Updated(
        DateTimeOffset PreviousStartsAt,
        IReadOnlyCollection<long> PreviousAgentIds,
        string? PreviousLieuName = null,
        string? PreviousLieuAddress = null) : RdvEvent;

    /// <summary>
    /// Participations went from active to cancelled (excused or revoked) in this change: the whole RDV
    /// (<paramref name="WholeRdv"/>) or some participants. Only those participations are told — never the
    /// ones that were already cancelled.
    /// </summary>
    public sealed record Cancelled(IReadOnlyCollection<long> ParticipationIds, bool WholeRdv) : RdvEvent;

    /// <summary>The J-2 reminder (planned by the notifier) or the agent's manual "Envoyer un rappel".</summary>
    public sealed record Reminder : RdvEvent;

    /// <summary>The waiting list found earlier free slots for the RDV (REFERENCE-DOMAIN §5.9): its usagers are told.</summary>
    public sealed record WaitingList : RdvEvent;
}

public enum AuthorKind
{
    Usager,
    Agent,
    Prescripteur,

    /// <summary>A scheduled job (reminders).</summary>
    System,
}

/// <summary>Who made the change (the agent preference "others" compares it with each agent).</summary>
public sealed record Author(AuthorKind Kind, long? Id)
{
    public static Author Usager(long id) => new(AuthorKind.Usager, id);

    public static Author Agent(long id) => new(AuthorKind.Agent, id);

    public static Author Prescripteur(long? id) => new(AuthorKind.Prescripteur, id);

    public static readonly Author System = new(AuthorKind.System, null);

    public bool IsAgent(long agentId) => Kind == AuthorKind.Agent && Id == agentId;
}

/// <summary><c>agents.rdv_notifications_level</c> (REFERENCE-DOMAIN §6.4).</summary>
public enum AgentNotificationLevel
{
    All,
    Others,
    Soon,
    None,
}

/// <summary><c>motifs.visibility_type</c>.</summary>
public enum MotifVisibility
{
    VisibleAndNotified,
    VisibleAndNotNotified,
    Invisible,
}

public enum NotificationChannel
{
    Email,
    Sms,
}

/// <summary>What a recipient is told (the template family).</summary>
public enum NotificationKind
{
    Created,
    Updated,
    Cancelled,
    Reminder,

    /// <summary>The waiting list's "des créneaux se sont libérés" (e-mail and SMS, usagers only).</summary>
    NewCreneauAvailable,
}

/// <summary>
/// The usager who receives the notifications of a participant: the participant itself, or its
/// responsible for a relative (REFERENCE-DOMAIN §2.11). <paramref name="MobilePhone"/> is the E.164
/// number only when it is a French mobile number (metropolitan or overseas), else null.
/// </summary>
public sealed record NotifiedUser(long UserId, string? Email, bool NotifyByEmail, string? MobilePhone, bool NotifyBySms)
{
    public bool ByEmail => NotifyByEmail && !string.IsNullOrWhiteSpace(Email);

    public bool BySms => NotifyBySms && !string.IsNullOrWhiteSpace(MobilePhone);
}

public sealed record ParticipationSnapshot(
    long ParticipationId,
    long UserId,
    RdvStatus Status,
    bool SendLifecycleNotifications,
    bool SendReminderNotification,
    NotifiedUser NotifiedUser);

public sealed record AgentSnapshot(long AgentId, string? Email, AgentNotificationLevel Level);

/// <summary>
/// The RDV after the change. <paramref name="FormerAgents"/>: agents removed by an update (no longer on the
/// RDV, told it is cancelled for them). <paramref name="TimeZone"/>: the organisation's, for "today or tomorrow".
/// </summary>
public sealed record RdvSnapshot(
    DateTimeOffset StartsAt,
    RdvStatus Status,
    bool Collective,
    MotifVisibility Visibility,
    TimeZoneInfo TimeZone,
    IReadOnlyList<ParticipationSnapshot> Participations,
    IReadOnlyList<AgentSnapshot> Agents,
    IReadOnlyList<AgentSnapshot>? FormerAgents = null);

/// <summary>One message to send: to a usager (covering one or more participations of one family) or to an agent.</summary>
public abstract record PlannedNotification(NotificationChannel Channel, NotificationKind Kind, string Address);

/// <param name="ParticipationIds">The participations this message speaks for (a responsible and its relatives), first one's link used.</param>
public sealed record UsagerNotification(
    NotificationChannel Channel,
    NotificationKind Kind,
    string Address,
    long UserId,
    IReadOnlyList<long> ParticipationIds) : PlannedNotification(Channel, Kind, Address);

/// <param name="ParticipationOnly">A participation of a collective RDV was added or cancelled (not the whole RDV).</param>
public sealed record AgentNotification(
    NotificationKind Kind,
    string Address,
    long AgentId,
    bool ParticipationOnly) : PlannedNotification(NotificationChannel.Email, Kind, Address);

/// <summary>A reminder to send at <paramref name="At"/> (one per notified usager and channel).</summary>
public sealed record PlannedReminder(DateTimeOffset At, UsagerNotification Notification);
