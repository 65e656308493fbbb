using RdvSP.Domain.Booking;

namespace RdvSP.Domain.UnitTests.Booking;

public class BookingRulesTests
{
    private static readonly DateTimeOffset Now = P(2024, 1, 10, 12);

    [TestCase(BookableBy.Agents, true, false, false, false)]
    [TestCase(BookableBy.AgentsAndPrescripteurs, true, true, false, false)]
    [TestCase(BookableBy.AgentsAndPrescripteursAndInvitedUsers, true, true, true, false)]
    [TestCase(BookableBy.Everyone, true, true, true, true)]
    public void Who_may_book_which_motif(BookableBy bookableBy, bool agent, bool prescripteur, bool invited, bool anyone)
    {
        BookingRules.MayBook(bookableBy, BookingActor.AgentOfOrganisation).Should().Be(agent);
        BookingRules.MayBook(bookableBy, BookingActor.Prescripteur).Should().Be(prescripteur);
        BookingRules.MayBook(bookableBy, BookingActor.InvitedUsager).Should().Be(invited);
        BookingRules.MayBook(bookableBy, BookingActor.Usager).Should().Be(anyone);
    }

    [Test]
    public void Case14_usager_cancel_only_more_than_four_hours_before()
    {
        BookingRules.CanUsagerCancel(Now.AddHours(4).AddMinutes(1), Now).Should().BeTrue();
        BookingRules.CanUsagerCancel(Now.AddHours(4), Now).Should().BeFalse();
        BookingRules.CanUsagerCancel(Now.AddHours(3), Now).Should().BeFalse();
        BookingRules.CanUsagerCancel(Now.AddDays(2), Now, RdvStatus.Excused).Should().BeFalse("already cancelled");
        BookingRules.CanUsagerCancel(Now.AddDays(2), Now, isCollective: true).Should().BeFalse();
        BookingRules.CanUsagerCancel(Now.AddDays(2), Now, motifCancellableByUser: false).Should().BeFalse();
        BookingRules.CanUsagerCancel(Now.AddDays(2), Now, RdvStatus.Noshow).Should().BeTrue("noshow is not a cancellation");
    }

    [Test]
    public void Usager_cancels_its_collective_participation_more_than_four_hours_before()
    {
        BookingRules.CanUsagerCancelParticipation(Now.AddHours(5), Now, RdvStatus.Unknown).Should().BeTrue();
        BookingRules.CanUsagerCancelParticipation(Now.AddHours(3), Now, RdvStatus.Unknown).Should().BeFalse();
        BookingRules.CanUsagerCancelParticipation(Now.AddHours(5), Now, RdvStatus.Revoked).Should().BeFalse();
    }

    [Test]
    public void Case14_usager_move_only_more_than_two_days_before_and_not_for_agent_created_rdvs()
    {
        BookingRules.CanUsagerMove(Now.AddHours(49), Now, createdByAgent: false, BookableBy.Everyone).Should().BeTrue();
        BookingRules.CanUsagerMove(Now.AddHours(48), Now, createdByAgent: false, BookableBy.Everyone).Should().BeFalse();
        BookingRules.CanUsagerMove(Now.AddDays(5), Now, createdByAgent: true, BookableBy.Everyone).Should().BeFalse();
        BookingRules.CanUsagerMove(Now.AddDays(5), Now, createdByAgent: false, BookableBy.AgentsAndPrescripteursAndInvitedUsers).Should().BeTrue();
        BookingRules.CanUsagerMove(Now.AddDays(5), Now, createdByAgent: false, BookableBy.AgentsAndPrescripteurs).Should().BeFalse();
        BookingRules.CanUsagerMove(Now.AddDays(5), Now, createdByAgent: false, BookableBy.Everyone, RdvStatus.Revoked).Should().BeFalse();
        BookingRules.CanUsagerMove(Now.AddDays(5), Now, createdByAgent: false, BookableBy.Everyone, isCollective: true).Should().BeFalse();
        BookingRules.CanUsagerMove(Now.AddDays(5), Now, createdByAgent: false, BookableBy.Everyone, motifEditableByUser: false).Should().BeFalse();
    }

    [Test]
    public void Waiting_list_eligibility()
    {
        BookingRules.WaitingListEligible(Now.AddDays(8), Now, BookableBy.Everyone, LocationType.PublicOffice).Should().BeTrue();
        BookingRules.WaitingListEligible(Now.AddDays(7), Now, BookableBy.Everyone, LocationType.PublicOffice).Should().BeFalse();
        BookingRules.WaitingListEligible(Now.AddDays(8), Now, BookableBy.AgentsAndPrescripteursAndInvitedUsers, LocationType.PublicOffice).Should().BeFalse();
        BookingRules.WaitingListEligible(Now.AddDays(8), Now, BookableBy.Everyone, LocationType.Home).Should().BeFalse();
        BookingRules.WaitingListEligible(Now.AddDays(8), Now, BookableBy.Everyone, LocationType.Phone).Should().BeTrue();
        BookingRules.WaitingListEligible(Now.AddDays(8), Now, BookableBy.Everyone, LocationType.Visio, RdvStatus.Excused).Should().BeFalse();
        BookingRules.WaitingListEligible(Now.AddDays(8), Now, BookableBy.Everyone, LocationType.Visio, isCollective: true).Should().BeFalse();
    }

    [Test]
    public void Case19_waiting_list_notifies_when_an_earlier_slot_exists_not_twice_a_day_not_within_two_days()
    {
        var today = D(2024, 1, 10);
        WaitingListRules.ShouldNotify(earlierSlotExists: true, 0, null, today).Should().BeTrue();
        WaitingListRules.ShouldNotify(earlierSlotExists: true, 1, today, today).Should().BeFalse("already notified today");
        WaitingListRules.ShouldNotify(earlierSlotExists: true, 1, today.AddDays(-1), today).Should().BeTrue();
        WaitingListRules.ShouldNotify(earlierSlotExists: true, 3, null, today).Should().BeFalse("three notifications at most");
        WaitingListRules.ShouldNotify(earlierSlotExists: false, 0, null, today).Should().BeFalse();

        // The search stops two days before the RDV: a slot within those two days is not "earlier".
        WaitingListRules.SearchDays(today, D(2024, 1, 25)).Should().Be((today, D(2024, 1, 23)));
        WaitingListRules.ShouldCheck(P(2024, 1, 25, 9), Now, LocationType.PublicOffice).Should().BeTrue();
        WaitingListRules.ShouldCheck(P(2024, 1, 25, 9), Now, LocationType.Phone).Should().BeFalse();
        WaitingListRules.ShouldCheck(P(2024, 1, 16, 9), Now, LocationType.PublicOffice).Should().BeFalse();
    }

    [Test]
    public void Case19_slot_search_of_the_waiting_list_ignores_slots_within_two_days_of_the_rdv()
    {
        var today = D(2024, 1, 10);
        var rdvDay = D(2024, 1, 25);
        var (first, last) = WaitingListRules.SearchDays(today, rdvDay);
        var onlySlotDay = Build.Plage(D(2024, 1, 24), T(9), T(12));
        var query = Build.Query(first, last, Now, 30, [onlySlotDay], audience: RdvSP.Domain.Availability.SlotAudience.Usager);

        RdvSP.Domain.Availability.NextAvailability.Find(query).Should().BeNull();
    }
}
