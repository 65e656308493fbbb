using RdvSP.Application.Common.Authorization;
using RdvSP.Domain.Booking;

namespace RdvSP.Application.Booking.CollectiveRdvs;

/// <summary>The back-office reads and writes of collective RDVs that <see cref="Abstractions.IRdvRepository"/> does not cover.</summary>
public interface ICollectiveRdvStore
{
    /// <summary>
    /// Collective RDVs of the organisation the agent may see (REFERENCE-SURFACES §2.6: all for admins and
    /// secretaries, else those of his services or where he is agent), not revoked, soonest first.
    /// </summary>
    Task<IReadOnlyList<CollectiveRdvItem>> ListAsync(AgentAccess access, CollectiveRdvFilter filter, CancellationToken cancellationToken);

    /// <summary>The collective motifs the agent may use (his services; all for admins and secretaries).</summary>
    Task<IReadOnlyList<CollectiveMotifOption>> MotifsAsync(AgentAccess access, CancellationToken cancellationToken);

    /// <summary>
    /// "Retirer" a participant: his participation becomes revoked (seat freed, users_count recounted) under
    /// the same row lock as joins. False when the participation is not an active one of that RDV.
    /// </summary>
    Task<bool> RemoveParticipationAsync(long rdvId, long participationId, CancellationToken cancellationToken);
}

/// <param name="From">Start of the list (UTC), the organisation's local midnight of the chosen day.</param>
public sealed record CollectiveRdvFilter(DateTimeOffset From, long? MotifId, long? LieuId, bool OnlyWithSeats, int Limit);

public sealed record CollectiveRdvItem
{
    public long Id { get; init; }
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
    public string? Name { get; init; }
    public long MotifId { get; init; }
    public string MotifName { get; init; } = "";
    public string? LieuName { get; init; }
    public int? MaxParticipantsCount { get; init; }
    public int UsersCount { get; init; }
    public string Status { get; init; } = "";
    public string[] AgentNames { get; init; } = [];

    /// <summary>"Places restantes": null when the capacity is unlimited, never negative (an overbooked RDV has 0).</summary>
    public int? RemainingSeats => MaxParticipantsCount is { } max ? Math.Max(0, max - UsersCount) : null;

    public SeatsStatus Seats => CollectiveCapacity.Seats(MaxParticipantsCount, UsersCount);
}

public sealed record CollectiveMotifOption
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public string ServiceName { get; init; } = "";
    public string LocationType { get; init; } = "";
    public int DefaultDurationInMin { get; init; }
}
