using RdvSP.Domain.Availability;

namespace RdvSP.Domain.UnitTests.Availability;

public class RecurrenceJsonTests
{
    [Test]
    public void Weekly_reference_example_parses()
    {
        var r = Recurrence.Parse("""{"every":"week","interval":2,"starts":"2024-01-08T00:00:00+01:00","on":["monday","thursday"],"day":[1,4]}""").Value;

        r.Every.Should().Be(RecurrenceFrequency.Week);
        r.Interval.Should().Be(2);
        r.Starts.Should().Be(D(2024, 1, 8));
        r.Weekdays.Should().Equal(DayOfWeek.Monday, DayOfWeek.Thursday);
        r.Until.Should().BeNull();
    }

    [Test]
    public void Monthly_reference_example_parses()
    {
        var r = Recurrence.Parse("""{"every":"month","interval":1,"starts":"2024-01-16T00:00:00+01:00","day":{"2":[3]},"until":"2024-06-30T00:00:00+02:00"}""").Value;

        r.Every.Should().Be(RecurrenceFrequency.Month);
        r.MonthlyWeekday.Should().Be(DayOfWeek.Tuesday);
        r.MonthlyWeekdayNumber.Should().Be(3);
        r.Until.Should().Be(D(2024, 6, 30));
    }

    [TestCase("2024-01-08 00:00:00 +0100")]
    [TestCase("2024-01-08T00:00:00+01:00")]
    [TestCase("2024-01-08T00:00:00.000+01:00")]
    [TestCase("2024-01-08")]
    [TestCase("08/01/2024")]
    public void Every_stored_timestamp_shape_gives_the_local_date(string starts)
    {
        var r = Recurrence.Parse($$"""{"every":"week","starts":"{{starts}}"}""").Value;

        r.Starts.Should().Be(D(2024, 1, 8));
        r.Interval.Should().Be(1, "a missing interval means 1");
    }

    [Test]
    public void Weekly_with_only_day_numbers_or_only_names_is_the_same_rule()
    {
        var byNumber = Recurrence.Parse("""{"every":"week","starts":"2024-01-07","day":[0,6]}""").Value;
        var byName = Recurrence.Parse("""{"every":"week","starts":"2024-01-07","on":["saturday","sunday"]}""").Value;

        byNumber.Should().Be(byName);
        byNumber.Weekdays.Should().Equal(DayOfWeek.Saturday, DayOfWeek.Sunday);
    }

    [Test]
    public void Monthly_without_day_is_same_day_of_month()
    {
        var r = Recurrence.Parse("""{"every":"month","starts":"2024-01-31"}""").Value;

        r.MonthlyWeekday.Should().BeNull();
        r.MonthlyWeekdayNumber.Should().BeNull();
    }

    [TestCase("""{"every":"week","interval":2,"starts":"2024-01-08","on":["monday","thursday"],"day":[1,4]}""")]
    [TestCase("""{"every":"week","interval":1,"starts":"2024-01-08"}""")]
    [TestCase("""{"every":"week","interval":3,"starts":"2024-01-08","on":["monday","sunday"],"day":[1,0],"until":"2024-12-31"}""")]
    [TestCase("""{"every":"month","interval":1,"starts":"2024-01-16","day":{"2":[3]},"until":"2024-06-30"}""")]
    [TestCase("""{"every":"month","interval":2,"starts":"2024-01-31"}""")]
    public void Canonical_json_is_written_back_identically(string json)
    {
        Recurrence.Parse(json).Value.ToJson().Should().Be(json);
    }

    [Test]
    public void Json_with_zone_uses_the_reference_timestamp_shape()
    {
        var r = Build.Weekly(D(2024, 1, 8), 2, D(2024, 6, 30), DayOfWeek.Monday, DayOfWeek.Thursday);

        r.ToJson(Paris).Should().Be("""{"every":"week","interval":2,"starts":"2024-01-08T00:00:00+01:00","on":["monday","thursday"],"day":[1,4],"until":"2024-06-30T00:00:00+02:00"}""");
        Recurrence.Parse(r.ToJson(Paris)).Value.Should().Be(r);
    }

    [Test]
    public void Reference_shape_with_both_keys_normalises_to_canonical()
    {
        var stored = """{"every":"week","interval":1,"starts":"2024-01-08 00:00:00 +0100","day":[4,1],"on":["thursday","monday"],"until":"2024-03-01 00:00:00 +0100"}""";

        Recurrence.Parse(stored).Value.ToJson().Should().Be("""{"every":"week","interval":1,"starts":"2024-01-08","on":["monday","thursday"],"day":[1,4],"until":"2024-03-01"}""");
    }

    [TestCase("")]
    [TestCase("not json")]
    [TestCase("[]")]
    [TestCase("""{"interval":1,"starts":"2024-01-08"}""")]
    [TestCase("""{"every":"day","starts":"2024-01-08"}""")]
    [TestCase("""{"every":"week"}""")]
    [TestCase("""{"every":"week","starts":"tomorrow"}""")]
    [TestCase("""{"every":"week","starts":"2024-01-08","on":["funday"]}""")]
    [TestCase("""{"every":"week","starts":"2024-01-08","day":[7]}""")]
    [TestCase("""{"every":"month","starts":"2024-01-08","day":{"2":[3],"4":[1]}}""")]
    [TestCase("""{"every":"month","starts":"2024-01-08","day":[1]}""")]
    public void Malformed_json_is_a_french_error(string json)
    {
        var result = Recurrence.Parse(json);

        result.IsFailure.Should().BeTrue();
        result.Error.Code.Should().Be("recurrence.format");
        result.Error.Message.Should().StartWith("La récurrence n'a pas un format valide");
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void Interval_below_one_is_rejected(int interval)
    {
        Recurrence.Parse($$"""{"every":"week","interval":{{interval}},"starts":"2024-01-08"}""").Error.Should().Be(RecurrenceErrors.Interval);
        Recurrence.Weekly(D(2024, 1, 8), interval).IsFailure.Should().BeTrue();
        Recurrence.Monthly(D(2024, 1, 8), interval).IsFailure.Should().BeTrue();
    }

    [Test]
    public void Monthly_factory_follows_the_form_rule_for_the_week_number()
    {
        Recurrence.MonthlyLikeFirstDay(D(2024, 1, 29)).Value.MonthlyWeekdayNumber.Should().Be(5);
        Recurrence.MonthlyLikeFirstDay(D(2024, 1, 7)).Value.MonthlyWeekdayNumber.Should().Be(1);
        Recurrence.MonthlyLikeFirstDay(D(2024, 1, 16)).Value.MonthlyWeekday.Should().Be(DayOfWeek.Tuesday);
    }

    [Test]
    public void Equality_is_by_value_including_weekdays()
    {
        Build.Weekly(D(2024, 1, 8), 1, null, DayOfWeek.Thursday, DayOfWeek.Monday)
            .Should().Be(Build.Weekly(D(2024, 1, 8), 1, null, DayOfWeek.Monday, DayOfWeek.Thursday));
        Build.Weekly(D(2024, 1, 8), 1, null, DayOfWeek.Monday)
            .Should().NotBe(Build.Weekly(D(2024, 1, 8), 1, null, DayOfWeek.Tuesday));
    }
}
