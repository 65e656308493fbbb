using System.Net;
using FluentAssertions;
using RdvSP.Web.FunctionalTests.Booking;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.Notifications;

/// <summary>
/// The waiting-list checkbox of the usager's RDV page (REFERENCE-DOMAIN §5.9, REFERENCE-SURFACES §1 "Waiting
/// list"): offered for an individual RDV bookable by everyone, not at home, more than 7 days ahead; toggling it
/// creates or deletes the booking.file_attentes row; cancelling the RDV deletes it.
/// </summary>
[TestFixture]
public sealed class WaitingListPageTests : JourneyFixture
{
    private const string Checkbox = "Je souhaite être prévenu si un créneau se libère.";
    private const string Checked = "name=\"file_attente\" value=\"true\" checked";

    private async Task<(HttpClient Client, long UsagerId, string RdvUrl)> BookAsync(DateTimeOffset startsAt)
    {
        var usager = await World.AddUsagerAsync("camille@example.fr");
        var client = await Factory.SignedInClientAsync("camille@example.fr");
        var booked = await client.PostFormAsync(WizardUrl(3, startsAt, usager), []);
        booked.StatusCode.Should().Be(HttpStatusCode.Redirect);
        return (client, usager, booked.Headers.Location!.ToString());
    }

    private static Task<long> SubscriptionsAsync() => ScalarAsync("select count(*) from booking.file_attentes");

    // The antiforgery token comes from the usager's list page (its layout's sign-out form): the RDV page may not offer the form.
    private static Task<HttpResponseMessage> ToggleAsync(HttpClient client, string rdvUrl, bool subscribe) =>
        client.PostFormAsync("/users/rdvs", subscribe ? [new("file_attente", "true")] : [], $"{rdvUrl}?handler=WaitingList");

    [Test]
    public async Task The_usager_joins_then_leaves_the_waiting_list_of_an_rdv_more_than_7_days_ahead_and_cancelling_removes_it()
    {
        var (client, usager, rdvUrl) = await BookAsync(ParisTime(2027, 3, 15, 9));
        var page = await client.GetTextAsync(rdvUrl);
        page.Should().Contain(Checkbox).And.NotContain(Checked);

        var joined = await ToggleAsync(client, rdvUrl, subscribe: true);

        joined.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await ScalarAsync($"select count(*) from booking.file_attentes where user_id = {usager} and notifications_sent = 0")).Should().Be(1);
        var after = await client.GetTextAsync(rdvUrl);
        after.Should().Contain("Vous êtes à présent sur la liste d'attente").And.Contain(Checked);

        (await ToggleAsync(client, rdvUrl, subscribe: true)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await SubscriptionsAsync()).Should().Be(1, "subscribing twice keeps one row");

        (await ToggleAsync(client, rdvUrl, subscribe: false)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await SubscriptionsAsync()).Should().Be(0);
        (await client.GetTextAsync(rdvUrl)).Should().Contain("Vous n'êtes plus sur la liste d'attente");

        (await ToggleAsync(client, rdvUrl, subscribe: true)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await client.PostFormAsync(rdvUrl + "/annuler", [])).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await SubscriptionsAsync()).Should().Be(0, "cancelling the RDV deletes its subscriptions");
        (await client.GetTextAsync(rdvUrl)).Should().NotContain(Checkbox);
    }

    [Test]
    public async Task Not_offered_within_7_days_and_refused_with_a_french_message()
    {
        var (client, _, rdvUrl) = await BookAsync(ParisTime(2027, 3, 5, 9));

        (await client.GetTextAsync(rdvUrl)).Should().NotContain(Checkbox);
        var refused = await ToggleAsync(client, rdvUrl, subscribe: true);

        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await refused.ReadTextAsync()).Should().Contain("La liste d'attente n'est pas proposée pour ce RDV");
        (await SubscriptionsAsync()).Should().Be(0);
    }

    [Test]
    public async Task Another_usagers_rdv_is_not_found_and_nothing_is_written()
    {
        var (_, _, rdvUrl) = await BookAsync(ParisTime(2027, 3, 15, 9));
        await World.AddUsagerAsync("autre@example.fr", "Alex", "Autre");
        var other = await Factory.SignedInClientAsync("autre@example.fr");

        (await ToggleAsync(other, rdvUrl, subscribe: true)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await SubscriptionsAsync()).Should().Be(0);
    }
}
