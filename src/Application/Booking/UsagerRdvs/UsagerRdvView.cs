using RdvSP.Application.Booking.Abstractions;
using RdvSP.Domain.Booking;

namespace RdvSP.Application.Booking.UsagerRdvs;

/// <summary>An rdv as its usager sees it, with what they may do with it now.</summary>
/// <param name="IsUpcoming">Not cancelled and not started yet: the page says why it cannot be cancelled online.</param>
public sealed record UsagerRdvView(RdvDto Rdv, bool CanCancel, bool CanMove, bool IsUpcoming)
{
    public static UsagerRdvView From(RdvDto rdv, DateTimeOffset now)
    {
        var status = RdvStatusExtensions.TryParseRdvStatus(rdv.Status, out var s) ? s : RdvStatus.Unknown;
        var canCancel = rdv.Collectif
            ? BookingRules.CanUsagerCancelParticipation(rdv.StartsAt, now, status, rdv.RdvsCancellableByUser)
            : BookingRules.CanUsagerCancel(rdv.StartsAt, now, status, isCollective: false, rdv.RdvsCancellableByUser);
        var canMove = !rdv.Collectif
            && BookableByExtensions.TryParseBookableBy(rdv.BookableBy, out var bookableBy)
            && BookingRules.CanUsagerMove(rdv.StartsAt, now, rdv.CreatedByType == CreatedByTypes.Agent, bookableBy, status, isCollective: false, rdv.RdvsEditableByUser);
        return new UsagerRdvView(rdv, canCancel, canMove, !rdv.IsCancelled && rdv.StartsAt > now);
    }
}
