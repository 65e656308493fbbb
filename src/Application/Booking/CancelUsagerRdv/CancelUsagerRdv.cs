using Mediator;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Booking.UsagerRdvs;
using RdvSP.Application.Notifications;
using RdvSP.Application.Usagers.Abstractions;
using RdvSP.Domain.Common;
using RdvSP.Domain.Notifications;

namespace RdvSP.Application.Booking.CancelUsagerRdv;

/// <summary>
/// The usager cancels (REFERENCE-SURFACES §1.8): an individual rdv becomes "excused"; for a collective
/// rdv only their family's participation is cancelled. Allowed more than 4 h before the start.
/// </summary>
public sealed record CancelUsagerRdvCommand(long UsagerId, long RdvId) : ICommand<Result>;

public sealed class CancelUsagerRdvHandler(IRdvRepository rdvs, IUsagerRepository usagers, IRdvNotifier notifier, TimeProvider clock)
    : ICommandHandler<CancelUsagerRdvCommand, Result>
{
    public async ValueTask<Result> Handle(CancelUsagerRdvCommand command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var family = await usagers.ListFamilyIdsAsync(command.UsagerId, ct);
        var rdv = await rdvs.GetForUsagerAsync(command.RdvId, family, ct);
        if (rdv is null) return BookingErrors.RdvNotFound;
        if (!UsagerRdvView.From(rdv, now).CanCancel) return BookingUseCaseErrors.CancelNotAllowed;

        var author = Author.Usager(command.UsagerId);
        if (!rdv.Collectif)
        {
            var active = rdv.Participants.Where(p => !RdvStatuses.IsCancelled(p.Status)).Select(p => p.ParticipationId).ToList();
            var cancelled = await rdvs.CancelAsync(rdv.Id, RdvStatuses.Excused, now, ct);
            if (cancelled.IsSuccess) await notifier.RdvChangedAsync(rdv.Id, new RdvEvent.Cancelled(active, WholeRdv: true), author, ct);
            return cancelled;
        }

        var participant = rdv.Participants.FirstOrDefault(p => family.Contains(p.UserId) && !RdvStatuses.IsCancelled(p.Status));
        if (participant is null) return BookingErrors.ParticipationNotFound;
        var left = await rdvs.LeaveCollectiveAsync(rdv.Id, participant.UserId, ct);
        if (left.IsSuccess) await notifier.RdvChangedAsync(rdv.Id, new RdvEvent.Cancelled([participant.ParticipationId], WholeRdv: false), author, ct);
        return left;
    }
}
