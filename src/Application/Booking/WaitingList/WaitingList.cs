using Mediator;
using RdvSP.Application.Availability.SlotSearch;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Common.Abstractions;
using RdvSP.Application.Notifications;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Application.Usagers.Abstractions;
using RdvSP.Domain.Booking;
using RdvSP.Domain.Common;
using RdvSP.Domain.Notifications;

namespace RdvSP.Application.Booking.WaitingList;

/// <summary>booking.file_attentes (REFERENCE-DOMAIN §2.13, §5.9).</summary>
public interface IWaitingListStore
{
    Task<bool> IsSubscribedAsync(long rdvId, long userId, CancellationToken cancellationToken);

    Task SubscribeAsync(long rdvId, long userId, CancellationToken cancellationToken);

    Task UnsubscribeAsync(long rdvId, long userId, CancellationToken cancellationToken);

    /// <summary>Subscriptions of non-cancelled RDVs starting after <paramref name="startsAfter"/> with fewer than 3 notifications, newest first.</summary>
    Task<IReadOnlyList<WaitingListEntry>> CandidatesAsync(DateTimeOffset startsAfter, CancellationToken cancellationToken);

    /// <summary>Counts one more notification, only if nobody else did since <paramref name="entry"/> was read (false then).</summary>
    Task<bool> MarkNotifiedAsync(WaitingListEntry entry, DateTimeOffset now, CancellationToken cancellationToken);
}

public sealed record WaitingListEntry
{
    public long Id { get; init; }
    public long RdvId { get; init; }
    public long UserId { get; init; }
    public int NotificationsSent { get; init; }
    public DateTimeOffset? LastCreneauSentAt { get; init; }
    public DateTimeOffset StartsAt { get; init; }
    public long MotifId { get; init; }
    public long? LieuId { get; init; }
    public string LocationType { get; init; } = "";
    public string TimeZone { get; init; } = "Europe/Paris";
}

/// <summary>What the usager's RDV page shows about the waiting list: offered at all, and subscribed or not.</summary>
public sealed record WaitingListState(bool Offered, bool Subscribed);

public static class WaitingListOffer
{
    /// <summary>REFERENCE-DOMAIN §5.9: bookable by everyone, individual, not cancelled, more than 7 days ahead, not at home.</summary>
    public static bool IsOffered(RdvDto rdv, DateTimeOffset now) =>
        BookableByExtensions.TryParseBookableBy(rdv.BookableBy, out var bookableBy)
        && LocationTypeExtensions.TryParseLocationType(rdv.LocationType, out var locationType)
        && BookingRules.WaitingListEligible(
            rdv.StartsAt, now, bookableBy, locationType,
            RdvStatusExtensions.TryParseRdvStatus(rdv.Status, out var status) ? status : RdvStatus.Unknown,
            rdv.Collectif);
}

/// <summary>"Je souhaite être prévenu si un créneau se libère" on the usager's RDV page: subscribe or unsubscribe.</summary>
public sealed record SetWaitingListCommand(long UsagerId, long RdvId, bool Subscribe) : ICommand<Result>;

public sealed class SetWaitingListHandler(IRdvRepository rdvs, IUsagerRepository usagers, IWaitingListStore store, TimeProvider clock)
    : ICommandHandler<SetWaitingListCommand, Result>
{
    public static readonly Error NotOffered = new("booking.waiting_list_not_offered",
        "La liste d'attente n'est pas proposée pour ce RDV (RDV annulé, collectif, à domicile, dans moins de 7 jours, ou non réservable en ligne).");

    public async ValueTask<Result> Handle(SetWaitingListCommand command, CancellationToken cancellationToken)
    {
        var family = await usagers.ListFamilyIdsAsync(command.UsagerId, cancellationToken);
        if (await rdvs.GetForUsagerAsync(command.RdvId, family, cancellationToken) is not { } rdv) return BookingErrors.RdvNotFound;
        if (!command.Subscribe)
        {
            // Leaving is always possible, even once the RDV is no longer eligible.
            await store.UnsubscribeAsync(rdv.Id, command.UsagerId, cancellationToken);
            return Result.Success;
        }
        if (!WaitingListOffer.IsOffered(rdv, clock.GetUtcNow())) return NotOffered;
        await store.SubscribeAsync(rdv.Id, command.UsagerId, cancellationToken);
        return Result.Success;
    }
}

/// <summary>
/// The waiting-list job (REFERENCE-DOMAIN §5.9), every 10 minutes 09:00–18:50 Paris: for each subscription of an
/// RDV more than 7 days ahead (newest first, phone motifs skipped), searches free slots of the RDV's motif and lieu
/// from today to 2 days before the RDV (usager booking delays applied); when there is one and the subscription
/// got fewer than 3 notifications and none today, tells the RDV's usagers through the outbox (e-mail + SMS with
/// the participation link) and counts it — each subscription in its own transaction.
/// </summary>
public sealed class WaitingListNotifications(
    IWaitingListStore store, IOrganisationRepository organisations, SlotSearcher slots, IRdvNotifier notifier, IUnitOfWork unitOfWork, TimeProvider clock)
{
    public const string JobId = "booking-waiting-list";

    /// <summary>Every 10 minutes from 09:00 to 18:50 (Europe/Paris).</summary>
    public const string Cron = "*/10 9-18 * * *";

    /// <returns>The number of subscriptions notified.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var notified = 0;
        foreach (var entry in await store.CandidatesAsync(now + BookingRules.WaitingListNotice, cancellationToken))
        {
            if (!LocationTypeExtensions.TryParseLocationType(entry.LocationType, out var locationType)
                || !WaitingListRules.ShouldCheck(entry.StartsAt, now, locationType)) continue;
            var zone = SlotSearcher.ZoneOf(entry.TimeZone);
            var today = SlotSearcher.LocalDay(now, zone);
            DateOnly? lastNotified = entry.LastCreneauSentAt is { } sent ? SlotSearcher.LocalDay(sent, zone) : null;
            // The caps first: no slot search for a subscription that may not be told anyway.
            if (!WaitingListRules.ShouldNotify(true, entry.NotificationsSent, lastNotified, today)) continue;
            var (first, last) = WaitingListRules.SearchDays(today, SlotSearcher.LocalDay(entry.StartsAt, zone));
            if (last < first || await organisations.GetMotifAsync(entry.MotifId, cancellationToken) is not { } motif) continue;
            var found = (await slots.PrepareAsync(new SlotSearchRequest(motif, first, last, now, LieuId: entry.LieuId), cancellationToken)).Slots();
            if (!WaitingListRules.ShouldNotify(found.Count > 0, entry.NotificationsSent, lastNotified, today)) continue;

            await unitOfWork.BeginAsync(cancellationToken);
            try
            {
                if (await store.MarkNotifiedAsync(entry, now, cancellationToken))
                {
                    await notifier.RdvChangedAsync(entry.RdvId, new RdvEvent.WaitingList(), Author.System, cancellationToken);
                    notified++;
                }
                await unitOfWork.CommitAsync(cancellationToken);
            }
            catch
            {
                await unitOfWork.RollbackAsync(CancellationToken.None);
                throw;
            }
        }
        return notified;
    }
}
