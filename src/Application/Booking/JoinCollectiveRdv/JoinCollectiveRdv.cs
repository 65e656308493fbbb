using Mediator;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Notifications;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Application.Usagers.Abstractions;
using RdvSP.Domain.Availability;
using RdvSP.Domain.Common;
using RdvSP.Domain.Notifications;

namespace RdvSP.Application.Booking.JoinCollectiveRdv;

/// <summary>"S'inscrire" to a collective rdv (§5.5): one member per family, seats enforced atomically.</summary>
public sealed record JoinCollectiveRdvCommand(long UsagerId, long RdvId, long ParticipantId) : ICommand<Result<long>>;

public sealed class JoinCollectiveRdvHandler(
    IRdvRepository rdvs, IUsagerRepository usagers, IOrganisationRepository organisations, IRdvNotifier notifier, TimeProvider clock)
    : ICommandHandler<JoinCollectiveRdvCommand, Result<long>>
{
    public async ValueTask<Result<long>> Handle(JoinCollectiveRdvCommand command, CancellationToken ct)
    {
        var family = await usagers.ListFamilyIdsAsync(command.UsagerId, ct);
        if (!family.Contains(command.ParticipantId)) return BookingUseCaseErrors.ParticipantNotInFamily;
        var rdv = await rdvs.GetAsync(command.RdvId, ct);
        if (rdv is null || !rdv.Collectif) return BookingErrors.RdvNotFound;
        var motif = await organisations.GetMotifAsync(rdv.MotifId, ct);
        if (motif is null || motif.BookableBy != BookableBy.Everyone) return BookingUseCaseErrors.MotifNotBookableOnline;
        if (await PhoneRdvRule.LacksPhoneNumberAsync(motif, command.UsagerId, usagers, ct)) return BookingUseCaseErrors.PhoneNumberRequired;

        // Same rule as the list of ateliers offered: future, not revoked, inside the booking window.
        var now = clock.GetUtcNow();
        var window = BookingWindow.FromSeconds(motif.MinPublicBookingDelay, motif.MaxPublicBookingDelay);
        if (rdv.Status == RdvStatuses.Revoked || rdv.StartsAt < window.EarliestStart(now) || rdv.StartsAt > window.LatestStart(now))
            return BookingErrors.CollectiveUnavailable;

        // The notify flags default to the motif's visibility, as for an individual booking.
        var notified = motif.VisibilityType == VisibilityTypes.VisibleAndNotified;
        var joined = await rdvs.JoinCollectiveAsync(
            new CollectiveJoin(rdv.Id, command.ParticipantId, family, CreatedByTypes.User, command.UsagerId,
                SendLifecycleNotifications: notified, SendReminderNotification: notified),
            ct);
        if (joined.IsFailure) return joined;
        await usagers.AddFamilyToOrganisationAsync(command.UsagerId, rdv.OrganisationId, ct);
        await notifier.RdvChangedAsync(rdv.Id, new RdvEvent.Created([joined.Value]), Author.Usager(command.UsagerId), ct);
        return joined;
    }
}
