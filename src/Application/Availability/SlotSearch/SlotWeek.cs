using RdvSP.Application.Organisations.Abstractions;

namespace RdvSP.Application.Availability.SlotSearch;

/// <summary>Seven local days of slot start times; a day past the booking horizon is "closed".</summary>
public sealed record SlotWeek(
    DateOnly FirstDay,
    IReadOnlyList<SlotDay> Days,
    DateOnly? PreviousWeek,
    DateOnly NextWeek,
    DateTimeOffset? NextAvailability);

public sealed record SlotDay(DateOnly Day, bool ClosedForBooking, IReadOnlyList<SlotStart> Starts);

/// <summary>One button of the grid: the local time shown and the instant booked.</summary>
public sealed record SlotStart(DateTimeOffset StartsAt, TimeOnly LocalTime);

/// <summary>Builds the 7-day grid shown to usagers (public search, move page).</summary>
public static class SlotWeekBuilder
{
    public const int Days = 7;

    public static async Task<SlotWeek> BuildAsync(
        SlotSearcher searcher, MotifDto motif, long? lieuId, string? timeZone, DateOnly? requested, DateTimeOffset now, CancellationToken ct)
    {
        var zone = SlotSearcher.ZoneOf(timeZone);
        var today = SlotSearcher.LocalDay(now, zone);
        var first = requested is { } d && d > today ? d : today;
        var last = first.AddDays(Days - 1);
        var found = (await searcher.PrepareAsync(new SlotSearchRequest(motif, first, last, now, LieuId: lieuId), ct)).Slots();

        // Days past the booking horizon are shown as closed, as the reference does.
        var horizon = SlotSearcher.LocalDay(now + TimeSpan.FromSeconds(motif.MaxPublicBookingDelay), zone);
        var byDay = found
            .Select(s => (Slot: s, Local: TimeZoneInfo.ConvertTime(s.Start, zone).DateTime))
            .GroupBy(x => DateOnly.FromDateTime(x.Local))
            .ToDictionary(g => g.Key, g => g.Select(x => new SlotStart(x.Slot.Start, TimeOnly.FromDateTime(x.Local))).ToList());
        var days = new List<SlotDay>(Days);
        for (var day = first; day <= last; day = day.AddDays(1))
            days.Add(new SlotDay(day, day > horizon, byDay.TryGetValue(day, out var starts) ? starts : []));

        DateTimeOffset? next = null;
        if (found.Count == 0 && last < horizon)
            next = (await searcher.PrepareAsync(new SlotSearchRequest(motif, last.AddDays(1), horizon, now, LieuId: lieuId), ct)).Next()?.Start;

        DateOnly? previous = first > today ? (first.AddDays(-Days) > today ? first.AddDays(-Days) : today) : null;
        return new SlotWeek(first, days, previous, first.AddDays(Days), next);
    }
}
