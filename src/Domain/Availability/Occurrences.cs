namespace RdvSP.Domain.Availability;

/// <summary>
/// Expansion of plages and absences into UTC occurrences over local days (REFERENCE-DOMAIN §3.5 with
/// §13 rows 2–4): each end keeps its wall-clock time; one conversion per occurrence boundary.
/// </summary>
public static class Occurrences
{
    public static IReadOnlyList<Occurrence> Expand(OpeningPeriod period, DateOnly from, DateOnly to, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(period);
        return Expand(period.FirstDay, period.StartTime, 0, period.EndTime, period.Recurrence, from, to, zone);
    }

    public static IReadOnlyList<Occurrence> Expand(Absence absence, DateOnly from, DateOnly to, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(absence);
        return Expand(absence.FirstDay, absence.StartTime, absence.SpanDays, absence.EndTime, absence.Recurrence, from, to, zone);
    }

    /// <summary>
    /// Occurrences whose local interval intersects [from 00:00, to 24:00] (touching counts, as in the
    /// reference); an occurrence that started before the range and is still running is included.
    /// </summary>
    internal static IReadOnlyList<Occurrence> Expand(
        DateOnly firstDay, TimeOnly startTime, int spanDays, TimeOnly endTime, Recurrence? recurrence,
        DateOnly from, DateOnly to, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var result = new List<Occurrence>();
        if (to < from)
        {
            return result;
        }

        var offsets = ZoneOffsets.For(zone, from.AddDays(-Math.Max(spanDays, 0) - 1), to);
        var rangeStart = from.DayNumber * TimeSpan.TicksPerDay;
        var rangeEnd = (to.DayNumber + 1) * TimeSpan.TicksPerDay;
        var cursor = new RecurrenceCursor(recurrence, firstDay, from.AddDays(-Math.Max(spanDays, 0)), to);
        while (cursor.MoveNext(out var day))
        {
            var localStart = (day.DayNumber * TimeSpan.TicksPerDay) + startTime.Ticks;
            var localEnd = ((day.DayNumber + spanDays) * TimeSpan.TicksPerDay) + endTime.Ticks;
            if (localEnd < rangeStart || localStart > rangeEnd)
            {
                continue;
            }

            result.Add(new Occurrence(
                new DateTimeOffset(offsets.ToUtcTicks(localStart), TimeSpan.Zero),
                new DateTimeOffset(offsets.ToUtcTicks(localEnd), TimeSpan.Zero)));
        }

        return result;
    }
}
