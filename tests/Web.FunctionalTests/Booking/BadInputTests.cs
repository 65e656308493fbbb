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

    [TestCase("motif_id=abc&starts_at=2027-03-02T08:00:00Z", "La valeur « abc » n'est pas valide.")]
    [TestCase("motif_id=1&starts_at=pas-une-date", "La valeur « pas-une-date » n'est pas valide.")]
    [TestCase("motif_id=1&lieu_id=x&starts_at=2027-03-02T08:00:00Z", "La valeur « x » n'est pas valide.")]
    [TestCase("motif_id=0&starts_at=2027-03-02T08:00:00Z", "L'identifiant n'est pas valide.")]
    [TestCase("motif_id=1&participant_ids=-4&starts_at=2027-03-02T08:00:00Z", "La liste d'identifiants n'est pas valide")]
    [TestCase("step=9&motif_id=1&starts_at=2027-03-02T08:00:00Z", "Le lien de réservation n'est pas valide")]
    [TestCase("", "Le lien de réservation n'est pas valide")]
    public async Task MalformedWizardLink_Is400InFrench(string query, string reason)
    {
        var page = await client.GetAsync($"/users/rdv_wizard_step?{query}");

        page.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await page.ReadTextAsync()).Should().Contain(reason);
    }

    // Issue 7, defect 4: each of these answered 500.

    [Test]
    public async Task NulByteInDepartement_Is400AndNothingReachesTheDatabase()
    {
        var page = await client.GetAsync("/prendre_rdv?departement=2%006");

        page.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await page.ReadTextAsync()).Should().Contain("Requête invalide").And.Contain("Le texte saisi contient des caractères non autorisés.");
    }

    [Test]
    public async Task FarDate_OnTheSearch_Is400()
    {
        var page = await client.GetAsync($"/prendre_rdv?departement=26&lieu_id={World.LieuId}&motif_name_with_location_type=consultation_prenatale-public_office&date=9999-12-31");

        page.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await page.ReadTextAsync()).Should().Contain("La date doit être comprise entre le 01/01/1900 et le 31/12/2100.");
    }

    [Test]
    public async Task FarDate_OnTheMoveSlotPage_Is400()
    {
        var rdvUrl = await BookAsync(ParisTime(2027, 3, 4, 9));

        var page = await client.GetAsync(rdvUrl + "/creneaux?date=9999-12-31");

        page.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await page.ReadTextAsync()).Should().Contain("La date doit être comprise entre le 01/01/1900 et le 31/12/2100.");
    }

    [TestCase("0001-01-01")]
    [TestCase("9999-12-31T23:59:59Z")]
    public async Task OutOfRangeStart_OnTheWizard_Is400AndBooksNothing(string startsAt)
    {
        var url = $"/users/rdv_wizard_step?motif_id={MotifId}&lieu_id={World.LieuId}&starts_at={Uri.EscapeDataString(startsAt)}&participant_ids={usager}";

        var page = await client.GetAsync(url + "&step=1");
        var token = HtmlForms.AntiforgeryToken(await client.GetTextAsync("/users/rdvs"));
        var post = await client.PostAsync(url + "&step=3", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        page.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await page.ReadTextAsync()).Should().Contain("Requête invalide");
        post.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await post.ReadTextAsync()).Should().Contain("Requête invalide");
        (await CountRdvsAsync()).Should().Be(0);
    }

    [TestCase("0001-01-01")]
    [TestCase("9999-12-31T23:59:59Z")]
    public async Task OutOfRangeStart_OnTheMove_Is400AndLeavesTheRdv(string startsAt)
    {
        var booked = ParisTime(2027, 3, 4, 9);
        var rdvUrl = await BookAsync(booked);

        var moved = await client.PostFormAsync(rdvUrl + "/edit?starts_at=" + Uri.EscapeDataString(Iso(ParisTime(2027, 3, 4, 10))), [new("starts_at", startsAt)]);

        moved.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await moved.ReadTextAsync()).Should().Contain("Requête invalide");
        (await CountRdvsAsync($"starts_at = '{Iso(booked)}'")).Should().Be(1);
    }

    [Test]
    public async Task Confirm_WithoutStartsAt_Is400AndBooksNothing()
    {
        var url = $"/users/rdv_wizard_step?step=3&motif_id={MotifId}&lieu_id={World.LieuId}&participant_ids={usager}";
        var token = HtmlForms.AntiforgeryToken(await client.GetTextAsync("/users/rdvs"));

        var post = await client.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        post.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await post.ReadTextAsync()).Should().Contain("Le lien de réservation n'est pas valide");
        (await CountRdvsAsync()).Should().Be(0);
    }

    [TestCase("85899347")]
    [TestCase("0")]
    [TestCase("-3")]
    public async Task RdvListPage_OutOfRange_Is400(string pageNumber)
    {
        var page = await client.GetAsync($"/users/rdvs?page={pageNumber}");

        page.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await page.ReadTextAsync()).Should().Contain("Le numéro de page n'est pas valide.");
    }

    [Test]
    public async Task RdvListPage_FarButValid_IsAnEmptyList()
    {
        await BookAsync(ParisTime(2027, 3, 4, 9));

        var page = await client.GetAsync("/users/rdvs?page=10000");

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        (await page.ReadTextAsync()).Should().Contain("Vous n'avez pas de rendez-vous à venir.");
    }

    // Issue 7, defect 5: the phone number is the use case's rule, not only the page's.

    [Test]
    public async Task PhoneMotif_WithoutAPhoneNumber_IsRefusedByTheUseCase_ThenBooksOnceTheNumberIsGiven()
    {
        var phone = await World.AddMotifAsync("Entretien téléphonique", locationType: LocationTypes.Phone);
        await World.AddWeeklyPlageAsync(AgentId, phone, new DateOnly(2027, 2, 1), new TimeOnly(14, 0), new TimeOnly(16, 0));
        var slot = ParisTime(2027, 3, 2, 14);

        var step1 = await client.GetTextAsync(WizardUrl(1, slot, motifId: phone));
        var refused = await client.PostFormAsync(WizardUrl(3, slot, usager, motifId: phone), []);

        step1.Should().Contain("Ce rendez-vous a lieu par téléphone").And.NotContain("wizard-continue");
        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await refused.ReadTextAsync()).Should().Contain("renseignez votre numéro de téléphone dans vos informations");
        (await CountRdvsAsync()).Should().Be(0);

        (await client.PostFormAsync("/users/informations", [
            new("Input.FirstName", "Camille"), new("Input.LastName", "Durand"), new("Input.PhoneNumber", "06 12 34 56 78"),
            new("Input.NotifyByEmail", "true"), new("Input.NotifyBySms", "false")])).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var booked = await client.PostFormAsync(WizardUrl(3, slot, usager, motifId: phone), []);

        booked.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await CountRdvsAsync($"motif_id = {phone}")).Should().Be(1);
    }

    private async Task<string> BookAsync(DateTimeOffset startsAt)
    {
        var booked = await client.PostFormAsync(WizardUrl(3, startsAt, usager), []);
        booked.StatusCode.Should().Be(HttpStatusCode.Redirect);
        return booked.Headers.Location!.ToString();
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
