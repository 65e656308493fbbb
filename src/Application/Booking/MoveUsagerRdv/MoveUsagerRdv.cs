using Mediator;
using RdvSP.Application.Availability.SlotSearch;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Booking.UsagerRdvs;
using RdvSP.Application.Notifications;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Application.Usagers.Abstractions;
using RdvSP.Domain.Common;
using RdvSP.Domain.Notifications;

namespace RdvSP.Application.Booking.MoveUsagerRdv;

/// <summary>The usager's (or a relative's) rdv, if it may be moved online: where every move step starts.</summary>
internal static class MovableRdv
{
    public static async Task<Result<(RdvDto Rdv, UsagerRdvView View)>> FindAsync(
        IRdvRepository rdvs, IUsagerRepository usagers, long usagerId, long rdvId, DateTimeOffset now, CancellationToken ct)
    {
        var family = await usagers.ListFamilyIdsAsync(usagerId, ct);
        var rdv = await rdvs.GetForUsagerAsync(rdvId, family, ct);
        if (rdv is null) return BookingErrors.RdvNotFound;
        var view = UsagerRdvView.From(rdv, now);
        if (!view.CanMove) return BookingUseCaseErrors.MoveNotAllowed;
        return (rdv, view);
    }
}

/// <summary>Free slots to move an rdv to: same motif, same lieu, any agent, booking window applied.</summary>
public sealed record GetMoveSlotsQuery(long UsagerId, long RdvId, DateOnly? Date) : IQuery<Result<MoveSlots>>;

public sealed record MoveSlots(UsagerRdvView Rdv, SlotWeek Week);

public sealed class GetMoveSlotsHandler(IRdvRepository rdvs, IUsagerRepository usagers, IOrganisationRepository organisations, SlotSearcher slots, TimeProvider clock)
    : IQueryHandler<GetMoveSlotsQuery, Result<MoveSlots>>
{
    public async ValueTask<Result<MoveSlots>> Handle(GetMoveSlotsQuery query, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var movable = await MovableRdv.FindAsync(rdvs, usagers, query.UsagerId, query.RdvId, now, ct);
        if (movable.IsFailure) return movable.Error;
        var (rdv, view) = movable.Value;
        var motif = await organisations.GetMotifAsync(rdv.MotifId, ct);
        if (motif is null) return BookingErrors.RdvNotFound;
        var week = await SlotWeekBuilder.BuildAsync(slots, motif, rdv.LieuId, rdv.TimeZone, query.Date, now, ct);
        return new MoveSlots(view, week);
    }
}

/// <summary>
/// The confirmation step of a move: the rdv and the chosen start, only if that start is one of the free
/// slots the move page offers (same motif and lieu, booking window, not the rdv's own time). Writes nothing.
/// </summary>
public sealed record GetMoveConfirmationQuery(long UsagerId, long RdvId, DateTimeOffset StartsAt) : IQuery<Result<MoveConfirmation>>;

public sealed record MoveConfirmation(UsagerRdvView Rdv, DateTimeOffset NewStartsAt, DateTimeOffset NewEndsAt);

public sealed class GetMoveConfirmationHandler(IRdvRepository rdvs, IUsagerRepository usagers, IOrganisationRepository organisations, SlotSearcher slots, TimeProvider clock)
    : IQueryHandler<GetMoveConfirmationQuery, Result<MoveConfirmation>>
{
    public async ValueTask<Result<MoveConfirmation>> Handle(GetMoveConfirmationQuery query, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var movable = await MovableRdv.FindAsync(rdvs, usagers, query.UsagerId, query.RdvId, now, ct);
        if (movable.IsFailure) return movable.Error;
        var (rdv, view) = movable.Value;
        if (rdv.StartsAt == query.StartsAt) return BookingUseCaseErrors.SameSlot;
        var motif = await organisations.GetMotifAsync(rdv.MotifId, ct);
        if (motif is null) return BookingErrors.RdvNotFound;

        // The grid of that local day, exactly as the move page builds it.
        var day = SlotSearcher.LocalDay(query.StartsAt, SlotSearcher.ZoneOf(rdv.TimeZone));
        var week = await SlotWeekBuilder.BuildAsync(slots, motif, rdv.LieuId, rdv.TimeZone, day, now, ct);
        var offered = week.Days[0] is { ClosedForBooking: false } first && first.Day == day
            && first.Starts.Any(s => s.StartsAt == query.StartsAt);
        if (!offered) return BookingErrors.SlotUnavailable;
        return new MoveConfirmation(view, query.StartsAt, query.StartsAt + (rdv.EndsAt - rdv.StartsAt));
    }
}

/// <summary>
/// Moves the rdv to a new free slot (§5.7): keeps its duration, takes the slot's agent as its only
/// agent; the same per-agent locks and exclusion constraint as a booking guard the race.
/// </summary>
public sealed record MoveUsagerRdvCommand(long UsagerId, long RdvId, DateTimeOffset StartsAt) : ICommand<Result>;

public sealed class MoveUsagerRdvHandler(IRdvRepository rdvs, IUsagerRepository usagers, BookingSlotChecker checker, IRdvNotifier notifier, TimeProvider clock)
    : ICommandHandler<MoveUsagerRdvCommand, Result>
{
    public async ValueTask<Result> Handle(MoveUsagerRdvCommand command, CancellationToken ct)
    {
        var movable = await MovableRdv.FindAsync(rdvs, usagers, command.UsagerId, command.RdvId, clock.GetUtcNow(), ct);
        if (movable.IsFailure) return movable.Error;
        var rdv = movable.Value.Rdv;
        if (rdv.StartsAt == command.StartsAt) return BookingUseCaseErrors.SameSlot;

        var check = await checker.LockAndFindFreeAgentsAsync(rdv.MotifId, rdv.LieuId, command.StartsAt, ct);
        if (check.IsFailure) return check.Error;
        var (_, slot, freeAgents) = check.Value;
        var duration = rdv.EndsAt - rdv.StartsAt;
        foreach (var agentId in freeAgents.OrderBy(_ => Random.Shared.Next()))
        {
            var moved = await rdvs.MoveAsync(rdv.Id, slot.Start, slot.Start + duration, agentId, exclusive: true, ct);
            if (moved.IsSuccess)
            {
                // Old start and agents as read before the move; the reminders are re-planned for the new start.
                var change = new RdvEvent.Updated(rdv.StartsAt, rdv.Agents.Select(a => a.AgentId).ToList());
                await notifier.RdvChangedAsync(rdv.Id, change, Author.Usager(command.UsagerId), ct);
                return moved;
            }
            if (moved.Error != BookingErrors.SlotUnavailable) return moved;
        }
        return BookingErrors.SlotUnavailable;
    }
}
