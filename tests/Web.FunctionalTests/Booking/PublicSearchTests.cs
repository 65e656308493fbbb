using System.Net;
using FluentAssertions;
using Microsoft.AspNetCore.Mvc.Testing;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.Booking;

/// <summary>The stateless search wizard, against a local BAN stub speaking the real API.</summary>
[TestFixture]
public sealed class PublicSearchTests : JourneyFixture
{
    private BanStubServer ban = null!;
    private HttpClient client = null!;

    protected override RdvspWebFactory Configure(RdvspWebFactory factory)
    {
        ban = new BanStubServer().WithAddress("12 Rue de la République 26000 Valence", "26362", "26, Drôme, Auvergne-Rhône-Alpes", "26362_7890_00012", 44.9334, 4.8924);
        return factory.WithSetting("BAN_API_URL", ban.BaseUrl);
    }

    [SetUp]
    public void CreateClient() => client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [TearDown]
    public async Task StopBan()
    {
        client.Dispose();
        await ban.DisposeAsync();
    }

    [Test]
    public async Task Address_IsGeocodedThroughTheBan_ThenTheWizardWalksToTheSlotGrid()
    {
        // Address → (single service and motif are skipped) → lieu with its next availability.
        var lieux = await client.GetTextAsync("/prendre_rdv?address=12+Rue+de+la+R%C3%A9publique+26000+Valence");
        lieux.Should().Contain("Sélectionnez un lieu").And.Contain("MDS Test Centre")
            .And.Contain("Prochaine disponibilité le lundi 1 mars 2027 à 09h30").And.Contain("à 0.1 km");

        var grid = await client.GetTextAsync($"/prendre_rdv?departement=26&lieu_id={World.LieuId}&date=2027-03-01&motif_name_with_location_type=consultation_prenatale-public_office");

        grid.Should().Contain("Sélectionnez un créneau").And.Contain("09h30").And.Contain("11h30")
            .And.Contain($"/users/rdv_wizard_step?step=1&motif_id={MotifId}&starts_at=2027-03-01T08%3A30%3A00Z&lieu_id={World.LieuId}");
        grid.Should().NotContain("starts_at=2027-03-01T08%3A00%3A00Z", "09:00 is inside the 30-minute minimum delay");
    }

    [Test]
    public async Task AddressApiDown_OffersTheDepartementList()
    {
        ban.Down = true;

        var page = await client.GetTextAsync("/prendre_rdv?address=12+Rue+de+la+R%C3%A9publique");

        page.Should().Contain("La recherche d'adresse est momentanément indisponible").And.Contain("<option value=\"26\">26 - Territoire 26</option>");
    }

    [Test]
    public async Task UnknownAddress_SaysSoInFrench()
    {
        (await client.GetTextAsync("/prendre_rdv?address=nulle+part+ici")).Should().Contain("Nous n'avons pas trouvé cette adresse");
    }

    [Test]
    public async Task AddressSuggestionsApi_AnswersFromTheBan()
    {
        var json = await client.GetStringAsync("/api/v1/adresses?q=12+Rue+de+la+R%C3%A9publique");

        json.Should().Contain("\"departement\":\"26\"").And.Contain("\"city_code\":\"26362\"").And.Contain("\"street_ban_id\":\"26362_7890\"");
    }

    [TestCase("lieu_id=abc", "La valeur « abc » n'est pas valide.")]
    [TestCase("date=31-02-2027", "La valeur « 31-02-2027 » n'est pas valide.")]
    [TestCase("latitude=nord", "La valeur « nord » n'est pas valide.")]
    [TestCase("latitude=NaN", "Le nombre saisi n'est pas valide.")]
    [TestCase("longitude=200", "La longitude doit être comprise entre -180 et 180.")]
    [TestCase("lieu_id=-1", "L'identifiant n'est pas valide.")]
    public async Task TamperedParameter_Is400WithTheFrenchReason(string tampered, string reason)
    {
        var response = await client.GetAsync($"/prendre_rdv?departement=26&{tampered}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.ReadTextAsync()).Should().Contain("Requête invalide").And.Contain(reason);
    }

    [Test]
    public async Task UnknownLieuId_FallsBackToTheListOfLieux()
    {
        var page = await client.GetTextAsync("/prendre_rdv?departement=26&lieu_id=999999&motif_name_with_location_type=consultation_prenatale-public_office");

        page.Should().Contain("Sélectionnez un lieu").And.NotContain("Sélectionnez un créneau");
    }

    [Test]
    public async Task DaysPastTheBookingHorizon_AreClosed()
    {
        // The motif books at most 3 months ahead: the week of 31 May 2027 is past 1 June's horizon in part.
        var page = await client.GetTextAsync($"/prendre_rdv?departement=26&lieu_id={World.LieuId}&date=2027-05-29&motif_name_with_location_type=consultation_prenatale-public_office");

        page.Should().Contain("Date fermée à la réservation");
    }

    [Test]
    public async Task MotifsBookableByAgentsOnly_AreNeverOffered()
    {
        var agentsOnly = await World.AddMotifAsync("Suivi interne", BookableBy.Agents);
        await World.AddWeeklyPlageAsync(AgentId, agentsOnly, new DateOnly(2027, 2, 1), new TimeOnly(14, 0), new TimeOnly(16, 0));

        var page = await client.GetTextAsync("/prendre_rdv?departement=26");

        page.Should().NotContain("Suivi interne");
    }

    [Test]
    public async Task PublicLink_RedirectsToTheSearchOfThatOrganisation_UnknownIs404()
    {
        var link = await client.GetAsync($"/org/{World.OrganisationId}/mds-test");

        link.StatusCode.Should().Be(HttpStatusCode.Redirect);
        link.Headers.Location!.ToString().Should().Be($"/prendre_rdv?public_link_organisation_id={World.OrganisationId}&departement=26");
        (await client.GetAsync("/org/987654")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync("/org/ext/26/inconnu")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
