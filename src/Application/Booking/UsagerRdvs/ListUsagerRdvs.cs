using Mediator;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Booking.WaitingList;
using RdvSP.Application.Usagers.Abstractions;

namespace RdvSP.Application.Booking.UsagerRdvs;

/// <summary>"Vos rendez-vous": the family's upcoming (or past) rdvs, 25 a page.</summary>
public sealed record ListUsagerRdvsQuery(long UsagerId, bool Past, int Page = 1) : IQuery<IReadOnlyList<UsagerRdvView>>;

public sealed class ListUsagerRdvsHandler(IRdvRepository rdvs, IUsagerRepository usagers, TimeProvider clock)
    : IQueryHandler<ListUsagerRdvsQuery, IReadOnlyList<UsagerRdvView>>
{
    public const int PageSize = 25;

    public async ValueTask<IReadOnlyList<UsagerRdvView>> Handle(ListUsagerRdvsQuery query, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var family = await usagers.ListFamilyIdsAsync(query.UsagerId, ct);
        var page = Math.Max(1, query.Page);
        // In long: a page number from a link can be large enough to overflow an int offset.
        var list = await rdvs.ListForUsagerAsync(family, query.Past, now, PageSize, (page - 1L) * PageSize, ct);
        return list.Select(r => UsagerRdvView.From(r, now)).ToList();
    }
}

/// <summary>
/// One rdv of the usager or their relatives; null for anyone else's (the page answers 404). With
/// <paramref name="WithWaitingList"/>, also whether the waiting list is offered and the usager subscribed (§5.9).
/// </summary>
public sealed record GetUsagerRdvQuery(long UsagerId, long RdvId, bool WithWaitingList = false) : IQuery<UsagerRdvView?>;

public sealed class GetUsagerRdvHandler(IRdvRepository rdvs, IUsagerRepository usagers, IWaitingListStore waitingList, TimeProvider clock)
    : IQueryHandler<GetUsagerRdvQuery, UsagerRdvView?>
{
    public async ValueTask<UsagerRdvView?> Handle(GetUsagerRdvQuery query, CancellationToken ct)
    {
        var family = await usagers.ListFamilyIdsAsync(query.UsagerId, ct);
        var rdv = await rdvs.GetForUsagerAsync(query.RdvId, family, ct);
        if (rdv is null) return null;
        var now = clock.GetUtcNow();
        var view = UsagerRdvView.From(rdv, now);
        if (!query.WithWaitingList) return view;
        var subscribed = await waitingList.IsSubscribedAsync(rdv.Id, query.UsagerId, ct);
        // A subscription stays visible (and can be left) once the RDV no longer qualifies.
        return view with { WaitingList = new WaitingListState(WaitingListOffer.IsOffered(rdv, now) || subscribed, subscribed) };
    }
}
