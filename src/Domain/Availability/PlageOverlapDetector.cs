namespace RdvSP.Domain.Availability;

/// <summary>
/// Warning-level overlap between plages of one agent (REFERENCE-DOMAIN §3.7). Overlapping plages stay
/// allowed and are not subtracted from each other in slot computation (§13 row 11).
/// </summary>
public static class PlageOverlapDetector
{
    /// <summary>How far ahead two recurring plages are compared.</summary>
    public static readonly int HorizonMonths = 6;

    public static bool Overlaps(OpeningPeriod a, OpeningPeriod b, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.AgentId != b.AgentId || (a.Id == b.Id && a.Id != 0))
        {
            return false;
        }

        // Times of day must strictly intersect (touching plages do not overlap).
        if (!(a.StartTime < b.EndTime && b.StartTime < a.EndTime))
        {
            return false;
        }

        if (a.Recurrence is null && b.Recurrence is null)
        {
            return a.FirstDay == b.FirstDay;
        }

        if (LastDay(a) < b.FirstDay || LastDay(b) < a.FirstDay)
        {
            return false;
        }

        if (a.Recurrence is { } ra && b.Recurrence is { } rb && !CompatiblePatterns(a, ra, b, rb))
        {
            return false;
        }

        DateOnly from, to;
        if (a.Recurrence is null || b.Recurrence is null)
        {
            var oneOff = a.Recurrence is null ? a : b;
            if (oneOff.FirstDay < today)
            {
                return false;
            }

            from = to = oneOff.FirstDay;
        }
        else
        {
            var earlierFirst = a.FirstDay < b.FirstDay ? a.FirstDay : b.FirstDay;
            from = earlierFirst > today ? earlierFirst : today;
            to = Min(Min(LastDay(a), LastDay(b)), today.AddMonths(HorizonMonths));
        }

        return to >= from && DatesIntersect(a, b, from, to);
    }

    /// <summary>The other plages of the same agent that <paramref name="candidate"/> overlaps.</summary>
    public static IReadOnlyList<OpeningPeriod> FindOverlapping(OpeningPeriod candidate, IEnumerable<OpeningPeriod> others, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(others);
        var result = new List<OpeningPeriod>();
        foreach (var other in others)
        {
            if (!ReferenceEquals(other, candidate) && Overlaps(candidate, other, today))
            {
                result.Add(other);
            }
        }

        return result;
    }

    /// <summary>The benign warning shown with the plage form.</summary>
    public static string WarningMessage(int count) => count == 1
        ? "Cette plage d'ouverture chevauche une autre plage d'ouverture de l'agent."
        : $"Cette plage d'ouverture chevauche {count} autres plages d'ouverture de l'agent.";

    private static bool CompatiblePatterns(OpeningPeriod a, Recurrence ra, OpeningPeriod b, Recurrence rb)
    {
        if (ra.Every == RecurrenceFrequency.Week && rb.Every == RecurrenceFrequency.Week)
        {
            return (WeeklyMask(a, ra) & WeeklyMask(b, rb)) != 0;
        }

        if (ra.Every == RecurrenceFrequency.Month && rb.Every == RecurrenceFrequency.Month
            && ra.MonthlyWeekdayNumber is { } na && rb.MonthlyWeekdayNumber is { } nb)
        {
            return na == nb && ra.MonthlyWeekday == rb.MonthlyWeekday;
        }

        return true;
    }

    private static int WeeklyMask(OpeningPeriod p, Recurrence r) =>
        r.WeekdayMask != 0 ? r.WeekdayMask : 1 << Recurrence.MondayIndex(p.FirstDay.DayOfWeek);

    private static bool DatesIntersect(OpeningPeriod a, OpeningPeriod b, DateOnly from, DateOnly to)
    {
        var ca = new RecurrenceCursor(a.Recurrence, a.FirstDay, from, to);
        var cb = new RecurrenceCursor(b.Recurrence, b.FirstDay, from, to);
        if (!ca.MoveNext(out var da) || !cb.MoveNext(out var db))
        {
            return false;
        }

        while (true)
        {
            if (da == db)
            {
                return true;
            }

            if (da < db ? !ca.MoveNext(out da) : !cb.MoveNext(out db))
            {
                return false;
            }
        }
    }

    private static DateOnly LastDay(OpeningPeriod p) =>
        p.Recurrence is null ? p.FirstDay : p.Recurrence.Until ?? DateOnly.MaxValue;

    private static DateOnly Min(DateOnly x, DateOnly y) => x < y ? x : y;
}
