using RdvSP.Domain.Notifications;

namespace RdvSP.Application.Notifications;

/// <summary>
/// Everything a message about an RDV shows, read in the transaction of the change and kept in the
/// outbox row: an "updated" message describes that change even if the RDV changes again before it goes.
/// </summary>
public sealed record RdvDetails
{
    public long Id { get; init; }
    public Guid Uuid { get; init; }
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
    public string TimeZone { get; init; } = "Europe/Paris";
    public string Status { get; init; } = "unknown";
    public long OrganisationId { get; init; }
    public string OrganisationName { get; init; } = "";
    public string? OrganisationPhone { get; init; }

    /// <summary>The territory's provider (REFERENCE-DOMAIN §6.6), null when it has none.</summary>
    public string? SmsProvider { get; init; }

    public string MotifName { get; init; } = "";
    public string ServiceName { get; init; } = "";
    public string ServiceShortName { get; init; } = "";
    public string LocationType { get; init; } = "public_office";
    public bool Collective { get; init; }
    public string? Name { get; init; }
    public bool FollowUp { get; init; }
    public bool BookableByEveryone { get; init; }
    public bool CancellableByUser { get; init; }
    public bool EditableByUser { get; init; }
    public string? InstructionForRdv { get; init; }
    public string? LieuName { get; init; }
    public string? LieuAddress { get; init; }
    public string? LieuPhone { get; init; }

    /// <summary>For home visits: the first participant's (or its responsible's) address.</summary>
    public string? HomeAddress { get; init; }

    /// <summary>ICS SEQUENCE: seconds between the RDV's creation and its last change, so it grows with every change.</summary>
    public int Sequence { get; init; }

    public IReadOnlyList<ParticipantDetails> Participants { get; init; } = [];
    public IReadOnlyList<AgentDetails> Agents { get; init; } = [];

    public bool IsCancelled => Status is "excused" or "revoked";

    /// <summary>Lieu phone, else the organisation's (REFERENCE-DOMAIN §2.8).</summary>
    public string? ContactPhone => string.IsNullOrWhiteSpace(LieuPhone) ? OrganisationPhone : LieuPhone;

    /// <summary>Where it happens, without personal data for agents' calendars (none for phone RDVs).</summary>
    public string? Address => LocationType switch
    {
        "public_office" => LieuAddress,
        "home" => HomeAddress,
        _ => null,
    };
}

public sealed record ParticipantDetails(long ParticipationId, long UserId, string FirstName, string LastName, string Token);

public sealed record AgentDetails(long AgentId, string? FirstName, string LastName, string? Email)
{
    public string FullName => string.IsNullOrWhiteSpace(FirstName) ? LastName : $"{FirstName} {LastName}";
}

/// <summary>
/// One message of the outbox about an RDV: who receives it, through which channel, what it says, and the
/// RDV as it was when the change was recorded. Rendered (French text, HTML, ICS) by the dispatcher.
/// </summary>
public sealed record RdvMessage
{
    public NotificationKind Kind { get; init; }
    public NotificationChannel Channel { get; init; }
    public bool ToAgent { get; init; }
    public string To { get; init; } = "";
    public long? UserId { get; init; }
    public long? AgentId { get; init; }

    /// <summary>The participations the message speaks for (a usager and the relatives it is responsible for).</summary>
    public IReadOnlyList<long> ParticipationIds { get; init; } = [];

    /// <summary>A participation of a collective RDV was added or cancelled (agents' subject says so).</summary>
    public bool ParticipationOnly { get; init; }

    public AuthorKind Author { get; init; }
    public DateTimeOffset? PreviousStartsAt { get; init; }
    public string? PreviousLieuName { get; init; }
    public string? PreviousLieuAddress { get; init; }
    public RdvDetails Rdv { get; init; } = new();

    /// <summary>The receipt's event name (reference values).</summary>
    public string Event => Kind switch
    {
        NotificationKind.Created => "rdv_created",
        NotificationKind.Updated => "rdv_updated",
        NotificationKind.Cancelled => "rdv_cancelled",
        NotificationKind.NewCreneauAvailable => "new_creneau_available",
        _ => "rdv_upcoming_reminder",
    };

    public IEnumerable<ParticipantDetails> Participants => Rdv.Participants.Where(p => ParticipationIds.Contains(p.ParticipationId));
}

/// <summary>An RDV message for the outbox. <paramref name="NotBefore"/>: a reminder's time (null = now).</summary>
public sealed record OutboxRdvMessage(string IdempotencyKey, RdvMessage Message, DateTimeOffset? NotBefore = null, bool Reminder = false);
