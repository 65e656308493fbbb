using RdvSP.Domain.Availability;
using RdvSP.Domain.Booking;

namespace RdvSP.Domain.UnitTests.Availability;

/// <summary>REFERENCE-DOMAIN §4.2 worked examples, §10 #8, #9, #11 and the time-zone cases of ARCHITECTURE §4.</summary>
public class SlotEngineTests
{
    // Monday 15 January 2024, no holiday.
    private static readonly DateOnly Monday = D(2024, 1, 15);
    private static readonly DateTimeOffset DayBefore = P(2024, 1, 14, 12);

    private static List<string> Starts(IReadOnlyList<Slot> slots, TimeZoneInfo? zone = null) =>
        [.. slots.Select(s => Hm(s.Start, zone))];

    private static IReadOnlyList<Slot> Compute(
        IReadOnlyList<OpeningPeriod> plages,
        int duration,
        DateTimeOffset? now = null,
        IReadOnlyList<Absence>? absences = null,
        IReadOnlyList<AgentBusy>? busy = null,
        DateOnly? from = null,
        DateOnly? to = null,
        int? step = null,
        int? buffer = null,
        SlotAudience audience = SlotAudience.Agent) =>
        SlotEngine.Compute(Build.Query(from ?? Monday, to ?? from ?? Monday, now ?? DayBefore, duration, plages, absences, busy, audience, step: step, buffer: buffer));

    [Test]
    public void Case08_slot_that_would_end_after_the_plage_is_not_offered()
    {
        var slots = Compute([Build.Plage(Monday, T(9), T(11, 20))], 60);

        Starts(slots).Should().Equal("09:00", "10:00");
        slots[0].End.Should().Be(P(2024, 1, 15, 10));
        slots[0].AgentId.Should().Be(1);
        slots[0].LieuId.Should().Be(10);
    }

    [Test]
    public void Case08_first_start_after_now_is_rounded_up_by_five_minutes_from_the_free_start()
    {
        var plages = new[]
        {
            Build.Plage(Monday, T(9), T(12), id: 1),
            Build.Plage(Monday, T(14), T(17), id: 2),
            Build.Plage(Monday, T(18), T(20), id: 3),
        };

        Starts(Compute(plages, 60, now: P(2024, 1, 15, 15, 3))).Should().Equal("15:05", "18:00", "19:00");
    }

    [Test]
    public void Rounding_counts_from_the_free_part_not_the_clock()
    {
        // §13 row 8: free part from 9:43, now 10:02 → 10:03.
        var busy = new[] { new AgentBusy(1, P(2024, 1, 15, 9), P(2024, 1, 15, 9, 43)) };

        Starts(Compute([Build.Plage(Monday, T(9), T(12))], 30, now: P(2024, 1, 15, 10, 2), busy: busy))
            .Should().Equal("10:03", "10:33", "11:03");
    }

    [Test]
    public void Case08_rdv_and_absence_are_both_subtracted()
    {
        var slots = Compute(
            [Build.Plage(Monday, T(9), T(11))],
            60,
            absences: [Build.Absence(Monday, T(9, 15), T(9, 45))],
            busy: [new AgentBusy(1, P(2024, 1, 15, 9), P(2024, 1, 15, 10))]);

        Starts(slots).Should().Equal("10:00");
    }

    [Test]
    public void Case08_rdv_straddling_the_plage_start_and_one_inside()
    {
        var busy = new[]
        {
            new AgentBusy(1, P(2024, 1, 15, 8, 30), P(2024, 1, 15, 9, 30)),
            new AgentBusy(1, P(2024, 1, 15, 10, 30), P(2024, 1, 15, 11)),
        };

        Starts(Compute([Build.Plage(Monday, T(9), T(12))], 30, busy: busy)).Should().Equal("09:30", "10:00", "11:00", "11:30");
    }

    [Test]
    public void Case08_two_absences_leave_two_free_parts()
    {
        var absences = new[]
        {
            Build.Absence(Monday, T(8, 30), T(9, 30), id: 1),
            Build.Absence(Monday, T(9, 45), T(10, 45), id: 2),
        };

        Starts(Compute([Build.Plage(Monday, T(9), T(11))], 15, absences: absences)).Should().Equal("09:30", "10:45");
    }

    [Test]
    public void Case08_cancelled_rdvs_never_block()
    {
        var rdvs = new[]
        {
            new ExistingRdv(1, 1, 1, 10, P(2024, 1, 15, 9), P(2024, 1, 15, 10), RdvStatus.Excused, [1], [7]),
            new ExistingRdv(2, 1, 1, 10, P(2024, 1, 15, 10), P(2024, 1, 15, 11), RdvStatus.Revoked, [1], [8]),
            new ExistingRdv(3, 2, 1, 10, P(2024, 1, 15, 11), P(2024, 1, 15, 12), RdvStatus.Noshow, [1], [9]),
        };

        Starts(Compute([Build.Plage(Monday, T(9), T(12))], 60, busy: BusyTimes.FromRdvs(rdvs))).Should().Equal("09:00", "10:00");
    }

    [Test]
    public void Case08_slots_of_past_days_are_never_returned()
    {
        var plage = Build.Plage(D(2024, 1, 8), T(9), T(12), Build.Weekly(D(2024, 1, 8)));

        var slots = Compute([plage], 60, now: P(2024, 1, 16, 8), from: D(2024, 1, 8), to: D(2024, 1, 22));

        slots.Select(s => Local(s.Start)).Should().Equal("2024-01-22 09:00", "2024-01-22 10:00", "2024-01-22 11:00");
    }

    [Test]
    public void Case08_grid_is_anchored_on_the_end_of_the_previous_busy_period()
    {
        var busy = new[] { new AgentBusy(1, P(2024, 1, 15, 9), P(2024, 1, 15, 9, 40)) };

        Starts(Compute([Build.Plage(Monday, T(9), T(12))], 30, busy: busy)).Should().Equal("09:40", "10:10", "10:40", "11:10");
    }

    [Test]
    public void Touching_busy_intervals_do_not_remove_adjacent_slots()
    {
        var busy = new[] { new AgentBusy(1, P(2024, 1, 15, 10), P(2024, 1, 15, 11)) };

        Starts(Compute([Build.Plage(Monday, T(9), T(12))], 60, busy: busy)).Should().Equal("09:00", "11:00");
    }

    [Test]
    public void Booking_window_worked_example_first_slot_is_tomorrow_16_00()
    {
        // §4.4 and §13 row 1: now 15:34, min delay 24 h, plage 10:00–18:00 on weekdays, 45-minute motif.
        var plage = Build.Plage(D(2024, 1, 15), T(10), T(18), Build.Weekly(D(2024, 1, 15), 1, null, DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday));
        var query = Build.Query(D(2024, 1, 15), D(2024, 1, 21), P(2024, 1, 15, 15, 34), 45, [plage], audience: SlotAudience.Usager, window: BookingWindow.FromSeconds(24 * 3600, 7_889_238));

        var slots = SlotEngine.Compute(query);

        Local(slots[0].Start).Should().Be("2024-01-16 16:00");
    }

    [Test]
    public void Case09_min_delay_after_the_range_end_gives_nothing()
    {
        var plage = Build.Plage(Monday, T(9), T(18));
        var query = Build.Query(Monday, Monday, P(2024, 1, 14, 12), 30, [plage], audience: SlotAudience.Usager, window: BookingWindow.FromSeconds(3 * 24 * 3600, 7_889_238));

        SlotEngine.Compute(query).Should().BeEmpty();
    }

    [Test]
    public void Case09_range_after_the_max_delay_gives_nothing_and_the_max_delay_applies_per_day()
    {
        var plage = Build.Plage(D(2024, 1, 15), T(9), T(18), Build.Weekly(D(2024, 1, 15), 1, null, DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday));
        var window = BookingWindow.FromSeconds(1800, 2 * 24 * 3600);
        var now = P(2024, 1, 15, 10);

        SlotEngine.Compute(Build.Query(D(2024, 1, 18), D(2024, 1, 19), now, 60, [plage], audience: SlotAudience.Usager, window: window))
            .Should().BeEmpty();

        var slots = SlotEngine.Compute(Build.Query(D(2024, 1, 15), D(2024, 1, 21), now, 60, [plage], audience: SlotAudience.Usager, window: window));
        slots.Select(s => Local(s.Start)).Should().StartWith("2024-01-15 11:00").And.EndWith("2024-01-17 17:00");
    }

    [Test]
    public void Agents_have_no_booking_window()
    {
        var plage = Build.Plage(Monday, T(9), T(12));
        var query = Build.Query(Monday, Monday, P(2024, 1, 15, 9, 2), 60, [plage], audience: SlotAudience.Agent, window: BookingWindow.FromSeconds(24 * 3600, 48 * 3600));

        Starts(SlotEngine.Compute(query)).Should().Equal("09:05", "10:05");
    }

    [Test]
    public void Case11_holidays_block_the_whole_day_for_every_range_containing_them()
    {
        var plage = Build.Plage(D(2024, 7, 8), T(9), T(12), Build.Weekly(D(2024, 7, 8), 1, null, DayOfWeek.Friday, DayOfWeek.Monday, DayOfWeek.Sunday));
        foreach (var (from, to) in new[] { (D(2024, 7, 14), D(2024, 7, 14)), (D(2024, 7, 12), D(2024, 7, 15)), (D(2024, 7, 1), D(2024, 7, 31)) })
        {
            var slots = Compute([plage], 60, now: P(2024, 7, 1, 8), from: from, to: to);
            slots.Should().NotContain(s => Local(s.Start, null).StartsWith("2024-07-14", StringComparison.Ordinal), $"range {from}–{to}");
        }

        var good = Build.Plage(D(2024, 3, 29), T(9), T(12));
        SlotEngine.Compute(Build.Query(D(2024, 3, 29), D(2024, 3, 29), P(2024, 3, 1, 8), 60, [good], holidays: HolidayCalendar.AlsaceMoselle)).Should().BeEmpty();
        SlotEngine.Compute(Build.Query(D(2024, 3, 29), D(2024, 3, 29), P(2024, 3, 1, 8), 60, [good])).Should().HaveCount(3);
    }

    [Test]
    public void Usager_gets_one_slot_per_start_agent_one_per_start_and_agent()
    {
        var plages = new[] { Build.Plage(Monday, T(9), T(11), agentId: 7, lieuId: 1, id: 1), Build.Plage(Monday, T(9), T(11), agentId: 3, lieuId: 2, id: 2) };
        var busy = new[] { new AgentBusy(3, P(2024, 1, 15, 9), P(2024, 1, 15, 10)) };

        var usager = Compute(plages, 60, busy: busy, audience: SlotAudience.Usager);
        usager.Select(s => (Hm(s.Start), s.AgentId, s.LieuId)).Should().Equal(("09:00", 7L, (long?)1), ("10:00", 3L, (long?)2));

        var agent = Compute(plages, 60, busy: busy, audience: SlotAudience.Agent);
        agent.Select(s => (Hm(s.Start), s.AgentId)).Should().Equal(("09:00", 7L), ("10:00", 3L), ("10:00", 7L));

        var query = Build.Query(Monday, Monday, DayBefore, 60, plages, busy: busy, audience: SlotAudience.Usager);
        SlotEngine.FreeAgentsAt(query, P(2024, 1, 15, 10)).Should().Equal(3L, 7L);
        SlotEngine.FreeAgentsAt(query, P(2024, 1, 15, 9)).Should().Equal(7L);
        SlotEngine.FreeAgentsAt(query, P(2024, 1, 15, 9, 30)).Should().BeEmpty();
        SlotEngine.ComputePerAgent(query).Should().HaveCount(3);
    }

    [Test]
    public void Overlapping_plages_of_one_agent_keep_their_own_grids()
    {
        var plages = new[] { Build.Plage(Monday, T(9, 30), T(11, 30), id: 2), Build.Plage(Monday, T(9), T(11), id: 1) };

        Starts(Compute(plages, 60)).Should().Equal("09:00", "09:30", "10:00", "10:30");
        Starts(Compute(plages, 60, audience: SlotAudience.Usager)).Should().Equal("09:00", "09:30", "10:00", "10:30");
    }

    [Test]
    public void Busy_time_of_another_agent_does_not_block()
    {
        var busy = new[] { new AgentBusy(2, P(2024, 1, 15, 9), P(2024, 1, 15, 12)) };

        Starts(Compute([Build.Plage(Monday, T(9), T(11))], 60, busy: busy)).Should().Equal("09:00", "10:00");
    }

    [Test]
    public void Multi_day_absence_blocks_every_day_it_covers()
    {
        var plage = Build.Plage(D(2024, 1, 15), T(9), T(11), Build.Weekly(D(2024, 1, 15), 1, null, DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday));
        var absence = Build.Absence(D(2024, 1, 10), T(14), T(10), D(2024, 1, 16));

        Compute([plage], 60, absences: [absence], from: D(2024, 1, 15), to: D(2024, 1, 17)).Select(s => Local(s.Start))
            .Should().Equal("2024-01-16 10:00", "2024-01-17 09:00", "2024-01-17 10:00");
    }

    [Test]
    public void Slot_step_different_from_the_duration()
    {
        Starts(Compute([Build.Plage(Monday, T(9), T(11))], 60, step: 15)).Should().Equal("09:00", "09:15", "09:30", "09:45", "10:00");
    }

    [Test]
    public void Buffer_after_each_rdv_and_each_slot()
    {
        Starts(Compute([Build.Plage(Monday, T(9), T(11))], 30, buffer: 10)).Should().Equal("09:00", "09:40", "10:20");

        var busy = new[] { new AgentBusy(1, P(2024, 1, 15, 9), P(2024, 1, 15, 9, 30)) };
        var slots = Compute([Build.Plage(Monday, T(9), T(11))], 30, busy: busy, buffer: 10);
        Starts(slots).Should().Equal("09:40", "10:20");
        (slots[0].End - slots[0].Start).Should().Be(TimeSpan.FromMinutes(30), "the buffer is not part of the RDV");
    }

    [Test]
    public void Defaults_reproduce_the_reference()
    {
        new MotifTiming(30).EffectiveStepMinutes.Should().Be(30);
        new MotifTiming(30).EffectiveBufferMinutes.Should().Be(0);
    }

    [TestCase(0)]
    [TestCase(-5)]
    public void Zero_duration_is_refused_instead_of_looping(int duration)
    {
        var act = () => Compute([Build.Plage(Monday, T(9), T(11))], duration);

        act.Should().Throw<ArgumentException>();
    }

    [Test]
    public void Spring_dst_day_slots()
    {
        // Sunday 31 March 2024.
        var day = D(2024, 3, 31);
        var now = P(2024, 3, 30, 8);
        var morning = SlotEngine.Compute(Build.Query(day, day, now, 60, [Build.Plage(day, T(9), T(12))]));
        Starts(morning).Should().Equal("09:00", "10:00", "11:00");
        morning[0].Start.Should().Be(new DateTimeOffset(2024, 3, 31, 7, 0, 0, TimeSpan.Zero));

        // A plage spanning 02:00–03:00: elapsed-time steps (§13 row 7), wall-clock ends (§13 row 2).
        var night = SlotEngine.Compute(Build.Query(day, day, now, 60, [Build.Plage(day, T(1), T(5))]));
        Starts(night).Should().Equal("01:00", "03:00", "04:00");

        var afternoon = SlotEngine.Compute(Build.Query(day, day, now, 60, [Build.Plage(day, T(13, 30), T(17))]));
        Starts(afternoon).Should().Equal("13:30", "14:30", "15:30");
        afternoon[0].Start.Should().Be(new DateTimeOffset(2024, 3, 31, 11, 30, 0, TimeSpan.Zero));
    }

    [Test]
    public void Autumn_dst_day_slots()
    {
        var day = D(2024, 10, 27);
        var now = P(2024, 10, 26, 8);
        var night = SlotEngine.Compute(Build.Query(day, day, now, 60, [Build.Plage(day, T(1), T(4))]));
        night.Select(s => s.Start.UtcDateTime.Hour).Should().Equal(23, 0, 1, 2);
        Starts(night).Should().Equal("01:00", "02:00", "02:00", "03:00");

        var afternoon = SlotEngine.Compute(Build.Query(day, day, now, 60, [Build.Plage(day, T(13, 30), T(17))]));
        afternoon[0].Start.Should().Be(new DateTimeOffset(2024, 10, 27, 12, 30, 0, TimeSpan.Zero));
        Starts(afternoon).Should().Equal("13:30", "14:30", "15:30");
    }

    [Test]
    public void Booking_delay_is_elapsed_time_across_dst()
    {
        // §13 row 7: a 24 h minimum delay from Saturday 10:00 opens Sunday 11:00 on the spring change.
        var day = D(2024, 3, 31);
        var query = Build.Query(D(2024, 3, 30), day, P(2024, 3, 30, 10), 30, [Build.Plage(day, T(9), T(13))], audience: SlotAudience.Usager, window: BookingWindow.FromSeconds(24 * 3600, 7_889_238));

        Hm(SlotEngine.Compute(query)[0].Start).Should().Be("11:00");
    }

    [Test]
    public void Overseas_zone_uses_local_days()
    {
        // §13 row 6: 22:30 in Cayenne is already the next day in UTC; the local day still has its evening plage.
        var day = D(2024, 1, 15);
        var plages = new[] { Build.Plage(day, T(9), T(12), id: 1), Build.Plage(day, T(22), T(23, 30), id: 2) };
        var now = At(Cayenne, 2024, 1, 14, 12);

        var slots = SlotEngine.Compute(Build.Query(day, day, now, 30, plages, zone: Cayenne));

        Starts(slots, Cayenne).Should().Equal("09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "22:00", "22:30", "23:00");
        slots[0].Start.Should().Be(new DateTimeOffset(2024, 1, 15, 12, 0, 0, TimeSpan.Zero));
        slots[^1].Start.Should().Be(new DateTimeOffset(2024, 1, 16, 2, 0, 0, TimeSpan.Zero));

        var reunion = SlotEngine.Compute(Build.Query(day, day, At(Reunion, 2024, 1, 14, 12), 60, [Build.Plage(day, T(8), T(10))], zone: Reunion, holidays: HolidayCalendar.LaReunion));
        reunion.Select(s => s.Start.UtcDateTime.Hour).Should().Equal(4, 5);
        SlotEngine.Compute(Build.Query(D(2024, 12, 20), D(2024, 12, 20), At(Reunion, 2024, 12, 1, 12), 60, [Build.Plage(D(2024, 12, 20), T(8), T(10))], zone: Reunion, holidays: HolidayCalendar.LaReunion))
            .Should().BeEmpty("20 December is a holiday in La Réunion");
    }

    [Test]
    public void Year_boundary_and_leap_day_ranges()
    {
        var plage = Build.Plage(D(2023, 12, 25), T(9), T(10), Build.Weekly(D(2023, 12, 25), 1, null, DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday));
        Compute([plage], 60, now: P(2023, 12, 1, 8), from: D(2023, 12, 29), to: D(2024, 1, 3)).Select(s => Local(s.Start)).Should().Equal(
            "2023-12-29 09:00", "2023-12-30 09:00", "2023-12-31 09:00", "2024-01-02 09:00", "2024-01-03 09:00");

        Compute([plage], 60, now: P(2024, 2, 1, 8), from: D(2024, 2, 28), to: D(2024, 3, 1)).Select(s => Local(s.Start)).Should().Equal(
            "2024-02-28 09:00", "2024-02-29 09:00", "2024-03-01 09:00");
    }

    [Test]
    public void Output_is_sorted_by_start_then_agent_over_many_days()
    {
        var plages = Enumerable.Range(1, 12).Select(i => Build.Plage(D(2024, 1, 15), T(8 + (i % 3)), T(12 + (i % 4)), Build.Weekly(D(2024, 1, 15), 1 + (i % 2), null, (DayOfWeek)(i % 7), DayOfWeek.Monday), agentId: i % 5, id: i)).ToArray();

        var slots = Compute(plages, 25, from: D(2024, 1, 15), to: D(2024, 3, 15));

        slots.Should().BeInAscendingOrder(s => s.Start);
        slots.Select(s => (s.Start, s.AgentId)).Should().OnlyHaveUniqueItems();
        for (var i = 1; i < slots.Count; i++)
        {
            if (slots[i].Start == slots[i - 1].Start)
            {
                slots[i].AgentId.Should().BeGreaterThan(slots[i - 1].AgentId);
            }
        }
    }
}
