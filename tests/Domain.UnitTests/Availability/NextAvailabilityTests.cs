using RdvSP.Domain.Availability;
using RdvSP.Domain.Booking;

namespace RdvSP.Domain.UnitTests.Availability;

/// <summary>REFERENCE-DOMAIN §4.7 and §10 #10.</summary>
public class NextAvailabilityTests
{
    private static readonly DateTimeOffset Now = P(2024, 1, 10, 12);

    private static Slot? Find(IReadOnlyList<OpeningPeriod> plages, IReadOnlyList<Absence>? absences = null, IReadOnlyList<AgentBusy>? busy = null, DateOnly? to = null, SlotAudience audience = SlotAudience.Agent) =>
        NextAvailability.Find(Build.Query(D(2024, 1, 10), to ?? D(2024, 7, 10), Now, 30, plages, absences, busy, audience));

    [Test]
    public void Case10_absence_covering_the_only_one_off_occurrence_gives_nothing()
    {
        var plage = Build.Plage(D(2024, 1, 17), T(9), T(12));

        Find([plage], [Build.Absence(D(2024, 1, 17), T(8), T(13))]).Should().BeNull();
        Find([plage]).Should().NotBeNull();
    }

    [Test]
    public void Case10_absence_covering_a_monthly_occurrence_gives_the_next_month()
    {
        var plage = Build.Plage(D(2024, 1, 17), T(9), T(12), Build.Monthly(D(2024, 1, 17))); // third Wednesday

        var next = Find([plage], [Build.Absence(D(2024, 1, 17), T(8), T(13))]);

        Local(next!.Value.Start).Should().Be("2024-02-21 09:00");
    }

    [Test]
    public void Case10_revoked_rdv_does_not_block()
    {
        var plage = Build.Plage(D(2024, 1, 17), T(9), T(9, 30));
        var revoked = new ExistingRdv(1, 1, 1, 10, P(2024, 1, 17, 9), P(2024, 1, 17, 9, 30), RdvStatus.Revoked, [1], [5]);
        var seen = revoked with { Status = RdvStatus.Seen };

        Find([plage], busy: BusyTimes.FromRdvs([revoked])).Should().NotBeNull();
        Find([plage], busy: BusyTimes.FromRdvs([seen])).Should().BeNull();
    }

    [Test]
    public void Case10_several_agents_give_the_earliest_of_any()
    {
        var plages = new[]
        {
            Build.Plage(D(2024, 1, 19), T(9), T(12), agentId: 1, id: 1),
            Build.Plage(D(2024, 1, 18), T(14), T(15), agentId: 2, id: 2),
            Build.Plage(D(2024, 1, 18), T(10), T(11), agentId: 3, id: 3),
        };

        var next = Find(plages);

        next!.Value.AgentId.Should().Be(3);
        Local(next.Value.Start).Should().Be("2024-01-18 10:00");
    }

    [Test]
    public void Case10_agent_filter_is_respected_by_passing_only_that_agent_plages()
    {
        var plages = new[]
        {
            Build.Plage(D(2024, 1, 18), T(10), T(11), agentId: 3, id: 3),
            Build.Plage(D(2024, 1, 19), T(9), T(12), agentId: 1, id: 1),
        };
        var eligible = AgentEligibility.ForAgentSearch([1], []);

        var next = Find([.. plages.Where(p => eligible!.Contains(p.AgentId))]);

        next!.Value.AgentId.Should().Be(1);
        Local(next.Value.Start).Should().Be("2024-01-19 09:00");
    }

    [Test]
    public void Stops_at_the_first_day_with_a_slot_even_far_ahead()
    {
        var plage = Build.Plage(D(2024, 1, 10), T(9), T(17), Build.Weekly(D(2024, 1, 10), 1, null, DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday));
        var busy = new List<AgentBusy> { new(1, P(2024, 1, 10, 0), P(2024, 6, 28, 23)) };

        var next = Find([plage], busy: busy);

        Local(next!.Value.Start).Should().Be("2024-07-01 09:00");
        Find([plage], busy: busy, to: D(2024, 6, 30)).Should().BeNull();
    }

    [Test]
    public void Same_answer_as_the_first_slot_of_the_full_computation()
    {
        var plages = new[]
        {
            Build.Plage(D(2024, 1, 8), T(9), T(12), Build.Weekly(D(2024, 1, 8), 2, null, DayOfWeek.Tuesday), agentId: 1, id: 1),
            Build.Plage(D(2024, 1, 9), T(13, 30), T(17), Build.Monthly(D(2024, 1, 9)), agentId: 2, id: 2),
        };
        var absences = new[] { Build.Absence(D(2024, 1, 22), T(0), T(23, 55), D(2024, 2, 20), agentId: 1) };
        var query = Build.Query(D(2024, 1, 10), D(2024, 7, 10), Now, 30, plages, absences, audience: SlotAudience.Usager);

        NextAvailability.Find(query).Should().Be(SlotEngine.Compute(query)[0]);
    }

    [Test]
    public void Usager_window_applies()
    {
        var plage = Build.Plage(D(2024, 1, 10), T(9), T(17), Build.Weekly(D(2024, 1, 10), 1, null, DayOfWeek.Wednesday, DayOfWeek.Thursday));
        var query = Build.Query(D(2024, 1, 10), D(2024, 7, 10), Now, 30, [plage], audience: SlotAudience.Usager, window: BookingWindow.FromSeconds(2 * 24 * 3600, 30 * 24 * 3600));

        Local(NextAvailability.Find(query)!.Value.Start).Should().Be("2024-01-17 09:00");
    }
}
