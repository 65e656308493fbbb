using RdvSP.Domain.Availability;

namespace RdvSP.Benchmarks;

/// <summary>The benchmark shapes of issue 3, built once per benchmark class.</summary>
public static class Scenarios
{
    public static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public static readonly DateOnly Today = new(2025, 1, 6); // a Monday

    public static readonly DateTimeOffset Now = At(Today, new TimeOnly(7, 0));

    private static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public static DateTimeOffset At(DateOnly day, TimeOnly time) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(time), Paris), TimeSpan.Zero);

    public static Recurrence WeekdaysFrom(DateOnly first) => Recurrence.Weekly(first, 1, Weekdays).Value;

    /// <summary>(a) one agent, weekdays 09:00–12:00 and 13:30–17:00, 30-minute motif, 6 RDVs a day, 2 absences a month.</summary>
    public static SlotQuery OneAgent(int days)
    {
        long agent = 1;
        var plages = new[]
        {
            new OpeningPeriod(1, agent, 10, Today, new TimeOnly(9, 0), new TimeOnly(12, 0), WeekdaysFrom(Today)),
            new OpeningPeriod(2, agent, 10, Today, new TimeOnly(13, 30), new TimeOnly(17, 0), WeekdaysFrom(Today)),
        };
        var busy = new List<AgentBusy>();
        var absences = new List<Absence>();
        var to = Today.AddDays(days - 1);
        for (var day = Today; day <= to; day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }

            // 6 RDVs: 3 in the morning, 3 in the afternoon, some off the 30-minute grid.
            foreach (var (h, m) in new[] { (9, 0), (10, 0), (11, 15), (13, 30), (14, 40), (16, 0) })
            {
                var start = At(day, new TimeOnly(h, m));
                busy.Add(new AgentBusy(agent, start, start.AddMinutes(30)));
            }

            if (day.Day is 10 or 24)
            {
                absences.Add(new Absence(absences.Count + 1, agent, day, new TimeOnly(8, 0), day, new TimeOnly(12, 0), null));
            }
        }

        return new SlotQuery
        {
            Motif = new MotifTiming(30),
            Zone = Paris,
            From = Today,
            To = to,
            Now = Now,
            Audience = SlotAudience.Agent,
            OpeningPeriods = plages,
            Absences = absences,
            BusyTimes = busy,
        };
    }

    /// <summary>(b) one motif served by 60 lieux × 2 agents over 6 weeks, 4 RDVs a day per agent.</summary>
    public static SlotQuery SixtyLieux(SlotAudience audience)
    {
        var plages = new List<OpeningPeriod>();
        var busy = new List<AgentBusy>();
        var to = Today.AddDays(41);
        for (var lieu = 1; lieu <= 60; lieu++)
        {
            for (var k = 0; k < 2; k++)
            {
                long agent = (lieu * 2) + k;
                plages.Add(new OpeningPeriod(agent * 10, agent, lieu, Today, new TimeOnly(9, 0), new TimeOnly(12, 0), WeekdaysFrom(Today)));
                plages.Add(new OpeningPeriod((agent * 10) + 1, agent, lieu, Today, new TimeOnly(14, 0), new TimeOnly(17, 0), WeekdaysFrom(Today)));
                for (var day = Today; day <= to; day = day.AddDays(1))
                {
                    foreach (var h in new[] { 9 + (int)(agent % 3), 14 + (int)(agent % 3) })
                    {
                        var start = At(day, new TimeOnly(h, 0));
                        busy.Add(new AgentBusy(agent, start, start.AddMinutes(45)));
                        busy.Add(new AgentBusy(agent, start.AddHours(1), start.AddHours(1).AddMinutes(20)));
                    }
                }
            }
        }

        busy.Sort((x, y) => x.Start.CompareTo(y.Start));
        return new SlotQuery
        {
            Motif = new MotifTiming(30),
            Zone = Paris,
            From = Today,
            To = to,
            Now = Now,
            Audience = audience,
            Window = BookingWindow.Default,
            OpeningPeriods = plages,
            BusyTimes = busy,
        };
    }

    /// <summary>(c) one agent with 28 recurring plages (4 a day, every day) over 7 days.</summary>
    public static SlotQuery TwentyEightPlages()
    {
        var plages = new List<OpeningPeriod>();
        for (var d = 0; d < 7; d++)
        {
            var first = Today.AddDays(d);
            for (var k = 0; k < 4; k++)
            {
                var start = new TimeOnly(8 + (k * 3), 0);
                plages.Add(new OpeningPeriod(plages.Count + 1, 1, 10 + k, first, start, start.AddHours(2), Recurrence.Weekly(first).Value));
            }
        }

        var busy = new List<AgentBusy>();
        for (var d = 0; d < 7; d++)
        {
            var start = At(Today.AddDays(d), new TimeOnly(9, 0));
            busy.Add(new AgentBusy(1, start, start.AddMinutes(40)));
            busy.Add(new AgentBusy(1, start.AddHours(6), start.AddHours(6).AddMinutes(15)));
        }

        return new SlotQuery
        {
            Motif = new MotifTiming(20),
            Zone = Paris,
            From = Today,
            To = Today.AddDays(6),
            Now = Now,
            Audience = SlotAudience.Agent,
            OpeningPeriods = plages,
            BusyTimes = busy,
        };
    }

    /// <summary>(d) next availability 6 months ahead, calendar fully booked until the last week.</summary>
    public static SlotQuery FullyBooked()
    {
        var to = Today.AddMonths(6);
        var lastWeek = to.AddDays(-6);
        var plages = new[]
        {
            new OpeningPeriod(1, 1, 10, Today, new TimeOnly(9, 0), new TimeOnly(12, 0), WeekdaysFrom(Today)),
            new OpeningPeriod(2, 1, 10, Today, new TimeOnly(13, 30), new TimeOnly(17, 0), WeekdaysFrom(Today)),
        };
        var busy = new List<AgentBusy>();
        for (var day = Today; day < lastWeek; day = day.AddDays(1))
        {
            for (var t = new TimeOnly(9, 0); t < new TimeOnly(17, 0); t = t.AddMinutes(30))
            {
                var start = At(day, t);
                busy.Add(new AgentBusy(1, start, start.AddMinutes(30)));
            }
        }

        return new SlotQuery
        {
            Motif = new MotifTiming(30),
            Zone = Paris,
            From = Today,
            To = to,
            Now = Now,
            Audience = SlotAudience.Usager,
            Window = BookingWindow.FromSeconds(1800, 200 * 24 * 3600),
            OpeningPeriods = plages,
            BusyTimes = busy,
        };
    }
}
