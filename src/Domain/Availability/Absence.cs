using RdvSP.Domain.Common;

namespace RdvSP.Domain.Availability;

/// <summary>
/// An absence ("indisponibilité") of one agent, in all its organisations: one continuous interval from
/// <see cref="FirstDay"/> <see cref="StartTime"/> to <see cref="EndDay"/> <see cref="EndTime"/> (local),
/// optionally repeated (single-day only when recurring).
/// </summary>
public sealed record Absence(
    long Id,
    long AgentId,
    DateOnly FirstDay,
    TimeOnly StartTime,
    DateOnly EndDay,
    TimeOnly EndTime,
    Recurrence? Recurrence)
{
    public bool IsRecurring => Recurrence is not null;

    /// <summary>Whole days between the start day and the end day of each occurrence.</summary>
    public int SpanDays => EndDay.DayNumber - FirstDay.DayNumber;

    public IReadOnlyList<Error> Validate(DateOnly today)
    {
        var errors = new List<Error>();
        if (EndDay.ToDateTime(EndTime) <= FirstDay.ToDateTime(StartTime))
        {
            errors.Add(RecurrenceErrors.EndBeforeStart);
        }

        if (Recurrence is not null && EndDay != FirstDay)
        {
            errors.Add(RecurrenceErrors.RecurringMultiDayAbsence);
        }

        if (!RealisticDates.IsRealistic(FirstDay, today))
        {
            errors.Add(RecurrenceErrors.Unrealistic("first_day", FirstDay));
        }

        if (!RealisticDates.IsRealistic(EndDay, today))
        {
            errors.Add(RecurrenceErrors.Unrealistic("end_day", EndDay));
        }

        if (Recurrence is not null)
        {
            errors.AddRange(Recurrence.Validate(FirstDay));
            if (Recurrence.Until is { } until && !RealisticDates.IsRealistic(until, today))
            {
                errors.Add(RecurrenceErrors.Unrealistic("recurrence_ends_at", until));
            }
        }

        return errors;
    }

    /// <summary>
    /// The SQL pre-filter (§3.5, §10 #5): one-off absence with first_day ≤ to and end_day ≥ from; recurring
    /// absence whose [first_day, until] intersects the range.
    /// </summary>
    public bool MayOccurBetween(DateOnly from, DateOnly to) =>
        Recurrence is null
            ? FirstDay <= to && EndDay >= from
            : FirstDay <= to && !Recurrence.EndsBefore(from);

    public IReadOnlyList<Occurrence> OccurrencesBetween(DateOnly from, DateOnly to, TimeZoneInfo zone) =>
        Occurrences.Expand(this, from, to, zone);
}
