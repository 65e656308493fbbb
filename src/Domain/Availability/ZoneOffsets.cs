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
    // Keyed by reference: TimeZoneInfo.Equals compares every adjustment rule, far too slow for a hot lookup.
    private static readonly ConcurrentDictionary<(TimeZoneInfo Zone, int Year), YearTable> Years = new(ByReference.Instance);
    private static readonly ConcurrentDictionary<(TimeZoneInfo Zone, int Year), ZoneOffsets> Spans = new(ByReference.Instance);

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
        if (from.Year == to.Year)
        {
            // The common case (a range inside one year) is memoised whole.
            return Spans.GetOrAdd((zone, from.Year), static key => Build(key.Zone, new DateOnly(key.Year, 1, 1), new DateOnly(key.Year, 12, 31)));
        }

        return Build(zone, from, to);
    }

    private static ZoneOffsets Build(TimeZoneInfo zone, DateOnly from, DateOnly to)
    {
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

    /// <summary>
    /// Offset in effect during the whole local day <paramref name="dayNumber"/>, when no transition falls
    /// in it (then every local time of that day converts by one subtraction).
    /// </summary>
    public bool TryGetUniformDayOffset(int dayNumber, out long offset) => UniformDays(dayNumber, out offset) >= dayNumber;

    /// <summary>
    /// The offset at <paramref name="dayNumber"/> and the last local day up to which it holds for every local
    /// time of every day (no transition within a day's reach); less than <paramref name="dayNumber"/> when
    /// a transition is near that day.
    /// </summary>
    public int UniformDays(int dayNumber, out long offset)
    {
        if (_fixed)
        {
            offset = _singleOffset;
            return int.MaxValue;
        }

        // Any local time of day d maps into the UTC window [(d - 1) days, (d + 2) days) whatever the offset.
        var j = SegmentOf((dayNumber - 1) * TimeSpan.TicksPerDay);
        offset = _offsets[j];
        return j + 1 >= _offsets.Length ? int.MaxValue : (int)Math.Min(int.MaxValue, (_starts[j + 1] / TimeSpan.TicksPerDay) - 2);
    }

    private sealed class ByReference : IEqualityComparer<(TimeZoneInfo Zone, int Year)>
    {
        public static readonly ByReference Instance = new();

        public bool Equals((TimeZoneInfo Zone, int Year) x, (TimeZoneInfo Zone, int Year) y) =>
            ReferenceEquals(x.Zone, y.Zone) && x.Year == y.Year;

        public int GetHashCode((TimeZoneInfo Zone, int Year) obj) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Zone), obj.Year);
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
