using System.Net;
using FluentAssertions;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.Booking;

/// <summary>
/// The slot search caches its inputs in each instance's memory. A booking committed on one instance
/// must vanish at once from the search of the other, and the lieu list's next availability must move on.
/// </summary>
[TestFixture]
public sealed class SearchCacheTests : JourneyFixture
{
    private RdvspWebFactory otherInstance = null!;

    [SetUp]
    public void StartOtherInstance() => otherInstance = new RdvspWebFactory().WithClock(Now);

    [TearDown]
    public async Task StopOtherInstance() => await otherInstance.DisposeAsync();

    [Test]
    public async Task SlotBookedOnOneInstance_IsGoneAtOnceFromTheOtherInstancesCachedSearch()
    {
        var slot = ParisTime(2027, 3, 2, 9);
        var slotLink = $"starts_at={Uri.EscapeDataString(Iso(slot))}";
        using var searcher = otherInstance.CreateClient();
        var gridUrl = $"/prendre_rdv?departement=26&lieu_id={World.LieuId}&date=2027-03-01&motif_name_with_location_type=consultation_prenatale-public_office";
        var lieuxUrl = "/prendre_rdv?departement=26&motif_name_with_location_type=consultation_prenatale-public_office";
        // Twice: the second answer is the page kept whole (ADR 0013).
        (await searcher.GetTextAsync(gridUrl)).Should().Contain(slotLink);
        using (var kept = await searcher.GetAsync(gridUrl))
        {
            kept.Headers.Age.Should().NotBeNull("the page was kept");
            (await kept.Content.ReadAsStringAsync()).Should().Contain(slotLink);
        }
        await searcher.GetTextAsync(lieuxUrl);

        var usager = await World.AddUsagerAsync("camille.durand@example.fr");
        using var booker = await Factory.SignedInClientAsync("camille.durand@example.fr");
        (await booker.PostFormAsync(WizardUrl(3, slot, usager), [])).StatusCode.Should().Be(HttpStatusCode.Redirect);

        (await searcher.GetTextAsync(gridUrl)).Should().NotContain(slotLink, "the booking was committed before this search");
    }

    [Test]
    public async Task NextAvailabilityOfTheLieuList_MovesOnAfterABookingOnTheOtherInstance()
    {
        using var searcher = otherInstance.CreateClient();
        var lieuxUrl = "/prendre_rdv?departement=26&motif_name_with_location_type=consultation_prenatale-public_office";
        // 09:00 is inside the 30-minute minimum delay: the first free slot is 09:30.
        (await searcher.GetTextAsync(lieuxUrl)).Should().Contain("Prochaine disponibilité le lundi 1 mars 2027 à 09h30");
        var usager = await World.AddUsagerAsync("camille.durand@example.fr");
        using var booker = await Factory.SignedInClientAsync("camille.durand@example.fr");
        (await booker.PostFormAsync(WizardUrl(3, ParisTime(2027, 3, 1, 9, 30), usager), [])).StatusCode.Should().Be(HttpStatusCode.Redirect);

        (await searcher.GetTextAsync(lieuxUrl)).Should().Contain("Prochaine disponibilité le lundi 1 mars 2027 à 10h00");
    }
}
