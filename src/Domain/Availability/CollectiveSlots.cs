namespace RdvSP.Domain.Availability;

/// <summary>
/// Collective RDVs still offered (§4.6, §10 #13): in the future, not revoked, with seats left, starting in
/// the booking window when one applies; sorted by start. Having joined one does not hide it.
/// </summary>
public static class CollectiveSlots
{
    public static IReadOnlyList<CollectiveRdv> Filter(IEnumerable<CollectiveRdv> rdvs, DateTimeOffset now, BookingWindow? window)
    {
        ArgumentNullException.ThrowIfNull(rdvs);
        var result = new List<CollectiveRdv>();
        foreach (var rdv in rdvs)
        {
            if (rdv.Revoked || !rdv.HasSeatsLeft || rdv.Start <= now)
            {
                continue;
            }

            if (window is not null && (rdv.Start < window.EarliestStart(now) || rdv.Start > window.LatestStart(now)))
            {
                continue;
            }

            result.Add(rdv);
        }

        result.Sort(static (x, y) => x.Start != y.Start ? x.Start.CompareTo(y.Start) : x.RdvId.CompareTo(y.RdvId));
        return result;
    }

    /// <summary>Same, at one lieu (exact match: a null lieu only matches RDVs without lieu).</summary>
    public static IReadOnlyList<CollectiveRdv> Filter(IEnumerable<CollectiveRdv> rdvs, DateTimeOffset now, BookingWindow? window, long? lieuId)
    {
        ArgumentNullException.ThrowIfNull(rdvs);
        return Filter(rdvs.Where(r => r.LieuId == lieuId), now, window);
    }

    /// <summary>The first collective RDV still offered, if any (next availability of a collective motif).</summary>
    public static CollectiveRdv? Next(IEnumerable<CollectiveRdv> rdvs, DateTimeOffset now, BookingWindow? window)
    {
        var offered = Filter(rdvs, now, window);
        return offered.Count == 0 ? null : offered[0];
    }
}
