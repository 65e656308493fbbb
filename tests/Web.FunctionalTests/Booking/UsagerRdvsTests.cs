using System.Net;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using RdvSP.Application.Identity.Abstractions;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.Booking;

/// <summary>
/// The usager's own rdvs after booking (issue 12): the move goes through a confirmation step, a cancelled
/// rdv leaves "À venir", and deleting the account cancels the rdvs to come and frees their slots.
/// </summary>
[TestFixture]
public sealed class UsagerRdvsTests : JourneyFixture
{
    private const string GridUrl = "/prendre_rdv?departement=26&lieu_id={0}&date=2027-03-02&motif_name_with_location_type=consultation_prenatale-public_office";

    private async Task<(HttpClient Client, long UsagerId, string RdvUrl)> BookAsync(DateTimeOffset slot)
    {
        var usager = await World.AddUsagerAsync("camille@example.fr");
        var client = await Factory.SignedInClientAsync("camille@example.fr");
        var booked = await client.PostFormAsync(WizardUrl(3, slot, usager), []);
        booked.StatusCode.Should().Be(HttpStatusCode.Redirect);
        return (client, usager, booked.Headers.Location!.ToString());
    }

    private static string EditUrl(string rdvUrl, string startsAt) => $"{rdvUrl}/edit?starts_at={Uri.EscapeDataString(startsAt)}";

    [Test]
    public async Task Move_SlotLinkLeadsToAConfirmation_ThatShowsBothTimes_AndOnlyThePostMoves()
    {
        var (client, _, rdvUrl) = await BookAsync(ParisTime(2027, 3, 4, 9));
        var newStart = Iso(ParisTime(2027, 3, 4, 10));

        var slots = await client.GetTextAsync(rdvUrl + "/creneaux?date=2027-03-04");
        slots.Should().Contain($"href=\"{EditUrl(rdvUrl, newStart)}\"", "a slot is a link to the confirmation, not a submit button");
        slots.Should().NotContain("name=\"starts_at\"");

        var confirmation = await client.GetAsync(EditUrl(rdvUrl, newStart));

        confirmation.StatusCode.Should().Be(HttpStatusCode.OK);
        var text = await confirmation.ReadTextAsync();
        text.Should().Contain("qui a lieu le <strong id=\"old-time\">jeudi 4 mars 2027 à 09h00</strong>")
            .And.Contain("Nouveau créneau sélectionné : <strong id=\"new-time\">jeudi 4 mars 2027 à 10h00</strong>")
            .And.Contain("Confirmer le nouveau créneau");
        (await ScalarAsync($"select count(*) from booking.rdvs where starts_at = '{Iso(ParisTime(2027, 3, 4, 9))}'")).Should().Be(1, "showing the confirmation moves nothing");

        var moved = await client.PostFormAsync(EditUrl(rdvUrl, newStart), [new("starts_at", newStart)]);

        moved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        moved.Headers.Location!.ToString().Should().Be(rdvUrl);
        (await client.GetTextAsync(rdvUrl)).Should().Contain("Votre RDV a bien été modifié").And.Contain("jeudi 4 mars 2027 à 10h00");
        (await CountRdvsAsync()).Should().Be(1);
        (await ScalarAsync($"select count(*) from booking.rdvs where starts_at = '{newStart}'")).Should().Be(1);
    }

    [TestCase("2027-03-04T09:10:00Z", TestName = "Move_ToATimeOffTheGrid_IsRefused")]
    [TestCase("2027-03-04T13:00:00Z", TestName = "Move_OutsideTheOpeningHours_IsRefused")]
    [TestCase("2027-03-04T08:00:00Z", TestName = "Move_ToTheRdvsOwnTime_IsRefused")]
    [TestCase("2029-03-05T09:00:00Z", TestName = "Move_BeyondTheBookingHorizon_IsRefused")]
    public async Task Move_TamperedStart_IsRefusedOnGetAndPost_AndNothingMoves(string tampered)
    {
        var (client, _, rdvUrl) = await BookAsync(ParisTime(2027, 3, 4, 9));
        var validPage = EditUrl(rdvUrl, Iso(ParisTime(2027, 3, 4, 10)));

        var shown = await client.GetAsync(EditUrl(rdvUrl, tampered));
        shown.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await shown.ReadTextAsync()).Should().NotContain("id=\"confirm-move\"").And.Contain("La date de votre RDV reste le jeudi 4 mars 2027 à 09h00");

        // The hidden field edited by hand on a genuine confirmation page.
        var posted = await client.PostFormAsync(validPage, [new("starts_at", tampered)]);
        posted.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await ScalarAsync($"select count(*) from booking.rdvs where starts_at = '{Iso(ParisTime(2027, 3, 4, 9))}'")).Should().Be(1);
    }

    [TestCase("pas-une-date", null)]
    [TestCase("", "Choisissez un créneau dans la liste.")]
    public async Task Move_MalformedOrMissingStart_Is400InFrench_AndMovesNothing(string value, string? message)
    {
        var (client, _, rdvUrl) = await BookAsync(ParisTime(2027, 3, 4, 9));

        var shown = await client.GetAsync(EditUrl(rdvUrl, value));
        shown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        if (message is not null) (await shown.ReadTextAsync()).Should().Contain(message);
        var posted = await client.PostFormAsync(EditUrl(rdvUrl, Iso(ParisTime(2027, 3, 4, 10))), [new("starts_at", value)]);
        posted.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ScalarAsync($"select count(*) from booking.rdvs where starts_at = '{Iso(ParisTime(2027, 3, 4, 9))}'")).Should().Be(1);
    }

    [Test]
    public async Task CancelledRdv_IsListedUnderPastAndCancelled_NotUpcoming_AndOffersNoAction()
    {
        var (client, _, rdvUrl) = await BookAsync(ParisTime(2027, 3, 4, 9));
        var cancelPage = await client.GetTextAsync(rdvUrl + "/annuler");
        CountOf(cancelPage, "Annuler le RDV</a>").Should().Be(0, "the card on the cancellation page carries no second cancel button");
        CountOf(cancelPage, "id=\"confirm-cancel\"").Should().Be(1);

        (await client.PostFormAsync(rdvUrl + "/annuler", [])).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var upcoming = await client.GetTextAsync("/users/rdvs");
        upcoming.Should().NotContain("jeudi 4 mars 2027 à 09h00").And.Contain("Vous n'avez pas de rendez-vous à venir.");
        var past = await client.GetTextAsync("/users/rdvs?past=1");
        past.Should().Contain("jeudi 4 mars 2027 à 09h00").And.Contain(">Annulé</p>");
        past.Should().NotContain("rdv-cancel").And.NotContain("rdv-move").And.NotContain("n'est pas annulable en ligne");
        (await client.GetTextAsync(rdvUrl)).Should().NotContain("rdv-cancel").And.NotContain("rdv-move");
    }

    [Test]
    public async Task LeftCollectiveRdv_IsListedUnderPastAndCancelled_WithoutCancelButton()
    {
        var collectiveMotif = await World.AddMotifAsync("Atelier parentalité", collectif: true);
        var rdvId = await World.AddCollectiveRdvAsync(collectiveMotif, AgentId, ParisTime(2027, 3, 10, 14), capacity: 5);
        var usager = await World.AddUsagerAsync("camille@example.fr");
        var client = await Factory.SignedInClientAsync("camille@example.fr");
        (await client.PostFormAsync($"/users/rdv_wizard_step?step=3&motif_id={collectiveMotif}&rdv_collectif_id={rdvId}&participant_ids={usager}", [])).StatusCode.Should().Be(HttpStatusCode.Redirect);

        (await client.PostFormAsync($"/users/rdvs/{rdvId}/annuler", [])).StatusCode.Should().Be(HttpStatusCode.Redirect);

        (await client.GetTextAsync("/users/rdvs")).Should().NotContain($"data-rdv-id=\"{rdvId}\"");
        var past = await client.GetTextAsync("/users/rdvs?past=1");
        past.Should().Contain($"data-rdv-id=\"{rdvId}\"").And.Contain("Participation annulée").And.NotContain("Annuler votre participation");
    }

    [Test]
    public async Task AccountDeletion_CancelsTheFamilysUpcomingRdvs_FreesTheSlots_AndLeavesPastOnesAlone()
    {
        var (client, usager, rdvUrl) = await BookAsync(ParisTime(2027, 3, 2, 9));
        var ownRdv = long.Parse(rdvUrl.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var relative = await World.AddUsagerAsync("", "Tom", "Durand", responsibleId: usager);
        var relativeRdv = long.Parse((await client.PostFormAsync(WizardUrl(3, ParisTime(2027, 3, 3, 9), relative), [])).Headers.Location!.ToString().Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var pastRdv = long.Parse((await client.PostFormAsync(WizardUrl(3, ParisTime(2027, 3, 2, 10), usager), [])).Headers.Location!.ToString().Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        // Seed a past rdv: the wizard only books the future.
        await ScalarAsync($"update booking.rdvs set starts_at = '2027-02-22T08:00:00Z', ends_at = '2027-02-22T08:30:00Z' where id = {pastRdv} returning id");
        using var search = Factory.CreateClient();
        var freedSlot = $"starts_at={Uri.EscapeDataString(Iso(ParisTime(2027, 3, 2, 9)))}";
        (await search.GetTextAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, GridUrl, World.LieuId))).Should().NotContain(freedSlot);

        var warning = await client.GetTextAsync("/users/informations/delete");
        warning.Should().Contain("Vos rendez-vous à venir seront annulés et les créneaux libérés")
            .And.Contain("mardi 2 mars 2027 à 09h00").And.Contain("mercredi 3 mars 2027 à 09h00");

        var deleted = await client.PostFormAsync("/users/informations/delete", []);

        deleted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        foreach (var id in new[] { ownRdv, relativeRdv })
        {
            (await ScalarAsync($"select count(*) from booking.rdvs where id = {id} and status = 'excused' and cancelled_at = '{Iso(Now)}' and users_count = 0")).Should().Be(1);
            (await ScalarAsync($"select count(*) from booking.participations where rdv_id = {id} and status <> 'excused'")).Should().Be(0);
            (await ScalarAsync($"select count(*) from booking.agents_rdvs where rdv_id = {id} and exclusive")).Should().Be(0, "the agent's time is free again");
        }
        (await ScalarAsync($"select count(*) from booking.rdvs where id = {pastRdv} and status = 'unknown' and cancelled_at is null")).Should().Be(1, "past rdvs stay as they were");
        (await ScalarAsync($"select count(*) from booking.participations where rdv_id = {pastRdv} and status = 'unknown'")).Should().Be(1);
        (await search.GetTextAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, GridUrl, World.LieuId))).Should().Contain(freedSlot, "the slot is offered again in the search");
    }

    [Test]
    public async Task AccountDeletion_LeavesACollectiveRdv_FreesTheSeat_ButKeepsTheWorkshopForOthers()
    {
        var collectiveMotif = await World.AddMotifAsync("Atelier parentalité", collectif: true);
        var rdvId = await World.AddCollectiveRdvAsync(collectiveMotif, AgentId, ParisTime(2027, 3, 10, 14), capacity: 5);
        var usager = await World.AddUsagerAsync("camille@example.fr");
        var other = await World.AddUsagerAsync("autre@example.fr", "Alex", "Autre");
        var client = await Factory.SignedInClientAsync("camille@example.fr");
        var otherClient = await Factory.SignedInClientAsync("autre@example.fr");
        var join = $"/users/rdv_wizard_step?step=3&motif_id={collectiveMotif}&rdv_collectif_id={rdvId}";
        (await client.PostFormAsync($"{join}&participant_ids={usager}", [])).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await otherClient.PostFormAsync($"{join}&participant_ids={other}", [])).StatusCode.Should().Be(HttpStatusCode.Redirect);

        (await client.PostFormAsync("/users/informations/delete", [])).StatusCode.Should().Be(HttpStatusCode.Redirect);

        (await ScalarAsync($"select count(*) from booking.participations where rdv_id = {rdvId} and user_id = {usager} and status = 'excused'")).Should().Be(1);
        (await ScalarAsync($"select count(*) from booking.participations where rdv_id = {rdvId} and user_id = {other} and status = 'unknown'")).Should().Be(1);
        (await ScalarAsync($"select count(*) from booking.rdvs where id = {rdvId} and status = 'unknown' and cancelled_at is null and users_count = 1")).Should().Be(1);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}

/// <summary>Account deletion with its last step failing: nothing of it may remain.</summary>
[TestFixture]
public sealed class AccountDeletionAtomicityTests : JourneyFixture
{
    protected override RdvspWebFactory Configure(RdvspWebFactory factory) => factory.WithServices(services =>
    {
        var store = services.Last(d => d.ServiceType == typeof(ISessionStore));
        services.Add(new ServiceDescriptor(store.ImplementationType!, store.ImplementationType!, store.Lifetime));
        services.Add(new ServiceDescriptor(typeof(ISessionStore), sp => new SessionsThatCannotEndAll((ISessionStore)sp.GetRequiredService(store.ImplementationType!)), store.Lifetime));
    });

    [Test]
    public async Task AccountDeletion_IsOneTransaction_AFailureLeavesAccountAndRdvsAsTheyWere()
    {
        var usager = await World.AddUsagerAsync("camille@example.fr");
        var client = await Factory.SignedInClientAsync("camille@example.fr");
        (await client.PostFormAsync(WizardUrl(3, ParisTime(2027, 3, 2, 9), usager), [])).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var deleted = await client.PostFormAsync("/users/informations/delete", []);

        deleted.StatusCode.Should().Be(HttpStatusCode.InternalServerError, "the last step of the deletion failed");
        (await ScalarAsync($"select count(*) from usagers.users where id = {usager} and deleted_at is null and first_name = 'Camille'")).Should().Be(1);
        (await ScalarAsync("select count(*) from booking.rdvs where status = 'unknown' and cancelled_at is null")).Should().Be(1);
        (await ScalarAsync("select count(*) from booking.agents_rdvs where exclusive")).Should().Be(1);
    }

    /// <summary>Ends no session in bulk: makes the account deletion fail at its last step.</summary>
    private sealed class SessionsThatCannotEndAll(ISessionStore inner) : ISessionStore
    {
        public Task<string> OpenAsync(SessionActor actor, long actorId, TimeSpan idleTimeout, CancellationToken cancellationToken) => inner.OpenAsync(actor, actorId, idleTimeout, cancellationToken);

        public Task<bool> IsOpenAsync(string sessionId, TimeSpan idleTimeout, CancellationToken cancellationToken) => inner.IsOpenAsync(sessionId, idleTimeout, cancellationToken);

        public Task EndAsync(string sessionId, CancellationToken cancellationToken) => inner.EndAsync(sessionId, cancellationToken);

        public Task EndAllAsync(SessionActor actor, long actorId, string? keepSessionId, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Sessions unavailable (test)");
    }
}
