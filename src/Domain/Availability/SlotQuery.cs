namespace RdvSP.Domain.Availability;

/// <summary>
/// Everything the slot engine needs, already loaded by the caller: plages already filtered by motif,
/// lieu and agents; the absences and busy RDVs (non-cancelled, any organisation) of those agents.
/// <see cref="From"/> and <see cref="To"/> are inclusive local days of <see cref="Zone"/>.
/// </summary>
public sealed record SlotQuery
{
    public required MotifTiming Motif { get; init; }

    public required TimeZoneInfo Zone { get; init; }

    public required DateOnly From { get; init; }

    public required DateOnly To { get; init; }

    public required DateTimeOffset Now { get; init; }

    public SlotAudience Audience { get; init; } = SlotAudience.Usager;

    /// <summary>Booking delays; ignored for <see cref="SlotAudience.Agent"/>.</summary>
    public BookingWindow? Window { get; init; }

    public IReadOnlyList<OpeningPeriod> OpeningPeriods { get; init; } = [];

    public IReadOnlyList<Absence> Absences { get; init; } = [];

    public IReadOnlyList<AgentBusy> BusyTimes { get; init; } = [];

    public HolidayCalendar Holidays { get; init; } = HolidayCalendar.Metropolitan;
}
