using RdvSP.Domain.Booking;

namespace RdvSP.Domain.UnitTests.Booking;

public class EnumMappingTests
{
    [TestCase(BookableBy.Agents, "agents")]
    [TestCase(BookableBy.AgentsAndPrescripteurs, "agents_and_prescripteurs")]
    [TestCase(BookableBy.AgentsAndPrescripteursAndInvitedUsers, "agents_and_prescripteurs_and_invited_users")]
    [TestCase(BookableBy.Everyone, "everyone")]
    public void Bookable_by_round_trips(BookableBy value, string text)
    {
        value.ToDbValue().Should().Be(text);
        BookableByExtensions.ParseBookableBy(text).Should().Be(value);
    }

    [TestCase(LocationType.PublicOffice, "public_office")]
    [TestCase(LocationType.Home, "home")]
    [TestCase(LocationType.Phone, "phone")]
    [TestCase(LocationType.Visio, "visio")]
    public void Location_type_round_trips(LocationType value, string text)
    {
        value.ToDbValue().Should().Be(text);
        LocationTypeExtensions.ParseLocationType(text).Should().Be(value);
    }

    [TestCase(RdvStatus.Unknown, "unknown")]
    [TestCase(RdvStatus.Seen, "seen")]
    [TestCase(RdvStatus.Noshow, "noshow")]
    [TestCase(RdvStatus.Excused, "excused")]
    [TestCase(RdvStatus.Revoked, "revoked")]
    public void Rdv_status_round_trips(RdvStatus value, string text)
    {
        value.ToDbValue().Should().Be(text);
        RdvStatusExtensions.TryParseRdvStatus(text, out var parsed).Should().BeTrue();
        parsed.Should().Be(value);
    }

    [Test]
    public void Unknown_values_are_rejected_and_derived_flags_hold()
    {
        BookableByExtensions.TryParseBookableBy("public", out _).Should().BeFalse();
        LocationTypeExtensions.TryParseLocationType("PUBLIC_OFFICE", out _).Should().BeFalse();
        RdvStatusExtensions.TryParseRdvStatus(null, out _).Should().BeFalse();
        var act = () => BookableByExtensions.ParseBookableBy("x");
        act.Should().Throw<FormatException>();
        BookableBy.Agents.IsBookableOutsideOrganisation().Should().BeFalse();
        BookableBy.AgentsAndPrescripteursAndInvitedUsers.IsBookablePublicly().Should().BeTrue();
        BookableBy.AgentsAndPrescripteurs.IsBookablePublicly().Should().BeFalse();
        LocationType.PublicOffice.RequiresLieu().Should().BeTrue();
        LocationType.Phone.RequiresLieu().Should().BeFalse();
    }

    [Test]
    public void Collective_capacity()
    {
        CollectiveCapacity.Seats(null, 100).Should().Be(SeatsStatus.RemainingSeats);
        CollectiveCapacity.Seats(5, 4).Should().Be(SeatsStatus.RemainingSeats);
        CollectiveCapacity.Seats(5, 5).Should().Be(SeatsStatus.FullyBooked);
        CollectiveCapacity.Seats(5, 6).Should().Be(SeatsStatus.Overbooked);
        CollectiveCapacity.CanAddParticipant(5, 5).Error.Message.Should().Be("Ce RDV collectif est complet.");
        CollectiveCapacity.CanAddParticipant(5, 5, agentOverbooksExplicitly: true).IsSuccess.Should().BeTrue();
        CollectiveCapacity.CanAddParticipant(5, 4).IsSuccess.Should().BeTrue();
        CollectiveCapacity.ValidateMaximum(0).IsFailure.Should().BeTrue();
        CollectiveCapacity.ValidateMaximum(null).IsSuccess.Should().BeTrue();
    }
}
