using RdvSP.Domain.Booking;

namespace RdvSP.Domain.UnitTests.Booking;

/// <summary>REFERENCE-DOMAIN §5.4 and §10 #20.</summary>
public class AgentBookingWarningsTests
{
    private static readonly DateTimeOffset Now = P(2024, 1, 10, 8);

    private static RdvDraft Draft(int hour, int minute = 0, int minutes = 60, long? lieu = 10, long[]? users = null) =>
        new(null, 1, 5, lieu, P(2024, 1, 15, hour, minute), P(2024, 1, 15, hour, minute).AddMinutes(minutes), [1], users ?? [7]);

    private static ExistingRdv Existing(long id, DateTimeOffset start, DateTimeOffset end, RdvStatus status = RdvStatus.Unknown, long agent = 1, long user = 8, long motif = 5) =>
        new(id, 1, motif, 10, start, end, status, [agent], [user]);

    private static List<string> Codes(RdvDraft draft, AgentBookingContext context) =>
        [.. AgentBookingWarnings.Check(draft, context).Select(w => w.Code)];

    private static AgentBookingContext Context(params ExistingRdv[] rdvs) => new() { Now = Now, Zone = Paris, Rdvs = rdvs };

    [Test]
    public void Case20_touching_absence_does_not_overlap()
    {
        var context = Context() with { Absences = [Build.Absence(D(2024, 1, 15), T(8), T(9))] };

        Codes(Draft(9), context).Should().BeEmpty();
        Codes(Draft(8, 30), context).Should().Equal("rdv.absence");
    }

    [Test]
    public void Recurring_absence_is_expanded()
    {
        var context = Context() with { Absences = [Build.Absence(D(2024, 1, 1), T(12), T(14), recurrence: Build.Weekly(D(2024, 1, 1)))] };

        Codes(Draft(13), context).Should().Equal("rdv.absence");
    }

    [Test]
    public void Overlapping_rdv_is_half_open()
    {
        Codes(Draft(9), Context(Existing(1, P(2024, 1, 15, 9, 30), P(2024, 1, 15, 10, 30)))).Should().Equal("rdv.overlapping_rdv");
        Codes(Draft(9), Context(Existing(1, P(2024, 1, 15, 10), P(2024, 1, 15, 11)))).Should().BeEmpty();
        Codes(Draft(9), Context(Existing(1, P(2024, 1, 15, 9, 30), P(2024, 1, 15, 10, 30), RdvStatus.Excused))).Should().BeEmpty();
        Codes(Draft(9), Context(Existing(1, P(2024, 1, 15, 9, 30), P(2024, 1, 15, 10, 30), agent: 2))).Should().BeEmpty();
        Codes(Draft(9) with { RdvId = 1 }, Context(Existing(1, P(2024, 1, 15, 9, 30), P(2024, 1, 15, 10, 30)))).Should().BeEmpty("the RDV being edited");
    }

    [TestCase(0, false)]
    [TestCase(1, true)]
    [TestCase(20, true)]
    [TestCase(46, true)]
    [TestCase(47, false)]
    public void Gap_after_another_rdv(int gapMinutes, bool warned)
    {
        var start = P(2024, 1, 15, 10);
        var before = Existing(1, start.AddMinutes(-gapMinutes - 30), start.AddMinutes(-gapMinutes));

        var warnings = AgentBookingWarnings.Check(Draft(10), Context(before));

        warnings.Any(w => w.Code == "rdv.gap").Should().Be(warned);
        if (warned)
        {
            warnings.Single().Message.Should().Be($"Ce RDV laissera un trou de {gapMinutes} minutes après un autre RDV de l'agent.");
            warnings.Single().AgentId.Should().Be(1);
        }
    }

    [Test]
    public void Plage_at_another_lieu_warns_for_future_rdvs_only()
    {
        var context = Context() with { OpeningPeriods = [Build.Plage(D(2024, 1, 15), T(9), T(12), lieuId: 99)] };

        Codes(Draft(10), context).Should().Equal("rdv.plage_other_lieu");
        Codes(Draft(12), context).Should().BeEmpty("touching");
        Codes(Draft(10), context with { OpeningPeriods = [Build.Plage(D(2024, 1, 15), T(9), T(12), lieuId: 10)] }).Should().BeEmpty("same lieu");
        Codes(Draft(10), context with { Now = P(2024, 1, 16, 8) }).Should().Equal("rdv.in_past");
    }

    [Test]
    public void Duplicate_suspected_for_the_same_motif_the_same_day()
    {
        var sameDay = Existing(1, P(2024, 1, 15, 16), P(2024, 1, 15, 17), user: 7);

        AgentBookingWarnings.Check(Draft(9), Context(sameDay)).Should().ContainSingle()
            .Which.Should().Be(new BookingWarning("rdv.duplicate_suspected", "Un RDV pour le même motif existe déjà ce jour-là pour ce participant.", UserId: 7));
        Codes(Draft(9), Context(sameDay with { MotifId = 6 })).Should().BeEmpty();
        Codes(Draft(9), Context(sameDay with { Start = P(2024, 1, 16, 16), End = P(2024, 1, 16, 17) })).Should().BeEmpty();
        Codes(Draft(9), Context(sameDay with { Status = RdvStatus.Revoked })).Should().BeEmpty();
    }

    [Test]
    public void Start_in_the_past_and_long_collective_name()
    {
        Codes(Draft(9), Context() with { Now = P(2024, 1, 15, 9, 1) }).Should().Equal("rdv.in_past");
        Codes(Draft(9) with { IsCollective = true, UserIds = [], Name = new string('a', 51) }, Context()).Should().Equal("rdv.name_too_long");
        Codes(Draft(9) with { IsCollective = true, UserIds = [], Name = new string('a', 50) }, Context()).Should().BeEmpty();
    }

    [Test]
    public void Exact_duplicate_is_blocking()
    {
        var draft = Draft(9) with { AgentIds = [1, 2], UserIds = [7, 8] };
        var same = new ExistingRdv(3, 1, 5, 10, draft.Start, draft.End, RdvStatus.Unknown, [2, 1], [8, 7]);

        var result = AgentBookingWarnings.ExactDuplicate(draft, [same]);
        result.IsFailure.Should().BeTrue();
        result.Error.Message.Should().StartWith("Un RDV identique existe déjà");

        AgentBookingWarnings.ExactDuplicate(draft, [same with { UserIds = [7] }]).IsSuccess.Should().BeTrue();
        AgentBookingWarnings.ExactDuplicate(draft, [same with { AgentIds = [1] }]).IsSuccess.Should().BeTrue();
        AgentBookingWarnings.ExactDuplicate(draft, [same with { LieuId = 11 }]).IsSuccess.Should().BeTrue();
        AgentBookingWarnings.ExactDuplicate(draft, [same with { Status = RdvStatus.Excused }]).IsSuccess.Should().BeTrue();
        AgentBookingWarnings.ExactDuplicate(draft, [same with { End = draft.End.AddMinutes(5) }]).IsSuccess.Should().BeTrue();
        AgentBookingWarnings.ExactDuplicate(draft, [same with { OrganisationId = 2 }]).IsSuccess.Should().BeTrue();
    }
}
