using RdvSP.Domain.Common;

namespace RdvSP.Application.Booking.Abstractions;

/// <summary>
/// Rdvs, their agents and participations. Writes must run inside the request's transaction (the
/// Mediator transaction behaviour opens it); conflicts come back as <see cref="BookingErrors"/>, and a
/// refused write is rolled back to a savepoint so the caller may try another slot in the same transaction.
/// </summary>
public interface IRdvRepository
{
    /// <summary>
    /// Serialises bookings per agent until the transaction ends (transaction-level advisory locks, taken
    /// in id order). Call before re-checking a slot so that agent-created rdvs cannot slip in between.
    /// Waits at most <paramref name="maxWait"/> for a lock another booking holds: false then, with no
    /// lock kept and the transaction still usable.
    /// </summary>
    Task<bool> TryLockAgentsAsync(IReadOnlyCollection<long> agentIds, TimeSpan maxWait, CancellationToken cancellationToken);

    /// <summary>
    /// True when every one of <paramref name="agentIds"/> already has an exclusive (usager-booked, not
    /// cancelled) rdv overlapping [<paramref name="startsAt"/>, <paramref name="endsAt"/>): the slot is
    /// surely taken. Reads committed data without any lock, so false proves nothing.
    /// </summary>
    Task<bool> AllAgentsBookedAsync(IReadOnlyCollection<long> agentIds, DateTimeOffset startsAt, DateTimeOffset endsAt, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts the rdv, its agents and participations. With <see cref="NewRdv.ExclusiveForAgents"/>
    /// PostgreSQL refuses an overlap with another exclusive booking of the same agent:
    /// <see cref="BookingErrors.SlotUnavailable"/>.
    /// </summary>
    Task<Result<RdvCreated>> InsertAsync(NewRdv rdv, CancellationToken cancellationToken);

    Task<RdvDto?> GetAsync(long rdvId, CancellationToken cancellationToken);

    /// <summary>The rdv if one of <paramref name="familyUserIds"/> takes part in it and its motif is visible to usagers.</summary>
    Task<RdvDto?> GetForUsagerAsync(long rdvId, IReadOnlyCollection<long> familyUserIds, CancellationToken cancellationToken);

    /// <summary>
    /// Rdvs of the family (visible motifs only): upcoming ones (not over, not cancelled, a family participation
    /// still active) soonest first, or the others (past or cancelled) most recent first.
    /// </summary>
    Task<IReadOnlyList<RdvDto>> ListForUsagerAsync(IReadOnlyCollection<long> familyUserIds, bool past, DateTimeOffset now, int limit, long offset, CancellationToken cancellationToken);

    /// <summary>
    /// Cancels the whole rdv (<paramref name="status"/> excused or revoked): sets cancelled_at, gives
    /// non-cancelled participations the same status, frees the agents' slot, drops the waiting list.
    /// </summary>
    Task<Result> CancelAsync(long rdvId, string status, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Moves an individual rdv to a new slot with a single agent (user reschedule, §5.7).</summary>
    Task<Result> MoveAsync(long rdvId, DateTimeOffset startsAt, DateTimeOffset endsAt, long agentId, bool exclusive, CancellationToken cancellationToken);

    /// <summary>Collective rdvs of the motifs, not revoked, starting in [From, To), soonest first.</summary>
    Task<IReadOnlyList<CollectiveRdvDto>> ListCollectiveAsync(CollectiveRdvQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Adds a usager to a collective rdv under a row lock on the rdv: one member per family (other
    /// family members' participations are removed first), capacity enforced unless
    /// <see cref="CollectiveJoin.AllowOverbooking"/> (agents only), a cancelled participation is re-activated.
    /// </summary>
    Task<Result<long>> JoinCollectiveAsync(CollectiveJoin join, CancellationToken cancellationToken);

    /// <summary>Cancels the usager's own participation (status excused) and frees its seat.</summary>
    Task<Result> LeaveCollectiveAsync(long rdvId, long userId, CancellationToken cancellationToken);

    /// <summary>
    /// Account deletion: every active participation of <paramref name="userIds"/> in an rdv not started yet
    /// becomes "excused" (the usager's own initiative, REFERENCE-DOMAIN §5.6); an individual rdv left without
    /// active participant is cancelled as a whole (cancelled_at, slot freed), collective seats are counted
    /// again, the users' waiting-list entries go. Returns the ids of the rdvs touched.
    /// </summary>
    Task<IReadOnlyList<long>> CancelUpcomingOfUsagersAsync(IReadOnlyCollection<long> userIds, DateTimeOffset now, CancellationToken cancellationToken);

    Task<ParticipationTokenTarget?> FindByParticipationTokenAsync(string token, CancellationToken cancellationToken);
}

/// <param name="ExclusiveForAgents">True for rdvs booked by usagers and prescripteurs through a slot: the agents' time becomes exclusive.</param>
public sealed record NewRdv(
    long OrganisationId,
    long MotifId,
    long? LieuId,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    IReadOnlyList<long> AgentIds,
    IReadOnlyList<NewParticipation> Participants,
    string CreatedByType,
    long? CreatedById,
    bool ExclusiveForAgents,
    string? Name = null,
    int? MaxParticipantsCount = null,
    string? Context = null);

public sealed record NewParticipation(
    long UserId,
    bool SendLifecycleNotifications = true,
    bool SendReminderNotification = true,
    string CreatedByType = CreatedByTypes.User,
    long? CreatedById = null);

public sealed record RdvCreated(long Id, Guid Uuid);

public sealed record CollectiveRdvQuery(
    IReadOnlyCollection<long> MotifIds,
    DateTimeOffset From,
    DateTimeOffset To,
    long? LieuId = null,
    bool OnlyWithSeats = true,
    IReadOnlyCollection<long>? AgentIds = null);

public sealed record CollectiveJoin(
    long RdvId,
    long UserId,
    IReadOnlyCollection<long> FamilyUserIds,
    string CreatedByType = CreatedByTypes.User,
    long? CreatedById = null,
    bool AllowOverbooking = false,
    bool SendLifecycleNotifications = true,
    bool SendReminderNotification = true);

public sealed record ParticipationTokenTarget
{
    public long ParticipationId { get; init; }
    public long RdvId { get; init; }
    public long UserId { get; init; }
}

public sealed record RdvDto
{
    public long Id { get; init; }
    public Guid Uuid { get; init; }
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
    public string Status { get; init; } = "";
    public DateTimeOffset? CancelledAt { get; init; }
    public string? Name { get; init; }
    public string? Context { get; init; }
    public int? MaxParticipantsCount { get; init; }
    public int UsersCount { get; init; }
    public string CreatedByType { get; init; } = "";
    public long? CreatedById { get; init; }
    public long OrganisationId { get; init; }
    public string OrganisationName { get; init; } = "";
    public string? OrganisationPhoneNumber { get; init; }
    public string TimeZone { get; init; } = "";
    public long MotifId { get; init; }
    public string MotifName { get; init; } = "";
    public string LocationType { get; init; } = "";
    public bool Collectif { get; init; }
    public string BookableBy { get; init; } = "";
    public string VisibilityType { get; init; } = "";
    public bool RdvsEditableByUser { get; init; }
    public bool RdvsCancellableByUser { get; init; }
    public string? InstructionForRdv { get; init; }
    public string? RestrictionForRdv { get; init; }
    public string? CustomCancelWarningMessage { get; init; }
    public long? LieuId { get; init; }
    public string? LieuName { get; init; }
    public string? LieuAddress { get; init; }
    public string? LieuPhoneNumber { get; init; }
    public IReadOnlyList<RdvAgentDto> Agents { get; init; } = [];
    public IReadOnlyList<RdvParticipantDto> Participants { get; init; } = [];

    public bool IsCancelled => RdvStatuses.IsCancelled(Status);

    public int DurationInMin => (int)(EndsAt - StartsAt).TotalMinutes;
}

public sealed record RdvAgentDto
{
    public long AgentId { get; init; }
    public string? FirstName { get; init; }
    public string LastName { get; init; } = "";
    public bool Exclusive { get; init; }
}

public sealed record RdvParticipantDto
{
    public long ParticipationId { get; init; }
    public long UserId { get; init; }
    public string FirstName { get; init; } = "";
    public string LastName { get; init; } = "";
    public string Status { get; init; } = "";
    public string Token { get; init; } = "";
    public bool SendLifecycleNotifications { get; init; }
    public bool SendReminderNotification { get; init; }
    public string CreatedByType { get; init; } = "";
}

public sealed record CollectiveRdvDto
{
    public long Id { get; init; }
    public long MotifId { get; init; }
    public long OrganisationId { get; init; }
    public long? LieuId { get; init; }
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
    public string? Name { get; init; }
    public int? MaxParticipantsCount { get; init; }
    public int UsersCount { get; init; }
    public string Status { get; init; } = "";
    public long[] AgentIds { get; init; } = [];
    public string[] AgentNames { get; init; } = [];

    public bool HasRemainingSeats => MaxParticipantsCount is null || UsersCount < MaxParticipantsCount;
}
