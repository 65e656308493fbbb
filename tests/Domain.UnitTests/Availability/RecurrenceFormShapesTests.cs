using RdvSP.Domain.Availability;

namespace RdvSP.Domain.UnitTests.Availability;

/// <summary>
/// The shapes the reference's own form and old clients post (issue 9): weekday names as keys, a single
/// value instead of a list, dd/mm/yyyy dates, no "starts" (the first day then), "{}" for none; and the
/// form validations of plages and absences (REFERENCE-DOMAIN §3.4), DST weeks included.
/// </summary>
public class RecurrenceFormShapesTests
{
    private static readonly DateOnly Today = D(2026, 3, 10);

    [TestCase("""{"every":"week","interval":2,"starts":"08/01/2024","on":["monday","thursday"]}""",
        """{"every":"week","interval":2,"starts":"2024-01-08","on":["monday","thursday"],"day":[1,4]}""", TestName = "Weekly: dd/mm/yyyy start, names in on")]
    [TestCase("""{"every":"week","interval":"3","starts":"2024-01-08","on":"thursday"}""",
        """{"every":"week","interval":3,"starts":"2024-01-08","on":["thursday"],"day":[4]}""", TestName = "Weekly: one name instead of a list, interval as text")]
    [TestCase("""{"every":"week","starts":"2024-01-08","day":1}""",
        """{"every":"week","interval":1,"starts":"2024-01-08","on":["monday"],"day":[1]}""", TestName = "Weekly: one number instead of a list")]
    [TestCase("""{"every":"week","starts":"2024-01-08","day":["Monday","4"]}""",
        """{"every":"week","interval":1,"starts":"2024-01-08","on":["monday","thursday"],"day":[1,4]}""", TestName = "Weekly: names and numbers as text in day")]
    [TestCase("""{"every":"week","starts":"2024-01-08","until":"01/03/2024"}""",
        """{"every":"week","interval":1,"starts":"2024-01-08","until":"2024-03-01"}""", TestName = "Weekly: dd/mm/yyyy until")]
    [TestCase("""{"every":"month","starts":"2024-01-16","day":{"tuesday":[3]}}""",
        """{"every":"month","interval":1,"starts":"2024-01-16","day":{"2":[3]}}""", TestName = "Monthly: weekday name as key")]
    [TestCase("""{"every":"month","interval":2,"starts":"2024-01-16","day":{"Tuesday":3}}""",
        """{"every":"month","interval":2,"starts":"2024-01-16","day":{"2":[3]}}""", TestName = "Monthly: one number instead of a list")]
    [TestCase("""{"every":"month","starts":"2024-01-16","day":{"2":"3"},"until":"30/06/2024"}""",
        """{"every":"month","interval":1,"starts":"2024-01-16","day":{"2":[3]},"until":"2024-06-30"}""", TestName = "Monthly: number as text, dd/mm/yyyy until")]
    public void Reference_form_shapes_are_read_into_the_canonical_rule(string posted, string canonical)
    {
        var parsed = Recurrence.Parse(posted, null);

        parsed.IsSuccess.Should().BeTrue(parsed.IsFailure ? parsed.Error.Message : "");
        parsed.Value.ToJson().Should().Be(canonical);
        Recurrence.Parse(canonical).Value.Should().Be(parsed.Value, "the canonical JSON reads back to the same rule");
    }

    [Test]
    public void A_missing_start_is_the_first_day_of_the_element_only_when_one_is_given()
    {
        const string json = """{"every":"week","interval":2,"on":["monday"]}""";

        Recurrence.Parse(json, D(2026, 3, 16)).Value.Starts.Should().Be(D(2026, 3, 16));
        Recurrence.Parse(json).Error.Code.Should().Be("recurrence.format");
    }

    [TestCase("""{"every":"month","starts":"2024-01-16","day":{"funday":[3]}}""", TestName = "Unknown weekday name as key")]
    [TestCase("""{"every":"month","starts":"2024-01-16","day":{"tuesday":[3,4]}}""", TestName = "Two week numbers")]
    [TestCase("""{"every":"month","starts":"2024-01-16","day":{"9":[1]}}""", TestName = "Weekday number 9 as key")]
    [TestCase("""{"every":"week","starts":"2024-01-08","on":7}""", TestName = "Weekday number 7")]
    [TestCase("""{"every":"week","starts":"2024-01-08","day":{"monday":[1]}}""", TestName = "Weekly day as an object")]
    [TestCase("""{"every":"week","starts":"2024-01-08","on":[true]}""", TestName = "A boolean weekday")]
    [TestCase("""{"every":"week","starts":"32/01/2024"}""", TestName = "Impossible dd/mm/yyyy date")]
    [TestCase("""{"every":"week","interval":"deux","starts":"2024-01-08"}""", TestName = "Interval as words")]
    public void Tampered_shapes_are_a_french_format_error(string posted)
    {
        var parsed = Recurrence.Parse(posted, D(2024, 1, 8));

        parsed.IsFailure.Should().BeTrue();
        parsed.Error.Code.Should().Be("recurrence.format");
        parsed.Error.Message.Should().StartWith("La récurrence n'a pas un format valide");
    }

    [TestCase("", true)]
    [TestCase("   ", true)]
    [TestCase("{}", true)]
    [TestCase("null", true)]
    [TestCase("""{"every":"week"}""", false)]
    [TestCase("not json", false)]
    [TestCase("[]", false)]
    public void Blank_null_and_empty_object_mean_no_recurrence(string value, bool none) =>
        Recurrence.IsNone(value).Should().Be(none);

    private static OpeningPeriod Plage(DateOnly firstDay, string start = "09:00", string end = "12:00", string? recurrence = null) =>
        new(0, 1, null, firstDay, TimeOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), TimeOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture),
            recurrence is null ? null : Recurrence.Parse(recurrence, firstDay).Value);

    private static IEnumerable<TestCaseData> PlageRules()
    {
        var first = D(2026, 3, 16);
        yield return new TestCaseData(Plage(first), null).SetName("Plage: valid one-off");
        yield return new TestCaseData(Plage(first, recurrence: """{"every":"week","interval":5}"""), null).SetName("Plage: interval 5 accepted");
        yield return new TestCaseData(Plage(first, "12:00", "09:00"), "time.end_before_start").SetName("Plage: end before start");
        yield return new TestCaseData(Plage(first, "09:00", "09:00"), "time.end_before_start").SetName("Plage: end equal to start");
        yield return new TestCaseData(Plage(first, recurrence: """{"every":"week","interval":6}"""), "recurrence.interval").SetName("Plage: interval 6");
        yield return new TestCaseData(Plage(first, recurrence: """{"every":"week","interval":9}"""), "recurrence.interval").SetName("Plage: interval 9");
        yield return new TestCaseData(Plage(first, recurrence: """{"every":"week","until":"2026-03-16"}"""), "recurrence.until").SetName("Plage: until equal to the first day");
        yield return new TestCaseData(Plage(first, recurrence: """{"every":"week","until":"2026-03-01"}"""), "recurrence.until").SetName("Plage: first day after until");
        yield return new TestCaseData(Plage(first, recurrence: """{"every":"week","starts":"2026-03-17"}"""), "recurrence.starts").SetName("Plage: starts is not the first day");
        yield return new TestCaseData(Plage(D(2017, 12, 31)), "first_day.unrealistic").SetName("Plage: first day before 2018");
        yield return new TestCaseData(Plage(D(2018, 1, 1)), null).SetName("Plage: first day on 2018-01-01");
        yield return new TestCaseData(Plage(Today.AddYears(5)), null).SetName("Plage: first day in exactly five years");
        yield return new TestCaseData(Plage(Today.AddYears(5).AddDays(1)), "first_day.unrealistic").SetName("Plage: first day after five years");
        yield return new TestCaseData(Plage(first, recurrence: """{"every":"week","until":"2031-03-11"}"""), "recurrence_ends_at.unrealistic").SetName("Plage: until after five years");
        // The weeks of the change to summer time (29 March 2026) and back (25 October 2026) are ordinary weeks.
        yield return new TestCaseData(Plage(D(2026, 3, 29), "02:00", "03:30"), null).SetName("Plage: one-off across the spring-forward gap");
        yield return new TestCaseData(Plage(D(2026, 3, 23), recurrence: """{"every":"week","on":["monday","sunday"],"until":"2026-04-05"}"""), null).SetName("Plage: weekly over the DST week");
    }

    [TestCaseSource(nameof(PlageRules))]
    public void Plage_validation_table(OpeningPeriod plage, string? expectedCode)
    {
        var errors = plage.Validate(Today);

        if (expectedCode is null) errors.Should().BeEmpty();
        else errors.Select(e => e.Code).Should().Contain(expectedCode);
    }

    private static Absence AbsenceOf(DateOnly firstDay, string start, DateOnly endDay, string end, string? recurrence = null) =>
        new(0, 1, firstDay, TimeOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), endDay, TimeOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture),
            recurrence is null ? null : Recurrence.Parse(recurrence, firstDay).Value);

    private static IEnumerable<TestCaseData> AbsenceRules()
    {
        var first = D(2026, 3, 16);
        yield return new TestCaseData(AbsenceOf(first, "00:00", first.AddDays(4), "23:55"), null).SetName("Absence: several days, not recurring");
        yield return new TestCaseData(AbsenceOf(first, "09:00", first, "08:00"), "time.end_before_start").SetName("Absence: end before start the same day");
        yield return new TestCaseData(AbsenceOf(first, "09:00", first.AddDays(-1), "18:00"), "time.end_before_start").SetName("Absence: end day before first day");
        yield return new TestCaseData(AbsenceOf(first, "09:00", first.AddDays(1), "12:00", """{"every":"week"}"""), "absence.recurring_multi_day").SetName("Absence: recurring over several days");
        yield return new TestCaseData(AbsenceOf(first, "09:00", first, "12:00", """{"every":"month","interval":9}"""), "recurrence.interval").SetName("Absence: interval 9");
        yield return new TestCaseData(AbsenceOf(first, "09:00", first, "12:00", """{"every":"week","until":"2026-03-16"}"""), "recurrence.until").SetName("Absence: until equal to the first day");
        yield return new TestCaseData(AbsenceOf(D(2017, 12, 31), "09:00", D(2018, 1, 2), "12:00"), "first_day.unrealistic").SetName("Absence: first day before 2018");
        yield return new TestCaseData(AbsenceOf(first, "09:00", Today.AddYears(5).AddDays(1), "12:00"), "end_day.unrealistic").SetName("Absence: end day after five years");
        yield return new TestCaseData(AbsenceOf(D(2026, 3, 29), "00:00", D(2026, 3, 29), "23:55"), null).SetName("Absence: the whole spring-forward day");
        yield return new TestCaseData(AbsenceOf(D(2026, 10, 25), "02:00", D(2026, 10, 25), "02:30"), null).SetName("Absence: inside the repeated autumn hour");
    }

    [TestCaseSource(nameof(AbsenceRules))]
    public void Absence_validation_table(Absence absence, string? expectedCode)
    {
        var errors = absence.Validate(Today);

        if (expectedCode is null) errors.Should().BeEmpty();
        else errors.Select(e => e.Code).Should().Contain(expectedCode);
    }

    [Test]
    public void Interval_zero_is_refused_by_the_parser()
    {
        Recurrence.Parse("""{"every":"week","interval":0}""", D(2026, 3, 16)).Error.Should().Be(RecurrenceErrors.Interval);
        RecurrenceErrors.Interval.Message.Should().Be("L'intervalle de la récurrence doit être compris entre 1 et 5.");
    }

    [Test]
    public void Every_other_week_on_monday_and_thursday_keeps_its_local_hours_across_the_dst_change()
    {
        // From Monday 16 March 2026, every 2 weeks; summer time starts on Sunday 29 March.
        var plage = Plage(D(2026, 3, 16), "09:00", "12:00", """{"every":"week","interval":2,"on":["monday","thursday"],"until":"2026-04-16"}""");

        var occurrences = plage.OccurrencesBetween(D(2026, 3, 1), D(2026, 4, 30), Paris);

        occurrences.Select(o => Local(o.Start)).Should().Equal("2026-03-16 09:00", "2026-03-19 09:00", "2026-03-30 09:00", "2026-04-02 09:00", "2026-04-13 09:00", "2026-04-16 09:00");
        occurrences[1].Start.UtcDateTime.Hour.Should().Be(8, "UTC+1 before the change");
        occurrences[2].Start.UtcDateTime.Hour.Should().Be(7, "UTC+2 after the change");
        occurrences.Should().OnlyContain(o => o.End - o.Start == TimeSpan.FromHours(3));
    }

    [Test]
    public void A_motif_longer_than_the_plage_is_a_warning()
    {
        PlageWarnings.MotifsLongerThanPlage(new TimeOnly(9, 0), new TimeOnly(9, 20), [("Consultation", 30), ("Appel", 15), ("Bilan", 20)])
            .Should().Equal("Consultation");
        PlageWarnings.MotifTooLongMessage("Consultation").Should().Contain("« Consultation » dure plus longtemps que la plage");
    }
}
