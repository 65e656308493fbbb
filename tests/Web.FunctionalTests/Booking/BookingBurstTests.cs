using System.Net;
using System.Text.RegularExpressions;
using FluentAssertions;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.Booking;

/// <summary>
/// A burst's losers are answered before their session is read (BookingBurstMiddleware): once a slot is
/// known taken on an instance, a confirmation of it gets the wizard's French 409 page at once. These
/// tests prove the early answer happens (a cookie no session could accept still gets the page, not a
/// sign-in), that it is the same page, and that nothing else is answered early.
/// </summary>
[TestFixture]
public sealed partial class BookingBurstTests : JourneyFixture
{
    private const string Taken = "Ce créneau n'est plus disponible. Veuillez en sélectionner un autre.";

    [Test]
    public async Task Once_a_slot_is_known_taken_its_confirmations_are_answered_before_the_session_is_read()
    {
        var slot = ParisTime(2027, 3, 2, 9);
        var (_, refusedPage) = await TakeSlotAndRefuseOnceAsync(slot);

        // A cookie that names no session and no antiforgery token: the normal pipeline would ask to sign
        // in; the early answer never reads either, says "taken", and writes nothing.
        using var forged = Factory.CreateClient(new() { AllowAutoRedirect = false });
        forged.DefaultRequestHeaders.Add("Cookie", "rdvsp.usager=not-a-session");
        var early = await forged.PostAsync(WizardUrl(3, slot, 12345), new FormUrlEncodedContent([]));

        early.StatusCode.Should().Be(HttpStatusCode.Conflict);
        early.Headers.Contains("Set-Cookie").Should().BeFalse("the early answer starts no session and sets no antiforgery cookie");
        early.Headers.CacheControl!.NoStore.Should().BeTrue();
        var body = await early.ReadTextAsync();
        body.Should().Contain(Taken).And.Contain("Rechercher un autre créneau")
            .And.Contain("href=\"/users/sign_out\"", "signing out is one click away, through its confirmation page")
            .And.NotContain("__RequestVerificationToken", "a page rendered once for everyone carries nobody's token");
        MainContent(body).Should().Be(MainContent(refusedPage), "the early answer is the wizard's own refusal");
        (await CountRdvsAsync()).Should().Be(1);
    }

    [Test]
    public async Task Without_the_usager_cookie_a_confirmation_of_a_taken_slot_still_asks_to_sign_in()
    {
        var slot = ParisTime(2027, 3, 2, 9);
        await TakeSlotAndRefuseOnceAsync(slot);

        using var anonymous = Factory.CreateClient(new() { AllowAutoRedirect = false });
        var response = await anonymous.PostAsync(WizardUrl(3, slot, 12345), new FormUrlEncodedContent([]));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/users/sign_in");
    }

    [Test]
    public async Task A_free_slot_a_collective_rdv_and_values_the_edge_rules_refuse_are_never_answered_early()
    {
        var taken = ParisTime(2027, 3, 2, 9);
        await TakeSlotAndRefuseOnceAsync(taken);
        using var forged = Factory.CreateClient(new() { AllowAutoRedirect = false });
        forged.DefaultRequestHeaders.Add("Cookie", "rdvsp.usager=not-a-session");

        var free = await forged.PostAsync(WizardUrl(3, ParisTime(2027, 3, 2, 10), 12345), new FormUrlEncodedContent([]));
        var collective = await forged.PostAsync(WizardUrl(3, taken, 12345) + "&rdv_collectif_id=1", new FormUrlEncodedContent([]));
        var badParticipant = await forged.PostAsync(WizardUrl(3, taken, 0), new FormUrlEncodedContent([]));

        // All meet the session check, which refuses the forged cookie: sign in first.
        foreach (var response in new[] { free, collective, badParticipant })
        {
            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
            response.Headers.Location!.ToString().Should().Contain("/users/sign_in");
        }
    }

    [Test]
    public async Task The_sign_out_link_opens_a_confirmation_whose_form_ends_the_session()
    {
        await World.AddUsagerAsync("camille@example.fr");
        using var client = await Factory.SignedInClientAsync("camille@example.fr");

        var confirmation = await client.GetAsync("/users/sign_out");
        confirmation.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await confirmation.ReadTextAsync();
        page.Should().Contain("Voulez-vous vous déconnecter").And.Contain("<form method=\"post\" action=\"/users/sign_out\">");
        var signedOut = await client.PostAsync("/users/sign_out", new FormUrlEncodedContent([new("__RequestVerificationToken", HtmlForms.AntiforgeryToken(page))]));

        signedOut.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var after = await client.GetAsync("/users/rdvs");
        after.Headers.Location!.ToString().Should().Contain("/users/sign_in");
        using var anonymous = Factory.CreateClient(new() { AllowAutoRedirect = false });
        var home = await anonymous.GetAsync("/users/sign_out");
        home.StatusCode.Should().Be(HttpStatusCode.Redirect);
        home.Headers.Location!.ToString().Should().Be("/");
    }

    /// <summary>Camille books the slot; Dominique's confirmation of it is then refused the normal way (which this instance remembers).</summary>
    private async Task<(long RdvId, string RefusedPage)> TakeSlotAndRefuseOnceAsync(DateTimeOffset slot)
    {
        var camille = await World.AddUsagerAsync("camille@example.fr");
        var dominique = await World.AddUsagerAsync("dominique@example.fr");
        using var first = await Factory.SignedInClientAsync("camille@example.fr");
        using var second = await Factory.SignedInClientAsync("dominique@example.fr");
        var booked = await first.PostFormAsync(WizardUrl(3, slot, camille), []);
        booked.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var refused = await second.PostFormAsync("/users/rdvs", [], postUrl: WizardUrl(3, slot, dominique));
        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var page = await refused.ReadTextAsync();
        page.Should().Contain(Taken).And.Contain("__RequestVerificationToken", "the normal refusal is rendered for the signed-in usager");
        return (long.Parse(booked.Headers.Location!.ToString().Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture), page);
    }

    private static string MainContent(string html) => Regex.Replace(MainPattern().Match(html).Value, @"\s+", " ");

    [GeneratedRegex("<main[^>]*>.*</main>", RegexOptions.Singleline)]
    private static partial Regex MainPattern();
}
