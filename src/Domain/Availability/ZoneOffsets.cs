using System.Collections.Concurrent;

namespace RdvSP.Domain.Availability;

/// <summary>
/// A zone's UTC offsets as a piecewise-constant function of the UTC instant, for local → UTC conversion
/// without calling <see cref="TimeZoneInfo"/> per occurrence. Transitions are found once per zone and
/// year (daily sampling + bisection to the minute) and memoised: the result depends only on the inputs.
/// Resolution is the usual lenient one (§13 row 3): a local time in a spring gap moves forward by the
/// gap length; an ambiguous autumn time takes the earlier instant.
/// </summary>
internal sealed class ZoneOffsets
{
    private static readonly ConcurrentDictionary<(TimeZoneInfo Zone, int Year), YearTable> Years = new();

    // Segment i covers UTC [_starts[i], _starts[i+1]) with offset _offsets[i]; _starts[0] = long.MinValue.
    private readonly long[] _starts;
    private readonly long[] _offsets;
    private readonly long _singleOffset;
    private readonly bool _fixed;

    private ZoneOffsets(long[] starts, long[] offsets)
    {
        _starts = starts;
        _offsets = offsets;
        _fixed = offsets.Length == 1;
        _singleOffset = offsets[0];
    }

    /// <summary>Offsets valid for local dates from <paramref name="from"/> to <paramref name="to"/> (with a day of margin).</summary>
    public static ZoneOffsets For(TimeZoneInfo zone, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var firstYear = Math.Max(DateOnly.MinValue.Year + 1, from.Year - 1);
        var lastYear = Math.Min(DateOnly.MaxValue.Year - 1, to.Year + 1);
        var starts = new List<long> { long.MinValue };
        var offsets = new List<long>();
        for (var year = firstYear; year <= lastYear; year++)
        {
            var table = Years.GetOrAdd((zone, year), static key => YearTable.Build(key.Zone, key.Year));
            if (offsets.Count == 0)
            {
                offsets.Add(table.InitialOffset);
            }
            else if (offsets[^1] != table.InitialOffset)
            {
                starts.Add(table.YearStartUtc);
                offsets.Add(table.InitialOffset);
            }

            for (var i = 0; i < table.Transitions.Length; i++)
            {
                starts.Add(table.Transitions[i]);
                offsets.Add(table.OffsetsAfter[i]);
            }
        }

        return new ZoneOffsets([.. starts], [.. offsets]);
    }

    /// <summary>UTC ticks of a local wall-clock time (ticks of an unspecified <see cref="DateTime"/>).</summary>
    public long ToUtcTicks(long localTicks)
    {
        if (_fixed)
        {
            return localTicks - _singleOffset;
        }

        // Earliest segment whose offset maps the local time inside it (ambiguous → earlier instant).
        var n = _offsets.Length;
        var i = SegmentOf(localTicks - _offsets[0]);
        if (i > 0)
        {
            i--;
        }

        for (; i < n; i++)
        {
            var utc = localTicks - _offsets[i];
            var end = i + 1 < n ? _starts[i + 1] : long.MaxValue;
            if (utc >= _starts[i] && utc < end)
            {
                return utc;
            }

            if (utc >= end && i + 1 < n && localTicks - _offsets[i + 1] < end)
            {
                // In the gap between segment i and i+1: keep the offset before the gap (moves forward).
                return utc;
            }
        }

        return localTicks - _offsets[n - 1];
    }

    public DateTimeOffset ToUtc(DateTime local) => new(ToUtcTicks(local.Ticks), TimeSpan.Zero);

    /// <summary>One-off resolution through the same rules (used outside the hot path).</summary>
    public static TimeSpan Resolve(TimeZoneInfo zone, DateTime local)
    {
        var day = DateOnly.FromDateTime(local);
        var utc = For(zone, day, day).ToUtcTicks(local.Ticks);
        return TimeSpan.FromTicks(local.Ticks - utc);
    }

    /// <summary>Local ticks of a UTC instant.</summary>
    public long ToLocalTicks(long utcTicks) => utcTicks + _offsets[SegmentOf(utcTicks)];

    private int SegmentOf(long utcTicks)
    {
        var lo = 0;
        var hi = _starts.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) >> 1;
            if (_starts[mid] <= utcTicks)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    private sealed class YearTable
    {
        private YearTable(long yearStartUtc, long initialOffset, long[] transitions, long[] offsetsAfter)
        {
            YearStartUtc = yearStartUtc;
            InitialOffset = initialOffset;
            Transitions = transitions;
            OffsetsAfter = offsetsAfter;
        }

        public long YearStartUtc { get; }

        public long InitialOffset { get; }

        public long[] Transitions { get; }

        public long[] OffsetsAfter { get; }

        public static YearTable Build(TimeZoneInfo zone, int year)
        {
            var start = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            var end = start.AddYears(1);
            var initial = Offset(zone, start.Ticks);
            var transitions = new List<long>();
            var after = new List<long>();
            var previous = initial;
            for (var t = start.Ticks; t < end.Ticks; t += TimeSpan.TicksPerDay)
            {
                var next = Math.Min(t + TimeSpan.TicksPerDay, end.Ticks);
                var nextOffset = Offset(zone, next == end.Ticks ? next - TimeSpan.TicksPerMinute : next);
                if (nextOffset == previous)
                {
                    continue;
                }

                // Bisect to the minute: Offset(lo) == previous, Offset(hi) == nextOffset.
                var lo = t;
                var hi = next == end.Ticks ? next - TimeSpan.TicksPerMinute : next;
                while (hi - lo > TimeSpan.TicksPerMinute)
                {
                    var mid = lo + ((hi - lo) / 2 / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute);
                    if (mid == lo)
                    {
                        mid += TimeSpan.TicksPerMinute;
                    }

                    if (Offset(zone, mid) == previous)
                    {
                        lo = mid;
                    }
                    else
                    {
                        hi = mid;
                    }
                }

                transitions.Add(hi);
                after.Add(nextOffset);
                previous = nextOffset;
            }

            return new YearTable(start.Ticks, initial, [.. transitions], [.. after]);
        }

        private static long Offset(TimeZoneInfo zone, long utcTicks) =>
            zone.GetUtcOffset(new DateTime(utcTicks, DateTimeKind.Utc)).Ticks;
    }
}
