using RdvSP.Domain.Availability;

namespace RdvSP.Domain.UnitTests.Availability;

public class CollectiveSlotsTests
{
    private static readonly DateTimeOffset Now = P(2024, 1, 10, 12);

    private static CollectiveRdv Rdv(long id, DateTimeOffset start, int? max = 10, int count = 0, bool revoked = false, long? lieu = 1) =>
        new(id, lieu, start, start.AddHours(1), max, count, revoked);

    [Test]
    public void Case13_collective_availability_excludes_past_full_other_lieu_and_out_of_window_but_keeps_joined()
    {
        var rdvs = new[]
        {
            Rdv(1, P(2024, 1, 9, 10)),                      // past
            Rdv(2, P(2024, 1, 15, 10), max: 5, count: 5),   // full
            Rdv(3, P(2024, 1, 15, 10), lieu: 2),            // other lieu
            Rdv(4, P(2024, 6, 15, 10)),                     // beyond the max delay
            Rdv(5, P(2024, 1, 10, 12, 10)),                 // within the min delay
            Rdv(6, P(2024, 1, 16, 10), max: 5, count: 4),   // the usager already joined: still offered
            Rdv(7, P(2024, 1, 15, 9), max: null, count: 50),
            Rdv(8, P(2024, 1, 17, 10), revoked: true),
            Rdv(9, P(2024, 1, 14, 10), lieu: null),
        };

        var offered = CollectiveSlots.Filter(rdvs, Now, BookingWindow.Default, lieuId: 1);

        offered.Select(r => r.RdvId).Should().Equal(7, 6);
        CollectiveSlots.Filter(rdvs, Now, BookingWindow.Default, lieuId: null).Select(r => r.RdvId).Should().Equal(9);
        CollectiveSlots.Filter(rdvs, Now, window: null).Select(r => r.RdvId).Should().Equal(5, 9, 7, 3, 6, 4);
        CollectiveSlots.Next(rdvs, Now, BookingWindow.Default)!.RdvId.Should().Be(9);
    }
}
