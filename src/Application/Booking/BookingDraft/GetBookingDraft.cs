using Mediator;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Application.Usagers.Abstractions;
using RdvSP.Domain.Availability;
using RdvSP.Domain.Common;

namespace RdvSP.Application.Booking.BookingDraft;

/// <summary>
/// What the booking wizard shows at each step (REFERENCE-SURFACES §1.3), after re-checking that the
/// slot (or the collective rdv's seat) is still available: "Ce créneau n'est plus disponible" otherwise.
/// </summary>
public sealed record GetBookingDraftQuery(long UsagerId, long MotifId, long? LieuId, DateTimeOffset? StartsAt, long? RdvCollectifId) : IQuery<Result<BookingDraft>>;

public sealed record BookingDraft(
    MotifDto Motif,
    OrganisationDto Organisation,
    LieuDto? Lieu,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    CollectiveRdvDto? CollectiveRdv,
    UsagerDto Usager,
    IReadOnlyList<UsagerDto> Relatives)
{
    public string TimeZone => Organisation.TimeZone;

    /// <summary>The confirmation would be refused for want of a phone number: the wizard says so at step 1.</summary>
    public bool LacksPhoneNumber => PhoneRdvRule.LacksPhoneNumber(Motif, Usager);
}

public sealed class GetBookingDraftHandler(
    BookingSlotChecker checker,
    IOrganisationRepository organisations,
    IRdvRepository rdvs,
    IUsagerRepository usagers,
    TimeProvider clock) : IQueryHandler<GetBookingDraftQuery, Result<BookingDraft>>
{
    public async ValueTask<Result<BookingDraft>> Handle(GetBookingDraftQuery query, CancellationToken ct)
    {
        var usager = await usagers.GetAsync(query.UsagerId, ct);
        if (usager is null) return BookingErrors.RdvNotFound;
        var relatives = await usagers.ListRelativesAsync(usager.Id, ct);

        MotifDto motif;
        LieuDto? lieu = null;
        DateTimeOffset start, end;
        CollectiveRdvDto? collective = null;
        if (query.RdvCollectifId is { } rdvId)
        {
            var m = await organisations.GetMotifAsync(query.MotifId, ct);
            if (m is null || !m.Collectif || m.BookableBy != BookableBy.Everyone) return BookingUseCaseErrors.MotifNotBookableOnline;
            var now = clock.GetUtcNow();
            var window = BookingWindow.FromSeconds(m.MinPublicBookingDelay, m.MaxPublicBookingDelay);
            var open = await rdvs.ListCollectiveAsync(new CollectiveRdvQuery([m.Id], window.EarliestStart(now), window.LatestStart(now)), ct);
            collective = open.FirstOrDefault(r => r.Id == rdvId);
            if (collective is null) return BookingErrors.CollectiveUnavailable;
            motif = m;
            start = collective.StartsAt;
            end = collective.EndsAt;
            if (collective.LieuId is { } collectiveLieu) lieu = await organisations.GetLieuAsync(collectiveLieu, ct);
        }
        else
        {
            if (query.StartsAt is not { } startsAt) return BookingErrors.SlotUnavailable;
            var check = await checker.FindFreeAgentsAsync(query.MotifId, query.LieuId, startsAt, ct);
            if (check.IsFailure) return check.Error;
            motif = check.Value.Motif;
            start = check.Value.Slot.Start;
            end = check.Value.Slot.End;
            if (query.LieuId is { } lieuId) lieu = await organisations.GetLieuAsync(lieuId, ct);
        }

        var organisation = await organisations.GetOrganisationAsync(motif.OrganisationId, ct);
        if (organisation is null) return BookingErrors.RdvNotFound;
        return new BookingDraft(motif, organisation, lieu, start, end, collective, usager, relatives);
    }
}
