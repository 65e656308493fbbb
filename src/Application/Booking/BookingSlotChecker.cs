using RdvSP.Application.Availability.Abstractions;
using RdvSP.Application.Availability.SlotSearch;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Domain.Availability;
using RdvSP.Domain.Common;

namespace RdvSP.Application.Booking;

/// <summary>
/// The re-check every booking step makes (wizard steps, confirmation, move): is this start still a
/// free slot of this motif (and lieu) for a usager, and which agents are free then?
/// </summary>
public sealed class BookingSlotChecker(
    IOrganisationRepository organisations,
    IAvailabilityInputsReader inputs,
    IRdvRepository rdvs,
    SlotSearcher slots,
    TimeProvider clock)
{
    // Bookings of one agent hold its lock for a few milliseconds; waiting longer means a burst.
    private static readonly TimeSpan LockWait = TimeSpan.FromMilliseconds(100);
    private const int LockAttempts = 20;

    /// <summary>Read-only check, for the wizard pages.</summary>
    public async Task<Result<(MotifDto Motif, Slot Slot, IReadOnlyList<long> FreeAgents)>> FindFreeAgentsAsync(
        long motifId, long? lieuId, DateTimeOffset startsAt, CancellationToken ct, IReadOnlyCollection<long>? agentIds = null)
    {
        var motif = await BookableMotifAsync(motifId, ct);
        if (motif.IsFailure) return motif.Error;
        var org = await organisations.GetOrganisationAsync(motif.Value.OrganisationId, ct);
        return await CheckAsync(motif.Value, SlotSearcher.ZoneOf(org?.TimeZone), lieuId, startsAt, agentIds, ct);
    }

    /// <summary>
    /// For the final write: locks the agents who could serve the slot (so concurrent bookings of those
    /// agents wait for this transaction), then checks the slot against committed data. A loser of a race
    /// learns it fast: the taken slot is seen before locking, and a lock wait is bounded
    /// (<see cref="LockAttempts"/> × <see cref="LockWait"/>, re-checking between attempts).
    /// </summary>
    public async Task<Result<(MotifDto Motif, Slot Slot, IReadOnlyList<long> FreeAgents)>> LockAndFindFreeAgentsAsync(
        long motifId, long? lieuId, DateTimeOffset startsAt, CancellationToken ct, IReadOnlyCollection<long>? agentIds = null)
    {
        var motif = await BookableMotifAsync(motifId, ct);
        if (motif.IsFailure) return motif.Error;
        var org = await organisations.GetOrganisationAsync(motif.Value.OrganisationId, ct);
        var zone = SlotSearcher.ZoneOf(org?.TimeZone);
        var day = SlotSearcher.LocalDay(startsAt, zone);
        var candidates = await inputs.LoadAsync(new AvailabilityInputsQuery([motif.Value.Id], day, day, lieuId, [motif.Value.OrganisationId], agentIds), ct);
        var agents = candidates.Plages.Select(p => p.AgentId).Distinct().ToList();
        if (agents.Count == 0) return BookingErrors.SlotUnavailable;
        var endsAt = startsAt.AddMinutes(motif.Value.DefaultDurationInMin);
        for (var attempt = 0; attempt < LockAttempts; attempt++)
        {
            // Optimistic: once the slot is taken for every candidate agent, say so without queueing for their locks.
            if (await rdvs.AllAgentsBookedAsync(agents, startsAt, endsAt, ct)) return BookingErrors.SlotUnavailable;
            if (await rdvs.TryLockAgentsAsync(agents, LockWait, ct))
            {
                // Under the lock, the cheap check first: the waiters served one by one after a winner hold it briefly.
                return await rdvs.AllAgentsBookedAsync(agents, startsAt, endsAt, ct)
                    ? BookingErrors.SlotUnavailable
                    : await CheckAsync(motif.Value, zone, lieuId, startsAt, agentIds, ct);
            }
        }
        // Still contended after every attempt (2 s): a burst on these agents. Not "taken": the slot may be free.
        return BookingUseCaseErrors.SlotContended;
    }

    private async Task<Result<MotifDto>> BookableMotifAsync(long motifId, CancellationToken ct)
    {
        var motif = await organisations.GetMotifAsync(motifId, ct);
        if (motif is null || motif.DeletedAt is not null || motif.BookableBy != BookableBy.Everyone || motif.Collectif)
            return BookingUseCaseErrors.MotifNotBookableOnline;
        return motif;
    }

    private async Task<Result<(MotifDto Motif, Slot Slot, IReadOnlyList<long> FreeAgents)>> CheckAsync(
        MotifDto motif, TimeZoneInfo zone, long? lieuId, DateTimeOffset startsAt, IReadOnlyCollection<long>? agentIds, CancellationToken ct)
    {
        if (motif.LocationType == LocationTypes.PublicOffice && lieuId is null) return BookingUseCaseErrors.LieuRequired;
        var day = SlotSearcher.LocalDay(startsAt, zone);
        var prepared = await slots.PrepareAsync(new SlotSearchRequest(motif, day, day, clock.GetUtcNow(), LieuId: lieuId, AgentIds: agentIds), ct);
        var slot = prepared.Slots().FirstOrDefault(s => s.Start == startsAt);
        if (slot == default) return BookingErrors.SlotUnavailable;
        var free = prepared.FreeAgentsAt(startsAt);
        return free.Count == 0 ? BookingErrors.SlotUnavailable : (motif, slot, free);
    }
}
