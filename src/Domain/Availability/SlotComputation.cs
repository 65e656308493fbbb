using System.Buffers;

namespace RdvSP.Domain.Availability;

/// <summary>The engine behind <see cref="SlotEngine"/> and <see cref="NextAvailability"/>. All instants are UTC ticks.</summary>
internal static class SlotComputation
{
    private const long FiveMinutes = 5 * TimeSpan.TicksPerMinute;
    private const long Day = TimeSpan.TicksPerDay;

    public static IReadOnlyList<Slot> Run(SlotQuery query, bool perAgent, bool stopAtFirstDay)
    {
        var duration = query.Motif.DurationMinutes * TimeSpan.TicksPerMinute;
        var step = query.Motif.EffectiveStepMinutes * TimeSpan.TicksPerMinute;
        var buffer = query.Motif.EffectiveBufferMinutes * TimeSpan.TicksPerMinute;
        if (duration <= 0 || step <= 0 || buffer < 0)
        {
            throw new ArgumentException("Motif duration and step must be positive, buffer non-negative.", nameof(query));
        }

        if (query.OpeningPeriods.Count == 0 || query.To < query.From)
        {
            return [];
        }

        var now = query.Now.UtcTicks;
        var zone = ZoneOffsets.For(query.Zone, query.From.AddDays(-1), query.To.AddDays(1));

        // Range (§4.2 step 1) intersected with the booking window (§4.4); the upper bound is per local day.
        var lowerBound = zone.ToUtcTicks(query.From.DayNumber * Day);
        var lastDay = query.To.DayNumber;
        if (query.Audience == SlotAudience.Usager && query.Window is { } window)
        {
            lowerBound = Math.Max(lowerBound, (query.Now + window.MinDelay).UtcTicks);
            var upper = Math.Min(zone.ToUtcTicks((lastDay + 1) * Day), (query.Now + window.MaxDelay).UtcTicks);
            if (upper < lowerBound)
            {
                return [];
            }

            lastDay = Math.Min(lastDay, (int)(zone.ToLocalTicks(upper) / Day));
        }

        // Past days never have slots; nor do days before the lower bound.
        var firstDay = Math.Max(query.From.DayNumber, (int)(zone.ToLocalTicks(Math.Max(lowerBound, now)) / Day));
        if (firstDay > lastDay)
        {
            return [];
        }

        var state = new State(query, zone, firstDay, lastDay, buffer);
        try
        {
            return state.Sweep(duration, step, buffer, now, lowerBound, perAgent, stopAtFirstDay);
        }
        finally
        {
            state.Release();
        }
    }

    private struct PeriodState
    {
        public RecurrenceCursor Cursor;
        public int NextDay;
        public int Agent;
        public long RankBits;   // rank of the agent id among the candidate agents, the low bits of a sort key
        public long Lieu;
        public long StartTime;
        public long EndTime;
    }

    /// <summary>Busy intervals of every agent in one array, agent by agent (CSR layout), each agent's part sorted and merged.</summary>
    private sealed class BusyLists
    {
        public long[] Starts = [];
        public long[] Ends = [];
        public int[] Offset = [];   // agent a: [Offset[a], Offset[a] + Count[a])
        public int[] Count = [];
        public int[] Cursor = [];   // first interval of the agent ending after the current day's start
        private int _agents;

        /// <summary>Sizes the lists; <paramref name="agentOf"/> gives each input's agent (negative = dropped).</summary>
        public void Begin(int agents, int total, ReadOnlySpan<int> agentOf)
        {
            Offset = ArrayPool<int>.Shared.Rent(agents + 1);
            Count = ArrayPool<int>.Shared.Rent(agents);
            Cursor = ArrayPool<int>.Shared.Rent(agents);
            Starts = ArrayPool<long>.Shared.Rent(Math.Max(total, 1));
            Ends = ArrayPool<long>.Shared.Rent(Math.Max(total, 1));
            Array.Clear(Count, 0, agents);
            foreach (var a in agentOf)
            {
                if (a >= 0)
                {
                    Count[a]++;
                }
            }

            var running = 0;
            for (var a = 0; a < agents; a++)
            {
                Offset[a] = running;
                Cursor[a] = running;
                running += Count[a];
                Count[a] = 0;
            }

            _agents = agents;
        }

        /// <summary>Sizes the lists for one agent and at most <paramref name="capacity"/> intervals.</summary>
        public void BeginSingle(int capacity)
        {
            Offset = ArrayPool<int>.Shared.Rent(2);
            Count = ArrayPool<int>.Shared.Rent(1);
            Cursor = ArrayPool<int>.Shared.Rent(1);
            Starts = ArrayPool<long>.Shared.Rent(Math.Max(capacity, 1));
            Ends = ArrayPool<long>.Shared.Rent(Math.Max(capacity, 1));
            Offset[0] = 0;
            Count[0] = 0;
            Cursor[0] = 0;
            _agents = 1;
        }

        public void Add(int agent, long start, long end)
        {
            var at = Offset[agent] + Count[agent]++;
            Starts[at] = start;
            Ends[at] = end;
        }

        public void Finish()
        {
            for (var a = 0; a < _agents; a++)
            {
                Count[a] = SortAndMerge(Starts.AsSpan(Offset[a], Count[a]), Ends.AsSpan(Offset[a], Count[a]));
            }
        }

        public void Build(int agents, int total, ReadOnlySpan<int> agentOf, ReadOnlySpan<long> starts, ReadOnlySpan<long> ends)
        {
            Begin(agents, total, agentOf);
            for (var i = 0; i < total; i++)
            {
                Add(agentOf[i], starts[i], ends[i]);
            }

            Finish();
        }

        public void Release()
        {
            ArrayPool<int>.Shared.Return(Offset);
            ArrayPool<int>.Shared.Return(Count);
            ArrayPool<int>.Shared.Return(Cursor);
            ArrayPool<long>.Shared.Return(Starts);
            ArrayPool<long>.Shared.Return(Ends);
        }

        private static int SortAndMerge(Span<long> starts, Span<long> ends)
        {
            if (starts.Length == 0)
            {
                return 0;
            }

            for (var i = 1; i < starts.Length; i++)
            {
                if (starts[i] < starts[i - 1])
                {
                    starts.Sort(ends); // only when the caller did not pass them sorted
                    break;
                }
            }

            var w = 0;
            for (var i = 1; i < starts.Length; i++)
            {
                if (starts[i] <= ends[w])
                {
                    if (ends[i] > ends[w])
                    {
                        ends[w] = ends[i];
                    }
                }
                else
                {
                    w++;
                    starts[w] = starts[i];
                    ends[w] = ends[i];
                }
            }

            return w + 1;
        }
    }

    private sealed class State
    {
        private readonly SlotQuery _query;
        private readonly ZoneOffsets _zone;
        private readonly int _firstDay;
        private readonly int _lastDay;
        private readonly long[] _agentIds;
        private int _agentCount;
        private readonly Dictionary<long, int>? _agentIndex;
        private readonly PeriodState[] _periods;
        private readonly BusyLists _rdvs = new();
        private readonly BusyLists _absences = new();
        private readonly int[] _holidays;
        // Candidates of the current day: key = ((start - _dayBase) << RankBits) | agent rank, so that one
        // primitive sort orders them by start, then agent id.
        private const int RankBits = 21;
        private long[] _keys = ArrayPool<long>.Shared.Rent(64);
        private long[] _lieux = ArrayPool<long>.Shared.Rent(64);
        private long[] _agentIdByRank = [];
        private long _dayBase;
        private long _now;
        private long _step;
        private long _need;
        private long _lowerBound;
        private int _outCount;
        private int _dayFirstOut;
        private bool _direct;
        // Output kept compact while sweeping; Slot values are built once, into an array of the exact size.
        private long[] _outStarts = ArrayPool<long>.Shared.Rent(256);
        private long[] _outAgents = ArrayPool<long>.Shared.Rent(256);
        private long[] _outLieux = ArrayPool<long>.Shared.Rent(256);

        public State(SlotQuery query, ZoneOffsets zone, int firstDay, int lastDay, long buffer)
        {
            _query = query;
            _zone = zone;
            _firstDay = firstDay;
            _lastDay = lastDay;

            var periods = query.OpeningPeriods;
            _agentIds = ArrayPool<long>.Shared.Rent(periods.Count);
            if (periods.Count > 8)
            {
                _agentIndex = new Dictionary<long, int>();
            }

            _periods = ArrayPool<PeriodState>.Shared.Rent(periods.Count);
            var from = DateOnly.FromDayNumber(firstDay);
            var to = DateOnly.FromDayNumber(lastDay);
            for (var i = 0; i < periods.Count; i++)
            {
                var p = periods[i];
                ref var s = ref _periods[i];
                s.Cursor = new RecurrenceCursor(p.Recurrence, p.FirstDay, from, to);
                s.NextDay = s.Cursor.MoveNext(out var next) ? next.DayNumber : int.MaxValue;
                s.Agent = IndexOf(p.AgentId, add: true);
                s.Lieu = p.LieuId ?? long.MinValue;
                s.StartTime = p.StartTime.Ticks;
                s.EndTime = p.EndTime.Ticks;
            }

            RankAgents(periods.Count);
            _holidays = Holidays(query.Holidays, firstDay, lastDay);
            BuildRdvs(buffer);
            BuildAbsences();
        }

        public void Release()
        {
            ArrayPool<long>.Shared.Return(_agentIds);
            ArrayPool<PeriodState>.Shared.Return(_periods, clearArray: false);
            ArrayPool<long>.Shared.Return(_keys);
            ArrayPool<long>.Shared.Return(_lieux);
            ArrayPool<long>.Shared.Return(_agentIdByRank);
            ArrayPool<long>.Shared.Return(_outStarts);
            ArrayPool<long>.Shared.Return(_outAgents);
            ArrayPool<long>.Shared.Return(_outLieux);
            _rdvs.Release();
            _absences.Release();
        }

        public IReadOnlyList<Slot> Sweep(long duration, long step, long buffer, long now, long lowerBound, bool perAgent, bool stopAtFirstDay)
        {
            var periodCount = _query.OpeningPeriods.Count;
            _outCount = 0;
            var holidayAt = 0;
            var need = duration + buffer;
            _now = now;
            _step = step;
            _need = need;
            _lowerBound = lowerBound;
            var uniformUntil = int.MinValue; // last day of the current run of days without a DST transition
            long offset = 0;

            // Next day with an occurrence, over all plages (no per-day work on empty days).
            var day = int.MaxValue;
            for (var i = 0; i < periodCount; i++)
            {
                day = Math.Min(day, _periods[i].NextDay);
            }

            while (day <= _lastDay)
            {
                while (holidayAt < _holidays.Length && _holidays[holidayAt] < day)
                {
                    holidayAt++;
                }

                // A holiday blocks the whole local day, hence every plage occurrence of that day (§4.3).
                var holiday = holidayAt < _holidays.Length && _holidays[holidayAt] == day;
                if (day > uniformUntil)
                {
                    uniformUntil = _zone.UniformDays(day, out offset);
                }

                // One offset for the whole day unless a transition is near (then one conversion per boundary).
                var uniform = day <= uniformUntil;
                var dayStart = uniform ? (day * Day) - offset : _zone.ToUtcTicks(day * Day);
                if (!holiday)
                {
                    AdvanceCursors(dayStart);
                }

                _dayBase = dayStart - Day;
                var dayCount = 0;

                // One agent: its slots usually come out in order, straight into the output (no sort key).
                _direct = _agentCount == 1;
                _dayFirstOut = _outCount;
                var nextDay = int.MaxValue;
                for (var i = 0; i < periodCount; i++)
                {
                    ref var p = ref _periods[i];
                    if (p.NextDay == day)
                    {
                        if (!holiday)
                        {
                            var occStart = uniform ? (day * Day) + p.StartTime - offset : _zone.ToUtcTicks((day * Day) + p.StartTime);
                            var occEnd = uniform ? (day * Day) + p.EndTime - offset : _zone.ToUtcTicks((day * Day) + p.EndTime);
                            if (occEnd > now)
                            {
                                dayCount = Subtract(ref p, occStart, occEnd, dayCount);
                            }
                        }

                        p.NextDay = p.Cursor.MoveNext(out var next) ? next.DayNumber : int.MaxValue;
                    }

                    nextDay = Math.Min(nextDay, p.NextDay);
                }

                if (dayCount > 0)
                {
                    Flush(dayCount, perAgent);
                }

                if (_outCount > 0 && stopAtFirstDay)
                {
                    break;
                }

                day = nextDay;
            }

            if (_outCount == 0)
            {
                return [];
            }

            var result = new Slot[_outCount];
            for (var i = 0; i < result.Length; i++)
            {
                var start = _outStarts[i];
                var lieu = _outLieux[i];
                result[i] = new Slot(
                    new DateTimeOffset(start, TimeSpan.Zero),
                    new DateTimeOffset(start + duration, TimeSpan.Zero),
                    _outAgents[i],
                    lieu == long.MinValue ? null : lieu);
            }

            return result;
        }

        /// <summary>Occurrence minus the agent's busy intervals (two sorted, merged lists), free parts cut into slots.</summary>
        private int Subtract(ref PeriodState p, long occStart, long occEnd, int dayCount)
        {
            var a = p.Agent;
            var rs = _rdvs.Starts;
            var re = _rdvs.Ends;
            var i = _rdvs.Cursor[a];
            var iEnd = _rdvs.Offset[a] + _rdvs.Count[a];
            var xs = _absences.Starts;
            var xe = _absences.Ends;
            var j = _absences.Cursor[a];
            var jEnd = _absences.Offset[a] + _absences.Count[a];

            var pos = occStart;
            while (pos < occEnd)
            {
                while (i < iEnd && re[i] <= pos)
                {
                    i++;
                }

                while (j < jEnd && xe[j] <= pos)
                {
                    j++;
                }

                long nextStart, nextEnd;
                if (i < iEnd && (j >= jEnd || rs[i] <= xs[j]))
                {
                    nextStart = rs[i];
                    nextEnd = re[i];
                }
                else if (j < jEnd)
                {
                    nextStart = xs[j];
                    nextEnd = xe[j];
                }
                else
                {
                    break;
                }

                if (nextStart >= occEnd)
                {
                    break;
                }

                if (nextStart > pos)
                {
                    dayCount = Emit(ref p, pos, nextStart, dayCount);
                }

                pos = Math.Max(pos, nextEnd);
            }

            if (pos < occEnd)
            {
                dayCount = Emit(ref p, pos, occEnd, dayCount);
            }

            return dayCount;
        }

        /// <summary>Slots of one free interval [f0, f1): grid from f0, first start rounded up by 5-minute steps past now (§4.2 step 6).</summary>
        private int Emit(ref PeriodState p, long f0, long f1, int dayCount)
        {
            var now = _now;
            var step = _step;
            var need = _need;
            var lowerBound = _lowerBound;
            var first = f0;
            if (first < now)
            {
                first += (now - f0 + FiveMinutes - 1) / FiveMinutes * FiveMinutes;
            }

            if (first < lowerBound)
            {
                first += (lowerBound - first + step - 1) / step * step;
            }

            if (first + need > f1)
            {
                return dayCount;
            }

            // Counted by additions: free parts are short, and a 64-bit division costs more than a few adds.
            var count = 0;
            for (var s = first; s + need <= f1; s += step)
            {
                count++;
            }

            if (_direct && _outCount > _dayFirstOut && first <= _outStarts[_outCount - 1])
            {
                dayCount = Spill();
            }

            if (_direct)
            {
                EnsureOutput(_outCount + count);
                var starts = _outStarts;
                var agents = _outAgents;
                var lieux = _outLieux;
                var agentId = _agentIds[0];
                var o = _outCount;
                for (var k = 0; k < count; k++, o++)
                {
                    starts[o] = first + (k * step);
                    agents[o] = agentId;
                    lieux[o] = p.Lieu;
                }

                _outCount = o;
                return dayCount;
            }

            while (dayCount + count > _keys.Length)
            {
                Grow(ref _keys, dayCount);
                Grow(ref _lieux, dayCount);
            }

            var keys = _keys;
            var keyLieux = _lieux;
            var offset = ((first - _dayBase) << RankBits) | p.RankBits;
            var keyStep = step << RankBits;
            for (var k = 0; k < count; k++, dayCount++)
            {
                keys[dayCount] = offset + (k * keyStep);
                keyLieux[dayCount] = p.Lieu;
            }

            return dayCount;
        }

        /// <summary>Sorts the day's candidates (only if needed), de-duplicates them and appends them to the output.</summary>
        private void Flush(int dayCount, bool perAgent)
        {
            var keys = _keys.AsSpan(0, dayCount);
            var lieux = _lieux.AsSpan(0, dayCount);
            for (var i = 1; i < keys.Length; i++)
            {
                if (keys[i] < keys[i - 1])
                {
                    keys.Sort(lieux);
                    break;
                }
            }

            const long rankMask = (1L << RankBits) - 1;
            var i0 = 0;
            while (i0 < keys.Length)
            {
                // Run of equal keys (same start and agent, several plages): keep the lowest lieu.
                var key = keys[i0];
                var lieu = lieux[i0];
                var i1 = i0 + 1;
                while (i1 < keys.Length && keys[i1] == key)
                {
                    lieu = Math.Min(lieu, lieux[i1]);
                    i1++;
                }

                // Usager: the lowest agent id represents the start; skip the other agents free at that start.
                if (!perAgent)
                {
                    var startBits = key >> RankBits;
                    while (i1 < keys.Length && keys[i1] >> RankBits == startBits)
                    {
                        i1++;
                    }
                }

                Append((key >> RankBits) + _dayBase, _agentIdByRank[(int)(key & rankMask)], lieu);
                i0 = i1;
            }
        }

        private void EnsureOutput(int size)
        {
            while (size > _outStarts.Length)
            {
                Grow(ref _outStarts, _outCount);
                Grow(ref _outAgents, _outCount);
                Grow(ref _outLieux, _outCount);
            }
        }

        private void Append(long start, long agentId, long lieu)
        {
            EnsureOutput(_outCount + 1);

            _outStarts[_outCount] = start;
            _outAgents[_outCount] = agentId;
            _outLieux[_outCount] = lieu;
            _outCount++;
        }

        /// <summary>Moves the day's direct output back into sort keys when a start came out of order.</summary>
        private int Spill()
        {
            var dayCount = 0;
            for (var i = _dayFirstOut; i < _outCount; i++)
            {
                if (dayCount == _keys.Length)
                {
                    Grow(ref _keys, dayCount);
                    Grow(ref _lieux, dayCount);
                }

                _keys[dayCount] = (_outStarts[i] - _dayBase) << RankBits; // the only agent has rank 0
                _lieux[dayCount] = _outLieux[i];
                dayCount++;
            }

            _outCount = _dayFirstOut;
            _direct = false;
            return dayCount;
        }

        /// <summary>Ranks the candidate agents by id, for the sort keys.</summary>
        private void RankAgents(int periodCount)
        {
            _agentIdByRank = ArrayPool<long>.Shared.Rent(Math.Max(_agentCount, 1));
            Array.Copy(_agentIds, _agentIdByRank, _agentCount);
            var byRank = _agentIdByRank.AsSpan(0, _agentCount);
            byRank.Sort();
            for (var i = 0; i < periodCount; i++)
            {
                ref var p = ref _periods[i];
                p.RankBits = byRank.BinarySearch(_agentIds[p.Agent]);
            }
        }

        private void AdvanceCursors(long dayStart)
        {
            for (var a = 0; a < _agentCount; a++)
            {
                Advance(_rdvs, a, dayStart);
                Advance(_absences, a, dayStart);
            }

            static void Advance(BusyLists lists, int a, long dayStart)
            {
                var end = lists.Offset[a] + lists.Count[a];
                var k = lists.Cursor[a];
                while (k < end && lists.Ends[k] <= dayStart)
                {
                    k++;
                }

                lists.Cursor[a] = k;
            }
        }

        private void BuildRdvs(long buffer)
        {
            var busy = AsSpan(_query.BusyTimes);
            var rangeStart = _zone.ToUtcTicks(_firstDay * Day);
            var rangeEnd = _zone.ToUtcTicks((_lastDay + 1) * Day);
            if (_agentCount == 1)
            {
                // One agent (the agent-side and per-agent queries): a single pass, no agent bucketing.
                // Sorted input (the usual ORDER BY starts_at) is merged on the fly; anything else is sorted after.
                _rdvs.BeginSingle(busy.Length);
                var agentId = _agentIds[0];
                var starts = _rdvs.Starts;
                var ends = _rdvs.Ends;
                var w = -1;
                var sorted = true;
                for (var i = 0; i < busy.Length; i++)
                {
                    ref readonly var b = ref busy[i];
                    var start = b.Start.UtcTicks;
                    var end = b.End.UtcTicks + buffer;
                    if (b.AgentId != agentId || end <= rangeStart || start >= rangeEnd || end <= start)
                    {
                        continue;
                    }

                    if (w >= 0 && sorted && start >= starts[w] && start <= ends[w])
                    {
                        ends[w] = Math.Max(ends[w], end);
                        continue;
                    }

                    sorted &= w < 0 || start >= starts[w];
                    w++;
                    starts[w] = start;
                    ends[w] = end;
                }

                _rdvs.Count[0] = w + 1;
                if (!sorted)
                {
                    _rdvs.Finish();
                }

                return;
            }

            var agentOf = ArrayPool<int>.Shared.Rent(Math.Max(busy.Length, 1));
            var n = 0;
            for (var i = 0; i < busy.Length; i++)
            {
                ref readonly var b = ref busy[i];
                var start = b.Start.UtcTicks;
                var end = b.End.UtcTicks + buffer;
                agentOf[i] = end <= rangeStart || start >= rangeEnd || end <= start ? -1 : IndexOf(b.AgentId, add: false);
                if (agentOf[i] >= 0)
                {
                    n++;
                }
            }

            _rdvs.Begin(_agentCount, n, agentOf.AsSpan(0, busy.Length));
            for (var i = 0; i < busy.Length; i++)
            {
                if (agentOf[i] >= 0)
                {
                    ref readonly var b = ref busy[i];
                    _rdvs.Add(agentOf[i], b.Start.UtcTicks, b.End.UtcTicks + buffer);
                }
            }

            _rdvs.Finish();
            ArrayPool<int>.Shared.Return(agentOf);
        }

        private static ReadOnlySpan<AgentBusy> AsSpan(IReadOnlyList<AgentBusy> list) => list switch
        {
            AgentBusy[] array => array,
            List<AgentBusy> items => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(items),
            _ => list.ToArray(),
        };

        private void BuildAbsences()
        {
            var absences = _query.Absences;
            var rangeStart = _zone.ToUtcTicks(_firstDay * Day);
            var rangeEnd = _zone.ToUtcTicks((_lastDay + 1) * Day);
            var capacity = 16;
            var agentOf = ArrayPool<int>.Shared.Rent(capacity);
            var starts = ArrayPool<long>.Shared.Rent(capacity);
            var ends = ArrayPool<long>.Shared.Rent(capacity);
            var n = 0;
            for (var i = 0; i < absences.Count; i++)
            {
                var x = absences[i];
                var a = IndexOf(x.AgentId, add: false);
                if (a < 0)
                {
                    continue;
                }

                var span = Math.Max(x.SpanDays, 0);
                var cursor = new RecurrenceCursor(x.Recurrence, x.FirstDay, DateOnly.FromDayNumber(_firstDay - span), DateOnly.FromDayNumber(_lastDay));
                while (cursor.MoveNext(out var day))
                {
                    var start = _zone.ToUtcTicks((day.DayNumber * Day) + x.StartTime.Ticks);
                    var end = _zone.ToUtcTicks(((day.DayNumber + span) * Day) + x.EndTime.Ticks);
                    if (end <= rangeStart || start >= rangeEnd || end <= start)
                    {
                        continue;
                    }

                    if (n == capacity)
                    {
                        Grow(ref agentOf, n);
                        Grow(ref starts, n);
                        Grow(ref ends, n);
                        capacity = agentOf.Length;
                    }

                    agentOf[n] = a;
                    starts[n] = start;
                    ends[n] = end;
                    n++;
                }
            }

            _absences.Build(_agentCount, n, agentOf.AsSpan(0, n), starts.AsSpan(0, n), ends.AsSpan(0, n));
            ArrayPool<int>.Shared.Return(agentOf);
            ArrayPool<long>.Shared.Return(starts);
            ArrayPool<long>.Shared.Return(ends);
        }

        private int IndexOf(long agentId, bool add)
        {
            if (_agentIndex is not null)
            {
                if (_agentIndex.TryGetValue(agentId, out var found))
                {
                    return found;
                }
            }
            else
            {
                for (var i = 0; i < _agentCount; i++)
                {
                    if (_agentIds[i] == agentId)
                    {
                        return i;
                    }
                }
            }

            if (!add)
            {
                return -1;
            }

            _agentIds[_agentCount] = agentId;
            _agentIndex?.Add(agentId, _agentCount);
            return _agentCount++;
        }

        private static int[] Holidays(HolidayCalendar calendar, int firstDay, int lastDay)
        {
            var result = new List<int>();
            for (var year = DateOnly.FromDayNumber(firstDay).Year; year <= DateOnly.FromDayNumber(lastDay).Year; year++)
            {
                foreach (var holiday in PublicHolidays.ForYear(year, calendar))
                {
                    if (holiday.DayNumber >= firstDay && holiday.DayNumber <= lastDay)
                    {
                        result.Add(holiday.DayNumber);
                    }
                }
            }

            return [.. result];
        }

        private static void Grow<T>(ref T[] array, int used)
        {
            var bigger = ArrayPool<T>.Shared.Rent(array.Length * 2);
            Array.Copy(array, bigger, used);
            ArrayPool<T>.Shared.Return(array);
            array = bigger;
        }
    }
}
