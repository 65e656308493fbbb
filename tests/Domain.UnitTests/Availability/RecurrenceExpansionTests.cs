using RdvSP.Domain.Availability;

namespace RdvSP.Domain.UnitTests.Availability;

public class RecurrenceExpansionTests
{
    private static List<DateOnly> Dates(Recurrence r, DateOnly firstDay, DateOnly from, DateOnly to) =>
        [.. r.DatesBetween(firstDay, from, to)];

    [Test]
    public void Weekly_without_days_repeats_the_first_day_weekday()
    {
        var r = Build.Weekly(D(2024, 1, 10));

        Dates(r, D(2024, 1, 10), D(2024, 1, 1), D(2024, 1, 31)).Should().Equal(D(2024, 1, 10), D(2024, 1, 17), D(2024, 1, 24), D(2024, 1, 31));
    }

    [Test]
    public void Weekly_with_days_skips_a_first_day_whose_weekday_is_not_listed()
    {
        // §13 row 10: first_day Wednesday, rule Monday + Friday.
        var r = Build.Weekly(D(2024, 1, 10), 1, null, DayOfWeek.Monday, DayOfWeek.Friday);

        Dates(r, D(2024, 1, 10), D(2024, 1, 1), D(2024, 1, 22)).Should().Equal(D(2024, 1, 12), D(2024, 1, 15), D(2024, 1, 19), D(2024, 1, 22));
    }

    [Test]
    public void Weekly_sunday_belongs_to_the_week_of_the_monday_before()
    {
        // Every 2 weeks on Monday and Sunday from Monday 8 Jan 2024: weeks of 8 Jan, 22 Jan…
        var r = Build.Weekly(D(2024, 1, 8), 2, null, DayOfWeek.Monday, DayOfWeek.Sunday);

        Dates(r, D(2024, 1, 8), D(2024, 1, 1), D(2024, 1, 31)).Should().Equal(D(2024, 1, 8), D(2024, 1, 14), D(2024, 1, 22), D(2024, 1, 28));
    }

    [Test]
    public void Interval_of_three_weeks_stays_aligned_on_the_first_week_whatever_the_range_start()
    {
        var r = Build.Weekly(D(2024, 1, 3), 3); // Wednesdays: 3 Jan, 24 Jan, 14 Feb, 6 Mar, 27 Mar…

        Dates(r, D(2024, 1, 3), D(2024, 2, 15), D(2024, 3, 31)).Should().Equal(D(2024, 3, 6), D(2024, 3, 27));
        Dates(r, D(2024, 1, 3), D(2024, 3, 6), D(2024, 3, 6)).Should().Equal(D(2024, 3, 6));
        Dates(r, D(2024, 1, 3), D(2024, 3, 7), D(2024, 3, 26)).Should().BeEmpty();
    }

    [Test]
    public void Until_is_inclusive()
    {
        var r = Build.Weekly(D(2024, 1, 1), 1, D(2024, 1, 15));

        Dates(r, D(2024, 1, 1), D(2024, 1, 1), D(2024, 12, 31)).Should().Equal(D(2024, 1, 1), D(2024, 1, 8), D(2024, 1, 15));
    }

    [Test]
    public void Monthly_nth_weekday()
    {
        var r = Build.Monthly(D(2024, 1, 16)); // third Tuesday

        Dates(r, D(2024, 1, 16), D(2024, 1, 1), D(2024, 6, 30)).Should().Equal(
            D(2024, 1, 16), D(2024, 2, 20), D(2024, 3, 19), D(2024, 4, 16), D(2024, 5, 21), D(2024, 6, 18));
    }

    [Test]
    public void Monthly_fifth_weekday_skips_months_without_one()
    {
        var r = Build.Monthly(D(2024, 1, 29)); // fifth Monday

        Dates(r, D(2024, 1, 29), D(2024, 1, 1), D(2024, 12, 31)).Should().Equal(D(2024, 1, 29), D(2024, 4, 29), D(2024, 7, 29), D(2024, 9, 30), D(2024, 12, 30));
    }

    [Test]
    public void Monthly_every_two_months_and_last_weekday()
    {
        var everyTwo = Build.Monthly(D(2024, 1, 1), 2); // first Monday every other month
        Dates(everyTwo, D(2024, 1, 1), D(2024, 1, 1), D(2024, 7, 31)).Should().Equal(D(2024, 1, 1), D(2024, 3, 4), D(2024, 5, 6), D(2024, 7, 1));

        var last = Recurrence.Monthly(D(2024, 1, 26), 1, -1, DayOfWeek.Friday).Value;
        Dates(last, D(2024, 1, 26), D(2024, 1, 1), D(2024, 3, 31)).Should().Equal(D(2024, 1, 26), D(2024, 2, 23), D(2024, 3, 29));
    }

    [Test]
    public void Monthly_fast_forward_never_loses_an_occurrence()
    {
        // §13 row 4: the "1st Monday" of a month seen from a week that starts that Monday.
        var r = Build.Monthly(D(2024, 1, 1)); // first Monday

        Dates(r, D(2024, 1, 1), D(2024, 9, 2), D(2024, 9, 8)).Should().Equal(D(2024, 9, 2));
        Dates(r, D(2024, 1, 1), D(2025, 12, 1), D(2025, 12, 7)).Should().Equal(D(2025, 12, 1));
    }

    [Test]
    public void Monthly_same_day_of_month_skips_short_months_instead_of_clamping()
    {
        var r = Recurrence.Monthly(D(2024, 1, 31)).Value;

        Dates(r, D(2024, 1, 31), D(2024, 1, 1), D(2024, 8, 31)).Should().Equal(D(2024, 1, 31), D(2024, 3, 31), D(2024, 5, 31), D(2024, 7, 31), D(2024, 8, 31));
    }

    [Test]
    public void Leap_day_monthly_and_weekly()
    {
        var monthly = Recurrence.Monthly(D(2024, 2, 29), 12).Value;
        Dates(monthly, D(2024, 2, 29), D(2024, 1, 1), D(2032, 12, 31)).Should().Equal(D(2024, 2, 29), D(2028, 2, 29), D(2032, 2, 29));

        var weekly = Build.Weekly(D(2024, 2, 22));
        Dates(weekly, D(2024, 2, 22), D(2024, 2, 26), D(2024, 3, 3)).Should().Equal(D(2024, 2, 29));
    }

    [Test]
    public void Year_boundary()
    {
        var weekly = Build.Weekly(D(2024, 12, 23), 1, null, DayOfWeek.Monday, DayOfWeek.Wednesday);
        Dates(weekly, D(2024, 12, 23), D(2024, 12, 28), D(2025, 1, 6)).Should().Equal(D(2024, 12, 30), D(2025, 1, 1), D(2025, 1, 6));

        var monthly = Build.Monthly(D(2024, 11, 5), 2); // first Tuesday every two months
        Dates(monthly, D(2024, 11, 5), D(2024, 12, 1), D(2025, 3, 31)).Should().Equal(D(2025, 1, 7), D(2025, 3, 4));
    }

    [Test]
    public void Fast_forward_gives_the_same_dates_as_enumerating_from_the_first_day()
    {
        var rules = new[]
        {
            Build.Weekly(D(2019, 7, 17), 2),
            Build.Weekly(D(2020, 3, 2), 3, null, DayOfWeek.Monday, DayOfWeek.Saturday, DayOfWeek.Sunday),
            Build.Monthly(D(2019, 1, 31), 1),
            Build.Monthly(D(2019, 5, 14), 5),
            Recurrence.Monthly(D(2019, 1, 30), 1).Value,
        };
        foreach (var r in rules)
        {
            var all = Dates(r, r.Starts, r.Starts, D(2026, 12, 31));
            for (var from = D(2024, 1, 1); from < D(2024, 4, 1); from = from.AddDays(3))
            {
                var to = from.AddDays(40);
                Dates(r, r.Starts, from, to).Should().Equal(all.Where(d => d >= from && d <= to), $"rule {r.ToJson()} from {from}");
            }
        }
    }

    [Test]
    public void Case01_until_equal_to_first_day_is_invalid_and_no_until_is_valid()
    {
        Build.Weekly(D(2024, 1, 8), 1, D(2024, 1, 8)).Validate(D(2024, 1, 8)).Should().ContainSingle()
            .Which.Should().Be(RecurrenceErrors.UntilNotAfterFirstDay);
        Build.Weekly(D(2024, 1, 8), 1, D(2024, 1, 1)).Validate(D(2024, 1, 8)).Should().Contain(RecurrenceErrors.UntilNotAfterFirstDay);
        Build.Weekly(D(2024, 1, 8)).Validate(D(2024, 1, 8)).Should().BeEmpty();
        Build.Weekly(D(2024, 1, 8), 1, D(2024, 1, 9)).Validate(D(2024, 1, 8)).Should().BeEmpty();
        RecurrenceErrors.UntilNotAfterFirstDay.Message.Should().Contain("postérieure");
    }

    [Test]
    public void Starts_must_equal_the_first_day()
    {
        Build.Weekly(D(2024, 1, 8)).Validate(D(2024, 1, 9)).Should().Contain(RecurrenceErrors.StartsNotFirstDay);
    }

    [Test]
    public void Case04_recurrence_ends_at_is_the_last_second_of_the_until_day()
    {
        Build.Weekly(D(2024, 1, 8), 1, D(2024, 3, 4)).EndsAtLocal.Should().Be(new DateTime(2024, 3, 4, 23, 59, 59));
        Build.Weekly(D(2024, 1, 8)).EndsAtLocal.Should().BeNull();
    }
}
