using RdvSP.Application.Booking.Abstractions;
using RdvSP.Domain.Booking;

namespace RdvSP.Application.Booking.UsagerRdvs;

/// <summary>An rdv as its usager sees it, with what they may do with it now.</summary>
/// <param name="IsCancelled">The rdv is cancelled, or (collective) the family's participation is.</param>
/// <param name="IsUpcoming">Not cancelled and not started yet: the page says why it cannot be cancelled online.</param>
public sealed record UsagerRdvView(RdvDto Rdv, bool CanCancel, bool CanMove, bool IsUpcoming, bool IsCancelled)
{
    /// <summary>The waiting-list checkbox of the RDV page (null where the page does not offer it: lists, link sessions).</summary>
    public WaitingList.WaitingListState? WaitingList { get; init; }

    public static UsagerRdvView From(RdvDto rdv, DateTimeOffset now)
    {
        var status = RdvStatusExtensions.TryParseRdvStatus(rdv.Status, out var s) ? s : RdvStatus.Unknown;
        // The participants loaded are the family's only: once they have all left, it is cancelled for them.
        var cancelled = rdv.IsCancelled || (rdv.Participants.Count > 0 && rdv.Participants.All(p => RdvStatuses.IsCancelled(p.Status)));
        var canCancel = !cancelled && (rdv.Collectif
            ? BookingRules.CanUsagerCancelParticipation(rdv.StartsAt, now, status, rdv.RdvsCancellableByUser)
            : BookingRules.CanUsagerCancel(rdv.StartsAt, now, status, isCollective: false, rdv.RdvsCancellableByUser));
        var canMove = !cancelled && !rdv.Collectif
            && BookableByExtensions.TryParseBookableBy(rdv.BookableBy, out var bookableBy)
            && BookingRules.CanUsagerMove(rdv.StartsAt, now, rdv.CreatedByType == CreatedByTypes.Agent, bookableBy, status, isCollective: false, rdv.RdvsEditableByUser);
        return new UsagerRdvView(rdv, canCancel, canMove, !cancelled && rdv.StartsAt > now, cancelled);
    }
}
