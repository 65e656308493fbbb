using RdvSP.Domain.Availability;

namespace RdvSP.Domain.UnitTests.Availability;

public class OccurrenceTests
{
    [Test]
    public void Case02_every_two_weeks_from_wednesday_17_july_2019_seen_from_12_august()
    {
        var plage = Build.Plage(D(2019, 7, 17), T(8), T(12), Build.Weekly(D(2019, 7, 17), 2));

        var occurrences = plage.OccurrencesBetween(D(2019, 8, 12), D(2019, 8, 19), Paris);

        occurrences.Should().ContainSingle();
        occurrences[0].Should().Be(new Occurrence(P(2019, 8, 14, 8), P(2019, 8, 14, 12)));
    }

    [Test]
    public void Case03_occurrence_on_the_last_recurrence_day_is_returned_when_the_range_starts_that_day()
    {
        var plage = Build.Plage(D(2024, 1, 1), T(9), T(12), Build.Weekly(D(2024, 1, 1), 1, D(2024, 1, 29)));

        plage.OccurrencesBetween(D(2024, 1, 29), D(2024, 2, 4), Paris).Should().Equal(new Occurrence(P(2024, 1, 29, 9), P(2024, 1, 29, 12)));
        plage.OccurrencesBetween(D(2024, 1, 30), D(2024, 2, 4), Paris).Should().BeEmpty();
    }

    [Test]
    public void Case05_ended_recurrences_are_filtered_before_expansion()
    {
        var ended = Build.Plage(D(2023, 1, 2), T(9), T(12), Build.Weekly(D(2023, 1, 2), 1, D(2023, 6, 30)));
        var open = Build.Plage(D(2023, 1, 2), T(9), T(12), Build.Weekly(D(2023, 1, 2)));
        var oneOff = Build.Plage(D(2024, 3, 5), T(9), T(12));
        var future = Build.Plage(D(2024, 5, 1), T(9), T(12), Build.Weekly(D(2024, 5, 1)));

        ended.MayOccurBetween(D(2024, 3, 4), D(2024, 3, 10)).Should().BeFalse();
        ended.Recurrence!.EndsBefore(D(2024, 3, 4)).Should().BeTrue();
        open.MayOccurBetween(D(2024, 3, 4), D(2024, 3, 10)).Should().BeTrue();
        oneOff.MayOccurBetween(D(2024, 3, 4), D(2024, 3, 10)).Should().BeTrue();
        oneOff.MayOccurBetween(D(2024, 3, 6), D(2024, 3, 10)).Should().BeFalse();
        future.MayOccurBetween(D(2024, 3, 4), D(2024, 3, 10)).Should().BeFalse();
        ended.MayOccurBetween(D(2023, 6, 30), D(2023, 7, 10)).Should().BeTrue("until is inclusive");

        var multiDay = Build.Absence(D(2024, 3, 1), T(9), T(18), D(2024, 3, 8));
        multiDay.MayOccurBetween(D(2024, 3, 4), D(2024, 3, 10)).Should().BeTrue("an absence running into the range is kept");
        multiDay.MayOccurBetween(D(2024, 3, 9), D(2024, 3, 10)).Should().BeFalse();
    }

    [Test]
    public void Case06_multi_day_absence_is_one_occurrence_and_weekly_absence_one_per_week()
    {
        var holidays = Build.Absence(D(2024, 7, 1), T(0), T(23, 55), D(2024, 7, 21));
        holidays.OccurrencesBetween(D(2024, 7, 8), D(2024, 7, 14), Paris)
            .Should().Equal(new Occurrence(P(2024, 7, 1, 0), P(2024, 7, 21, 23, 55)));

        var weekly = Build.Absence(D(2024, 7, 1), T(12), T(14), recurrence: Build.Weekly(D(2024, 7, 1)));
        weekly.OccurrencesBetween(D(2024, 7, 1), D(2024, 7, 21), Paris).Select(o => Local(o.Start))
            .Should().Equal("2024-07-01 12:00", "2024-07-08 12:00", "2024-07-15 12:00");
    }

    [Test]
    public void Case07_recurring_multi_day_absence_is_invalid_one_off_multi_day_is_valid()
    {
        var today = D(2024, 1, 1);
        Build.Absence(D(2024, 7, 1), T(9), T(12), D(2024, 7, 2), Build.Weekly(D(2024, 7, 1))).Validate(today)
            .Should().Contain(RecurrenceErrors.RecurringMultiDayAbsence);
        Build.Absence(D(2024, 7, 1), T(9), T(12), D(2024, 7, 2)).Validate(today).Should().BeEmpty();
        RecurrenceErrors.RecurringMultiDayAbsence.Message.Should().Be("Une indisponibilité récurrente doit commencer et finir le même jour.");
    }

    [Test]
    public void Absence_end_must_follow_start()
    {
        Build.Absence(D(2024, 7, 1), T(9), T(9)).Validate(D(2024, 1, 1)).Should().Contain(RecurrenceErrors.EndBeforeStart);
        Build.Absence(D(2024, 7, 2), T(9), T(10), D(2024, 7, 1)).Validate(D(2024, 1, 1)).Should().Contain(RecurrenceErrors.EndBeforeStart);
    }

    [Test]
    public void Plage_validations_in_french()
    {
        var today = D(2024, 1, 1);
        Build.Plage(D(2024, 2, 1), T(12), T(9)).Validate(today).Should().Contain(RecurrenceErrors.EndBeforeStart);
        Build.Plage(D(2017, 12, 31), T(9), T(12)).Validate(today).Should().ContainSingle(e => e.Code == "first_day.unrealistic")
            .Which.Message.Should().Be("La date du 31/12/2017 n'est pas réaliste : elle doit être comprise entre le 01/01/2018 et dans 5 ans.");
        Build.Plage(D(2029, 1, 2), T(9), T(12)).Validate(today).Should().Contain(e => e.Code == "first_day.unrealistic");
        Build.Plage(D(2029, 1, 1), T(9), T(12)).Validate(today).Should().BeEmpty();
        Build.Plage(D(2024, 2, 1), T(9), T(12), Build.Weekly(D(2024, 2, 1), 1, D(2030, 1, 1))).Validate(today)
            .Should().Contain(e => e.Code == "recurrence_ends_at.unrealistic");
        Build.Plage(D(2024, 2, 1), T(9), T(12), Build.Weekly(D(2024, 2, 1), 1, D(2024, 2, 1))).Validate(today)
            .Should().Contain(RecurrenceErrors.UntilNotAfterFirstDay);
    }

    [Test]
    public void Occurrence_overlap_is_strict()
    {
        var o = new Occurrence(P(2024, 1, 1, 8), P(2024, 1, 1, 9));

        o.Overlaps(P(2024, 1, 1, 9), P(2024, 1, 1, 10)).Should().BeFalse();
        o.Overlaps(P(2024, 1, 1, 7), P(2024, 1, 1, 8)).Should().BeFalse();
        o.Overlaps(P(2024, 1, 1, 8, 59), P(2024, 1, 1, 10)).Should().BeTrue();
    }

    [Test]
    public void Spring_dst_keeps_the_wall_clock_of_both_ends()
    {
        // Sunday 31 March 2024: 02:00 CET → 03:00 CEST.
        var night = Build.Plage(D(2024, 3, 24), T(1), T(4), Build.Weekly(D(2024, 3, 24)));

        var occurrences = night.OccurrencesBetween(D(2024, 3, 24), D(2024, 4, 7), Paris);

        occurrences.Select(o => (Local(o.Start), Local(o.End), (o.End - o.Start).TotalHours)).Should().Equal(
            ("2024-03-24 01:00", "2024-03-24 04:00", 3.0),
            ("2024-03-31 01:00", "2024-03-31 04:00", 2.0),
            ("2024-04-07 01:00", "2024-04-07 04:00", 3.0));
        occurrences[1].Start.Should().Be(new DateTimeOffset(2024, 3, 31, 0, 0, 0, TimeSpan.Zero));
        occurrences[1].End.Should().Be(new DateTimeOffset(2024, 3, 31, 2, 0, 0, TimeSpan.Zero));
    }

    [Test]
    public void Spring_gap_start_moves_forward_on_the_gap_day_only()
    {
        var plage = Build.Plage(D(2024, 3, 24), T(2, 30), T(5), Build.Weekly(D(2024, 3, 24)));

        var occurrences = plage.OccurrencesBetween(D(2024, 3, 24), D(2024, 4, 7), Paris);

        occurrences.Select(o => Local(o.Start)).Should().Equal("2024-03-24 02:30", "2024-03-31 03:30", "2024-04-07 02:30");
        occurrences[1].Start.Should().Be(new DateTimeOffset(2024, 3, 31, 1, 30, 0, TimeSpan.Zero));
    }

    [Test]
    public void Autumn_dst_keeps_the_wall_clock_and_ambiguous_times_take_the_earlier_instant()
    {
        // Sunday 27 October 2024: 03:00 CEST → 02:00 CET.
        var night = Build.Plage(D(2024, 10, 27), T(1), T(4));
        var o = night.OccurrencesBetween(D(2024, 10, 27), D(2024, 10, 27), Paris).Single();
        o.Start.Should().Be(new DateTimeOffset(2024, 10, 26, 23, 0, 0, TimeSpan.Zero));
        o.End.Should().Be(new DateTimeOffset(2024, 10, 27, 3, 0, 0, TimeSpan.Zero));
        (o.End - o.Start).Should().Be(TimeSpan.FromHours(4));

        var ambiguous = Build.Plage(D(2024, 10, 27), T(2, 30), T(5)).OccurrencesBetween(D(2024, 10, 27), D(2024, 10, 27), Paris).Single();
        ambiguous.Start.Should().Be(new DateTimeOffset(2024, 10, 27, 0, 30, 0, TimeSpan.Zero));
    }

    [Test]
    public void Afternoon_occurrences_across_both_changes_keep_local_time()
    {
        var plage = Build.Plage(D(2024, 4, 1), T(13, 30), T(17), Build.Weekly(D(2024, 4, 1)));

        var occurrences = plage.OccurrencesBetween(D(2024, 3, 25), D(2024, 11, 4), Paris);

        occurrences.Should().OnlyContain(o => Hm(o.Start, null) == "13:30" && Hm(o.End, null) == "17:00");
        occurrences.First().Start.Should().Be(new DateTimeOffset(2024, 4, 1, 11, 30, 0, TimeSpan.Zero)); // after the spring change
        occurrences.Last().Start.Should().Be(new DateTimeOffset(2024, 11, 4, 12, 30, 0, TimeSpan.Zero));  // after the autumn change
    }

    [TestCase("America/Cayenne", 12)]
    [TestCase("Indian/Reunion", 5)]
    [TestCase("America/Martinique", 13)]
    [TestCase("Indian/Mayotte", 6)]
    public void Overseas_zones(string zoneId, int utcHourOfNine)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var plage = Build.Plage(D(2024, 3, 25), T(9), T(12), Build.Weekly(D(2024, 3, 25)));

        var occurrences = plage.OccurrencesBetween(D(2024, 3, 25), D(2024, 11, 4), zone);

        occurrences.Should().HaveCount(33).And.OnlyContain(o => o.Start.UtcDateTime.Hour == utcHourOfNine && (o.End - o.Start) == TimeSpan.FromHours(3));
    }

    [Test]
    public void Occurrences_match_time_zone_info_over_several_years()
    {
        var plage = Build.Plage(D(2019, 1, 6), T(2, 15), T(23, 45), Build.Weekly(D(2019, 1, 6), 1, null, DayOfWeek.Sunday, DayOfWeek.Wednesday));
        foreach (var o in plage.OccurrencesBetween(D(2019, 1, 1), D(2027, 12, 31), Paris))
        {
            var local = TimeZoneInfo.ConvertTime(o.Start, Paris).DateTime;
            if (!Paris.IsAmbiguousTime(local) && Hm(o.Start) == "02:15")
            {
                o.Start.Should().Be(new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, Paris), TimeSpan.Zero));
            }

            Hm(o.End).Should().Be("23:45");
        }
    }
}
