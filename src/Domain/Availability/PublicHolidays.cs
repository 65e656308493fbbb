using System.Collections.Concurrent;

namespace RdvSP.Domain.Availability;

/// <summary>French public holidays computed for any year (Gregorian Easter), per calendar.</summary>
public static class PublicHolidays
{
    private static readonly ConcurrentDictionary<(HolidayCalendar Calendar, int Year), DateOnly[]> Cache = new();

    /// <summary>The holidays of <paramref name="year"/>, sorted.</summary>
    public static IReadOnlyList<DateOnly> For(int year, HolidayCalendar calendar) => Array.AsReadOnly(ForYear(year, calendar));

    /// <summary>Allocation-free check, no cache needed: fixed days by month/day, moving days from Easter.</summary>
    public static bool IsHoliday(DateOnly day, HolidayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (calendar.IsEmpty)
        {
            return false;
        }

        var fixedDay = (day.Month, day.Day) switch
        {
            (1, 1) or (5, 1) or (5, 8) or (7, 14) or (8, 15) or (11, 1) or (11, 11) or (12, 25) => true,
            (12, 26) => calendar.IncludesAlsaceMoselleDays,
            _ => calendar.AbolitionOfSlavery is { } abolition && abolition.Month == day.Month && abolition.Day == day.Day,
        };
        if (fixedDay)
        {
            return true;
        }

        if (day.Month is < 3 or > 6)
        {
            return false; // Easter-based days fall between 20 March (Good Friday) and 14 June (Whit Monday).
        }

        var fromEaster = day.DayNumber - EasterSunday(day.Year).DayNumber;
        return fromEaster is 1 or 39 or 50 || (fromEaster == -2 && calendar.IncludesAlsaceMoselleDays);
    }

    /// <summary>Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var dayOfMonth = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, dayOfMonth);
    }

    /// <summary>Sorted holidays of the year, memoised (pure function of its inputs).</summary>
    internal static DateOnly[] ForYear(int year, HolidayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return Cache.GetOrAdd((calendar, year), static key => Build(key.Year, key.Calendar));
    }

    private static DateOnly[] Build(int year, HolidayCalendar calendar)
    {
        if (calendar.IsEmpty)
        {
            return [];
        }

        var easter = EasterSunday(year);
        var days = new List<DateOnly>
        {
            new(year, 1, 1),
            easter.AddDays(1),   // lundi de Pâques
            new(year, 5, 1),
            new(year, 5, 8),
            easter.AddDays(39),  // Ascension
            easter.AddDays(50),  // lundi de Pentecôte
            new(year, 7, 14),
            new(year, 8, 15),
            new(year, 11, 1),
            new(year, 11, 11),
            new(year, 12, 25),
        };
        if (calendar.IncludesAlsaceMoselleDays)
        {
            days.Add(easter.AddDays(-2)); // Vendredi saint
            days.Add(new DateOnly(year, 12, 26));
        }

        if (calendar.AbolitionOfSlavery is { } abolition)
        {
            days.Add(new DateOnly(year, abolition.Month, abolition.Day));
        }

        days.Sort();
        return [.. days.Distinct()];
    }
}
