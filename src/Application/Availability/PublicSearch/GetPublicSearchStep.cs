using Mediator;
using RdvSP.Application.Availability.SlotSearch;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Common.Abstractions;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Domain.Availability;

namespace RdvSP.Application.Availability.PublicSearch;

public sealed record GetPublicSearchStepQuery(PublicSearchContext Context) : IQuery<PublicSearchStep>;

/// <summary>
/// Computes the current step of the public search from its parameters (REFERENCE-SURFACES §1.2):
/// address → service → motif → lieu or organisation (with next availability) → 7-day slot grid.
/// A step with a single choice is skipped; a choice that does not exist (tampered id) falls back to
/// the step that offers the real choices.
/// </summary>
public sealed class GetPublicSearchStepHandler(
    IPublicCatalogReader catalog,
    IOrganisationRepository organisations,
    IRdvRepository rdvs,
    IAddressLookup addresses,
    SlotSearcher slots,
    IReadModelCache readModels,
    TimeProvider clock) : IQueryHandler<GetPublicSearchStepQuery, PublicSearchStep>
{
    public async ValueTask<PublicSearchStep> Handle(GetPublicSearchStepQuery query, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var context = query.Context;

        // 1. Where: an address (geocoded through the BAN) or a département picked from the list.
        if (string.IsNullOrWhiteSpace(context.Departement))
        {
            string? notice = null;
            if (!string.IsNullOrWhiteSpace(context.Address))
            {
                var found = await addresses.SearchAsync(context.Address, 1, ct);
                if (found.Suggestions.Count > 0)
                {
                    var a = found.Suggestions[0];
                    context = context with { Address = a.Label, Departement = a.Departement, CityCode = a.CityCode, StreetBanId = a.StreetBanId, Latitude = a.Latitude, Longitude = a.Longitude };
                }
                else
                {
                    notice = found.Reachable
                        ? "Nous n'avons pas trouvé cette adresse. Vérifiez-la ou choisissez votre département dans la liste."
                        : "La recherche d'adresse est momentanément indisponible. Choisissez votre département dans la liste.";
                }
            }
            if (string.IsNullOrWhiteSpace(context.Departement))
                return new PublicSearchStep { Kind = PublicSearchStepKind.Address, Context = context, Notice = notice, Departements = await catalog.ListDepartementsAsync(ct) };
        }

        var filter = new PublicCatalogFilter(
            context.Departement!,
            now,
            OrganisationIds: context.PublicLinkOrganisationId is { } linked ? [linked] : null);

        // 2. Service (skipped when only one has motifs).
        var services = await catalog.ListServicesAsync(filter, ct);
        if (services.Count == 0) return Nothing(context);
        if (context.ServiceId is null || services.All(s => s.Id != context.ServiceId))
        {
            if (services.Count > 1)
                return new PublicSearchStep { Kind = PublicSearchStepKind.Service, Context = context with { ServiceId = null }, Services = services };
            context = context with { ServiceId = services[0].Id };
        }

        // 3. Motif, grouped by name and location type across organisations.
        var groups = await catalog.ListMotifGroupsAsync(filter, context.ServiceId, ct);
        var group = groups.FirstOrDefault(g => g.Slug == context.MotifSlug);
        if (group is null)
        {
            if (groups.Count != 1)
                return groups.Count == 0 ? Nothing(context) : new PublicSearchStep { Kind = PublicSearchStepKind.Motif, Context = context with { MotifSlug = null }, MotifGroups = groups, Services = services };
            group = groups[0];
            context = context with { MotifSlug = group.Slug };
        }

        // 4. Lieu (on-site motifs) or organisation (phone, home, visio).
        if (group.LocationType == LocationTypes.PublicOffice)
        {
            var lieux = await catalog.ListLieuxAsync(filter, group.Slug, ct);
            var chosen = lieux.FirstOrDefault(l => l.LieuId == context.LieuId);
            if (chosen is null)
            {
                var choices = await LieuChoicesAsync(lieux, group, context, now, ct);
                return choices.Count == 0
                    ? Nothing(context) with { MotifGroup = group }
                    : new PublicSearchStep { Kind = PublicSearchStepKind.Lieu, Context = context with { LieuId = null }, MotifGroup = group, Lieux = choices };
            }
            return await SlotsStepAsync(context, group, chosen.MotifId, new LieuChoice(chosen, null, Distance(context, chosen)), null, now, ct);
        }

        var orgs = await catalog.ListOrganisationsAsync(filter, group.Slug, ct);
        var org = orgs.FirstOrDefault(o => o.OrganisationId == (context.OrganisationId ?? context.PublicLinkOrganisationId));
        if (org is null)
        {
            var choices = await OrganisationChoicesAsync(orgs, now, ct);
            return choices.Count == 0
                ? Nothing(context) with { MotifGroup = group }
                : new PublicSearchStep { Kind = PublicSearchStepKind.Organisation, Context = context with { OrganisationId = null }, MotifGroup = group, Organisations = choices };
        }
        return await SlotsStepAsync(context, group, org.MotifId, null, new OrganisationChoice(org, null), now, ct);
    }

    private async Task<PublicSearchStep> SlotsStepAsync(
        PublicSearchContext context, PublicMotifGroupDto group, long motifId, LieuChoice? lieu, OrganisationChoice? organisation, DateTimeOffset now, CancellationToken ct)
    {
        var motif = await organisations.GetMotifAsync(motifId, ct);
        if (motif is null) return Nothing(context);
        var step = new PublicSearchStep { Kind = PublicSearchStepKind.Creneaux, Context = context, MotifGroup = group, Motif = motif, Lieu = lieu, Organisation = organisation };

        if (motif.Collectif)
        {
            var window = BookingWindow.FromSeconds(motif.MinPublicBookingDelay, motif.MaxPublicBookingDelay);
            var collective = await rdvs.ListCollectiveAsync(
                new CollectiveRdvQuery([motif.Id], window.EarliestStart(now), window.LatestStart(now), lieu?.Lieu.LieuId), ct);
            return step with { Kind = PublicSearchStepKind.Collective, CollectiveRdvs = collective };
        }

        var org = await organisations.GetOrganisationAsync(motif.OrganisationId, ct);
        var week = await SlotWeekBuilder.BuildAsync(slots, motif, lieu?.Lieu.LieuId, org?.TimeZone, context.Date, now, ct);
        return step with { Week = week, TimeZone = org?.TimeZone ?? "Europe/Paris" };
    }

    private async Task<IReadOnlyList<LieuChoice>> LieuChoicesAsync(
        IReadOnlyList<MotifLieuDto> lieux, PublicMotifGroupDto group, PublicSearchContext context, DateTimeOffset now, CancellationToken ct)
    {
        var nexts = group.Collectif
            ? await CollectiveNextsAsync(lieux, now, ct)
            : await readModels.GetOrLoadAsync(
                // Same for every visitor until something is committed; computed at most once a minute.
                $"next-availability|{string.Join(',', lieux.Select(l => $"{l.MotifId}:{l.LieuId}"))}|{now.UtcTicks / TimeSpan.TicksPerMinute}",
                () => IndividualNextsAsync(lieux, now, ct),
                nexts => nexts.Count,
                ct);
        var choices = lieux
            .Where(l => nexts.ContainsKey(l.LieuId))
            .Select(l => new LieuChoice(l, nexts[l.LieuId], Distance(context, l)))
            .ToList();
        // Nearest first when the address is located, else soonest first (the reference's order).
        return context.Latitude is not null && context.Longitude is not null
            ? choices.OrderBy(c => c.DistanceKm).ThenBy(c => c.NextAvailability).ToList()
            : choices.OrderBy(c => c.NextAvailability).ThenBy(c => c.Lieu.LieuName, StringComparer.Ordinal).ToList();
    }

    /// <summary>Next availability of every lieu from one load of the group's plages, absences and rdvs.</summary>
    private async Task<Dictionary<long, DateTimeOffset>> IndividualNextsAsync(IReadOnlyList<MotifLieuDto> lieux, DateTimeOffset now, CancellationToken ct)
    {
        var targets = new List<(MotifDto Motif, long? LieuId)>(lieux.Count);
        DateOnly? first = null, last = null;
        foreach (var motifId in lieux.Select(l => l.MotifId).Distinct())
        {
            var motif = await organisations.GetMotifAsync(motifId, ct);
            if (motif is null) continue;
            var org = await organisations.GetOrganisationAsync(motif.OrganisationId, ct);
            var zone = SlotSearcher.ZoneOf(org?.TimeZone);
            var today = SlotSearcher.LocalDay(now, zone);
            var horizon = SlotSearcher.LocalDay(BookingWindow.FromSeconds(motif.MinPublicBookingDelay, motif.MaxPublicBookingDelay).LatestStart(now), zone);
            first = first is { } f && f < today ? f : today;
            last = last is { } l && l > horizon ? l : horizon;
            targets.AddRange(lieux.Where(x => x.MotifId == motifId).Select(x => (motif, (long?)x.LieuId)));
        }
        var nexts = new Dictionary<long, DateTimeOffset>();
        if (targets.Count == 0) return nexts;
        var prepared = await slots.PrepareManyAsync(targets, first!.Value, last!.Value, now, ct);
        foreach (var (motif, lieuId) in targets)
        {
            if (prepared[(motif.Id, lieuId)].Next() is { } slot) nexts[lieuId!.Value] = slot.Start;
        }
        return nexts;
    }

    private async Task<Dictionary<long, DateTimeOffset>> CollectiveNextsAsync(IReadOnlyList<MotifLieuDto> lieux, DateTimeOffset now, CancellationToken ct)
    {
        var nexts = new Dictionary<long, DateTimeOffset>();
        foreach (var lieu in lieux)
        {
            if (await NextAvailabilityAsync(lieu.MotifId, lieu.LieuId, collective: true, now, ct) is { } next)
                nexts[lieu.LieuId] = next;
        }
        return nexts;
    }

    private async Task<IReadOnlyList<OrganisationChoice>> OrganisationChoicesAsync(
        IReadOnlyList<MotifOrganisationDto> orgs, DateTimeOffset now, CancellationToken ct)
    {
        var choices = new List<OrganisationChoice>(orgs.Count);
        foreach (var org in orgs)
        {
            var next = await NextAvailabilityAsync(org.MotifId, null, false, now, ct);
            if (next is not null) choices.Add(new OrganisationChoice(org, next));
        }
        return choices.OrderBy(c => c.NextAvailability).ToList();
    }

    /// <summary>The first bookable slot (or collective rdv with seats) within the motif's booking window.</summary>
    private async Task<DateTimeOffset?> NextAvailabilityAsync(long motifId, long? lieuId, bool collective, DateTimeOffset now, CancellationToken ct)
    {
        var motif = await organisations.GetMotifAsync(motifId, ct);
        if (motif is null) return null;
        var window = BookingWindow.FromSeconds(motif.MinPublicBookingDelay, motif.MaxPublicBookingDelay);
        if (collective || motif.Collectif)
        {
            var upcoming = await rdvs.ListCollectiveAsync(new CollectiveRdvQuery([motif.Id], window.EarliestStart(now), window.LatestStart(now), lieuId), ct);
            return upcoming.Count > 0 ? upcoming[0].StartsAt : null;
        }
        var org = await organisations.GetOrganisationAsync(motif.OrganisationId, ct);
        var zone = SlotSearcher.ZoneOf(org?.TimeZone);
        var prepared = await slots.PrepareAsync(
            new SlotSearchRequest(motif, SlotSearcher.LocalDay(now, zone), SlotSearcher.LocalDay(window.LatestStart(now), zone), now, LieuId: lieuId), ct);
        return prepared.Next()?.Start;
    }

    private static PublicSearchStep Nothing(PublicSearchContext context) => new() { Kind = PublicSearchStepKind.Nothing, Context = context };

    /// <summary>Great-circle distance between the searched address and the lieu, in kilometres.</summary>
    private static double? Distance(PublicSearchContext context, MotifLieuDto lieu)
    {
        if (context.Latitude is not { } lat || context.Longitude is not { } lon || (lieu.Latitude == 0 && lieu.Longitude == 0)) return null;
        const double EarthRadiusKm = 6371;
        static double Rad(double deg) => deg * Math.PI / 180;
        var dLat = Rad(lieu.Latitude - lat);
        var dLon = Rad(lieu.Longitude - lon);
        var h = Math.Pow(Math.Sin(dLat / 2), 2) + Math.Cos(Rad(lat)) * Math.Cos(Rad(lieu.Latitude)) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Sqrt(h));
    }
}
