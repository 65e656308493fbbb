using System.Net;
using FluentAssertions;
using Microsoft.AspNetCore.Mvc.Testing;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.Booking;

/// <summary>Every tampered or invalid booking request gets a French answer and changes nothing.</summary>
[TestFixture]
public sealed class BadInputTests : JourneyFixture
{
    private HttpClient client = null!;
    private long usager;

    [SetUp]
    public async Task SignIn()
    {
        usager = await World.AddUsagerAsync("camille@example.fr");
        client = await Factory.SignedInClientAsync("camille@example.fr");
    }

    [TearDown]
    public void DisposeClient() => client.Dispose();

    private static IEnumerable<TestCaseData> UnavailableSlots()
    {
        yield return new TestCaseData(new DateTimeOffset(2027, 3, 2, 8, 7, 0, TimeSpan.Zero)).SetName("StartNotOnTheGrid");
        yield return new TestCaseData(new DateTimeOffset(2027, 3, 6, 9, 0, 0, TimeSpan.Zero)).SetName("Saturday_NoPlage");
        yield return new TestCaseData(new DateTimeOffset(2027, 3, 1, 8, 0, 0, TimeSpan.Zero)).SetName("InsideTheMinimumDelay");
        yield return new TestCaseData(new DateTimeOffset(2028, 3, 1, 9, 0, 0, TimeSpan.Zero)).SetName("BeyondTheBookingWindow");
        yield return new TestCaseData(new DateTimeOffset(2027, 2, 26, 9, 0, 0, TimeSpan.Zero)).SetName("InThePast");
    }

    [TestCaseSource(nameof(UnavailableSlots))]
    public async Task SlotThatIsNotOffered_IsRefused(DateTimeOffset startsAt)
    {
        var page = await client.GetAsync(WizardUrl(1, startsAt));
        page.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await page.ReadTextAsync()).Should().Contain("Ce créneau n'est plus disponible");

        var token = HtmlForms.AntiforgeryToken(await client.GetTextAsync("/users/rdvs"));
        var post = await client.PostAsync(WizardUrl(3, startsAt, usager), new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        post.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await CountRdvsAsync()).Should().Be(0);
    }

    [Test]
    public async Task MotifNotBookableOnline_IsRefused()
    {
        var agentsOnly = await World.AddMotifAsync("Suivi interne", BookableBy.Agents);
        await World.AddWeeklyPlageAsync(AgentId, agentsOnly, new DateOnly(2027, 2, 1), new TimeOnly(14, 0), new TimeOnly(16, 0));

        var page = await client.GetAsync(WizardUrl(1, ParisTime(2027, 3, 2, 14), motifId: agentsOnly));

        page.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await page.ReadTextAsync()).Should().Contain("Ce motif ne peut pas être réservé en ligne.");
        (await CountRdvsAsync()).Should().Be(0);
    }

    [TestCase("motif_id=abc&starts_at=2027-03-02T08:00:00Z")]
    [TestCase("motif_id=1&starts_at=pas-une-date")]
    [TestCase("motif_id=1&lieu_id=x&starts_at=2027-03-02T08:00:00Z")]
    [TestCase("step=9&motif_id=1&starts_at=2027-03-02T08:00:00Z")]
    [TestCase("")]
    public async Task MalformedWizardLink_Is400InFrench(string query)
    {
        var page = await client.GetAsync($"/users/rdv_wizard_step?{query}");

        page.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await page.ReadTextAsync()).Should().Contain("Le lien de réservation n'est pas valide");
    }

    [Test]
    public async Task TamperedLieu_IsRefused()
    {
        var otherLieu = await World.AddLieuAsync("Antenne sans plage");

        var page = await client.GetAsync(WizardUrl(1, ParisTime(2027, 3, 2, 9), lieuId: otherLieu));

        page.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await CountRdvsAsync()).Should().Be(0);
    }

    [Test]
    public async Task AnotherUsagersRdv_IsInvisibleAndUntouchable()
    {
        var stranger = await World.AddUsagerAsync("autre@example.fr", "Alex", "Autre");
        var strangerClient = await Factory.SignedInClientAsync("autre@example.fr");
        var booked = await strangerClient.PostFormAsync(WizardUrl(3, ParisTime(2027, 3, 3, 9), stranger), []);
        var rdvUrl = booked.Headers.Location!.ToString();

        (await client.GetAsync(rdvUrl)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync(rdvUrl + "/annuler")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var token = HtmlForms.AntiforgeryToken(await client.GetTextAsync("/users/rdvs"));
        (await client.PostAsync(rdvUrl + "/annuler", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync(rdvUrl + "/edit?starts_at=" + Uri.EscapeDataString(Iso(ParisTime(2027, 3, 4, 10))))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.PostAsync(rdvUrl + "/edit", new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("starts_at", Iso(ParisTime(2027, 3, 4, 9)))]))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await CountRdvsAsync("status = 'unknown'")).Should().Be(1);
    }

    [Test]
    public async Task Confirm_WithoutAntiforgeryToken_Is400AndBooksNothing()
    {
        var post = await client.PostAsync(WizardUrl(3, ParisTime(2027, 3, 2, 9), usager), new FormUrlEncodedContent([]));

        post.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await CountRdvsAsync()).Should().Be(0);
    }

    [Test]
    public async Task Wizard_WhenSignedOut_SendsToSignIn()
    {
        var anonymous = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var page = await anonymous.GetAsync(WizardUrl(1, ParisTime(2027, 3, 2, 9)));

        page.StatusCode.Should().Be(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().Should().Contain("/users/sign_in").And.Contain("ReturnUrl");
    }
}
