using System.Numerics;

namespace RdvSP.Domain.Availability;

/// <summary>
/// Allocation-free enumerator of occurrence dates in [from, to]. Jumps straight to the first period
/// that can reach <c>from</c> (exact for weeks and months, never losing an occurrence, §13 row 4).
/// A null recurrence yields the first day alone.
/// </summary>
internal struct RecurrenceCursor
{
    private readonly int _first;        // first day (DayNumber)
    private readonly int _from;
    private readonly int _to;           // min(to, until)
    private readonly int _mode;         // 0 = one-off, 1 = weekly, 2 = monthly n-th weekday, 3 = monthly day of month
    private readonly int _interval;
    private readonly int _mask;         // weekly: Monday-based weekday bits
    private readonly int _weekNumber;   // monthly: n
    private readonly int _weekday;      // monthly: DayOfWeek
    private readonly int _dayOfMonth;
    private int _period;                // weekly: Monday DayNumber of the current week; monthly: month index (year*12 + month-1)
    private int _bit;                   // weekly: next weekday index to test in the current week
    private bool _done;

    public RecurrenceCursor(Recurrence? recurrence, DateOnly firstDay, DateOnly from, DateOnly to)
    {
        _first = firstDay.DayNumber;
        _from = Math.Max(from.DayNumber, _first);
        var end = to.DayNumber;
        if (recurrence?.Until is { } until && until.DayNumber < end)
        {
            end = until.DayNumber;
        }

        _to = end;
        _done = _from > _to;
        _bit = 0;
        _interval = recurrence?.Interval ?? 1;
        _mask = 0;
        _weekNumber = 0;
        _weekday = 0;
        _dayOfMonth = firstDay.Day;
        _period = 0;

        if (recurrence is null)
        {
            _mode = 0;
            return;
        }

        if (recurrence.Every == RecurrenceFrequency.Week)
        {
            _mode = 1;
            _mask = recurrence.WeekdayMask != 0 ? recurrence.WeekdayMask : 1 << Recurrence.MondayIndex(firstDay.DayOfWeek);
            var firstMonday = _first - Recurrence.MondayIndex(firstDay.DayOfWeek);
            var weeks = (_from - firstMonday) / 7; // _from >= _first >= firstMonday
            weeks -= weeks % _interval;
            _period = firstMonday + (weeks * 7);
            return;
        }

        _mode = recurrence.MonthlyWeekday is null ? 3 : 2;
        _weekday = (int)(recurrence.MonthlyWeekday ?? 0);
        _weekNumber = recurrence.MonthlyWeekdayNumber ?? 0;
        var firstMonth = MonthIndex(firstDay);
        var months = MonthIndex(DateOnly.FromDayNumber(_from)) - firstMonth;
        months -= months % _interval;
        _period = firstMonth + months;
    }

    public bool MoveNext(out DateOnly day)
    {
        while (!_done)
        {
            var candidate = 0;
            switch (_mode)
            {
                case 0:
                    _done = true;
                    if (_first >= _from && _first <= _to)
                    {
                        day = DateOnly.FromDayNumber(_first);
                        return true;
                    }

                    day = default;
                    return false;

                case 1:
                    {
                        var remaining = _mask >> _bit;
                        if (remaining == 0)
                        {
                            _bit = 0;
                            _period += 7 * _interval;
                            if (_period > _to)
                            {
                                _done = true;
                                break;
                            }

                            continue;
                        }

                        _bit += BitOperations.TrailingZeroCount(remaining);
                        candidate = _period + _bit;
                        _bit++;
                        break;
                    }

                default:
                    {
                        var year = _period / 12;
                        var month = (_period % 12) + 1;
                        _period += _interval;
                        if (new DateOnly(year, month, 1).DayNumber > _to)
                        {
                            _done = true;
                            break;
                        }

                        var dayOfMonth = _mode == 2 ? NthWeekday(year, month, _weekday, _weekNumber) : _dayOfMonth;
                        if (dayOfMonth < 1 || dayOfMonth > DateTime.DaysInMonth(year, month))
                        {
                            continue; // e.g. no 5th Tuesday this month: skipped, not clamped
                        }

                        candidate = new DateOnly(year, month, dayOfMonth).DayNumber;
                        break;
                    }
            }

            if (_done)
            {
                break;
            }

            if (candidate > _to)
            {
                _done = true;
                break;
            }

            if (candidate >= _from)
            {
                day = DateOnly.FromDayNumber(candidate);
                return true;
            }
        }

        day = default;
        return false;
    }

    private static int MonthIndex(DateOnly day) => (day.Year * 12) + day.Month - 1;

    /// <summary>Day of month of the n-th weekday (n &lt; 0 counts from the end); may fall outside the month.</summary>
    internal static int NthWeekday(int year, int month, int weekday, int n)
    {
        if (n > 0)
        {
            var firstDow = (int)new DateOnly(year, month, 1).DayOfWeek;
            return 1 + ((weekday - firstDow + 7) % 7) + (7 * (n - 1));
        }

        var last = DateTime.DaysInMonth(year, month);
        var lastDow = (int)new DateOnly(year, month, last).DayOfWeek;
        return last - ((lastDow - weekday + 7) % 7) + (7 * (n + 1));
    }
}
