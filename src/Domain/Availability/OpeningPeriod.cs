using RdvSP.Domain.Common;

namespace RdvSP.Domain.Availability;

/// <summary>
/// A plage d'ouverture: one agent's wall-clock availability window on <see cref="FirstDay"/> (and its
/// recurrences) from <see cref="StartTime"/> to <see cref="EndTime"/> the same day, local to the
/// organisation's time zone.
/// </summary>
public sealed record OpeningPeriod(
    long Id,
    long AgentId,
    long? LieuId,
    DateOnly FirstDay,
    TimeOnly StartTime,
    TimeOnly EndTime,
    Recurrence? Recurrence)
{
    /// <summary>Motifs served; informative for the engine (callers pass plages already filtered by motif).</summary>
    public IReadOnlyList<long> MotifIds { get; init; } = [];

    public bool IsRecurring => Recurrence is not null;

    public IReadOnlyList<Error> Validate(DateOnly today)
    {
        var errors = new List<Error>();
        if (EndTime <= StartTime)
        {
            errors.Add(RecurrenceErrors.EndBeforeStart);
        }

        if (!RealisticDates.IsRealistic(FirstDay, today))
        {
            errors.Add(RecurrenceErrors.Unrealistic("first_day", FirstDay));
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
    /// The SQL pre-filter (§3.5, §10 #5): one-off plage with first_day in the range; recurring plage whose
    /// [first_day, until] (open end = +∞) intersects it. An ended recurrence is never expanded.
    /// </summary>
    public bool MayOccurBetween(DateOnly from, DateOnly to) =>
        Recurrence is null
            ? FirstDay >= from && FirstDay <= to
            : FirstDay <= to && !Recurrence.EndsBefore(from);

    /// <summary>Occurrences intersecting the local days [from, to] (touching counts), in UTC, sorted.</summary>
    public IReadOnlyList<Occurrence> OccurrencesBetween(DateOnly from, DateOnly to, TimeZoneInfo zone) =>
        Occurrences.Expand(this, from, to, zone);
}
