using System.Net;
using FluentAssertions;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.Booking;

/// <summary>
/// The public search pages are kept whole for anonymous visitors under the inputs version and the minute
/// (ADR 0013). The output cache answers a kept page with an <c>Age</c> header: that is what these tests
/// read to know whether the page was rendered or served from memory.
/// </summary>
[TestFixture]
public sealed class PublicPageOutputCacheTests : JourneyFixture
{
    private string GridUrl => $"/prendre_rdv?departement=26&lieu_id={World.LieuId}&date=2027-03-01&motif_name_with_location_type=consultation_prenatale-public_office";

    [Test]
    public async Task AnonymousSearchPage_IsRenderedOnceThenServedWhole()
    {
        using var visitor = Factory.CreateClient();
        using var first = await visitor.GetAsync(GridUrl);
        using var second = await visitor.GetAsync(GridUrl);

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        first.Headers.Age.Should().BeNull("the first visit renders the page");
        second.Headers.Age.Should().NotBeNull("the second visit is served the kept page");
        (await second.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task SignedInUsager_AlwaysGetsHisOwnRenderedPage()
    {
        using var visitor = Factory.CreateClient();
        await visitor.GetAsync(GridUrl);
        (await visitor.GetAsync(GridUrl)).Headers.Age.Should().NotBeNull();

        await World.AddUsagerAsync("camille.durand@example.fr");
        using var usager = await Factory.SignedInClientAsync("camille.durand@example.fr");
        using var page = await usager.GetAsync(GridUrl);

        page.Headers.Age.Should().BeNull("a signed-in visitor's page carries his own header");
        (await page.Content.ReadAsStringAsync()).Should().Contain("Vos informations").And.NotContain("Se connecter");
    }

    [Test]
    public async Task AnyCommittedWriteToWhatTheSearchReads_EndsTheKeptPage()
    {
        using var visitor = Factory.CreateClient();
        await visitor.GetAsync(GridUrl);
        (await visitor.GetAsync(GridUrl)).Headers.Age.Should().NotBeNull();

        await ScalarAsync($"with renamed as (update organisations.lieux set name = 'Maison des solidarités Nord' where id = {World.LieuId} returning id) select count(*) from renamed");

        using var after = await visitor.GetAsync(GridUrl);
        after.Headers.Age.Should().BeNull("the commit changed the inputs version");
        (await after.Content.ReadAsStringAsync()).Should().Contain("Maison des solidarités Nord");
    }

    [Test]
    public async Task AddressLookups_AreNeverKept()
    {
        using var visitor = Factory.CreateClient();
        const string url = "/prendre_rdv?address=1+rue+de+la+Paix+26000+Valence";
        await visitor.GetAsync(url);

        (await visitor.GetAsync(url)).Headers.Age.Should().BeNull("the address service may have been briefly unreachable");
    }
}
