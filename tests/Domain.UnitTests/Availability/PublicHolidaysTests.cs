using RdvSP.Domain.Availability;

namespace RdvSP.Domain.UnitTests.Availability;

public class PublicHolidaysTests
{
    [TestCase(2000, "2000-04-24", "2000-06-01")]
    [TestCase(2008, "2008-03-24", "2008-05-01")] // Ascension on 1 May
    [TestCase(2011, "2011-04-25", "2011-06-02")]
    [TestCase(2019, "2019-04-22", "2019-05-30")]
    [TestCase(2020, "2020-04-13", "2020-05-21")]
    [TestCase(2021, "2021-04-05", "2021-05-13")]
    [TestCase(2022, "2022-04-18", "2022-05-26")]
    [TestCase(2023, "2023-04-10", "2023-05-18")]
    [TestCase(2024, "2024-04-01", "2024-05-09")]
    [TestCase(2025, "2025-04-21", "2025-05-29")]
    [TestCase(2026, "2026-04-06", "2026-05-14")]
    [TestCase(2027, "2027-03-29", "2027-05-06")]
    [TestCase(2030, "2030-04-22", "2030-05-30")]
    [TestCase(2038, "2038-04-26", "2038-06-03")]
    public void Easter_monday_and_ascension_match_published_dates(int year, string easterMonday, string ascension)
    {
        var holidays = PublicHolidays.For(year, HolidayCalendar.Metropolitan);

        holidays.Should().Contain(DateOnly.Parse(easterMonday, System.Globalization.CultureInfo.InvariantCulture));
        holidays.Should().Contain(DateOnly.Parse(ascension, System.Globalization.CultureInfo.InvariantCulture));
        PublicHolidays.IsHoliday(DateOnly.Parse(easterMonday, System.Globalization.CultureInfo.InvariantCulture), HolidayCalendar.Metropolitan).Should().BeTrue();
    }

    [Test]
    public void Eleven_metropolitan_days_of_2024()
    {
        PublicHolidays.For(2024, HolidayCalendar.Metropolitan).Should().Equal(
            D(2024, 1, 1), D(2024, 4, 1), D(2024, 5, 1), D(2024, 5, 8), D(2024, 5, 9), D(2024, 5, 20),
            D(2024, 7, 14), D(2024, 8, 15), D(2024, 11, 1), D(2024, 11, 11), D(2024, 12, 25));
    }

    [Test]
    public void Alsace_moselle_adds_good_friday_and_26_december()
    {
        var holidays = PublicHolidays.For(2024, HolidayCalendar.AlsaceMoselle);

        holidays.Should().HaveCount(13).And.Contain(D(2024, 3, 29)).And.Contain(D(2024, 12, 26));
        PublicHolidays.IsHoliday(D(2024, 3, 29), HolidayCalendar.AlsaceMoselle).Should().BeTrue();
        PublicHolidays.IsHoliday(D(2024, 3, 29), HolidayCalendar.Metropolitan).Should().BeFalse();
        PublicHolidays.IsHoliday(D(2024, 12, 26), HolidayCalendar.Metropolitan).Should().BeFalse();
    }

    [TestCase("971", 5, 27)]
    [TestCase("972", 5, 22)]
    [TestCase("973", 6, 10)]
    [TestCase("974", 12, 20)]
    [TestCase("976", 4, 27)]
    public void Overseas_departements_add_their_abolition_of_slavery_day(string departement, int month, int day)
    {
        var calendar = HolidayCalendar.ForDepartement(departement);

        PublicHolidays.For(2025, calendar).Should().HaveCount(12).And.Contain(new DateOnly(2025, month, day));
        PublicHolidays.IsHoliday(new DateOnly(2029, month, day), calendar).Should().BeTrue();
        PublicHolidays.IsHoliday(new DateOnly(2029, month, day), HolidayCalendar.Metropolitan).Should().BeFalse();
    }

    [TestCase("57", "alsace_moselle")]
    [TestCase("67", "alsace_moselle")]
    [TestCase("68", "alsace_moselle")]
    [TestCase("75", "metropolitan")]
    [TestCase("2A", "metropolitan")]
    [TestCase("", "metropolitan")]
    [TestCase(null, "metropolitan")]
    public void The_territory_decides_the_calendar(string? departement, string code)
    {
        HolidayCalendar.ForDepartement(departement).Code.Should().Be(code);
    }

    [Test]
    public void Calendars_round_trip_through_their_code()
    {
        foreach (var calendar in new[] { HolidayCalendar.Metropolitan, HolidayCalendar.AlsaceMoselle, HolidayCalendar.Guadeloupe, HolidayCalendar.Martinique, HolidayCalendar.Guyane, HolidayCalendar.LaReunion, HolidayCalendar.Mayotte, HolidayCalendar.None })
        {
            HolidayCalendar.FromCode(calendar.Code).Should().BeSameAs(calendar);
        }

        HolidayCalendar.FromCode("unknown").Should().BeSameAs(HolidayCalendar.Metropolitan);
        HolidayCalendar.ForDepartement("971").Code.Should().Be("guadeloupe");
    }

    [Test]
    public void Is_holiday_agrees_with_the_list_for_every_day_of_many_years()
    {
        foreach (var calendar in new[] { HolidayCalendar.Metropolitan, HolidayCalendar.AlsaceMoselle, HolidayCalendar.LaReunion, HolidayCalendar.None })
        {
            for (var year = 2018; year <= 2040; year++)
            {
                var list = PublicHolidays.For(year, calendar).ToHashSet();
                for (var day = new DateOnly(year, 1, 1); day.Year == year; day = day.AddDays(1))
                {
                    PublicHolidays.IsHoliday(day, calendar).Should().Be(list.Contains(day), $"{day} in {calendar}");
                }
            }
        }
    }
}
