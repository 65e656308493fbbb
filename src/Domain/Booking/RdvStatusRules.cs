using RdvSP.Domain.Common;

namespace RdvSP.Domain.Booking;

/// <summary>RDV ↔ participation status propagation and <c>cancelled_at</c> (REFERENCE-DOMAIN §5.6, §10 #15–16).</summary>
public static class RdvStatusRules
{
    public static readonly Error CollectiveStatusNotAllowed =
        new("rdv.collective_status", "Un RDV collectif ne peut être que « à renseigner », « présent » ou « annulé par le service ».");

    /// <summary><c>cancelled_at</c> is set to now for excused, revoked and noshow (as the reference), cleared otherwise.</summary>
    public static DateTimeOffset? CancelledAt(RdvStatus status, DateTimeOffset now) =>
        status is RdvStatus.Excused or RdvStatus.Revoked or RdvStatus.Noshow ? now : null;

    /// <summary>Collective RDVs accept only unknown, seen and revoked.</summary>
    public static bool IsAllowed(RdvStatus status, bool isCollective) =>
        !isCollective || status is RdvStatus.Unknown or RdvStatus.Seen or RdvStatus.Revoked;

    /// <summary>
    /// Sets an RDV's status (any value, not a state machine): unknown resets every participation; excused
    /// and revoked cancel the non-cancelled ones; seen and noshow fill those still unknown.
    /// </summary>
    public static Result<RdvStatusChange> SetRdvStatus(
        RdvStatus newStatus,
        IReadOnlyList<RdvStatus> participations,
        bool isCollective,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(participations);
        if (!IsAllowed(newStatus, isCollective))
        {
            return CollectiveStatusNotAllowed;
        }

        var updated = new RdvStatus[participations.Count];
        for (var i = 0; i < updated.Length; i++)
        {
            var current = participations[i];
            updated[i] = newStatus switch
            {
                RdvStatus.Unknown => RdvStatus.Unknown,
                RdvStatus.Excused or RdvStatus.Revoked => current.IsCancelled() ? current : newStatus,
                _ => current == RdvStatus.Unknown ? newStatus : current,
            };
        }

        return new RdvStatusChange(newStatus, CancelledAt(newStatus, now), updated);
    }

    /// <summary>A new participation of an individual RDV copies the RDV's status; collective ones start unknown.</summary>
    public static RdvStatus InitialParticipationStatus(RdvStatus rdvStatus, bool isCollective) =>
        isCollective ? RdvStatus.Unknown : rdvStatus;

    /// <summary>
    /// Individual RDV status after a participation change: any seen ⇒ seen; else all excused ⇒ excused; else
    /// all revoked ⇒ revoked; else all noshow ⇒ noshow; else unknown.
    /// </summary>
    public static RdvStatus RecomputeIndividual(IReadOnlyList<RdvStatus> participations)
    {
        ArgumentNullException.ThrowIfNull(participations);
        if (participations.Count == 0)
        {
            return RdvStatus.Unknown;
        }

        if (participations.Contains(RdvStatus.Seen))
        {
            return RdvStatus.Seen;
        }

        foreach (var uniform in (ReadOnlySpan<RdvStatus>)[RdvStatus.Excused, RdvStatus.Revoked, RdvStatus.Noshow])
        {
            if (participations.All(p => p == uniform))
            {
                return uniform;
            }
        }

        return RdvStatus.Unknown;
    }

    /// <summary>
    /// Collective RDV status after a participation change: any seen ⇒ seen; else, once started, no
    /// participation left unknown ⇒ revoked; else unchanged.
    /// </summary>
    public static RdvStatus RecomputeCollective(RdvStatus current, IReadOnlyList<RdvStatus> participations, bool hasStarted)
    {
        ArgumentNullException.ThrowIfNull(participations);
        if (participations.Contains(RdvStatus.Seen))
        {
            return RdvStatus.Seen;
        }

        return hasStarted && !participations.Contains(RdvStatus.Unknown) ? RdvStatus.Revoked : current;
    }

    /// <summary><c>users_count</c>: non-cancelled participations (unknown, seen, noshow).</summary>
    public static int ParticipantsCount(IEnumerable<RdvStatus> participations)
    {
        ArgumentNullException.ThrowIfNull(participations);
        return participations.Count(p => !p.IsCancelled());
    }

    public static TemporalStatus Temporal(RdvStatus status, DateOnly rdvDay, DateOnly today) =>
        status != RdvStatus.Unknown ? TemporalStatus.Final
        : rdvDay > today ? TemporalStatus.UnknownFuture
        : rdvDay == today ? TemporalStatus.UnknownToday
        : TemporalStatus.UnknownPast;

    /// <summary>The statuses the agent UI offers (§5.6 table). Participations of individual RDVs follow the individual column, limited to excused when future.</summary>
    public static IReadOnlyList<RdvStatus> OfferedTransitions(
        RdvStatus status, DateOnly rdvDay, DateOnly today, bool hasStarted, bool isCollective, bool forParticipation = false)
    {
        var temporal = Temporal(status, rdvDay, today);
        if (temporal == TemporalStatus.Final)
        {
            return [RdvStatus.Unknown];
        }

        if (isCollective)
        {
            return temporal == TemporalStatus.UnknownFuture ? [RdvStatus.Revoked] : [RdvStatus.Seen, RdvStatus.Revoked];
        }

        return temporal switch
        {
            TemporalStatus.UnknownFuture => forParticipation ? [RdvStatus.Excused] : [RdvStatus.Excused, RdvStatus.Revoked],
            TemporalStatus.UnknownToday => hasStarted
                ? [RdvStatus.Seen, RdvStatus.Noshow, RdvStatus.Excused, RdvStatus.Revoked]
                : [RdvStatus.Seen, RdvStatus.Excused, RdvStatus.Revoked],
            _ => [RdvStatus.Seen, RdvStatus.Noshow, RdvStatus.Excused, RdvStatus.Revoked],
        };
    }
}
