using System.Net;
using FluentAssertions;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.Booking;

/// <summary>The usager's journey through real pages and forms: book, list, cancel, move.</summary>
[TestFixture]
public sealed class BookingJourneyTests : JourneyFixture
{
    [Test]
    public async Task Book_ThroughTheThreeSteps_ThenListed_ThenCancelled_FreesTheSlot()
    {
        var usager = await World.AddUsagerAsync("camille@example.fr");
        var client = await Factory.SignedInClientAsync("camille@example.fr");
        var slot = ParisTime(2027, 3, 2, 9);

        var step1 = await client.GetAsync(WizardUrl(1, slot));
        step1.StatusCode.Should().Be(HttpStatusCode.OK);
        (await step1.ReadTextAsync()).Should().Contain("Vos informations").And.Contain("mardi 2 mars 2027 à 09h00");
        var step2 = await client.GetTextAsync(WizardUrl(2, slot));
        step2.Should().Contain("Pour qui prenez-vous rendez-vous ?");

        var confirm = await client.PostFormAsync(WizardUrl(3, slot, usager), []);

        confirm.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var rdvUrl = confirm.Headers.Location!.ToString();
        rdvUrl.Should().MatchRegex(@"^/users/rdvs/\d+$");
        (await client.GetTextAsync(rdvUrl)).Should().Contain("Votre rendez-vous a été confirmé.");
        (await client.GetTextAsync("/users/rdvs")).Should().Contain("mardi 2 mars 2027 à 09h00").And.Contain("Consultation prénatale");
        (await CountRdvsAsync("status = 'unknown'")).Should().Be(1);

        var cancel = await client.PostFormAsync(rdvUrl + "/annuler", []);

        cancel.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await client.GetTextAsync(rdvUrl)).Should().Contain("Le RDV a bien été annulé.");
        (await CountRdvsAsync("status = 'excused' and cancelled_at is not null")).Should().Be(1);
        (await client.GetAsync(WizardUrl(1, slot))).StatusCode.Should().Be(HttpStatusCode.OK, "the cancelled rdv no longer blocks its slot");
    }

    [Test]
    public async Task Move_ToAnotherFreeSlot_KeepsOneRdvAtTheNewTime()
    {
        var usager = await World.AddUsagerAsync("camille@example.fr");
        var client = await Factory.SignedInClientAsync("camille@example.fr");
        var booked = await client.PostFormAsync(WizardUrl(3, ParisTime(2027, 3, 4, 9), usager), []);
        var rdvUrl = booked.Headers.Location!.ToString();

        var slots = await client.GetTextAsync(rdvUrl + "/creneaux?date=2027-03-04");
        slots.Should().Contain("jeudi 4 mars 2027 à 10h00");
        var confirmation = $"{rdvUrl}/edit?starts_at={Uri.EscapeDataString(Iso(ParisTime(2027, 3, 4, 10)))}";
        var moved = await client.PostFormAsync(confirmation, [new("starts_at", Iso(ParisTime(2027, 3, 4, 10)))]);

        moved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var page = await client.GetTextAsync(rdvUrl);
        page.Should().Contain("Votre RDV a bien été modifié").And.Contain("jeudi 4 mars 2027 à 10h00");
        (await CountRdvsAsync()).Should().Be(1);
        (await ScalarAsync($"select count(*) from booking.rdvs where starts_at = '{Iso(ParisTime(2027, 3, 4, 10))}'")).Should().Be(1);
    }

    [Test]
    public async Task Move_LessThan48HoursBefore_IsNotOffered()
    {
        var usager = await World.AddUsagerAsync("camille@example.fr");
        var client = await Factory.SignedInClientAsync("camille@example.fr");
        var booked = await client.PostFormAsync(WizardUrl(3, ParisTime(2027, 3, 2, 9), usager), []);
        var rdvUrl = booked.Headers.Location!.ToString();

        (await client.GetTextAsync(rdvUrl)).Should().NotContain("Déplacer le RDV");
        var attempt = await client.GetAsync(rdvUrl + "/creneaux");
        attempt.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await attempt.ReadTextAsync()).Should().Contain("ne peut pas être déplacé en ligne");
    }

    [Test]
    public async Task Cancel_LessThan4HoursBefore_IsRefusedInFrench()
    {
        var usager = await World.AddUsagerAsync("camille@example.fr");
        var client = await Factory.SignedInClientAsync("camille@example.fr");
        var booked = await client.PostFormAsync(WizardUrl(3, ParisTime(2027, 3, 1, 11), usager), []);
        var rdvUrl = booked.Headers.Location!.ToString();

        var refused = await client.PostFormAsync(rdvUrl + "/annuler", []);

        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await refused.ReadTextAsync()).Should().Contain("n'est pas annulable en ligne");
        (await CountRdvsAsync("status = 'unknown'")).Should().Be(1);
    }

    [Test]
    public async Task Book_ForARelative_IsAllowed_ButNotForAStranger()
    {
        var usager = await World.AddUsagerAsync("camille@example.fr");
        var relative = await World.AddUsagerAsync("", "Tom", "Durand", responsibleId: usager);
        var stranger = await World.AddUsagerAsync("autre@example.fr", "Alex", "Autre");
        var client = await Factory.SignedInClientAsync("camille@example.fr");

        var forStranger = await client.PostFormAsync(WizardUrl(3, ParisTime(2027, 3, 2, 9), stranger), [], WizardUrl(3, ParisTime(2027, 3, 2, 9), stranger));
        forStranger.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await forStranger.ReadTextAsync()).Should().Contain("Vous ne pouvez prendre rendez-vous que pour vous-même ou vos proches.");
        (await CountRdvsAsync()).Should().Be(0);

        var forRelative = await client.PostFormAsync(WizardUrl(3, ParisTime(2027, 3, 2, 9), relative), []);
        forRelative.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await ScalarAsync($"select count(*) from booking.participations where user_id = {relative}")).Should().Be(1);
    }

    [Test]
    public async Task Collective_RegisterOnce_PerFamily()
    {
        var collectiveMotif = await World.AddMotifAsync("Atelier parentalité", collectif: true);
        var rdvId = await World.AddCollectiveRdvAsync(collectiveMotif, AgentId, ParisTime(2027, 3, 10, 14), capacity: 5);
        var usager = await World.AddUsagerAsync("camille@example.fr");
        var relative = await World.AddUsagerAsync("", "Tom", "Durand", responsibleId: usager);
        var client = await Factory.SignedInClientAsync("camille@example.fr");
        var url = $"/users/rdv_wizard_step?step=3&motif_id={collectiveMotif}&rdv_collectif_id={rdvId}";

        var first = await client.PostFormAsync($"{url}&participant_ids={usager}", []);
        var second = await client.PostFormAsync($"{url}&participant_ids={relative}", []);

        first.StatusCode.Should().Be(HttpStatusCode.Redirect);
        second.StatusCode.Should().Be(HttpStatusCode.Redirect, "joining with another family member replaces the first one");
        (await ScalarAsync($"select count(*) from booking.participations where rdv_id = {rdvId} and status = 'unknown'")).Should().Be(1);
        (await ScalarAsync($"select users_count from booking.rdvs where id = {rdvId}")).Should().Be(1);
    }
}
