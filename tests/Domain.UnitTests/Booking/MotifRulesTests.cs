using RdvSP.Domain.Booking;

namespace RdvSP.Domain.UnitTests.Booking;

public class MotifRulesTests
{
    [Test]
    public void Defaults_are_valid()
    {
        MotifRules.Validate(30).Should().BeEmpty();
    }

    [TestCase(0, "motif.duration")]
    [TestCase(-10, "motif.duration")]
    [TestCase(7, "motif.duration_step")]
    [TestCase(725, "motif.duration_max")]
    [TestCase(10_000, "motif.duration_max")]
    public void Duration_must_be_positive_and_a_multiple_of_five(int duration, string code)
    {
        MotifRules.Validate(duration).Should().ContainSingle().Which.Code.Should().Be(code);
    }

    [TestCase(1799, 7_889_238, "motif.min_public_booking_delay")]
    [TestCase(3600, 3600, "motif.max_public_booking_delay")]
    [TestCase(7200, 3600, "motif.max_public_booking_delay")]
    [TestCase(1800, 31_556_953, "motif.max_public_booking_delay_bound")]
    public void Delays_within_bounds(int min, int max, string code)
    {
        MotifRules.Validate(30, min, max).Select(e => e.Code).Should().Equal(code);
    }

    [Test]
    public void One_year_max_delay_is_accepted_and_messages_are_french()
    {
        MotifRules.Validate(30, 1800, 31_556_952).Should().BeEmpty("« 1 an » is the form's longest preset");
        MotifRules.Validate(720).Should().BeEmpty();
        MotifRules.DurationNotPositive.Message.Should().Be("La durée par défaut doit être supérieure à 0 minute.");
        MotifRules.MinDelayTooShort.Message.Should().Be("Le délai minimum de réservation doit être d'au moins 30 minutes.");
    }

    [Test]
    public void Collective_motif_must_be_public_office_and_options_are_checked()
    {
        MotifRules.Validate(30, collectif: true, locationType: LocationType.Visio).Should().Contain(MotifRules.CollectiveNotPublicOffice);
        MotifRules.Validate(30, slotStepMinutes: 0).Should().Contain(MotifRules.StepNotPositive);
        MotifRules.Validate(30, slotStepMinutes: 15, bufferAfterMinutes: 10).Should().BeEmpty();
        MotifRules.Validate(30, bufferAfterMinutes: -5).Should().Contain(MotifRules.BufferNegative);
        MotifRules.Validate(30, slotStepMinutes: 725).Should().Contain(MotifRules.StepNotPositive);
        MotifRules.Validate(30, bufferAfterMinutes: 10_000).Should().Contain(MotifRules.BufferNegative);
        MotifRules.Validate(30, followUp: true, forSecretariat: true).Should().Equal(MotifRules.FollowUpWithSecretariat);
        MotifRules.Validate(30, followUp: true).Should().BeEmpty();
    }

    [TestCase("#1f77b4", true)]
    [TestCase("#ABC", true)]
    [TestCase("1f77b4", false)]
    [TestCase("#1f77b", false)]
    [TestCase("#gggggg", false)]
    [TestCase("red", false)]
    [TestCase("", false)]
    [TestCase(null, false)]
    public void Colour_is_a_css_hex_code(string? color, bool valid)
    {
        MotifRules.IsValidColor(color).Should().Be(valid);
    }
}
