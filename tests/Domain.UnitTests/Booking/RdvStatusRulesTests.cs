using RdvSP.Domain.Booking;

namespace RdvSP.Domain.UnitTests.Booking;

/// <summary>REFERENCE-DOMAIN §5.6, §10 #15 and #16.</summary>
public class RdvStatusRulesTests
{
    private static readonly DateTimeOffset Now = P(2024, 1, 10, 12);
    private const RdvStatus U = RdvStatus.Unknown;
    private const RdvStatus S = RdvStatus.Seen;
    private const RdvStatus N = RdvStatus.Noshow;
    private const RdvStatus E = RdvStatus.Excused;
    private const RdvStatus R = RdvStatus.Revoked;

    [TestCase(U, new[] { S, E, R, N }, new[] { U, U, U, U })]
    [TestCase(E, new[] { U, S, R, N }, new[] { E, E, R, E })]
    [TestCase(R, new[] { U, E, N, S }, new[] { R, E, R, R })]
    [TestCase(S, new[] { U, E, N, R }, new[] { S, E, N, R })]
    [TestCase(N, new[] { U, E, S, R }, new[] { N, E, S, R })]
    public void Case16_setting_the_rdv_status_propagates_to_participations(RdvStatus newStatus, RdvStatus[] before, RdvStatus[] after)
    {
        var change = RdvStatusRules.SetRdvStatus(newStatus, before, isCollective: false, Now).Value;

        change.Status.Should().Be(newStatus);
        change.Participations.Should().Equal(after);
    }

    [TestCase(U, false)]
    [TestCase(S, false)]
    [TestCase(N, true)]
    [TestCase(E, true)]
    [TestCase(R, true)]
    public void Case16_cancelled_at_is_set_for_excused_revoked_and_noshow(RdvStatus status, bool set)
    {
        RdvStatusRules.CancelledAt(status, Now).Should().Be(set ? Now : null);
        RdvStatusRules.SetRdvStatus(status, [U], false, Now).Value.CancelledAt.Should().Be(set ? Now : null);
    }

    [TestCase(new[] { S, N }, S)]
    [TestCase(new[] { E, E }, E)]
    [TestCase(new[] { R, R }, R)]
    [TestCase(new[] { N, N }, N)]
    [TestCase(new[] { E, R }, U)]
    [TestCase(new[] { U, N }, U)]
    [TestCase(new[] { N, E }, U)]
    [TestCase(new RdvStatus[0], U)]
    public void Case16_individual_rdv_status_from_participations(RdvStatus[] participations, RdvStatus expected)
    {
        RdvStatusRules.RecomputeIndividual(participations).Should().Be(expected);
    }

    [Test]
    public void Case16_collective_rdv_status_from_participations()
    {
        RdvStatusRules.RecomputeCollective(U, [E, S], hasStarted: false).Should().Be(S);
        RdvStatusRules.RecomputeCollective(U, [E, N], hasStarted: true).Should().Be(R);
        RdvStatusRules.RecomputeCollective(U, [E, N], hasStarted: false).Should().Be(U);
        RdvStatusRules.RecomputeCollective(U, [E, U], hasStarted: true).Should().Be(U);
    }

    [TestCase(E)]
    [TestCase(N)]
    public void Case15_collective_rdv_cannot_be_excused_or_noshow(RdvStatus status)
    {
        var result = RdvStatusRules.SetRdvStatus(status, [U], isCollective: true, Now);

        result.IsFailure.Should().BeTrue();
        result.Error.Should().Be(RdvStatusRules.CollectiveStatusNotAllowed);
        RdvStatusRules.IsAllowed(status, isCollective: true).Should().BeFalse();
        RdvStatusRules.IsAllowed(status, isCollective: false).Should().BeTrue();
    }

    [TestCase(U)]
    [TestCase(S)]
    [TestCase(R)]
    public void Case15_collective_rdv_accepts_unknown_seen_revoked(RdvStatus status)
    {
        RdvStatusRules.SetRdvStatus(status, [U], isCollective: true, Now).IsSuccess.Should().BeTrue();
    }

    [Test]
    public void Participants_count_and_initial_status()
    {
        RdvStatusRules.ParticipantsCount([U, S, N, E, R]).Should().Be(3);
        RdvStatusRules.InitialParticipationStatus(S, isCollective: false).Should().Be(S);
        RdvStatusRules.InitialParticipationStatus(S, isCollective: true).Should().Be(U);
    }

    [Test]
    public void Offered_transitions_follow_the_agent_ui()
    {
        var today = D(2024, 1, 10);
        RdvStatusRules.OfferedTransitions(U, D(2024, 1, 11), today, false, false).Should().Equal(E, R);
        RdvStatusRules.OfferedTransitions(U, D(2024, 1, 11), today, false, false, forParticipation: true).Should().Equal(E);
        RdvStatusRules.OfferedTransitions(U, today, today, hasStarted: false, false).Should().Equal(S, E, R);
        RdvStatusRules.OfferedTransitions(U, today, today, hasStarted: true, false).Should().Equal(S, N, E, R);
        RdvStatusRules.OfferedTransitions(U, D(2024, 1, 9), today, true, false).Should().Equal(S, N, E, R);
        RdvStatusRules.OfferedTransitions(U, D(2024, 1, 11), today, false, isCollective: true).Should().Equal(R);
        RdvStatusRules.OfferedTransitions(U, today, today, true, isCollective: true).Should().Equal(S, R);
        RdvStatusRules.OfferedTransitions(E, today, today, true, false).Should().Equal(U);
        RdvStatusRules.Temporal(U, D(2024, 1, 9), today).Should().Be(TemporalStatus.UnknownPast);
    }

    [Test]
    public void Is_cancelled()
    {
        new[] { U, S, N, E, R }.Where(s => s.IsCancelled()).Should().Equal(E, R);
    }
}
