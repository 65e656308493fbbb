using RdvSP.Domain.Availability;

namespace RdvSP.Domain.UnitTests.Support;

internal static class Build
{
    public static Recurrence Weekly(DateOnly starts, int interval = 1, DateOnly? until = null, params DayOfWeek[] days) =>
        Recurrence.Weekly(starts, interval, days, until).Value;

    public static Recurrence Monthly(DateOnly starts, int interval = 1, DateOnly? until = null) =>
        Recurrence.MonthlyLikeFirstDay(starts, interval, until).Value;

    public static OpeningPeriod Plage(DateOnly firstDay, TimeOnly start, TimeOnly end, Recurrence? recurrence = null, long agentId = 1, long? lieuId = 10, long id = 100) =>
        new(id, agentId, lieuId, firstDay, start, end, recurrence);

    public static Absence Absence(DateOnly firstDay, TimeOnly start, TimeOnly end, DateOnly? endDay = null, Recurrence? recurrence = null, long agentId = 1, long id = 200) =>
        new(id, agentId, firstDay, start, endDay ?? firstDay, end, recurrence);

    public static SlotQuery Query(
        DateOnly from,
        DateOnly to,
        DateTimeOffset now,
        int duration,
        IReadOnlyList<OpeningPeriod> plages,
        IReadOnlyList<Absence>? absences = null,
        IReadOnlyList<AgentBusy>? busy = null,
        SlotAudience audience = SlotAudience.Agent,
        BookingWindow? window = null,
        TimeZoneInfo? zone = null,
        HolidayCalendar? holidays = null,
        int? step = null,
        int? buffer = null) => new()
        {
            Motif = new MotifTiming(duration, step, buffer),
            Zone = zone ?? Zones.Paris,
            From = from,
            To = to,
            Now = now,
            Audience = audience,
            Window = window,
            OpeningPeriods = plages,
            Absences = absences ?? [],
            BusyTimes = busy ?? [],
            Holidays = holidays ?? HolidayCalendar.Metropolitan,
        };
}
